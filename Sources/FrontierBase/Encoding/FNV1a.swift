/// 64-bit FNV-1a: a stable hash (same on every run and machine) for compact duplicate-id sets and row hashes.
/// Bytes and Strings hash alike (a String hashes as its UTF-8).
package struct FNV1a {
    @usableFromInline package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    package init() {}

    /// Inlinable so callers in other layers get it specialised for their byte sequence, not a byte at a time
    /// through a generic witness.
    @inlinable package mutating func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes { value ^= UInt64(b); value = value &* 0x0000_0100_0000_01B3 }
    }

    /// Bytes in memory, without the generic path (an import mixes every value of every row).
    @inlinable package mutating func mix(_ bytes: UnsafeBufferPointer<UInt8>) {
        var v = value
        for b in bytes { v ^= UInt64(b); v = v &* 0x0000_0100_0000_01B3 }
        value = v
    }

    /// One byte (a separator).
    @inlinable package mutating func mix(byte b: UInt8) {
        value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01B3
    }

    /// A field's bytes, the per-row case (an id): a plain loop the caller's module compiles in place.
    @inlinable package static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { value ^= UInt64(b); value = value &* 0x0000_0100_0000_01B3 }
        return value
    }

    @inlinable package static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = FNV1a()
        h.mix(bytes)
        return h.value
    }

    package static func hash(_ s: String) -> UInt64 {
        var h = FNV1a()
        h.mix(s)
        return h.value
    }

    /// A string's UTF-8 through its contiguous storage (byte by byte through `String.UTF8View` cost a
    /// twentieth of an import).
    package mutating func mix(_ s: String) {
        var s = s
        s.withUTF8 { mix($0) }
    }
}

extension FNV1a {
    /// A file's checksum for telling whether it changed (not a cryptographic hash): FNV-1a's step over
    /// 64-bit words in four interleaved lanes, folded with the tail bytes and the length. Byte-at-a-time
    /// FNV-1a waits on one multiply per byte; this does four words per round, so the 5 MB of GeoJSON the
    /// compact GeoData is checked against hash in about a millisecond rather than eight.
    package static func wordHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x0000_0100_0000_01B3
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9ce4_8422_2325_cbf2, 0x2325_cbf2_9ce4_8422)
        let words = bytes.count / 32 * 4
        var i = 0
        while i < words {
            let base = i * 8
            lanes.0 = (lanes.0 ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base, as: UInt64.self))) &* prime
            lanes.1 = (lanes.1 ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))) &* prime
            lanes.2 = (lanes.2 ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self))) &* prime
            lanes.3 = (lanes.3 ^ UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 24, as: UInt64.self))) &* prime
            i += 4
        }
        var h = FNV1a()
        for lane in [lanes.0, lanes.1, lanes.2, lanes.3, UInt64(bytes.count)] {
            withUnsafeBytes(of: lane.littleEndian) { h.mix($0) }
        }
        h.mix(UnsafeRawBufferPointer(rebasing: bytes[(words * 8)...]))
        return h.value
    }
}
