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
        default: return (v.text ?? "", false)
        }
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
