/// One row of SQL values in a single byte buffer: what a worker thread makes of an input row and the writing
/// thread binds, with one allocation per row and no `String` per value. The text of a value is its UTF-8 bytes,
/// bound in place (`SQLiteDatabase.Statement.withBinding`), so SQLite copies it once, into the record.
///
/// Layout: a kind byte per column, then a (start, length) pair of 32-bit offsets per column, then the values'
/// bytes in the order they were written (integers and reals as 8 little-endian bytes). A column never written
/// is NULL.
public struct PackedSQLRow: Sendable {
    /// What a column holds.
    package enum Kind: UInt8 {
        case null = 0, integer, real, text, blob
    }

    /// The number of columns.
    package let count: Int
    private var bytes: [UInt8]

    /// An all-NULL row of `count` columns with room for about `capacity` bytes of values.
    package init(columns count: Int, capacity: Int = 512) {
        self.count = count
        bytes = [UInt8](repeating: 0, count: count * 9)
        bytes.reserveCapacity(count * 9 + capacity)
    }

    private func rangeOffset(_ column: Int) -> Int { count + 8 * column }

    private mutating func set(_ column: Int, _ kind: Kind, start: Int, length: Int) {
        precondition(column >= 0 && column < count, "column out of range")
        bytes[column] = kind.rawValue
        let at = rangeOffset(column)
        bytes.withUnsafeMutableBytes {
            $0.storeBytes(of: UInt32(truncatingIfNeeded: start).littleEndian, toByteOffset: at, as: UInt32.self)
            $0.storeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian, toByteOffset: at + 4, as: UInt32.self)
        }
    }

    /// Sets a column to an integer.
    package mutating func setInteger(_ column: Int, _ value: Int64) {
        let start = bytes.count
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        set(column, .integer, start: start, length: 8)
    }

    /// Sets a column to a real.
    package mutating func setReal(_ column: Int, _ value: Double) {
        let start = bytes.count
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        set(column, .real, start: start, length: 8)
    }

    /// Sets a column to text: `utf8` copied as it is.
    package mutating func setText(_ column: Int, _ utf8: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: utf8)
        set(column, .text, start: start, length: utf8.count)
    }

    /// Sets a column to text (or a blob) that `write` appends to the buffer it is given (and must only append
    /// to): JSON or a number written in place, without an intermediate copy.
    package mutating func write(_ column: Int, as kind: Kind = .text, _ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        precondition(bytes.count >= start, "a column's writer only appends")
        set(column, kind, start: start, length: bytes.count - start)
    }

    /// The values as the binder reads them, valid during `body`.
    package func withValues<R>(_ body: (Values) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes { try body(Values(raw: $0, count: count)) }
    }

    /// A column's kind.
    package func kind(_ column: Int) -> Kind { withValues { $0.kind(column) } }

    /// A column's bytes (text or blob), valid during `body`.
    package func withBytes<R>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try withValues { try body($0.bytes(column)) }
    }

    /// A borrowed view of a row's values.
    package struct Values {
        let raw: UnsafeRawBufferPointer
        package let count: Int

        package func kind(_ column: Int) -> Kind { Kind(rawValue: raw[column]) ?? .null }

        private func range(_ column: Int) -> (start: Int, length: Int) {
            let at = count + 8 * column
            let start = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))
            let length = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at + 4, as: UInt32.self))
            return (Int(start), Int(length))
        }

        /// The column's bytes: UTF-8 for text, the blob, or the 8 bytes of a number.
        package func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8> {
            let (start, length) = range(column)
            // Never a nil start, even for empty text: SQLite binds a nil pointer as NULL, not as ''.
            let base = raw.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) + start }
            return UnsafeBufferPointer(start: base, count: length)
        }

        package func integer(_ column: Int) -> Int64 {
            Int64(littleEndian: raw.loadUnaligned(fromByteOffset: range(column).start, as: Int64.self))
        }

        package func real(_ column: Int) -> Double {
            Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: range(column).start, as: UInt64.self)))
        }
    }
}
