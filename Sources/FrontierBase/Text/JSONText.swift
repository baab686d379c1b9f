/// JSON text for scalar values, written by hand so output is byte-stable and numbers stay numbers.
package enum JSONText {
    package static func string(_ s: String) -> String {
        // Most values need no escaping: check the bytes once and skip the per-scalar rebuild.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + s + "\""
        }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func value(_ v: PropertyValue) -> String {
        switch v {
        case .string(let s): return string(s)
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? NumberFormat.shortest(d) : "null"
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }

    /// `{"k":v,...}` in the given key order.
    package static func object(_ fields: [(String, PropertyValue)]) -> String {
        "{" + fields.map { string($0.0) + ":" + value($0.1) }.joined(separator: ",") + "}"
    }
}
