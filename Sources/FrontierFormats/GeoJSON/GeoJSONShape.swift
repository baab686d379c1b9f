import Geo
import FrontierBase

/// A GeoJSON `coordinates` member as read, positions already numbers: what a geometry is built from. Held
/// for one feature at a time, so memory follows vertices, not text.
indirect enum GeoJSONCoordinates {
    /// `[x, y, …]` (further numbers, e.g. an altitude, are ignored).
    case position(Coordinate)
    /// `[[x, y], …]`: a ring, a line, a MultiPoint's points.
    case positions([Coordinate])
    /// Deeper lists, or an empty one.
    case nested([GeoJSONCoordinates])
    /// A position that is not two numbers: `count` elements, the first two of them numbers or not.
    case badPosition(count: Int, numbers: Bool)
    /// A list whose members mix positions and lists.
    case mixed
    /// Not an array at all.
    case notAnArray

    /// Reads the value at the reader's position. `positionOnly`: anything but a position is only counted
    /// (an incident's Point needs no more, and a huge polygon then costs no memory).
    static func read(_ r: JSONReader, positionOnly: Bool = false) throws -> GeoJSONCoordinates {
        guard try r.kind() == .array else {
            try r.skipValue()
            return .notAnArray
        }
        try r.beginArray()
        var first = true
        guard try r.nextElement(&first) else { return .nested([]) }
        switch try r.kind() {
        case .number:
            return try restOfPosition(r, first: &first)
        case .array where !positionOnly:
            let head = try read(r)
            if case .position(let p) = head {
                var points = [p]
                var mixed = false
                while try r.nextElement(&first) {
                    if case .position(let q) = try read(r) { points.append(q) } else { mixed = true }
                }
                return mixed ? .mixed : .positions(points)
            }
            var items = [head]
            while try r.nextElement(&first) { items.append(try read(r)) }
            return .nested(items)
        default:
            var count = 1
            try r.skipValue()
            while try r.nextElement(&first) { try r.skipValue(); count += 1 }
            return .badPosition(count: count, numbers: false)
        }
    }

    /// A position whose first element (a number) is next.
    private static func restOfPosition(_ r: JSONReader, first: inout Bool) throws -> GeoJSONCoordinates {
        let x = try r.double()
        var y: Double?
        var count = 1, numbers = true
        while try r.nextElement(&first) {
            count += 1
            if count == 2, try r.kind() == .number { y = try r.double(); continue }
            if count == 2 { numbers = false }
            try r.skipValue()
        }
        guard let y, count >= 2 else { return .badPosition(count: count, numbers: numbers) }
        return .position(Coordinate(x: x, y: y))
    }
}

