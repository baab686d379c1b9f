/// RFC 4180 CSV: fields quoted only when they hold a comma, quote, CR or LF; LF line ends.
public enum CSVWriter {
    /// Judged on bytes, not Characters: "\r\n" is one Character, equal to neither "\r" nor "\n", and a quote
    /// followed by a combining mark is one Character too (both once slipped through unquoted).
    public static func field(_ s: String) -> String {
        let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        guard s.utf8.contains(where: { $0 == comma || $0 == quote || $0 == lf || $0 == cr }) else { return s }
        var out: [UInt8] = [quote]
        out.reserveCapacity(s.utf8.count + 8)
        for b in s.utf8 {
            out.append(b)
            if b == quote { out.append(quote) }
        }
        out.append(quote)
        return String(decoding: out, as: UTF8.self)
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    public static func text(_ v: PropertyValue) -> String {
        switch v {
        case .double(let d): return NumberFormat.shortest(d)
        default: return v.text ?? ""
        }
    }
}
