/// Whether bytes are ASCII, eight at a time: nearly every field of an incident is, and a check byte by byte
/// was the largest single cost of lending an Arrow text (and of an import's storable-text check).
public enum ASCIIScan {
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101

    /// Whether every byte is below 0x80.
    public static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var any: UInt64 = 0
        while i + 8 <= bytes.count {
            any |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            any |= UInt64(base[i])
            i += 1
        }
        return any & highBits == 0
    }

    /// Whether every byte is ASCII and none is NUL: text any store keeps byte for byte without a look at
    /// UTF-8. False says only that some byte needs that look.
    public static func isASCIIWithoutNUL(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // (w - 0x01…) & ~w has a byte's high bit set for a zero byte below any non-zero one (the classic
            // has-zero test; it can also flag a 0x01 above a zero, never when no byte is zero).
            if (w | ((w &- lowBits) & ~w)) & highBits != 0 { return false }
            i += 8
        }
        while i < bytes.count {
            if base[i] == 0 || base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }
}
