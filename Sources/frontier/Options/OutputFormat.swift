import ArgumentParser
import Frontier

/// The output formats (docs/architecture.md, "Formats"); `table` is drawn by the command line itself.
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

    /// The engine's row writer format; nil for the terminal table, which the command line draws itself.
    var stream: RowStreamWriter.Format? { RowStreamWriter.Format(rawValue: rawValue) }
}
