/// Splitting a geometry into its simple parts, through nested collections: what every caller that walks
/// lines or polygons needs, written once.
extension Geometry {
    /// The (Multi)Polygon's polygons; empty for other types.
    public func polygons() throws -> [Geometry] {
        switch type {
        case .polygon: return [self]
        case .multiPolygon, .geometryCollection: return try parts().flatMap { try $0.polygons() }
        default: return []
        }
    }

    /// The line strings of a (Multi)LineString (a ring as a line string); empty parts dropped.
    public func lineStrings() throws -> [Geometry] {
        if isEmpty { return [] }
        switch type {
        case .lineString: return [self]
        case .linearRing: return [try Geometry.lineString(coordinates(), context: context)]
        case .multiLineString, .geometryCollection: return try parts().flatMap { try $0.lineStrings() }
        default: return []
        }
    }

    /// Every line as coordinates: line strings, and the rings of polygons (exterior, then holes).
    public func lines() throws -> [[Coordinate]] {
        switch type {
        case .lineString, .linearRing: return [try coordinates()]
        case .polygon: return [try exteriorRing()] + (try interiorRings())
        case .multiLineString, .multiPolygon, .geometryCollection: return try parts().flatMap { try $0.lines() }
        default: return []
        }
    }
}
