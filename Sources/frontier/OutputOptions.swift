import ArgumentParser
import Foundation
import Frontier

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

/// `--format` and `--out`, shared by every command that prints rows.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: csv, table, json, geojson or geojsonl. Default: table on a terminal, csv otherwise; with --out, the file's extension.")
    var format: OutputFormat?

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    /// The format in force: explicit, else the --out extension, else table on a terminal and csv otherwise.
    var resolvedFormat: OutputFormat {
        if let format { return format }
        if let out, let f = OutputFormat(fileExtension: (out as NSString).pathExtension) { return f }
        if out == nil, isatty(STDOUT_FILENO) == 1 { return .table }
        return .csv
    }

    func emit(_ table: RecordTable) throws {
        let text: String
        switch resolvedFormat {
        case .csv: text = CSVWriter.write(table)
        case .table: text = TerminalTable.render(table)
        case .json: text = JSONRowsWriter.write(table)
        case .geojson: text = try FeatureCollectionWriter.write(table)
        case .geojsonl:
            text = try table.records.map { try FeatureCollectionWriter.feature(columns: table.columns, record: $0) + "\n" }.joined()
        }
        try write(text)
    }

    func write(_ text: String) throws {
        if let out {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw CLIError("cannot write \(out): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}

/// `--geodata DIR`: where the bundled boundaries are (else FRONTIER_GEODATA, beside the binary, the source tree).
struct GeoDataOptions: ParsableArguments {
    @Option(name: .customLong("geodata"), help: ArgumentHelp("Folder holding the bundled GeoData (admin0/admin1/borders).", valueName: "dir"))
    var directory: String?

    func location() throws -> GeoDataLocation {
        try GeoDataLocation.resolve(explicit: directory)
    }
}

/// A failure to report to the user: printed as "Error: message", exit 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// Diagnostics go to stderr, never stdout.
enum Diagnostics {
    static func note(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
