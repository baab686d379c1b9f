import ArgumentParser

/// Output formats of DESIGN §2.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, table, json, geojson, geojsonl

    /// From a file extension (`--out x.geojson`), nil when the extension says nothing.
    init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "csv": self = .csv
        case "json": self = .json
        case "geojson": self = .geojson
        case "geojsonl", "geojsons", "jsonl": self = .geojsonl
        case "txt": self = .table
        default: return nil
        }
    }
}
