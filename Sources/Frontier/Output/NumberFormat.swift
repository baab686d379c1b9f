import Foundation

/// Number formatting shared by every writer, so the same value prints the same everywhere.
public enum NumberFormat {
    /// A coordinate at most 7 decimals (about 1 cm), trailing zeros trimmed: RFC 7946's advice.
    public static func coordinate(_ value: Double) -> String {
        fixed(value, decimals: 7, trim: true)
    }

    /// `decimals` fixed decimals, optionally trimmed; "-0" is printed as "0".
    public static func fixed(_ value: Double, decimals: Int, trim: Bool = false) -> String {
        var s = String(format: "%.\(decimals)f", value)
        if trim, s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" || (s.hasPrefix("-") && s.dropFirst().allSatisfy { $0 == "0" || $0 == "." }) {
            s.removeFirst()
        }
        return s
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