/// A GeoJSON geometry object as read (RFC 7946), members in any order, before it becomes a GEOS geometry.
package struct GeoJSONShape {
    var type: String?
    var coordinates: GeoJSONCoordinates?
    /// A GeometryCollection's members (nil when absent or not an array).
    var geometries: [GeoJSONShape]?
    /// The value was no JSON object.
    var notAnObject = false

    /// Reads the value at the reader's position (an object, or anything else, which is noted and skipped).
    /// `pointOnly`: only what a Point needs is kept (see `GeoJSONCoordinates.read`), members are skipped.
    static func read(_ r: JSONReader, pointOnly: Bool = false) throws -> GeoJSONShape {
        var shape = GeoJSONShape()
        guard try r.kind() == .object else {
            try r.skipValue()
            shape.notAnObject = true
            return shape
        }
        try r.beginObject()
        var first = true
        while let key = try r.nextKey(&first) {
            switch key {
            case "type":
                if try r.kind() == .string { shape.type = try r.string() } else { try r.skipValue(); shape.type = nil }
            case "coordinates":
                shape.coordinates = try GeoJSONCoordinates.read(r, positionOnly: pointOnly)
            case "geometries" where !pointOnly:
                guard try r.kind() == .array else { try r.skipValue(); shape.geometries = nil; continue }
                try r.beginArray()
                var members: [GeoJSONShape] = []
                var firstMember = true
                while try r.nextElement(&firstMember) { members.append(try read(r)) }
                shape.geometries = members
            default:
                try r.skipValue()
            }
        }
        return shape
    }

    // MARK: - An incident's point

    /// The position of a Point, or why there is none (the words the row's rejection gives).
    package var point: (Coordinate?, String?) {
        if notAnObject { return (nil, "empty coordinates (no geometry)") }
        guard type == "Point" else { return (nil, "geometry is a \(type ?? "?"), not a Point") }
        switch coordinates {
        case .position(let c)?: return (c, nil)
        case .badPosition(let count, let numbers)?:
            return (nil, count < 2 || numbers ? "empty coordinates" : "bad number in coordinates")
        case .positions(let ps)? where ps.count >= 2: return (nil, "bad number in coordinates")
        case .mixed?: return (nil, "bad number in coordinates")
        case .nested(let items)? where items.count >= 2: return (nil, "bad number in coordinates")
        default: return (nil, "empty coordinates")
        }
    }

    // MARK: - A GEOS geometry

    /// The GEOS geometry; errors are `FrontierError.badGeometry` with what is wrong. Collections (Multi* and
    /// GeometryCollection) nest at most `WKBStructure.maxNesting` levels deep, as in WKB: deeper ones are
    /// refused before GEOS, which recurses per level, sees them.
    func geometry(context: GEOSContext) throws -> Geometry {
        try geometry(context: context, nesting: 0)
    }

    /// `nesting`: how many collections enclose this one.
    private func geometry(context: GEOSContext, nesting: Int) throws -> Geometry {
        guard !notAnObject, let type else { throw FrontierError.badGeometry(reason: "geometry is not an object with a \"type\"") }
        if type == "GeometryCollection" || type.hasPrefix("Multi"), nesting >= WKBStructure.maxNesting {
            throw FrontierError.badGeometry(reason: "geometry collections nest more than \(WKBStructure.maxNesting) levels deep (at most \(WKBStructure.maxNesting) are read)")
        }
        if type == "GeometryCollection" {
            guard let geometries else { throw FrontierError.badGeometry(reason: "GeometryCollection without \"geometries\"") }
            return try Geometry.collection(.geometryCollection, geometries.map { try $0.geometry(context: context, nesting: nesting + 1) }, context: context)
        }
        guard let coordinates else { throw FrontierError.badGeometry(reason: "\(type) without \"coordinates\"") }
        let c = GeoJSONShape.self
        switch type {
        case "Point":
            return try Geometry.point(c.position(coordinates), context: context)
        case "LineString":
            return try Geometry.lineString(c.positions(coordinates), context: context)
        case "Polygon":
            return try c.polygon(coordinates, context: context)
        case "MultiPoint":
            let parts = try c.positions(coordinates).map { try Geometry.point($0, context: context) }
            return try Geometry.collection(.multiPoint, parts, context: context)
        case "MultiLineString":
            let parts = try c.list(coordinates).map { try Geometry.lineString(c.positions($0), context: context) }
            return try Geometry.collection(.multiLineString, parts, context: context)
        case "MultiPolygon":
            let parts = try c.list(coordinates).map { try c.polygon($0, context: context) }
            return try Geometry.collection(.multiPolygon, parts, context: context)
        default:
            throw FrontierError.badGeometry(reason: "unknown geometry type \"\(type)\"")
        }
    }

    private static let notAPosition = FrontierError.badGeometry(reason: "a position is not [longitude, latitude]")
    private static let notAnArray = FrontierError.badGeometry(reason: "coordinates are not an array")

    private static func position(_ c: GeoJSONCoordinates) throws -> Coordinate {
        guard case .position(let p) = c else { throw notAPosition }
        return p
    }

    private static func positions(_ c: GeoJSONCoordinates) throws -> [Coordinate] {
        switch c {
        case .positions(let ps): return ps
        case .nested(let items) where items.isEmpty: return []
        case .notAnArray: throw notAnArray
        default: throw notAPosition
        }
    }

    private static func list(_ c: GeoJSONCoordinates) throws -> [GeoJSONCoordinates] {
        switch c {
        case .nested(let items): return items
        case .positions(let ps): return ps.map { .position($0) }
        case .notAnArray: throw notAnArray
        default: throw notAPosition
        }
    }

    private static func polygon(_ c: GeoJSONCoordinates, context: GEOSContext) throws -> Geometry {
        let rings = try list(c).map(positions)
        guard let exterior = rings.first else { throw FrontierError.badGeometry(reason: "Polygon without rings") }
        return try Geometry.polygon(exterior: exterior, holes: Array(rings.dropFirst()), context: context)
    }
}
