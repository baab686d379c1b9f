import Foundation

/// Diagnostics go to stderr, never stdout. A closed or full stderr loses the note, never the run.
enum Diagnostics {
    static func note(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data((message + "\n").utf8))
    }
}
