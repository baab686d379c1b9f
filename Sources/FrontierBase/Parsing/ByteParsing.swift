/// Number and date parsing straight from field bytes, without making Strings (the aggregate hot path).
package enum ByteParsing {
    static func trimmed(_ b: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var s = 0, e = b.count
        while s < e, b[s] == 32 || b[s] == 9 { s += 1 }
        while e > s, b[e - 1] == 32 || b[e - 1] == 9 { e -= 1 }
        return UnsafeBufferPointer(rebasing: b[s..<e])
    }

    private static let powersOfTen: [Double] = (0...22).map { p in (0..<p).reduce(1.0) { acc, _ in acc * 10 } }

    /// A decimal like `-37.12345`: exact and correctly rounded when it has at most 15 significant digits and
    /// no exponent (mantissa and power of ten are exact doubles, one division rounds once); anything else
    /// goes through Swift's own parser. Nil when the text is not a number. `decimalComma`: a comma is the
    /// decimal mark (`34,52`), as spreadsheets write it in locales whose files are separated by ';'.
    package static func double(_ raw: UnsafeBufferPointer<UInt8>, decimalComma: Bool = false) -> Double? {
        let b = trimmed(raw)
        guard !b.isEmpty else { return nil }
        var i = 0
        var negative = false
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { negative = b[0] == UInt8(ascii: "-"); i = 1 }
        var mantissa: UInt64 = 0, digits = 0, fraction = 0, sawDot = false, sawDigit = false
        while i < b.count {
            let c = b[i]
            if c >= 48 && c <= 57 {
                sawDigit = true
                if mantissa == 0 && c == 48 && !sawDot { i += 1; continue }  // leading zeros
                mantissa = mantissa &* 10 &+ UInt64(c - 48)
                digits += 1
                if sawDot { fraction += 1 }
            } else if c == UInt8(ascii: ".") || (decimalComma && c == UInt8(ascii: ",")), !sawDot {
                sawDot = true
            } else {
                return slow(b)
            }
            i += 1
        }
        guard sawDigit else { return slow(b) }
        if digits > 15 || fraction > 22 { return slow(b) }
        var v = Double(mantissa)
        if fraction > 0 { v /= powersOfTen[fraction] }
        return negative ? -v : v
    }

    /// Exponents and the words nan/inf go to Swift's parser; hexadecimal floats ("0x10") and anything else
    /// with letters are not numbers in this data.
    private static func slow(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        let text = String(decoding: b, as: UTF8.self)
        let word = text.lowercased().trimmingPrefix { $0 == "+" || $0 == "-" }
        if ["nan", "inf", "infinity"].contains(String(word)) { return Double(text) }
        guard b.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 43 || $0 == 45 || $0 == 46 || $0 == 101 || $0 == 69 }) else { return nil }
        return Double(text)
    }

    /// The largest magnitude `integer` reads (2^52, below which every whole number is also exactly a float):
    /// a count beyond it is no real count, and its text is refused as out of range.
    package static var largestWhole: Int { 1 << 52 }

    /// `v`, a typed table's whole number, when `integer` would read its decimal text as the same number;
    /// nil when it would refuse that text (beyond `largestWhole`): then the text is read, and refused with the
    /// same message as a file's.
    package static func whole(_ v: Int64) -> Int? {
        v.magnitude <= UInt64(largestWhole) ? Int(v) : nil
    }

    /// A whole number (an integral decimal like `3.0` counts); nil otherwise.
    package static func integer(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        let b = trimmed(raw)
        guard !b.isEmpty else { return nil }
        var i = 0, negative = false
        if b[0] == UInt8(ascii: "-") { negative = true; i = 1 }
        guard i < b.count else { return nil }
        var v = 0
        while i < b.count {
            let c = b[i]
            guard c >= 48 && c <= 57 else {
                guard let d = double(raw), d == d.rounded(), abs(d) < 1e12 else { return nil }
                return Int(d)
            }
            v = v &* 10 &+ Int(c - 48)
            if v > largestWhole { return nil }
            i += 1
        }
        return negative ? -v : v
    }

    package static func isEmpty(_ raw: UnsafeBufferPointer<UInt8>) -> Bool { trimmed(raw).isEmpty }
}
