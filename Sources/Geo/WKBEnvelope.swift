/// The envelope of a Polygon or MultiPolygon read straight from its Well-Known Binary, without building the
/// geometry: what deciding which of many polygons lie in a box needs, where parsing each with GEOS (a map
/// tests every province against its view) was most of the cost.
///
/// It is GEOS's own envelope, to the bit: GEOS bounds a polygon by its exterior ring alone (holes lie inside
/// it), a MultiPolygon by its polygons' envelopes, and an empty geometry has none; each bound is one of the
/// coordinates, so no arithmetic can differ. Anything else (another type, Z or M, a NaN, bytes cut short) is
/// not read here: the caller asks GEOS.
public enum WKBEnvelope {
    /// What the bytes hold.
    public enum Bounds: Equatable, Sendable {
        /// An empty Polygon or MultiPolygon (GEOS gives it no envelope).
        case empty
        case box(Envelope)
    }

    /// The bounds of the 2D Polygon or MultiPolygon in `wkb`; nil when the bytes hold anything else.
    public static func polygonal(_ wkb: UnsafeRawBufferPointer) -> Bounds? {
        var reader = Reader(bytes: wkb)
        guard let type = reader.header() else { return nil }
        var box: Envelope?
        switch type {
        case 3:
            guard reader.polygon(into: &box) else { return nil }
        case 6:
            guard let members = reader.u32() else { return nil }
            for _ in 0..<members {
                guard reader.header() == 3, reader.polygon(into: &box) else { return nil }
            }
        default:
            return nil
        }
        return box.map { .box($0) } ?? .empty
    }

    /// A bounds-checked cursor over the bytes; every read answers nil rather than step past the end.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at = 0
        var littleEndian = true

        /// The byte order and the plain 2D type number (1...7); nil for Z, M, an SRID or a byte order that is
        /// neither.
        mutating func header() -> UInt32? {
            guard at < bytes.count, bytes[at] <= 1 else { return nil }
            littleEndian = bytes[at] == 1
            at += 1
            guard let type = u32(), (1...7).contains(type) else { return nil }
            return type
        }

        /// A polygon's rings, its exterior ring's coordinates widening `box`; false when the bytes do not hold one.
        mutating func polygon(into box: inout Envelope?) -> Bool {
            guard let rings = u32() else { return false }
            for ring in 0..<rings {
                guard let points = u32(), Int(points) <= (bytes.count - at) / 16 else { return false }
                if ring == 0 {
                    for _ in 0..<points {
                        guard let x = double(), let y = double(), !x.isNaN, !y.isNaN else { return false }
                        // As GEOS widens an envelope: a bound moves only for a strictly smaller or larger value.
                        guard var b = box else { box = Envelope(minX: x, minY: y, maxX: x, maxY: y); continue }
                        if x < b.minX { b.minX = x }
                        if x > b.maxX { b.maxX = x }
                        if y < b.minY { b.minY = y }
                        if y > b.maxY { b.maxY = y }
                        box = b
                    }
                } else {
                    at += Int(points) * 16
                }
            }
            return true
        }

        mutating func u32() -> UInt32? {
            guard bytes.count - at >= 4 else { return nil }
            let v = bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)
            at += 4
            return littleEndian ? UInt32(littleEndian: v) : UInt32(bigEndian: v)
        }

        mutating func double() -> Double? {
            guard bytes.count - at >= 8 else { return nil }
            let v = bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)
            at += 8
            return Double(bitPattern: littleEndian ? UInt64(littleEndian: v) : UInt64(bigEndian: v))
        }
    }
}
