import Foundation
import Geo

/// GeoJSON input: a FeatureCollection (parsed whole: the format needs it) or GeoJSONL / RFC 8142 sequences,
/// one Feature per line. Properties become columns in order of first appearance (sorted within a feature,
/// since JSON objects carry no order); each feature must be a Point.
extension IncidentReader {
    func loadFeatures(from handle: FileHandle, lines: Bool) throws {
        let data = try handle.readAll(file: name)
        var objects: [(Int, Any?, String?)] = []
        if lines {
            var lineNumber = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                // RFC 8142 sequences start each text with RS (0x1E).
                let body = line.drop { $0 == 0x1E || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
                if body.isEmpty || body.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                do { objects.append((lineNumber, try JSONSerialization.jsonObject(with: Data(body)), nil)) } catch {
                    objects.append((lineNumber, nil, "not valid JSON"))
                }
            }
        } else {
            objects = try GeoJSONFeatureFile.members(of: data, file: name, lonLat: options.crs == nil ? .incidents : nil).enumerated().map { ($0.offset + 1, $0.element, nil) }
        }
        var order: [String] = []
        var known = Set<String>()
        var parsed: [(Int, [String: PropertyValue], Coordinate?, String?)] = []
        for (line, object, problem) in objects {
            if let problem { parsed.append((line, [:], nil, problem)); continue }
            guard let object, let (properties, geometry) = GeoJSONFeatureFile.feature(object) else {
                parsed.append((line, [:], nil, "not a GeoJSON Feature")); continue
            }
            var props: [String: PropertyValue] = [:]
            // JSONSerialization loses key order: keep a stable order (sorted) for keys not seen before.
            for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
                props[key] = GeoJSONFeatureFile.propertyValue(value)
                if known.insert(key).inserted { order.append(key) }
            }
            let (coordinate, problem) = GeoJSONPoint.coordinate(of: geometry)
            parsed.append((line, props, coordinate, problem))
        }
        columns = order
        features = parsed.map { line, props, c, problem in
            (line, order.map { props[$0] ?? .null }, c, problem)
        }
    }
}

/// The position of a Point feature's geometry, or why there is none.
enum GeoJSONPoint {
    static func coordinate(of geometry: Any?) -> (Coordinate?, String?) {
        guard let g = geometry as? [String: Any] else { return (nil, "empty coordinates (no geometry)") }
        guard g["type"] as? String == "Point" else {
            return (nil, "geometry is a \(g["type"] as? String ?? "?"), not a Point")
        }
        guard let c = g["coordinates"] as? [Any], c.count >= 2 else { return (nil, "empty coordinates") }
        guard let x = (c[0] as? NSNumber)?.doubleValue, let y = (c[1] as? NSNumber)?.doubleValue else {
            return (nil, "bad number in coordinates")
        }
        return (Coordinate(x: x, y: y), nil)
    }
}
