import ArgumentParser
import Foundation
import Frontier

/// `--format` and `--out`, shared by every command that prints rows.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: csv, table, json, geojson or geojsonl. Default: table on a terminal, csv otherwise; with --out, the file's extension.")
    var format: OutputFormat?

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    /// A file name whose extension names no format Frontier writes (x.gpkg, x.xlsx) would get CSV under a
    /// misleading name: a usage error, unless --format says what to write.
    func validate() throws {
        try OutputExtension.check(out, formatGiven: format != nil, known: { OutputFormat(fileExtension: $0) != nil },
                                  extensions: ".csv, .txt (table), .json, .geojson or .geojsonl", formats: "csv|table|json|geojson|geojsonl")
    }

    /// The format in force: explicit, else the --out extension, else table on a terminal and csv otherwise.
    var resolvedFormat: OutputFormat {
        if let format { return format }
        if let out, let f = OutputFormat(fileExtension: (out as NSString).pathExtension) { return f }
        if out == nil, isatty(STDOUT_FILENO) == 1 { return .table }
        return .csv
    }

    func emit(_ table: RecordTable) throws {
        if let stream = resolvedFormat.stream {
            try OutputFile.write(table, format: stream, to: out)
        } else {
            try write(TerminalTable.render(table))
        }
    }

    func write(_ text: String) throws {
        try OutputFile.write(text, to: out)
    }

    /// The file this group writes, for `CommandFiles`.
    var files: CommandFiles { .output(out, flag: "--out") }
}
