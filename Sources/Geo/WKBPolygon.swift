/// A polygon of one ring written as 2D little-endian Well-Known Binary without GEOS: the bytes GEOS's
/// writer gives for the same ring (`Geometry.wkb()`, checked in `WKBPolygonTests`), for polygons made in
/// bulk and parsed only if a caller asks for their geometry (a grid's cells: 20,000 GEOS polygons were 16 MB
/// of a 5M-row `hotspots`, whose CSV answer never reads them).
public enum WKBPolygon {
    /// The bytes a polygon of `count` ring points takes.
    public static func size(points count: Int) -> Int { 1 + 4 + 4 + 4 + 16 * count }

    /// Appends the polygon whose exterior ring is `ring` (closed: its last point is its first) to `bytes`.
    public static func append(exterior ring: [Coordinate], to bytes: inout [UInt8]) {
        bytes.append(1)  // little-endian (NDR)
        append(UInt32(3), to: &bytes)  // Polygon
        append(UInt32(1), to: &bytes)  // one ring
        append(UInt32(ring.count), to: &bytes)
        for p in ring {
            append(p.x.bitPattern, to: &bytes)
            append(p.y.bitPattern, to: &bytes)
        }
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
