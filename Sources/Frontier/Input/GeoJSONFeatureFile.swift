import Foundation
import Geo

/// Reads a whole GeoJSON FeatureCollection (boundary layers: small enough to parse in one go).
enum GeoJSONFeatureFile {
    /// The members of a FeatureCollection document, as parsed JSON. `file` names it in errors. With
    /// `lonLat` (what the coordinates are read as; nil when the caller transforms from a CRS it was told), a
    /// `crs` member must mean lon/lat.
    static func members(of data: Data, file: String, lonLat role: FrontierError.CoordinateRole?) throws -> [Any] {
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            // Foundation refuses nesting deeper than 512 levels as "not valid JSON": say which it is.
            let depth = nestingDepth(data)
            if depth > maxNesting {
                throw FrontierError.malformed(file: file, line: 0, reason: "nests arrays/objects \(depth) levels deep; at most \(maxNesting) can be read")
            }
            throw FrontierError.malformed(file: file, line: 0, reason: "is not valid JSON (\(error.localizedDescription))")
        }
        guard let collection = root as? [String: Any], collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [Any] else {
            throw FrontierError.malformed(file: file, line: 0, reason: "is not a GeoJSON FeatureCollection")
        }
        // RFC 7946 is lon/lat WGS84; an older file may name another CRS, whose numbers would be misread.
        if let role, let crs = collection["crs"] as? [String: Any], let name = (crs["properties"] as? [String: Any])?["name"] as? String,
           !lonLatCRSNames.contains(name.uppercased()) {
            throw FrontierError.notLonLat(file: file, detail: "declares the CRS \(name)", role: role)
        }
        return features
    }

    /// The deepest nesting JSONSerialization reads.
    static let maxNesting = 512

    /// How deep arrays and objects nest in JSON text (brackets inside strings not counted).
    static func nestingDepth(_ data: Data) -> Int {
        var depth = 0, deepest = 0, inString = false, escaped = false
        for byte in data {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    /// `crs` names that mean lon/lat on WGS84 (upper-cased).
    static let lonLatCRSNames: Set<String> = ["URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84", "EPSG:4326",
                                              "URN:OGC:DEF:CRS:EPSG::4326", "CRS84", "OGC:CRS84"]

    /// A member's properties and geometry object (nil or NSNull when it has none); nil when it is not a Feature.
    static func feature(_ object: Any) -> (properties: [String: Any], geometry: Any?)? {
        guard let feature = object as? [String: Any], feature["type"] as? String == "Feature" else { return nil }
        return (feature["properties"] as? [String: Any] ?? [:], feature["geometry"])
    }

    /// Every feature of a FeatureCollection file, geometries decoded.
    static func read(path: String, lonLat: Bool = true, context: GEOSContext) throws -> [Feature] {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else { throw FrontierError.cannotOpen(file: path) }
        return try members(of: data, file: path, lonLat: lonLat ? .regions : nil).enumerated().map { index, object in
            let origin = "\(name) feature \(index + 1)"
            guard let (rawProperties, rawGeometry) = feature(object) else {
                throw FrontierError.malformed(file: path, line: 0, reason: "\(origin) is not a Feature")
            }
            var properties: [String: PropertyValue] = [:]
            for (key, value) in rawProperties { properties[key] = propertyValue(value) }
            var geometry: Geometry?
            if let g = rawGeometry, !(g is NSNull) {
                do { geometry = try GeoJSONGeometry.decode(g, context: context) } catch {
                    throw FrontierError.malformed(file: path, line: 0, reason: "\(origin): \(GeoJSONGeometry.problem(error))")
                }
            }
            return Feature(origin: origin, properties: properties, geometry: geometry)
        }
    }

    static func propertyValue(_ value: Any) -> PropertyValue {
        switch value {
        case let s as String: return .string(s)
        case let n as NSNumber:
            // JSONSerialization marks booleans with objCType "c", integers with i/l/q, reals with d.
            switch String(cString: n.objCType) {
            case "c", "B": return .bool(n.boolValue)
            case "d", "f": return .double(n.doubleValue)
            default: return .int(n.int64Value)
            }
        case is NSNull: return .null
        default:
            // Nested objects and arrays are kept as their JSON text.
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]) {
                return .string(String(decoding: data, as: UTF8.self))
            }
            return .string("\(value)")
        }
    }
}
