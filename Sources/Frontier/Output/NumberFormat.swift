import Foundation

/// Number formatting shared by every writer, so the same value prints the same everywhere.
public enum NumberFormat {
    /// A coordinate at most 7 decimals (about 1 cm), trailing zeros trimmed: RFC 7946's advice.
    public static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: 7, trim: true)
    }

    /// `decimals` fixed decimals, optionally trimmed; "-0" is printed as "0". C's correctly rounded `%.*f`
    /// into a stack buffer (Foundation's `String(format:)` cost a third of writing a buffer's polygon).
    public static func fixed(_ value: Double, decimals: Int, trim: Bool = false) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
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
