/// 64-bit FNV-1a: a stable hash (same on every run and machine) for compact duplicate-id sets and row hashes.
/// Bytes and Strings hash alike (a String hashes as its UTF-8).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes { value ^= UInt64(b); value = value &* 0x0000_0100_0000_01B3 }
    }

    static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = FNV1a()
        h.mix(bytes)
        return h.value
    }

    static func hash(_ s: String) -> UInt64 {
        var h = FNV1a()
        h.mix(s)
        return h.value
    }

    /// A string's UTF-8 through its contiguous storage (byte by byte through `String.UTF8View` cost a
    /// twentieth of an import).
    mutating func mix(_ s: String) {
        var s = s
        s.withUTF8 { mix($0) }
    }
}
