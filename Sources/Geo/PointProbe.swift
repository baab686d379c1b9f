import CGEOS

/// A point geometry made to ask prepared predicates about one position, destroyed when it goes: a
/// non-copyable value owning its GEOS handle, so making one per incident allocates no Swift object and counts
/// no reference beyond its context's. GEOS 3.11 has no `GEOSPreparedCoversXY_r`; a point geometry is how a
/// position is asked about.
public struct PointProbe: ~Copyable {
    let handle: OpaquePointer
    /// The context that made the point (and destroys it); kept alive as long as the point is.
    let context: GEOSContext

    /// - Throws: `GeoError.geos` when GEOS cannot make the point.
    public init(_ c: Coordinate, context: GEOSContext) throws {
        handle = try context.checked("create point") { GEOSGeom_createPointFromXY_r(context.handle, c.x, c.y) }
        self.context = context
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, handle)
    }
}
