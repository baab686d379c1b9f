extension PropertyValue {
    /// A CSV field as a typed value: canonical integers and decimals become numbers (so GeoJSON output keeps
    /// numbers numbers); anything else, including ids with leading zeros, stays text.
    public static func inferred(from text: String) -> PropertyValue {
        guard !text.isEmpty, text.utf8.count <= 20 else { return .string(text) }
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard let first = bytes.first, first >= 48 && first <= 57 else { return .string(text) }
        var sawDot = false, digitsBeforeDot = 0, digitsAfterDot = 0
        for b in bytes {
            if b == UInt8(ascii: ".") {
                if sawDot { return .string(text) }
                sawDot = true
            } else if b >= 48 && b <= 57 {
                if sawDot { digitsAfterDot += 1 } else { digitsBeforeDot += 1 }
            } else { return .string(text) }
        }
        // "007" is an id, not the number 7; "1." is not a canonical number either.
        if digitsBeforeDot > 1 && first == 48 { return .string(text) }
        if sawDot {
            guard digitsAfterDot > 0, let d = Double(text) else { return .string(text) }
            return .double(d)
        }
        guard let i = Int64(text) else { return .string(text) }
        return .int(i)
    }
}
