import CGEOS

/// A GEOS prepared geometry: an index over one geometry for many fast predicate tests against it.
///
/// Owns its prepared handle and keeps the base geometry alive (GEOS prepared geometries borrow it).
/// GEOS builds the internal index lazily on the first query, so even "read-only" use from two threads
/// races: one `PreparedGeometry` per thread.
public final class PreparedGeometry {
    public let geometry: Geometry
    private let handle: OpaquePointer
    private var context: GEOSContext { geometry.context }

    public init(_ geometry: Geometry) throws {
        self.geometry = geometry
        let ctx = geometry.context
        self.handle = try ctx.checked("prepare") { GEOSPrepare_r(ctx.handle, geometry.handle) }
    }

    deinit {
        GEOSPreparedGeom_destroy_r(geometry.context.handle, handle)
    }

    /// True when `other` lies in the interior or on the boundary but not only on the boundary.
    public func contains(_ other: Geometry) throws -> Bool {
        try test(other, "prepared contains") { GEOSPreparedContains_r($0, $1, $2) }
    }

    /// True when no point of `other` lies outside (boundary included: a point on an edge is covered).
    public func covers(_ other: Geometry) throws -> Bool {
        try test(other, "prepared covers") { GEOSPreparedCovers_r($0, $1, $2) }
    }

    public func intersects(_ other: Geometry) throws -> Bool {
        try test(other, "prepared intersects") { GEOSPreparedIntersects_r($0, $1, $2) }
    }

    /// True when `other` lies wholly in the interior, touching no boundary.
    public func containsProperly(_ other: Geometry) throws -> Bool {
        try test(other, "prepared contains properly") { GEOSPreparedContainsProperly_r($0, $1, $2) }
    }

    /// True when the probe's point lies in the geometry or on its boundary.
    /// - Throws: `GeoError.invalidArgument` for a probe of another context; `GeoError.geos` when GEOS fails.
    public func covers(_ point: borrowing PointProbe) throws -> Bool {
        let context = self.context
        try context.requireSame(point.context)
        return try context.predicate("prepared covers") { GEOSPreparedCovers_r(context.handle, handle, point.handle) }
    }

    /// Point shortcuts: GEOS 3.11 has no `GEOSPreparedContainsXY_r`, so each makes a point geometry.
    public func covers(_ c: Coordinate) throws -> Bool {
        try covers(PointProbe(c, context: context))
    }

    public func contains(_ c: Coordinate) throws -> Bool {
        try contains(Geometry.point(c, context: context))
    }

    private func test(_ other: Geometry, _ operation: String,
                      _ body: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> CChar) throws -> Bool {
        try geometry.requireSameContext(other)
        return try context.predicate(operation) { body(context.handle, handle, other.handle) }
    }
}
