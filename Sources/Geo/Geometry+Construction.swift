import CGEOS

/// Building geometries from coordinates.
extension Geometry {
    public static func point(_ c: Coordinate, context: GEOSContext) throws -> Geometry {
        let h = try context.checked("create point") { GEOSGeom_createPointFromXY_r(context.handle, c.x, c.y) }
        return Geometry(owning: h, context: context)
    }

    public static func lineString(_ coordinates: [Coordinate], context: GEOSContext) throws -> Geometry {
        let seq = try coordinateSequence(coordinates, context: context)
        let h = try context.checked("create linestring") { GEOSGeom_createLineString_r(context.handle, seq) }
        return Geometry(owning: h, context: context)
    }

    /// A polygon from its exterior ring and holes; rings must be closed (first == last).
    public static func polygon(exterior: [Coordinate], holes: [[Coordinate]] = [], context: GEOSContext) throws -> Geometry {
        let shell = try linearRing(exterior, context: context)
        var holeHandles: [OpaquePointer?] = []
        do {
            for hole in holes { holeHandles.append(try linearRing(hole, context: context)) }
        } catch {
            GEOSGeom_destroy_r(context.handle, shell)
            for h in holeHandles { GEOSGeom_destroy_r(context.handle, h) }
            throw error
        }
        // GEOSGeom_createPolygon_r takes ownership of the rings, also when it fails.
        let h = try context.checked("create polygon") {
            holeHandles.withUnsafeMutableBufferPointer {
                GEOSGeom_createPolygon_r(context.handle, shell, $0.baseAddress, UInt32($0.count))
            }
        }
        return Geometry(owning: h, context: context)
    }

    /// A rectangle polygon covering the envelope.
    public static func rectangle(_ e: Envelope, context: GEOSContext) throws -> Geometry {
        let h = try context.checked("create rectangle") {
            GEOSGeom_createRectangle_r(context.handle, e.minX, e.minY, e.maxX, e.maxY)
        }
        return Geometry(owning: h, context: context)
    }

    /// A multi-geometry or collection of copies of `parts` (the parts stay usable).
    public static func collection(_ type: GeometryType, _ parts: [Geometry], context: GEOSContext) throws -> Geometry {
        var handles: [OpaquePointer?] = []
        for part in parts {
            try context.requireSame(part.context)
            handles.append(try context.checked("clone") { GEOSGeom_clone_r(context.handle, part.handle) })
        }
        let h = try context.checked("create collection") {
            handles.withUnsafeMutableBufferPointer {
                GEOSGeom_createCollection_r(context.handle, type.rawValue, $0.baseAddress, UInt32($0.count))
            }
        }
        return Geometry(owning: h, context: context)
    }

    static func coordinateSequence(_ coordinates: [Coordinate], context: GEOSContext) throws -> OpaquePointer {
        // Coordinate is two Doubles laid out x, y: exactly GEOS's 2D interleaved buffer.
        try context.checked("create coordinate sequence") {
            coordinates.withUnsafeBytes { raw in
                GEOSCoordSeq_copyFromBuffer_r(context.handle, raw.bindMemory(to: Double.self).baseAddress,
                                              UInt32(coordinates.count), 0, 0)
            }
        }
    }

    static func linearRing(_ coordinates: [Coordinate], context: GEOSContext) throws -> OpaquePointer {
        let seq = try coordinateSequence(coordinates, context: context)
        return try context.checked("create linear ring") { GEOSGeom_createLinearRing_r(context.handle, seq) }
    }
}
