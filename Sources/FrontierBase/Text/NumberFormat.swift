import Foundation

/// Number formatting shared by every writer, so the same value prints the same everywhere.
public enum NumberFormat {
    /// A coordinate at most 7 decimals (about 1 cm), trailing zeros trimmed: RFC 7946's advice.
    public static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: 7, trim: true)
    }

    /// `decimals` fixed decimals, optionally trimmed; "-0" is printed as "0". The text is C's correctly
    /// rounded `%.*f`: computed from an integer where that is provably the same, else by C into a stack
    /// buffer (Foundation's `String(format:)`, then the variadic call's boxing, were a fifth of a buffer's
    /// polygon written).
    public static func fixed(_ value: Double, decimals: Int, trim: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        if let text = fixedFromInteger(value, decimals: decimals, trim: trim) { return text }
        return fixedByC(value, decimals: decimals, trim: trim)
    }

    /// 10⁰…10¹⁵, each exact in a Double.
    private static let powersOfTen: [Double] = (0...15).map { (0..<$0).reduce(1.0) { p, _ in p * 10 } }

    /// `%.*f` through an integer: s = value·10ᵈ is off the exact product by at most half an ulp of s, so when
    /// s lies more than an ulp from a half-integer the exact product rounds to the same integer as s does, and
    /// that integer's digits with a point put in are printf's text. Nil (C decides) near a tie, for more than
    /// 15 decimals, or beyond 2⁵² where an ulp reaches 1.
    static func fixedFromInteger(_ value: Double, decimals: Int, trim: Bool) -> String? {
        guard decimals >= 0, decimals < powersOfTen.count else { return nil }
        let scaled = value * powersOfTen[decimals]
        let magnitude = abs(scaled)
        guard magnitude < 0x1p52 else { return nil }
        let floor = magnitude.rounded(.down)
        let fraction = magnitude - floor   // exact: both below 2⁵² with the same exponent or smaller
        guard abs(fraction - 0.5) > 2 * magnitude.ulp + 0x1p-60 else { return nil }
        let units = UInt64(fraction > 0.5 ? floor + 1 : floor)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer -> String in
            // Digits right to left, zero-padded to decimals + 1 so there is a digit before the point.
            var end = buffer.count
            var rest = units
            var written = 0
            repeat {
                if decimals > 0, written == decimals { end -= 1; buffer[end] = UInt8(ascii: ".") }
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                written += 1
            } while rest > 0 || written <= decimals
            if units > 0, value < 0 { end -= 1; buffer[end] = UInt8(ascii: "-") }
            var last = buffer.count
            if trim, decimals > 0 {
                while buffer[last - 1] == UInt8(ascii: "0") { last -= 1 }
                if buffer[last - 1] == UInt8(ascii: ".") { last -= 1 }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[end..<last]), as: UTF8.self)
        }
    }

    private static func fixedByC(_ value: Double, decimals: Int, trim: Bool) -> String {
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer -> String in
            // 308 integer digits, a sign, a point and up to 17 decimals fit; more decimals are not asked for.
            let written = withVaList([value]) { vsnprintf(buffer.baseAddress, buffer.count, "%.\(min(decimals, 17))f", $0) }
            var end = Int(min(max(written, 0), Int32(buffer.count - 1)))
            let raw = UnsafeRawBufferPointer(start: buffer.baseAddress, count: end)
            if trim, raw.contains(UInt8(ascii: ".")) {
                while end > 0, raw[end - 1] == UInt8(ascii: "0") { end -= 1 }
                if end > 0, raw[end - 1] == UInt8(ascii: ".") { end -= 1 }
            }
            var start = 0
            // "-0", "-0.000": no negative zero in the output.
            if end > 1, raw[0] == UInt8(ascii: "-"), raw[1..<end].allSatisfy({ $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".") }) {
                start = 1
            }
            return String(decoding: raw[start..<end], as: UTF8.self)
        }
    }
}

extension NumberFormat {
    /// The shortest text that reads back as the same Double (Swift's description), without exponent
    /// for ordinary magnitudes.
    public static func shortest(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}

extension NumberFormat {
    /// An integer with thousands separators: 167295 → "167,295" (text for people: report, legends).
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }
}
