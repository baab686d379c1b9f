/// One row's fields as text, every field's UTF-8 in one buffer after the fields' end offsets: a row read to be
/// stored byte for byte keeps all its values with one allocation, and lends each field's bytes in place
/// (`RowValues.withUTF8`) where a String per field cost an allocation, a UTF-8 check and reference counting.
public struct TextFields: Equatable {
    /// The number of fields.
    public let count: Int
    /// `count` 32-bit little-endian end offsets (counted from the first text byte), then the text.
    @usableFromInline let buffer: [UInt8]

    /// The fields `field(0)` … `field(count - 1)` gives. Bytes that are not UTF-8 are kept as
    /// `String(decoding:as:)` reads them (U+FFFD for each bad sequence), so a field's text is what a String of
    /// it would hold.
    public init(count: Int, field: (Int) -> UnsafeBufferPointer<UInt8>) {
        self.count = count
        var total = 0, ascii = true
        for i in 0..<count {
            let bytes = field(i)
            total += bytes.count
            ascii = ascii && ASCIIScan.isASCII(bytes)
        }
        if ascii {
            // The usual row: its own bytes, no String made (one per field was a fifth of an import's reading).
            buffer = Self.layout(count: count, total: total, field: field)
        } else {
            var text: [UInt8] = [], ends: [Int] = []
            for i in 0..<count {
                text.append(contentsOf: String(decoding: field(i), as: UTF8.self).utf8)
                ends.append(text.count)
            }
            buffer = text.withUnsafeBufferPointer { all in
                Self.layout(count: count, total: all.count) { i in UnsafeBufferPointer(rebasing: all[(i == 0 ? 0 : ends[i - 1])..<ends[i]]) }
            }
        }
    }

    /// The buffer of `count` fields of `total` bytes together: their end offsets, then their bytes, written in
    /// place in one allocation of exactly that size. `field` must lend the same bytes as the count was made of,
    /// and memory that stays valid for the call. The offsets are 32-bit: a CSV record is at most 64 MiB
    /// (`CSVRecordScan.maxRecordBytes`; longer ones are rejected before any value is made), three times that
    /// after repair.
    private static func layout(count: Int, total: Int, field: (Int) -> UnsafeBufferPointer<UInt8>) -> [UInt8] {
        precondition(total <= Int(UInt32.max), "a row's text past 4 GiB")
        return [UInt8](unsafeUninitializedCapacity: 4 * count + total) { out, initialized in
            let raw = UnsafeMutableRawBufferPointer(out)
            var end = 0
            for i in 0..<count {
                let bytes = field(i)
                if bytes.count > 0 { (out.baseAddress! + 4 * count + end).update(from: bytes.baseAddress!, count: bytes.count) }
                end += bytes.count
                raw.storeBytes(of: UInt32(truncatingIfNeeded: end).littleEndian, toByteOffset: 4 * i, as: UInt32.self)
            }
            initialized = 4 * count + total
        }
    }

    /// Lends field `i`'s UTF-8 bytes, valid during `body`.
    /// - Precondition: `0 <= i < count`.
    /// (Inlinable: an import reads every field of every row through it from another module.)
    @inlinable public func withUTF8<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        precondition(i >= 0 && i < count, "field out of range")
        return try buffer.withUnsafeBytes { raw in
            let start = i == 0 ? 0 : Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * (i - 1), as: UInt32.self)))
            let end = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)))
            let text = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + 4 * count
            return try body(UnsafeBufferPointer(start: text + start, count: end - start))
        }
    }

    /// Field `i` as a String.
    public func string(_ i: Int) -> String {
        withUTF8(i) { String(decoding: $0, as: UTF8.self) }
    }
}
