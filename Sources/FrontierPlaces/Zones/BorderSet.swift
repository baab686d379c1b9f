import Foundation
import Geo
import FrontierBase
import FrontierFormats

/// The bundled international border lines (`GeoData/borders.geojson`), sorted by id.
public final class BorderSet {
    public let context: GEOSContext
    public let borders: [BorderLine]

    public init(borders: [BorderLine], context: GEOSContext) {
        self.borders = borders.sorted { $0.id < $1.id }
        self.context = context
    }

    public static func load(geodata: GeoDataLocation? = nil, context: GEOSContext? = nil) throws -> BorderSet {
        let context = try context ?? GEOSContext()
        let location = try geodata ?? GeoDataLocation.resolve()
        if let compact = try CompactGeoData.borders(in: location, context: context) {
            return BorderSet(borders: compact, context: context)
        }
        return try loadGeoJSON(location, context: context)
    }

    /// The border lines from their GeoJSON (the truth the compact form is derived from).
    static func loadGeoJSON(_ location: GeoDataLocation, context: GEOSContext) throws -> BorderSet {
        let features = try GeoJSONFeatureFile.read(path: location.file("borders.geojson").path, context: context)
        let borders = try features.map { f -> BorderLine in
            guard let a = f.properties["country_a"]?.text, let b = f.properties["country_b"]?.text, let g = f.geometry else {
                throw FrontierError.invalid(file: "", reason: "\(f.origin): a border needs country_a, country_b and a geometry")
            }
            return BorderLine(countryA: a, countryB: b, geometry: g)
        }
        return BorderSet(borders: borders, context: context)
    }

    /// The border named `AFG-TJK` or `TJK-AFG`; an unknown id is an error listing the known ones.
    public func border(_ text: String) throws -> BorderLine {
        let id = BorderLine.normalizedID(text)
        if let b = borders.first(where: { $0.id == id }) { return b }
        // Nearest ids first: a typo (AFG-TJZ) is answered with the border meant.
        let ranked = borders.map(\.id).sorted { (EditDistance.levenshtein(id, $0), $0) < (EditDistance.levenshtein(id, $1), $1) }
        let close = ranked.filter { EditDistance.levenshtein(id, $0) <= 2 }.prefix(3)
        throw FrontierError.unknownBorder(name: text, suggestions: Array(close), known: borders.map(\.id))
    }

    /// Borders touching a region's geometry.
    public func borders(touching geometry: Geometry) throws -> [BorderLine] {
        try borders.filter { try $0.geometry.intersects(geometry) }
    }
}
