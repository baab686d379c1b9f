import Frontier

/// An aligned table for terminals: text left-aligned, numbers right-aligned with thousands separators.
enum TerminalTable {
    typealias Cell = (text: String, numeric: Bool)

    /// Column widths and which columns are numeric (their headers align right over the numbers).
    struct Layout {
        var widths: [Int]
        var numeric: [Bool]
    }

    static func render(_ table: RecordTable) -> String {
        let cells = table.records.map(cells)
        let layout = self.layout(columns: table.columns, cells: cells)
        return header(table.columns, layout) + cells.map { line($0, layout) }.joined()
    }

    static func cells(_ record: Record) -> [Cell] { record.values.map(cell) }

    static func layout(columns: [String], cells: [[Cell]]) -> Layout {
        var widths = columns.map(\.count)
        for row in cells {
            for (i, c) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], c.text.count) }
        }
        let numeric = columns.indices.map { i in !cells.isEmpty && cells.allSatisfy { i < $0.count && ($0[i].numeric || $0[i].text.isEmpty) } }
        return Layout(widths: widths, numeric: numeric)
    }

    /// The header line and its rule.
    static func header(_ columns: [String], _ layout: Layout) -> String {
        line(zip(columns, layout.numeric).map { ($0, $1) }, layout) + line(layout.widths.map { (String(repeating: "-", count: $0), false) }, layout)
    }

    /// One row, padded to the layout (a value longer than its column pushes the rest right).
    static func line(_ row: [Cell], _ layout: Layout) -> String {
        let text = row.enumerated().map { i, c in
            let pad = String(repeating: " ", count: max(0, (i < layout.widths.count ? layout.widths[i] : 0) - c.text.count))
            return c.numeric ? pad + c.text : c.text + pad
        }.joined(separator: "  ")
        return String(text.reversed().drop(while: { $0 == " " }).reversed()) + "\n"
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

/// A table written as its rows come: the first `sampleSize` rows set the widths and are written together,
/// later rows follow at once in the same columns. A long run shows its first rows after a thousand, not
/// at the end (the whole table was buffered before, 24 s before the first line on 100k rows).
final class TerminalTableStream {
    static let sampleSize = 1000
    private let columns: [String]
    private var sample: [[TerminalTable.Cell]] = []
    private var layout: TerminalTable.Layout?

    init(columns: [String]) { self.columns = columns }

    /// The text to write now for this row (empty while the widths are still being sampled).
    func add(_ record: Record) -> String {
        let cells = TerminalTable.cells(record)
        if let layout { return TerminalTable.line(cells, layout) }
        sample.append(cells)
        return sample.count < Self.sampleSize ? "" : flushSample()
    }

    /// What is left to write at the end.
    func finish() -> String { layout == nil ? flushSample() : "" }

    private func flushSample() -> String {
        let layout = TerminalTable.layout(columns: columns, cells: sample)
        self.layout = layout
        defer { sample = [] }
        return TerminalTable.header(columns, layout) + sample.map { TerminalTable.line($0, layout) }.joined()
    }
}
