import CGEOS

/// How buffer corners are joined (GEOS's `GEOSBufJoinStyles`).
public enum BufferJoinStyle: Int32, Sendable {
    case round = 1, mitre = 2, bevel = 3
}

/// How buffer line ends are capped (GEOS's `GEOSBufCapStyles`).
public enum BufferCapStyle: Int32, Sendable {
    case round = 1, flat = 2, square = 3
}

/// Overlay and constructive operations. Each returns a new geometry.
extension Geometry {
    public func boundary() throws -> Geometry {
        try derive("boundary") { GEOSBoundary_r($0, $1) }
    }

    public func intersection(_ other: Geometry) throws -> Geometry {
        try combine(other, "intersection") { GEOSIntersection_r($0, $1, $2) }
    }

    public func union(_ other: Geometry) throws -> Geometry {
        try combine(other, "union") { GEOSUnion_r($0, $1, $2) }
    }

    public func difference(_ other: Geometry) throws -> Geometry {
        try combine(other, "difference") { GEOSDifference_r($0, $1, $2) }
    }

    /// The union of all parts of this geometry (dissolves a collection).
    public func unaryUnion() throws -> Geometry {
        try derive("unary union") { GEOSUnaryUnion_r($0, $1) }
    }

    /// The union of all the given geometries (one context).
    public static func union(of parts: [Geometry], context: GEOSContext) throws -> Geometry {
        try collection(.geometryCollection, parts, context: context).unaryUnion()
    }

    /// Sews connected line parts into the longest possible lines.
    public func lineMerge() throws -> Geometry {
        try derive("line merge") { GEOSLineMerge_r($0, $1) }
    }

    /// A point guaranteed to lie in the interior of the geometry.
    public func pointOnSurface() throws -> Geometry {
        try derive("point on surface") { GEOSPointOnSurface_r($0, $1) }
    }

    public func centroid() throws -> Geometry {
        try derive("centroid") { GEOSGetCentroid_r($0, $1) }
    }

    /// Planar buffer. `quadrantSegments` is the number of segments per quarter circle (GEOS default 8,
    /// which leaves a circle's area about 0.64% short; use 32 or more where area matters).
    public func buffer(distance: Double, quadrantSegments: Int = 8, joinStyle: BufferJoinStyle = .round,
                       capStyle: BufferCapStyle = .round, mitreLimit: Double = 5.0) throws -> Geometry {
        let params = try context.checked("buffer parameters") { GEOSBufferParams_create_r(context.handle) }
        defer { GEOSBufferParams_destroy_r(context.handle, params) }
        try context.status("buffer quadrant segments") {
            GEOSBufferParams_setQuadrantSegments_r(context.handle, params, Int32(quadrantSegments))
        }
        try context.status("buffer join style") { GEOSBufferParams_setJoinStyle_r(context.handle, params, joinStyle.rawValue) }
        try context.status("buffer cap style") { GEOSBufferParams_setEndCapStyle_r(context.handle, params, capStyle.rawValue) }
        try context.status("buffer mitre limit") { GEOSBufferParams_setMitreLimit_r(context.handle, params, mitreLimit) }
        return try derive("buffer") { GEOSBufferWithParams_r($0, $1, params, distance) }
    }

    /// Douglas-Peucker simplification; `preserveTopology` keeps polygons valid (slower).
    public func simplify(tolerance: Double, preserveTopology: Bool = true) throws -> Geometry {
        if preserveTopology {
            return try derive("simplify") { GEOSTopologyPreserveSimplify_r($0, $1, tolerance) }
        }
        return try derive("simplify") { GEOSSimplify_r($0, $1, tolerance) }
    }

    /// The polygons that the given lines enclose (the lines must be noded: they meet only at their ends).
    public static func polygonize(_ lines: [Geometry], context: GEOSContext) throws -> [Geometry] {
        for line in lines { try context.requireSame(line.context) }
        var handles: [OpaquePointer?] = lines.map { $0.handle }
        let result = try context.checked("polygonize") { handles.withUnsafeMutableBufferPointer { GEOSPolygonize_r(context.handle, $0.baseAddress, UInt32($0.count)) } }
        return try Geometry(owning: result, context: context).polygons()
    }

    /// The geometry on a grid of `gridSize` (e.g. 1e-7 degrees, the 7 decimals GeoJSON keeps), kept valid:
    /// GEOS's precision reducer, which rebuilds what rounding would make cross or collapse.
    public func reducedPrecision(gridSize: Double) throws -> Geometry {
        try derive("precision reduction") { GEOSGeom_setPrecision_r($0, $1, gridSize, 0) }
    }

    /// Adds vertices so that no segment is longer than `tolerance`.
    public func densify(tolerance: Double) throws -> Geometry {
        try derive("densify") { GEOSDensify_r($0, $1, tolerance) }
    }

    /// Planar intersects test (not prepared: for one-off use).
    public func intersects(_ other: Geometry) throws -> Bool {
        try requireSameContext(other)
        return try context.predicate("intersects") { GEOSIntersects_r(context.handle, handle, other.handle) }
    }

    /// Exact structural equality of vertices (same order, same values).
    public func equalsExact(_ other: Geometry, tolerance: Double = 0) throws -> Bool {
        try requireSameContext(other)
        return try context.predicate("equals exact") { GEOSEqualsExact_r(context.handle, handle, other.handle, tolerance) }
    }

    /// A copy in GEOS's normal form (rings and parts in a canonical order), for deterministic output.
    public func normalized() throws -> Geometry {
        let copy = try clone()
        try context.status("normalize") { GEOSNormalize_r(context.handle, copy.handle) == 0 ? 1 : 0 }
        return copy
    }
}
