import CGEOS

/// Reading a geometry's structure: type, parts, rings and coordinates.
extension Geometry {
    public var type: GeometryType {
        let id = GEOSGeomTypeId_r(context.handle, handle)
        return GeometryType(rawValue: id) ?? .geometryCollection
    }

    public var isEmpty: Bool {
        GEOSisEmpty_r(context.handle, handle) == 1
    }

    /// Number of parts of a multi-geometry or collection (1 for a single geometry).
    public var numberOfGeometries: Int {
        Int(GEOSGetNumGeometries_r(context.handle, handle))
    }

    /// A copy of part `index` of a multi-geometry or collection.
    public func geometry(at index: Int) throws -> Geometry {
        guard index >= 0 && index < numberOfGeometries else {
            throw GeoError.invalidArgument("part \(index) out of range 0..<\(numberOfGeometries)")
        }
        let part = try context.checked("get part") { GEOSGetGeometryN_r(context.handle, handle, Int32(index)) }
        return try Geometry(cloning: part, context: context)
    }

    /// Copies of every part (the geometry itself when it is not a collection).
    public func parts() throws -> [Geometry] {
        try (0..<numberOfGeometries).map { try geometry(at: $0) }
    }

    /// The exterior ring of a polygon, as coordinates.
    public func exteriorRing() throws -> [Coordinate] {
        guard type == .polygon else { throw GeoError.invalidArgument("exteriorRing needs a Polygon, not \(type.name)") }
        let ring = try context.checked("exterior ring") { GEOSGetExteriorRing_r(context.handle, handle) }
        return try Geometry.coordinates(ofBorrowed: ring, context: context)
    }

    /// The holes of a polygon, each as coordinates.
    public func interiorRings() throws -> [[Coordinate]] {
        guard type == .polygon else { throw GeoError.invalidArgument("interiorRings needs a Polygon, not \(type.name)") }
        let count = GEOSGetNumInteriorRings_r(context.handle, handle)
        guard count >= 0 else { throw context.failure("interior ring count") }
        return try (0..<count).map { i in
            let ring = try context.checked("interior ring") { GEOSGetInteriorRingN_r(context.handle, handle, i) }
            return try Geometry.coordinates(ofBorrowed: ring, context: context)
        }
    }

    /// The coordinates of a Point, LineString or LinearRing.
    public func coordinates() throws -> [Coordinate] {
        switch type {
        case .point, .lineString, .linearRing:
            return try Geometry.coordinates(ofBorrowed: handle, context: context)
        default:
            throw GeoError.invalidArgument("coordinates needs a Point, LineString or LinearRing, not \(type.name)")
        }
    }

    static func coordinates(ofBorrowed geometry: OpaquePointer, context: GEOSContext) throws -> [Coordinate] {
        if GEOSisEmpty_r(context.handle, geometry) == 1 { return [] }
        let seq = try context.checked("coordinate sequence") { GEOSGeom_getCoordSeq_r(context.handle, geometry) }
        var size: UInt32 = 0
        try context.status("coordinate sequence size") { GEOSCoordSeq_getSize_r(context.handle, seq, &size) }
        var result = [Coordinate](repeating: Coordinate(x: 0, y: 0), count: Int(size))
        try context.status("copy coordinates") {
            result.withUnsafeMutableBytes { raw in
                GEOSCoordSeq_copyToBuffer_r(context.handle, seq, raw.bindMemory(to: Double.self).baseAddress, 0, 0)
            }
        }
        return result
    }
}
