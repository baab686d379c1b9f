/// Little-endian binary records for Frontier's own derived files (the compact GeoData). The writer
/// appends; the reader checks every length against what is left, so a truncated or foreign file is an
/// error, never a read past the end.
package struct BinaryWriter {
    package private(set) var bytes: [UInt8] = []

    package init() {}

    package mutating func u8(_ v: UInt8) { bytes.append(v) }
    package mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    package mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
    package mutating func f64(_ v: Double) { u64(v.bitPattern) }
    package mutating func int(_ v: Int) { u64(UInt64(bitPattern: Int64(v))) }
    package mutating func raw(_ data: [UInt8]) { u32(UInt32(data.count)); bytes += data }
    package mutating func string(_ s: String) { raw(Array(s.utf8)) }
    package mutating func int32s(_ values: [Int32]) {
        u32(UInt32(values.count))
        for v in values { u32(UInt32(bitPattern: v)) }
    }
    package mutating func strings(_ values: [String]) {
        u32(UInt32(values.count))
        for v in values { string(v) }
    }
    /// A record its reader can check (`BinaryReader.checkedRecord`): the bytes `write` appends, length-prefixed,
    /// then their `RecordChecksum`.
    package mutating func checked(_ write: (inout BinaryWriter) throws -> Void) rethrows {
        var record = BinaryWriter()
        try write(&record)
        checked(record.bytes)
    }
    /// `bytes` as a checked record (a WKB read as it stands).
    package mutating func checked(_ bytes: [UInt8]) {
        raw(bytes)
        u64(RecordChecksum.of(bytes[...]))
    }
}

/// The checksum that tells a record of a derived file intact (`FNV1a.wordHash`: damage goes unseen with a
/// chance of about 2⁻⁶⁴, and it reads a few gigabytes a second, so a record is checked whenever it is read).
package enum RecordChecksum {
    package static func of(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { FNV1a.wordHash($0) }
    }
}

/// A record as `BinaryWriter.checked` wrote it: its bytes and the checksum recorded beside them, compared when
/// the bytes are used (a region's polygon only when it is first parsed).
package struct CheckedRecord {
    package let bytes: ArraySlice<UInt8>
    package let checksum: UInt64

    /// Whether the bytes are those the checksum was computed from.
    package var isIntact: Bool { RecordChecksum.of(bytes) == checksum }
}

package struct BinaryReader {
    /// Why a record cannot be read (the caller names the file).
    package struct Truncated: Error {
        package init() {}
    }

    /// A slice, so a record read out of a larger buffer (one layer of the compact file) is not copied.
    private let bytes: ArraySlice<UInt8>
    /// Bytes read so far, from the slice's start.
    private(set) var offset = 0

    package init(_ bytes: [UInt8]) { self.bytes = bytes[...] }
    package init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    package var atEnd: Bool { offset == bytes.count }

    private mutating func take(_ n: Int) throws -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - offset else { throw Truncated() }
        defer { offset += n }
        let start = bytes.startIndex + offset
        return bytes[start..<(start + n)]
    }

    package mutating func u8() throws -> UInt8 { try take(1).first ?? 0 }
    package mutating func u32() throws -> UInt32 {
        try take(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }
    package mutating func u64() throws -> UInt64 {
        try take(8).reversed().reduce(0) { $0 << 8 | UInt64($1) }
    }
    package mutating func f64() throws -> Double { Double(bitPattern: try u64()) }
    package mutating func int() throws -> Int {
        let v = Int64(bitPattern: try u64())
        guard let i = Int(exactly: v) else { throw Truncated() }
        return i
    }
    package mutating func raw() throws -> ArraySlice<UInt8> { try take(Int(try u32())) }
    package mutating func string() throws -> String { String(decoding: try raw(), as: UTF8.self) }
    package mutating func int32s() throws -> [Int32] {
        let count = Int(try u32())
        let slice = try take(count * 4)
        var out = [Int32](repeating: 0, count: count)
        out.withUnsafeMutableBytes { $0.copyBytes(from: slice) }
        if UInt32(1).littleEndian != 1 { out = out.map { Int32(littleEndian: $0) } }
        return out
    }
    package mutating func strings() throws -> [String] {
        try (0..<Int(try u32())).map { _ in try string() }
    }
    /// Skips `n` bytes.
    package mutating func skip(_ n: Int) throws { _ = try take(n) }
    /// A record `BinaryWriter.checked` wrote (its checksum not yet compared).
    package mutating func checkedRecord() throws -> CheckedRecord {
        CheckedRecord(bytes: try raw(), checksum: try u64())
    }
    /// The bytes read so far.
    package var consumed: ArraySlice<UInt8> { bytes[bytes.startIndex..<(bytes.startIndex + offset)] }
    /// The bytes not read yet (all of them are then read).
    package mutating func rest() -> ArraySlice<UInt8> {
        defer { offset = bytes.count }
        return bytes[(bytes.startIndex + offset)...]
    }
}
