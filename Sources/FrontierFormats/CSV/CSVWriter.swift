/// RFC 4180 CSV: fields quoted only when they hold a comma, quote, CR or LF; LF line ends.
import FrontierBase
public enum CSVWriter {
    /// Judged on bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n", and a quote
    /// followed by a combining mark is one Character too (both once slipped through unquoted).
    public static func field(_ s: String) -> String {
        var text = s
        guard text.withUTF8(needsQuotes) else { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 8)
        text.withUTF8 { appendQuoted($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a cell of these bytes must be quoted: it holds a delimiter, a quote or a line end.
    private static func needsQuotes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains { $0 == comma || $0 == quote || $0 == lf || $0 == cr }
    }

    /// The bytes as one quoted cell, each quote doubled.
    private static func appendQuoted(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(quote)
        for b in bytes {
            out.append(b)
            if b == quote { out.append(quote) }
        }
        out.append(quote)
    }

    private static let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    /// `values` as the cells that follow a row's own text, each after a comma (not neutralised): what a row
    /// passed through as its text is given after it.
    public static func cells(_ values: [PropertyValue]) -> [UInt8] {
        var out: [UInt8] = []
        append(cells: values, to: &out)
        return out
    }

    /// `cells(values)` appended to `out`.
    public static func append(cells values: [PropertyValue], to out: inout [UInt8]) {
        for v in values {
            out.append(UInt8(ascii: ","))
            // Written from the cell's own bytes: a quoted String made per cell, then copied, was a twenty-fifth
            // of `near`.
            var cell = text(v)
            cell.withUTF8 { bytes in
                if needsQuotes(bytes) { appendQuoted(bytes, to: &out) } else { out.append(contentsOf: bytes) }
            }
        }
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// A line whose cells are neutralised (`neutralised`) before quoting.
    public static func safeLine(_ fields: [String]) -> String {
        fields.map { field(neutralised($0)) }.joined(separator: ",") + "\n"
    }

    /// A cell a spreadsheet would run as a formula, made text (OWASP's CSV injection defence): one starting
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, which Excel, LibreOffice and
    /// Google Sheets show as text and do not display. A number (`-12.5`, `+3`, `-1e-5`) is left as it is:
    /// it runs nothing, and a leading quote would turn it into text.
    public static func neutralised(_ s: String) -> String {
        guard let first = s.utf8.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D,
              !isNumber(s) else { return s }
        return "'" + s
    }

    /// A decimal number as a spreadsheet reads one: sign, digits with at most one point, optional exponent.
    static func isNumber(_ s: String) -> Bool {
        var bytes = s.utf8[...]
        if let b = bytes.first, b == 0x2B || b == 0x2D { bytes = bytes.dropFirst() }
        var digits = 0, point = false
        while let b = bytes.first {
            if b >= 0x30 && b <= 0x39 { digits += 1 } else if b == 0x2E && !point { point = true } else { break }
            bytes = bytes.dropFirst()
        }
        guard digits > 0 else { return false }
        if let e = bytes.first, e == 0x65 || e == 0x45 {
            bytes = bytes.dropFirst()
            if let b = bytes.first, b == 0x2B || b == 0x2D { bytes = bytes.dropFirst() }
            guard let b = bytes.first, b >= 0x30 && b <= 0x39 else { return false }
            while let b = bytes.first, b >= 0x30 && b <= 0x39 { bytes = bytes.dropFirst() }
        }
        return bytes.isEmpty
    }

    public static func text(_ v: PropertyValue) -> String {
        switch v {
        case .double(let d): return NumberFormat.shortest(d)
        default: return v.text ?? ""
        }
    }
}
