/// The incident file formats Frontier reads (DESIGN §2).
public enum InputFormat: String, CaseIterable, Sendable {
    case csv, geojson, geojsonl, gpkg

    /// From a path's extension; nil when it says nothing (stdin, unknown extension).
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { self = .csv }
        else if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") { self = .geojson }
        else if lower.hasSuffix(".geojsonl") || lower.hasSuffix(".geojsons") || lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { self = .geojsonl }
        else if lower.hasSuffix(".gpkg") { self = .gpkg }
        else { return nil }
    }
}
