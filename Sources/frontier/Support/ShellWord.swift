import Foundation

/// A word as a POSIX shell reads it back unchanged, for commands a message suggests running.
enum ShellWord {
    /// `word` itself when it holds only characters no shell treats specially, else single-quoted (a single
    /// quote inside written as '\'').
    static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "/._-+:,@%=".unicodeScalars.contains(scalar))
        }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
