import ArgumentParser
import Frontier

/// The output formats (docs/architecture.md, "Formats"); `table` is drawn by the command line itself.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, table, json, geojson, geojsonl

    /// The extensions naming this format, the usual one first (`--out x.geojson`; the table is `.txt`).
    var fileExtensions: [String] {
        switch self {
        case .csv: return ["csv"]
        case .table: return ["txt"]
        case .json: return ["json"]
        case .geojson: return ["geojson"]
        case .geojsonl: return ["geojsonl", "geojsons", "jsonl"]
        }
    }

    /// From a file extension (`--out x.geojson`), nil when the extension says nothing.
    init?(fileExtension ext: String) {
        guard let format = Self.allCases.first(where: { $0.fileExtensions.contains(ext.lowercased()) }) else { return nil }
        self = format
    }

    /// The engine's row writer format; nil for the terminal table, which the command line draws itself.
    var stream: RowStreamWriter.Format? { RowStreamWriter.Format(rawValue: rawValue) }
}
