import Frontier

/// An aligned table for terminals: text left-aligned, numbers right-aligned with thousands separators.
enum TerminalTable {
    static func render(_ table: RecordTable) -> String {
        let cells = table.records.map { $0.values.map(cell) }
        var widths = table.columns.map(\.count)
        for row in cells {
            for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.text.count) }
        }
        func line(_ row: [(text: String, numeric: Bool)]) -> String {
            let text = row.enumerated().map { i, c in
                let pad = String(repeating: " ", count: widths[i] - c.text.count)
                return c.numeric ? pad + c.text : c.text + pad
            }.joined(separator: "  ")
            return String(text.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
        }
        // A column whose values are all numbers has its header right-aligned over them too.
        let numericColumn = table.columns.indices.map { i in !cells.isEmpty && cells.allSatisfy { i < $0.count && ($0[i].numeric || $0[i].text.isEmpty) } }
        var out = line(zip(table.columns, numericColumn).map { ($0, $1) })
        out += line(widths.map { (String(repeating: "-", count: $0), false) })
        for row in cells { out += line(row) }
        return out
    }

    private static func cell(_ v: PropertyValue) -> (text: String, numeric: Bool) {
        switch v {
        case .int(let i): return (grouped(String(i)), true)
        case .double(let d):
            let text = NumberFormat.shortest(d)
            let parts = text.split(separator: ".", maxSplits: 1)
            let whole = grouped(String(parts[0]))
            return (parts.count > 1 ? whole + "." + parts[1] : whole, true)
        default: return (visible(v.text ?? ""), false)
        }
    }

    /// Control characters from the data (escape sequences among them) would be obeyed by the terminal:
    /// each is shown as U+FFFD instead, so the table shows what the data holds and nothing more.
    static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { isControl($0) ? "\u{FFFD}" : $0 }))
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    /// 1234567 → 1,234,567 (keeps a leading minus).
    static func grouped(_ digits: String) -> String {
        let negative = digits.hasPrefix("-")
        let body = Array(negative ? digits.dropFirst() : Substring(digits))
        var out = ""
        for (i, ch) in body.enumerated() {
            if i > 0, (body.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (negative ? "-" : "") + out
    }
}
