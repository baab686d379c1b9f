import ArgumentParser
import Foundation
import Frontier

/// `--format` and `--out`, shared by every command that prints rows.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: csv, table, json, geojson or geojsonl. Default: table on a terminal, csv otherwise; with --out, the file's extension.")
    var format: OutputFormat?

    @Option(help: "Write to this file instead of standard output; its extension decides the format (.csv, .txt for the table, .json, .geojson, .geojsonl).")
    var out: String?

    /// What `--out` may be named: the row formats, and a GeoPackage layer where the rows have geometries.
    func naming(geoPackage: Bool) -> OutputNaming {
        OutputNaming(written: OutputFormat.allCases.map { .init(format: $0.rawValue, extensions: $0.fileExtensions) }
                     + (geoPackage ? [.init(format: "gpkg", extensions: ["gpkg"])] : []))
    }

    /// Whether `--out` names a GeoPackage (allowed only where `naming(geoPackage: true)` was checked).
    var writesGeoPackage: Bool {
        out.map { (PathParts($0).name as NSString).pathExtension.lowercased() == "gpkg" } ?? false
    }

    /// The format in force: explicit, else the --out extension, else table on a terminal and csv otherwise.
    var resolvedFormat: OutputFormat {
        if let format { return format }
        if let out, let f = OutputFormat(fileExtension: (out as NSString).pathExtension) { return f }
        if out == nil, isatty(STDOUT_FILENO) == 1 { return .table }
        return .csv
    }

    /// Writes `table` in the format in force; `layer` names it in a GeoPackage.
    func emit(_ table: RecordTable, layer: String = "rows") throws {
        if writesGeoPackage {
            try OutputFile.write(GeoPackageLayerWriter.bytes(table, layer: layer), to: out)
        } else if let stream = resolvedFormat.stream {
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

/// A command whose `--out` extension is checked against what it writes before it runs (`OutputNaming`).
protocol ChecksOutputName {
    /// - Throws: `UsageError` for an `--out` whose extension names a format the command does not write, or
    ///   that `--format` contradicts.
    func checkOutputName() throws
}

/// A command that writes rows through `OutputOptions`.
protocol WritesRows: ChecksOutputName {
    var output: OutputOptions { get }
    /// Whether `--out x.gpkg` writes a GeoPackage layer (rows that have geometries: regions, borders).
    static var writesGeoPackage: Bool { get }
}

extension WritesRows {
    static var writesGeoPackage: Bool { false }

    func checkOutputName() throws {
        _ = try output.naming(geoPackage: Self.writesGeoPackage).format(out: output.out, given: output.format?.rawValue)
    }
}
