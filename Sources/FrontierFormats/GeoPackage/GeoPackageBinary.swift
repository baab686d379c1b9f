import Geo
import FrontierBase

/// The GeoPackage geometry blob (OGC 12-128r18 §2.1.3): "GP", version, flags, srs_id, optional envelope,
/// then standard WKB. This type reads the header and hands the WKB to GEOS.
package enum GeoPackageBinary {
    /// Envelope sizes in bytes for the flag's envelope indicator 0...4 (none, xy, xyz, xym, xyzm).
    private static let envelopeSizes = [0, 32, 48, 48, 64]

    /// Parses the blob; nil when the header marks the geometry empty.
    package static func geometry(from blob: UnsafeRawBufferPointer, context: GEOSContext) throws -> Geometry? {
        guard blob.count >= 8, blob[0] == 0x47, blob[1] == 0x50 else {
            throw FrontierError.badGeometry(reason: "not a GeoPackage geometry blob (no 'GP' magic)")
        }
        let flags = blob[3]
        guard flags & 0b0010_0000 == 0 else {
            throw FrontierError.badGeometry(reason: "extended GeoPackage geometry types are not supported")
        }
        let indicator = Int((flags >> 1) & 0b111)
        guard indicator < envelopeSizes.count else {
            throw FrontierError.badGeometry(reason: "invalid envelope indicator \(indicator) in GeoPackage geometry header")
        }
        let headerSize = 8 + envelopeSizes[indicator]
        guard blob.count > headerSize else {
            if flags & 0b0001_0000 != 0 { return nil }
            throw FrontierError.badGeometry(reason: "GeoPackage geometry blob is truncated (\(blob.count) bytes)")
        }
        if flags & 0b0001_0000 != 0 { return nil }  // empty geometry flag
        return try Geometry(wkb: UnsafeRawBufferPointer(rebasing: blob[headerSize...]), context: context)
    }

    /// Encodes a geometry as a GeoPackage blob: version 0, little-endian, srs_id, an xy envelope (omitted
    /// for points, where it would only repeat the coordinates), then WKB.
    static func encode(_ geometry: Geometry, srsID: Int32 = 4326) throws -> [UInt8] {
        let isPoint = geometry.type == .point
        let empty = geometry.isEmpty
        var flags: UInt8 = 0b0000_0001  // little-endian header values
        if empty { flags |= 0b0001_0000 } else if !isPoint { flags |= 0b0000_0010 }
        var out: [UInt8] = [0x47, 0x50, 0, flags]
        withUnsafeBytes(of: srsID.littleEndian) { out += $0 }
        if !empty, !isPoint, let e = try geometry.envelope() {
            for v in [e.minX, e.maxX, e.minY, e.maxY] { withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 } }
        }
        return out + (try geometry.wkb())
    }

    /// A point blob written directly (no GEOS round trip): header without envelope, then 2D WKB.
    package static func point(_ c: Coordinate, srsID: Int32 = 4326) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(pointSize)
        appendPoint(c, srsID: srsID, to: &out)
        return out
    }

    /// The size of a `point` blob in bytes.
    package static let pointSize = 29

    /// Appends the `point` blob to `out` (an import writes it into the row it binds).
    package static func appendPoint(_ c: Coordinate, srsID: Int32 = 4326, to out: inout [UInt8]) {
        // "GP", version 0, flags: little-endian, no envelope. Byte by byte: this runs once per imported row.
        out.append(0x47); out.append(0x50); out.append(0); out.append(0b0000_0001)
        withUnsafeBytes(of: srsID.littleEndian) { out.append(contentsOf: $0) }
        // Little-endian WKB, type 1 (Point).
        out.append(1); out.append(1); out.append(0); out.append(0); out.append(0)
        withUnsafeBytes(of: c.x.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: c.y.bitPattern.littleEndian) { out.append(contentsOf: $0) }
    }

    /// The blob's box (minX, maxX, minY, maxY) without GEOS: the header's envelope when it has one, else a
    /// WKB Point's coordinates (GeoPackage writers omit the envelope of points). Nil for an empty geometry
    /// and for anything else without an envelope (not a point layer's geometry). What the R-tree triggers'
    /// ST_MinX … ST_MaxY read.
    package static func box(of blob: UnsafeRawBufferPointer) -> (minX: Double, maxX: Double, minY: Double, maxY: Double)? {
        guard let flags = headerFlags(blob), flags & 0b0001_0000 == 0 else { return nil }
        let indicator = Int((flags >> 1) & 0b111)
        guard indicator < envelopeSizes.count else { return nil }
        if indicator > 0 {
            let le = flags & 1 == 1
            guard let a = double(blob, at: 8, littleEndian: le), let b = double(blob, at: 16, littleEndian: le),
                  let c = double(blob, at: 24, littleEndian: le), let d = double(blob, at: 32, littleEndian: le) else { return nil }
            return (a, b, c, d)
        }
        guard let (x, y) = point(blob), !x.isNaN, !y.isNaN else { return nil }
        return (x, x, y, y)
    }

    /// True when the blob holds no geometry: not a GeoPackage blob, the header's empty flag, or a Point with
    /// a NaN coordinate (WKB's empty point is NaN, NaN).
    package static func isEmpty(_ blob: UnsafeRawBufferPointer) -> Bool {
        guard let flags = headerFlags(blob) else { return true }
        if flags & 0b0001_0000 != 0 { return true }
        guard let (x, y) = point(blob) else { return false }
        return x.isNaN || y.isNaN
    }

    /// The flags byte of a blob with the GP magic.
    private static func headerFlags(_ blob: UnsafeRawBufferPointer) -> UInt8? {
        guard blob.count >= 8, blob[0] == 0x47, blob[1] == 0x50 else { return nil }
        return blob[3]
    }

    /// The coordinates of a 2D WKB Point right after an envelope-less header; nil for anything else.
    private static func point(_ blob: UnsafeRawBufferPointer) -> (x: Double, y: Double)? {
        guard (blob[3] >> 1) & 0b111 == 0, blob.count >= 8 + 21 else { return nil }
        let le = blob[8] == 1
        let type = (0..<4).reduce(UInt32(0)) { $0 | UInt32(blob[9 + $1]) << (8 * (le ? $1 : 3 - $1)) }
        guard type == 1, let x = double(blob, at: 13, littleEndian: le), let y = double(blob, at: 21, littleEndian: le) else { return nil }
        return (x, y)
    }

    private static func double(_ blob: UnsafeRawBufferPointer, at offset: Int, littleEndian: Bool) -> Double? {
        guard offset + 8 <= blob.count else { return nil }
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(blob[offset + k]) << (8 * (littleEndian ? k : 7 - k)) }
        return Double(bitPattern: bits)
    }
}
