import Foundation
import Geo
import FrontierBase

/// GEOS geometries as GeoJSON geometry objects (RFC 7946); reading them is `GeoJSONShape`'s.
package enum GeoJSONGeometry {
    /// Why a geometry could not be read, for a message that adds the file and feature.
    static func problem(_ error: Error) -> String {
        error is FrontierError ? "\(error)" : "bad geometry: \(error)"
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
