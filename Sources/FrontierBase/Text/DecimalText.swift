/// Whole numbers and dates printed into a stack buffer and lent as bytes (to a closure returning nothing: a
/// generic result would be looked up at run time on every call from another module): the same text `String(_:)` and
/// `CivilDate.description` make, for a reader that only looks at it (a typed table's values read in place).
public enum DecimalText {
    /// `value` in decimal, as `String(value)` prints it, borrowed for `body`.
    public static func withDigits(of value: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        // 19 digits and a sign hold every Int64.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var end = buffer.count
            // The magnitude as UInt64: Int64.min has none as an Int64.
            var rest = value.magnitude
            repeat {
                end -= 1
                buffer[end] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            if value < 0 { end -= 1; buffer[end] = UInt8(ascii: "-") }
            body(UnsafeBufferPointer(rebasing: buffer[end...]))
        }
    }

    /// `date` as `CivilDate.description` prints it, `yyyy-mm-dd`, borrowed for `body`. False (`body` not
    /// called) for a year outside 0…9999, whose text is not ten bytes.
    public static func withISODate(_ date: CivilDate, _ body: (UnsafeBufferPointer<UInt8>) -> Void) -> Bool {
        guard (0...9999).contains(date.year) else { return false }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            func put(_ value: Int, at start: Int, width: Int) {
                var rest = value
                for i in stride(from: start + width - 1, through: start, by: -1) {
                    buffer[i] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(date.year, at: 0, width: 4)
            buffer[4] = UInt8(ascii: "-")
            put(date.month, at: 5, width: 2)
            buffer[7] = UInt8(ascii: "-")
            put(date.day, at: 8, width: 2)
            body(UnsafeBufferPointer(buffer))
        }
        return true
    }
}
