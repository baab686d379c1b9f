extension Geometry {
    /// This (Multi)Polygon with every ring (exterior and holes) transformed by `transformer`; a coordinate
    /// PROJ cannot transform is an error, never a ring with infinities in it.
    public func transformedPolygons(with transformer: Transformer, direction: Transformer.Direction = .forward) throws -> Geometry {
        let transformed = try polygons().map { polygon -> Geometry in
            var exterior = try polygon.exteriorRing()
            var holes = try polygon.interiorRings()
            var failed = transformer.transform(&exterior, direction: direction)
            for i in holes.indices { failed += transformer.transform(&holes[i], direction: direction) }
            guard failed == 0 else {
                throw GeoError.proj("\(failed) coordinates cannot be transformed from \(transformer.source) to \(transformer.target)")
            }
            return try Geometry.polygon(exterior: exterior, holes: holes, context: context)
        }
        return transformed.count == 1 ? transformed[0] : try Geometry.collection(.multiPolygon, transformed, context: context)
    }
}
