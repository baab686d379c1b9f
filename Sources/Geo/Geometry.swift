import CGEOS

/// A GEOS geometry: owns exactly one `GEOSGeometry*` and destroys it once, in `deinit`.
///
/// Geometries are immutable: every operation returns a new `Geometry`. A geometry keeps the context it was
/// made with alive and must only be used on that context's thread.
public final class Geometry {
    public let context: GEOSContext
    let handle: OpaquePointer

    /// Takes ownership of a handle GEOS gave us (the caller must not free it).
    init(owning handle: OpaquePointer, context: GEOSContext) {
        self.handle = handle
        self.context = context
    }

    /// Copies a geometry GEOS only lends us (e.g. a ring or part inside another geometry).
    convenience init(cloning borrowed: OpaquePointer, context: GEOSContext) throws {
        let copy = try context.checked("clone") { GEOSGeom_clone_r(context.handle, borrowed) }
        self.init(owning: copy, context: context)
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, handle)
    }

    /// An independent copy with its own handle.
    public func clone() throws -> Geometry {
        try Geometry(cloning: handle, context: context)
    }

    /// Wraps a GEOS call that returns a new geometry or NULL.
    func derive(_ operation: String, _ body: (GEOSContextHandle_t, OpaquePointer) -> OpaquePointer?) throws -> Geometry {
        let result = try context.checked(operation) { body(context.handle, handle) }
        return Geometry(owning: result, context: context)
    }

    /// Wraps a binary GEOS operation; both geometries must share a context (one thread).
    func combine(_ other: Geometry, _ operation: String,
                 _ body: (GEOSContextHandle_t, OpaquePointer, OpaquePointer) -> OpaquePointer?) throws -> Geometry {
        try requireSameContext(other)
        return try derive(operation) { body($0, $1, other.handle) }
    }

    func requireSameContext(_ other: Geometry) throws {
        try context.requireSame(other.context)
    }
}

/// The kinds of geometry GEOS knows (its `GEOSGeomTypes`).
public enum GeometryType: Int32, Sendable {
    case point = 0, lineString, linearRing, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection

    public var name: String {
        switch self {
        case .point: return "Point"
        case .lineString: return "LineString"
        case .linearRing: return "LinearRing"
        case .polygon: return "Polygon"
        case .multiPoint: return "MultiPoint"
        case .multiLineString: return "MultiLineString"
        case .multiPolygon: return "MultiPolygon"
        case .geometryCollection: return "GeometryCollection"
        }
    }
}
