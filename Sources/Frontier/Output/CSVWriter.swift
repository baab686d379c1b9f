/// RFC 4180 CSV: fields quoted only when they hold a comma, quote, CR or LF; LF line ends.
public enum CSVWriter {
    public static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
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
