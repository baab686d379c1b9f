import ArgumentParser
import Foundation

/// The check every command that writes a file of several formats makes of its `--out` name: an extension that
/// names no format the command writes (x.gpkg for rows, x.txt for a map) would get another format under a
/// misleading name, so it is a usage error listing the extensions that work, unless `--format` says what to
/// write. A name without an extension (a FIFO, /dev/stdout) says nothing and passes.
enum OutputExtension {
    /// - Parameters:
    ///   - out: the `--out` path (nil: standard output, nothing to check).
    ///   - formatGiven: whether `--format` was given (it then decides, whatever the extension).
    ///   - known: whether an extension (without its dot) names a format the command writes.
    ///   - extensions: the extensions to suggest, in the message's words (".csv, .txt (table), .json").
    ///   - formats: the `--format` values, "csv|table|json".
    /// - Throws: `ValidationError` (exit 64) for an extension that names nothing the command writes.
    static func check(_ out: String?, formatGiven: Bool, known: (String) -> Bool, extensions: String, formats: String) throws {
        if let problem = problem(out, formatGiven: formatGiven, known: known, extensions: extensions, formats: formats) {
            throw ValidationError(problem)
        }
    }

    /// The message `check` gives, or nil when the name is fine: for a command that checks it after its files
    /// (its own usage error then carries it).
    static func problem(_ out: String?, formatGiven: Bool, known: (String) -> Bool, extensions: String, formats: String) -> String? {
        guard !formatGiven, let out else { return nil }
        let ext = (out as NSString).pathExtension
        guard !ext.isEmpty, !known(ext) else { return nil }
        return "cannot tell an output format from '.\(ext)' in --out \(out): use \(extensions), or give --format \(formats)"
    }
}
