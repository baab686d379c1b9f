import CGEOS

/// Planar measures, in the units of the coordinates (degrees for lon/lat: use `Geodesic` for metres).
extension Geometry {
    public func area() throws -> Double {
        var value = 0.0
        try context.status("area") { GEOSArea_r(context.handle, handle, &value) }
        return value
    }

    public func length() throws -> Double {
        var value = 0.0
        try context.status("length") { GEOSLength_r(context.handle, handle, &value) }
        return value
    }

    /// Minimum planar distance between two geometries.
    public func distance(to other: Geometry) throws -> Double {
        try requireSameContext(other)
        var value = 0.0
        try context.status("distance") { GEOSDistance_r(context.handle, handle, other.handle, &value) }
        return value
    }

    /// The planar nearest points of two geometries, one of each (this one's first); nil when either is empty.
    public func nearestPoints(_ other: Geometry) throws -> (Coordinate, Coordinate)? {
        try requireSameContext(other)
        if isEmpty || other.isEmpty { return nil }
        let sequence = try context.checked("nearest points") { GEOSNearestPoints_r(context.handle, handle, other.handle) }
        defer { GEOSCoordSeq_destroy_r(context.handle, sequence) }
        var a = Coordinate(x: 0, y: 0), b = Coordinate(x: 0, y: 0)
        try context.status("nearest points") { GEOSCoordSeq_getXY_r(context.handle, sequence, 0, &a.x, &a.y) }
        try context.status("nearest points") { GEOSCoordSeq_getXY_r(context.handle, sequence, 1, &b.x, &b.y) }
        return (a, b)
    }

    /// The bounding box; nil for an empty geometry.
    public func envelope() throws -> Envelope? {
        if isEmpty { return nil }
        var e = Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        try context.status("envelope") { GEOSGeom_getXMin_r(context.handle, handle, &e.minX) }
        try context.status("envelope") { GEOSGeom_getYMin_r(context.handle, handle, &e.minY) }
        try context.status("envelope") { GEOSGeom_getXMax_r(context.handle, handle, &e.maxX) }
        try context.status("envelope") { GEOSGeom_getYMax_r(context.handle, handle, &e.maxY) }
        return e
    }
}
