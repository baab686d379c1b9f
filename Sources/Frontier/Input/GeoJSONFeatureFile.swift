import Foundation
import Geo

/// Reads a whole GeoJSON FeatureCollection (boundary layers: small enough to parse in one go).
enum GeoJSONFeatureFile {
    struct Failure: Error, CustomStringConvertible {
        let path: String
        let message: String
        var description: String { "\(path): \(message)" }
    }

    static func read(path: String, context: GEOSContext) throws -> [Feature] {
        let name = (path as NSString).lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Failure(path: path, message: "cannot read: \(error.localizedDescription)")
        }
        let root: Any
        do { root = try JSONSerialization.jsonObject(with: data) } catch {
            throw Failure(path: path, message: "is not valid JSON (\(error.localizedDescription))")
        }
        guard let collection = root as? [String: Any], collection["type"] as? String == "FeatureCollection",
              let features = collection["features"] as? [Any] else {
            throw Failure(path: path, message: "is not a GeoJSON FeatureCollection")
        }
        return try features.enumerated().map { index, object in
            let origin = "\(name) feature \(index + 1)"
            guard let feature = object as? [String: Any], feature["type"] as? String == "Feature" else {
                throw Failure(path: path, message: "\(origin) is not a Feature")
            }
            var properties: [String: PropertyValue] = [:]
            for (key, value) in feature["properties"] as? [String: Any] ?? [:] {
                properties[key] = propertyValue(value)
            }
            var geometry: Geometry?
            if let g = feature["geometry"], !(g is NSNull) {
                do { geometry = try GeoJSONGeometry.decode(g, context: context) } catch {
                    throw Failure(path: path, message: "\(origin): bad geometry: \(error)")
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
