/// Checks the structure of Well-Known Binary before GEOS reads it: every count fits in the bytes that follow,
/// and collections nest at most `maxNesting` deep.
///
/// GEOS reads WKB, and later walks geometries (area, validity, predicates), by recursing once per level of
/// collection: a 213 KB GeoPackage blob nesting 20,000 GeometryCollections overflowed the stack (SIGSEGV)
/// before any error could be reported. Real data nests one level (a MultiPolygon; a GeometryCollection of
/// them is two), so a cap of 32 costs nothing real and keeps GEOS's recursion a few kilobytes of stack on any
/// thread. The walk here is iterative (an explicit stack no deeper than the cap), and every length is checked
/// against what is left before it is used, so no input makes it read out of bounds, overflow or run long:
/// it is linear in the number of geometry headers, which the length checks bound by the input's size.
public enum WKBStructure {
    /// How deep collections (Multi* and GeometryCollection) may nest: a MultiPolygon is 1, a
    /// GeometryCollection holding one is 2.
    public static let maxNesting = 32

    /// Throws `GeoError.wkb` naming what is wrong when `wkb` is not one complete geometry within the cap
    /// (bytes after it are left to GEOS, which ignores them). Returns the deepest nesting found.
    @discardableResult
    public static func check(_ wkb: UnsafeRawBufferPointer) throws -> Int {
        var reader = Reader(bytes: wkb)
        // Members still to read at each open collection level.
        var pending: [UInt32] = []
        var deepest = 0
        repeat {
            if let last = pending.last {
                if last == 0 { pending.removeLast(); continue }
                pending[pending.count - 1] = last - 1
            }
            let header = try reader.header()
            switch header.type {
            case 1:  // Point
                try reader.skip(points: 1, of: header.dimensions)
            case 2:  // LineString
                try reader.skip(points: try reader.count(perItem: 8 * header.dimensions, what: "points"), of: header.dimensions)
            case 3:  // Polygon
                let rings = try reader.count(perItem: 4, what: "rings")
                for _ in 0..<rings {
                    try reader.skip(points: try reader.count(perItem: 8 * header.dimensions, what: "points"), of: header.dimensions)
                }
            case 4, 5, 6, 7:  // MultiPoint, MultiLineString, MultiPolygon, GeometryCollection
                // Each member has at least a byte order and a type.
                let members = try reader.count(perItem: 5, what: "members")
                guard pending.count < maxNesting else {
                    throw GeoError.wkb("geometry collections nest more than \(maxNesting) levels deep (at most \(maxNesting) are read)")
                }
                pending.append(UInt32(members))
                deepest = max(deepest, pending.count)
            default:
                throw GeoError.wkb("unknown WKB geometry type \(header.type)")
            }
        } while !pending.isEmpty
        return deepest
    }

    /// A bounds-checked cursor over the bytes.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var at = 0
        var littleEndian = true

        /// A geometry's byte order and type: its base type (1...7) and coordinates per point (2, 3 or 4). The
        /// type number is read as GEOS 3.11 reads it, so that both walk the same structure: the low 16 bits
        /// hold the ISO type (1000s Z, 2000s M, 3000s ZM), the top bits EWKB's Z and M flags (either way of
        /// saying Z gives one Z) and whether an SRID follows. What GEOS would read some other way (other bits
        /// set, an ISO range past 3000) is refused here.
        mutating func header() throws -> (type: UInt32, dimensions: Int) {
            guard at < bytes.count else { throw GeoError.wkb("ends before a geometry at byte \(at)") }
            switch bytes[at] {
            case 0: littleEndian = false
            case 1: littleEndian = true
            default: throw GeoError.wkb("byte order \(bytes[at]) at byte \(at) is neither 0 nor 1")
            }
            at += 1
            let typeAt = at
            let raw = try u32()
            let iso = raw & 0xFFFF
            guard raw & 0x1FFF_0000 == 0, iso / 1000 <= 3, (1...7).contains(iso % 1000) else {
                throw GeoError.wkb("unknown WKB geometry type \(raw) at byte \(typeAt)")
            }
            let hasZ = raw & 0x8000_0000 != 0 || iso / 1000 == 1 || iso / 1000 == 3
            let hasM = raw & 0x4000_0000 != 0 || iso / 1000 == 2 || iso / 1000 == 3
            if raw & 0x2000_0000 != 0 { _ = try u32() }  // EWKB SRID
            return (iso % 1000, 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0))
        }

        /// A count of items of at least `perItem` bytes each, which must fit in what is left.
        mutating func count(perItem: Int, what: String) throws -> Int {
            let n = Int(try u32())
            guard n <= (bytes.count - at) / perItem else {
                throw GeoError.wkb("\(n) \(what) do not fit in the \(bytes.count - at) bytes left at byte \(at - 4)")
            }
            return n
        }

        mutating func skip(points: Int, of dimensions: Int) throws {
            let size = points * 8 * dimensions
            guard size <= bytes.count - at else {
                throw GeoError.wkb("\(points) point\(points == 1 ? " does" : "s do") not fit in the \(bytes.count - at) bytes left at byte \(at)")
            }
            at += size
        }

        mutating func u32() throws -> UInt32 {
            guard bytes.count - at >= 4 else { throw GeoError.wkb("ends inside a number at byte \(at)") }
            let v = bytes.loadUnaligned(fromByteOffset: at, as: UInt32.self)
            at += 4
            return littleEndian ? UInt32(littleEndian: v) : UInt32(bigEndian: v)
        }
    }
}
