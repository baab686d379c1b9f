import Foundation

/// What an output file's extension says it holds, checked against what the command writes before anything
/// runs: the extension decides the format, so a file never holds something its name denies (`buf.gpkg` that
/// is GeoJSON, `m.pdf` that is HTML). A file named without an extension, or with one no tool reads as a
/// format (`x.out`), takes the format `--format` gives.
struct OutputNaming {
    /// One format a command writes: its name for `--format` (nil when only the extension asks for it) and
    /// the extensions naming it, the first the usual one.
    struct Written {
        let format: String
        let extensions: [String]
        /// How the listing shows it: ".txt (table)" when the extension and the format's name differ.
        var shown: String { "." + extensions[0] + (extensions[0] == format ? "" : " (\(format))") }
    }

    /// Formats other tools read that a command may not write: a file named so must hold that format.
    static let otherFormats: [String: String] = [
        "gpkg": "a GeoPackage", "shp": "a shapefile", "fgb": "a FlatGeobuf file", "kml": "KML", "kmz": "KML",
        "gml": "GML", "html": "an HTML page", "htm": "an HTML page", "svg": "an SVG image", "png": "a PNG image",
        "pdf": "a PDF document", "wkt": "WKT", "xlsx": "an Excel workbook", "xls": "an Excel workbook",
        "parquet": "Parquet", "arrow": "Arrow", "zip": "a zip archive", "csv": "CSV", "json": "JSON",
        "geojson": "GeoJSON", "geojsonl": "GeoJSON lines", "txt": "text",
    ]

    let written: [Written]

    /// The format `out`'s extension names among those written; nil when `out` is nil or its extension
    /// names none and `format` decides.
    /// - Throws: `UsageError` (exit 64) for an extension naming a format the command does not write, or one
    ///   no format has and no `format` given, or a `format` the extension contradicts.
    func format(out: String?, given format: String?, flag: String = "--out") throws -> String? {
        guard let out else { return nil }
        let ext = (PathParts(out).name as NSString).pathExtension.lowercased()
        if let match = written.first(where: { $0.extensions.contains(ext) }) {
            if let format, format != match.format {
                throw UsageError("--format \(format) does not match \(flag) \(ShellWord.quoted(out)), whose extension says \(match.format): drop --format, or name the file \(written.first { $0.format == format }.map { "." + $0.extensions[0] } ?? "for its format")")
            }
            return match.format
        }
        guard !ext.isEmpty, format == nil || Self.otherFormats[ext] != nil else { return nil }
        guard let other = Self.otherFormats[ext] else {
            throw UsageError("cannot tell an output format from '.\(ext)' in \(flag) \(ShellWord.quoted(out)): use \(listing), or give --format")
        }
        throw UsageError("cannot write \(other) (.\(ext)) as \(flag) \(ShellWord.quoted(out)): this command writes \(listing)")
    }

    /// ".csv, .txt (table), .json, .geojson or .geojsonl".
    var listing: String {
        let shown = written.map(\.shown)
        return shown.count < 2 ? shown.joined() : shown.dropLast().joined(separator: ", ") + " or " + shown.last!
    }
}
