/// Text from outside (a field's value, a header name, a region id, a file name) made safe to show in a
/// message on a terminal.
///
/// A terminal obeys what it is sent: an escape sequence in a latitude field could clear the screen, a newline
/// in an id could start a line that looks like Frontier's own ("rejected nothing: all good"), and a
/// bidirectional override could show a file name reversed. Every value a message echoes therefore goes
/// through `escaped`, and every message goes through `printable` as it is printed, so a value that was missed
/// still cannot reach the terminal as control.
public enum MessageText {
    /// A value as a message shows it: each control character (C0, DEL, C1) and each bidirectional
    /// formatting character is written as an escape (`\n`, `\t`, `\r`, otherwise `\u{1B}`); the rest is kept.
    ///
    /// - Parameter value: text read from a file, a flag or a server.
    /// - Returns: the same text with nothing in it that a terminal obeys, on one line.
    public static func escaped<S: StringProtocol>(_ value: S) -> String {
        guard value.unicodeScalars.contains(where: { isControl($0) }) else { return String(value) }
        var out = ""
        out.reserveCapacity(value.utf8.count + 8)
        for scalar in value.unicodeScalars {
            guard isControl(scalar) else { out.unicodeScalars.append(scalar); continue }
            out += escape(scalar)
        }
        return out
    }

    /// A whole message as it is printed: the same escapes as `escaped`, except the message's own line breaks
    /// (and tabs), which Frontier wrote.
    public static func printable(_ message: String) -> String {
        guard message.unicodeScalars.contains(where: { isControl($0) && $0 != "\n" && $0 != "\t" }) else { return message }
        var out = ""
        for scalar in message.unicodeScalars {
            if isControl(scalar) && scalar != "\n" && scalar != "\t" { out += escape(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func escape(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\n": return "\\n"
        case "\t": return "\\t"
        case "\r": return "\\r"
        default: return "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }

    /// C0 controls, DEL and C1 controls (U+009B is a one-byte CSI to some terminals), and the formatting
    /// characters that reorder the text around them (U+200E/F, U+202A–U+202E, U+2066–U+2069).
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0..<0x20, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
