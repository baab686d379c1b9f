import Geo

/// The GeoPackage geometry blob (OGC 12-128r18 §2.1.3): "GP", version, flags, srs_id, optional envelope,
/// then standard WKB. This type reads the header and hands the WKB to GEOS.
enum GeoPackageBinary {
    /// Envelope sizes in bytes for the flag's envelope indicator 0...4 (none, xy, xyz, xym, xyzm).
    private static let envelopeSizes = [0, 32, 48, 48, 64]

    /// Parses the blob; nil when the header marks the geometry empty.
    static func geometry(from blob: UnsafeRawBufferPointer, context: GEOSContext) throws -> Geometry? {
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
    static func point(_ c: Coordinate, srsID: Int32 = 4326) -> [UInt8] {
        var out: [UInt8] = [0x47, 0x50, 0, 0b0000_0001]
        withUnsafeBytes(of: srsID.littleEndian) { out += $0 }
        out += [1, 1, 0, 0, 0]  // little-endian WKB, type 1 (Point)
        withUnsafeBytes(of: c.x.bitPattern.littleEndian) { out += $0 }
        withUnsafeBytes(of: c.y.bitPattern.littleEndian) { out += $0 }
        return out
    }
}
