import Foundation
import Geo
import FrontierBase

/// Reads the features of a GeoJSON FeatureCollection file (region and border layers), one at a time: each
/// geometry goes to GEOS as soon as its feature is read, so memory follows the vertices, not the text.
package enum GeoJSONFeatureFile {
    /// `crs` names that mean lon/lat on WGS84 (upper-cased).
    static let lonLatCRSNames: Set<String> = ["URN:OGC:DEF:CRS:OGC:1.3:CRS84", "URN:OGC:DEF:CRS:OGC::CRS84", "EPSG:4326",
                                              "URN:OGC:DEF:CRS:EPSG::4326", "CRS84", "OGC:CRS84"]

    /// Every feature of a FeatureCollection file, geometries decoded. With `lonLat`, a `crs` member must
    /// mean lon/lat.
    package static func read(path: String, lonLat: Bool = true, context: GEOSContext) throws -> [Feature] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw FrontierError.cannotOpen(file: path) }
        defer { try? handle.close() }
        return try read(JSONReader(fileDescriptor: handle.fileDescriptor, file: path), path: path, lonLat: lonLat, context: context)
    }

    /// The features of the FeatureCollection `reader` reads; `path` names it in errors and origins.
    package static func read(_ reader: JSONReader, path: String, lonLat: Bool = true, context: GEOSContext) throws -> [Feature] {
        let name = (path as NSString).lastPathComponent
        let stream = GeoJSONFeatureStream(reader: reader, file: path, lines: false, lonLat: lonLat ? .regions : nil)
        var features: [Feature] = []
        while let record = try stream.next() {
            let origin = "\(name) feature \(record.number)"
            if record.problem != nil {
                throw FrontierError.malformed(file: path, line: 0, reason: "\(origin) is not a Feature")
            }
            var properties: [String: PropertyValue] = [:]
            for (key, value) in record.properties { properties[key] = value }
            var geometry: Geometry?
            if let shape = record.geometry {
                do { geometry = try shape.geometry(context: context) } catch {
                    throw FrontierError.malformed(file: path, line: 0, reason: "\(origin): \(GeoJSONGeometry.problem(error))")
                }
            }
            features.append(Feature(origin: origin, properties: properties, geometry: geometry))
        }
        return features
    }
}
