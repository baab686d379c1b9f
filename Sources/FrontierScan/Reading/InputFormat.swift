/// The incident file formats Frontier reads (docs/architecture.md, "Formats").
import FrontierPostGIS
public enum InputFormat: String, CaseIterable, Sendable {
    case csv, geojson, geojsonl, gpkg
    /// A PostGIS table named by a `postgresql://` URL.
    case postgis

    /// A store or a database table (read through `IncidentDatabase`), not a file of rows.
    public var isDatabase: Bool { self == .gpkg || self == .postgis }

    /// From a path's extension; nil when it says nothing (stdin, unknown extension).
    public init?(path: String) {
        let lower = path.lowercased()
        if DatabaseURL.isURL(path) { self = .postgis }
        else if lower.hasSuffix(".csv") { self = .csv }
        else if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { self = .geojson }
        else if lower.hasSuffix(".geojsonl") || lower.hasSuffix(".geojsons") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { self = .geojsonl }
        else if lower.hasSuffix(".gpkg") { self = .gpkg }
        else { return nil }
    }
}
