import Foundation
import Frontier

/// Diagnostics go to stderr, never stdout. A closed or full stderr loses the note, never the run.
enum Diagnostics {
    /// Prints one message; whatever control characters a value brought into it are shown escaped.
    static func note(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data((MessageText.printable(message) + "\n").utf8))
    }
}
