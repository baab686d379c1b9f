import Foundation
import Geo

/// Converts between GeoJSON geometry objects (RFC 7946) and GEOS geometries.
enum GeoJSONGeometry {
    /// Why a geometry could not be read, for a message that adds the file and feature.
    static func problem(_ error: Error) -> String {
        error is FrontierError ? "\(error)" : "bad geometry: \(error)"
    }

    /// Builds a GEOS geometry from a parsed GeoJSON geometry object (`JSONSerialization` output).
    /// Collections (Multi* and GeometryCollection) nest at most `WKBStructure.maxNesting` levels deep, as in
    /// WKB: deeper ones are refused before GEOS, which recurses per level, sees them.
    static func decode(_ object: Any, context: GEOSContext) throws -> Geometry {
        try decode(object, context: context, nesting: 0)
    }

    /// `nesting`: how many collections enclose `object`.
    private static func decode(_ object: Any, context: GEOSContext, nesting: Int) throws -> Geometry {
        guard let dict = object as? [String: Any], let type = dict["type"] as? String else {
            throw FrontierError.badGeometry(reason: "geometry is not an object with a \"type\"")
        }
        if type == "GeometryCollection" || type.hasPrefix("Multi"), nesting >= WKBStructure.maxNesting {
            throw FrontierError.badGeometry(reason: "geometry collections nest more than \(WKBStructure.maxNesting) levels deep (at most \(WKBStructure.maxNesting) are read)")
        }
        if type == "GeometryCollection" {
            guard let members = dict["geometries"] as? [Any] else { throw FrontierError.badGeometry(reason: "GeometryCollection without \"geometries\"") }
            return try Geometry.collection(.geometryCollection, members.map { try decode($0, context: context, nesting: nesting + 1) }, context: context)
        }
        guard let coordinates = dict["coordinates"] else { throw FrontierError.badGeometry(reason: "\(type) without \"coordinates\"") }
        switch type {
        case "Point":
            return try Geometry.point(position(coordinates), context: context)
        case "LineString":
            return try Geometry.lineString(positions(coordinates), context: context)
        case "Polygon":
            return try polygon(coordinates, context: context)
        case "MultiPoint":
            let parts = try array(coordinates).map { try Geometry.point(position($0), context: context) }
            return try Geometry.collection(.multiPoint, parts, context: context)
        case "MultiLineString":
            let parts = try array(coordinates).map { try Geometry.lineString(positions($0), context: context) }
            return try Geometry.collection(.multiLineString, parts, context: context)
        case "MultiPolygon":
            let parts = try array(coordinates).map { try polygon($0, context: context) }
            return try Geometry.collection(.multiPolygon, parts, context: context)
        default:
            throw FrontierError.badGeometry(reason: "unknown geometry type \"\(type)\"")
        }
    }

    private static func polygon(_ object: Any, context: GEOSContext) throws -> Geometry {
        let rings = try array(object).map(positions)
        guard let exterior = rings.first else { throw FrontierError.badGeometry(reason: "Polygon without rings") }
        return try Geometry.polygon(exterior: exterior, holes: Array(rings.dropFirst()), context: context)
    }

    private static func array(_ object: Any) throws -> [Any] {
        guard let a = object as? [Any] else { throw FrontierError.badGeometry(reason: "coordinates are not an array") }
        return a
    }

    private static func positions(_ object: Any) throws -> [Coordinate] {
        try array(object).map(position)
    }

    private static func position(_ object: Any) throws -> Coordinate {
        guard let a = object as? [Any], a.count >= 2,
              let x = (a[0] as? NSNumber)?.doubleValue, let y = (a[1] as? NSNumber)?.doubleValue else {
            throw FrontierError.badGeometry(reason: "a position is not [longitude, latitude]")
        }
        return Coordinate(x: x, y: y)
    }

    // MARK: - Writing

    /// The geometry as RFC 7946 GeoJSON text: lon/lat, at most 7 decimals, exterior rings counter-clockwise
    /// and holes clockwise (GEOS 3.11 cannot orient rings, so it is done here).
    static func encode(_ geometry: Geometry) throws -> String {
        var out = ""
        try encode(geometry, into: &out)
        return out
    }

    static func encode(_ g: Geometry, into out: inout String) throws {
        switch g.type {
        case .point:
            let c = try g.coordinates()
            out += "{\"type\":\"Point\",\"coordinates\":"
            if let p = c.first { write(p, into: &out) } else { out += "[]" }
            out += "}"
        case .lineString, .linearRing:
            out += "{\"type\":\"LineString\",\"coordinates\":"
            write(try g.coordinates(), into: &out)
            out += "}"
        case .polygon:
            out += "{\"type\":\"Polygon\",\"coordinates\":"
            try writePolygon(g, into: &out)
            out += "}"
        case .multiPoint:
            out += "{\"type\":\"MultiPoint\",\"coordinates\":"
            write(try g.parts().flatMap { try $0.coordinates() }, into: &out)
            out += "}"
        case .multiLineString:
            out += "{\"type\":\"MultiLineString\",\"coordinates\":["
            for (i, part) in try g.parts().enumerated() {
                if i > 0 { out += "," }
                write(try part.coordinates(), into: &out)
            }
            out += "]}"
        case .multiPolygon:
            out += "{\"type\":\"MultiPolygon\",\"coordinates\":["
            for (i, part) in try g.parts().enumerated() {
                if i > 0 { out += "," }
                try writePolygon(part, into: &out)
            }
            out += "]}"
        case .geometryCollection:
            out += "{\"type\":\"GeometryCollection\",\"geometries\":["
            for (i, part) in try g.parts().enumerated() {
                if i > 0 { out += "," }
                try encode(part, into: &out)
            }
            out += "]}"
        }
    }

    private static func writePolygon(_ polygon: Geometry, into out: inout String) throws {
        out += "["
        write(RingOrientation.oriented(try polygon.exteriorRing(), counterClockwise: true), into: &out)
        for hole in try polygon.interiorRings() {
            out += ","
            write(RingOrientation.oriented(hole, counterClockwise: false), into: &out)
        }
        out += "]"
    }

    private static func write(_ coordinates: [Coordinate], into out: inout String) {
        out += "["
        for (i, c) in coordinates.enumerated() {
            if i > 0 { out += "," }
            write(c, into: &out)
        }
        out += "]"
    }

    private static func write(_ c: Coordinate, into out: inout String) {
        out += "["
        out += NumberFormat.coordinate(c.x)
        out += ","
        out += NumberFormat.coordinate(c.y)
        out += "]"
    }
}
