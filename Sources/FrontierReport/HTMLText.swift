/// Escaping for text that goes into HTML or SVG, as element content or a quoted attribute. Every string that
/// comes from data passes through here: nothing from the data can become markup.
enum HTMLText {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab/newline have no business in a page, and XML forbids
                // U+FFFE/U+FFFF (an SVG holding one does not parse).
                if (c.value < 0x20 && c != "\t" && c != "\n") || c.value == 0xFFFE || c.value == 0xFFFF { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
