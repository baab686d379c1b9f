import Foundation
import Geo
import FrontierBase
import FrontierFormats

/// Turns a polygon layer's features into regions: checks keys, names and geometry types, repairs invalid
/// polygons with MakeValid (reported, never silent).
package enum RegionLayer {
    package static func features(path: String, layer: String?, lonLat: Bool = true, context: GEOSContext) throws -> [Feature] {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "gpkg":
            let file = try GeoPackageFile(path: path)
            let layers = try file.layers()
            let chosen: String
            if let layer { chosen = layer } else {
                guard layers.count == 1 else {
                    throw FrontierError.layerNotChosen(file: path, layers: layers)
                }
                chosen = layers[0]
            }
            return try file.features(layer: chosen, context: context)
        case "geojson", "json":
            return try GeoJSONFeatureFile.read(path: path, lonLat: lonLat, context: context)
        default:
            throw FrontierError.invalid(file: path, reason: "region layers must be .geojson or .gpkg files")
        }
    }

    package static func regions(from features: [Feature], keyField: String, nameField: String, countryField: String?,
                        context: GEOSContext) throws -> RegionSet {
        var regions: [Region] = []
        var repairs: [String] = []
        for feature in features {
            guard let value = feature.properties[keyField] else {
                throw FrontierError.missingKeyField(feature: feature.origin, key: keyField, fields: feature.properties.keys.sorted())
            }
            guard let id = value.text, !id.isEmpty else {
                throw FrontierError.emptyKeyField(feature: feature.origin, key: keyField, value: value == .null ? "null" : "empty")
            }
            guard var geometry = feature.geometry else {
                throw FrontierError.invalid(file: "", reason: "\(feature.origin) (\(id)): has no geometry")
            }
            guard geometry.type == .polygon || geometry.type == .multiPolygon else {
                throw FrontierError.invalid(file: "", reason: "\(feature.origin) (\(id)): is a \(geometry.type.name), not a Polygon or MultiPolygon")
            }
            try checkLonLat(geometry, origin: "\(feature.origin) (\(id))")
            if try !geometry.isValid() {
                let reason = try geometry.validityReason()
                geometry = try polygonal(geometry.makeValid(), context: context)
                repairs.append("\(MessageText.escaped(feature.origin)) (\(MessageText.escaped(id))): \(reason), repaired with MakeValid")
            }
            let name = feature.properties[nameField]?.text ?? id
            // A layer Frontier wrote itself carries region_country; otherwise the named field, if any.
            let country = feature.properties[countryField ?? "region_country"]?.text ?? ""
            let fips = feature.properties["fips"]?.text ?? ""
            let code = feature.properties["region_code"]?.text ?? ""
            regions.append(Region(id: id, country: country, name: name, fips: fips, code: code, geometry: geometry))
        }
        return try RegionSet(regions: regions, repairs: repairs, context: context)
    }

    /// Regions are lon/lat on WGS84. Numbers beyond ±180/±90 (a layer in metres, e.g. EPSG:3857) would
    /// make every cell index and distance meaningless — and the cell index as large as the numbers — so
    /// they are an error naming the feature. A polygon wider than 180° of longitude is taken to cross the
    /// antimeridian, which the planar predicates cannot express: refused rather than answered wrongly.
    static func checkLonLat(_ geometry: Geometry, origin: String) throws {
        guard let e = try geometry.envelope() else { return }
        guard e.minX >= -180, e.maxX <= 180, e.minY >= -90, e.maxY <= 90 else {
            throw FrontierError.notLonLat(file: "", detail: "\(origin): coordinates outside longitude -180…180 / latitude -90…90 "
                + "(x \(NumberFormat.shortest(e.minX))…\(NumberFormat.shortest(e.maxX)), y \(NumberFormat.shortest(e.minY))…\(NumberFormat.shortest(e.maxY)))",
                role: .regions)
        }
        guard e.maxX - e.minX <= 180 else {
            throw FrontierError.invalid(file: "", reason: "\(origin): spans \(NumberFormat.fixed(e.maxX - e.minX, decimals: 1))° of longitude; "
                + "a region crossing the antimeridian is not supported: split it at ±180°")
        }
    }

    /// MakeValid can return a collection with stray lines or points where a polygon collapsed: keep the areas.
    package static func polygonal(_ geometry: Geometry, context: GEOSContext) throws -> Geometry {
        if geometry.type == .polygon || geometry.type == .multiPolygon { return geometry }
        let polygons = try geometry.polygons()
        return try Geometry.collection(.multiPolygon, polygons, context: context)
    }
}
