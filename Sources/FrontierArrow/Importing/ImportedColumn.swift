import CArrow
import Foundation
import FrontierBase

/// A column of a received batch with its buffers checked: the ones its type reads are present. A value type
/// of pointers and numbers alone (a dictionary's values sit in a box its batch keeps), so it is copied as
/// bytes and reading a value per row touches no reference count. It points into its batch's buffers and
/// holds its dictionary unretained: it is read only while its batch lives (the batch keeps it in place).
struct ImportedColumn {
    /// A dictionary-encoded column's values, and how many there are; kept alive by the batch (`keeping`).
    final class DictionaryValues {
        let column: ImportedColumn
        let count: Int
        init(column: ImportedColumn, count: Int) { self.column = column; self.count = count }
    }

    let type: ArrowImportedType
    private let offset: Int
    /// Nil when the column has no nulls.
    private let validity: UnsafeRawPointer?
    /// Fixed-width values, bits, or a text column's offsets; nil only for the null type (every value null).
    private let values: UnsafeRawPointer?
    /// A text column's bytes (may be absent when every text is empty).
    private let data: UnsafeRawPointer?
    private let dictionary: Unmanaged<DictionaryValues>?

    /// - Parameters:
    ///   - rows: how many rows the batch reads of it (its values must reach that far).
    ///   - keeping: where a dictionary's values are kept for as long as the column is read.
    /// - Throws: `FrontierError.invalid` naming the column when a buffer its type reads is missing or it is
    ///   shorter than the batch.
    init(_ a: ArrowArray, type: ArrowImportedType, rows: Int, column: String, file: String, keeping: inout [DictionaryValues]) throws {
        func bad(_ reason: String) -> FrontierError {
            FrontierError.invalid(file: file, reason: "column '\(MessageText.escaped(column))' of an Arrow batch \(reason)")
        }
        offset = Int(a.offset)
        // The batch reads this column's values `0..<rows` from its own offset: its length must reach that far
        // (the offset moves where they start, not how many there are).
        guard offset >= 0, Int(a.length) >= rows else { throw bad("holds fewer values than the batch has rows") }
        let buffers = Int(a.n_buffers)
        self.type = type
        let needed: Int
        switch type {
        case .utf8, .largeUTF8: needed = 3
        default: needed = 2
        }
        if buffers == 0, case .utf8 = type {
            // The null type ("n"): no buffers, every value null.
            validity = nil; values = nil; data = nil; dictionary = nil
            return
        }
        guard buffers >= needed, let list = a.buffers else { throw bad("has \(buffers) buffers where its type has \(needed)") }
        validity = a.null_count == 0 ? nil : list[0]
        guard let values = list[1] else { throw bad("has no values buffer") }
        self.values = values
        data = needed == 3 ? list[2] : nil
        if let valueType = type.dictionaryValues {
            guard let d = a.dictionary else { throw bad("is dictionary-encoded but has no dictionary") }
            let count = Int(d.pointee.length)
            let values = DictionaryValues(column: try ImportedColumn(d.pointee, type: valueType, rows: count, column: column, file: file, keeping: &keeping),
                                          count: count)
            keeping.append(values)
            dictionary = Unmanaged.passUnretained(values)
        } else {
            dictionary = nil
        }
    }

    /// The value at `row` (of the batch, before this column's own offset): text, a whole number, a float, a
    /// boolean, a date as `yyyy-mm-dd` text (a timestamp with a time of day as `yyyy-mm-ddTHH:MM:SS`), or null.
    func value(at row: Int) -> PropertyValue {
        let i = row + offset
        guard !isNull(i), let values else { return .null }
        switch type {
        case .utf8, .largeUTF8:
            var text = ""
            withText(at: row) { text = String(decoding: $0, as: UTF8.self) }
            return .string(text)
        case .int:
            return integer(at: i).map(PropertyValue.int) ?? .string(String(values.load(fromByteOffset: i * 8, as: UInt64.self)))
        case .float(let bytes):
            return .double(Self.float(values, at: i, bytes: bytes))
        case .bool:
            return .bool(values.load(fromByteOffset: i / 8, as: UInt8.self) & (1 << UInt8(i % 8)) != 0)
        case .date32:
            return .string(CivilDate(daysSinceEpoch: Int(values.load(fromByteOffset: i * 4, as: Int32.self))).description)
        case .date64:
            let ms = values.load(fromByteOffset: i * 8, as: Int64.self)
            return .string(CivilDate(daysSinceEpoch: Int(Self.floorDivide(ms, 86_400_000))).description)
        case .timestamp(let perSecond):
            let seconds = Self.floorDivide(values.load(fromByteOffset: i * 8, as: Int64.self), perSecond)
            let day = Self.floorDivide(seconds, 86_400), second = seconds - day * 86_400
            let date = CivilDate(daysSinceEpoch: Int(day)).description
            if second == 0 { return .string(date) }
            return .string(date + "T" + String(format: "%02lld:%02lld:%02lld", second / 3600, second / 60 % 60, second % 60))
        case .dictionary:
            // An index outside the dictionary is the producer's error: read as null, never past the dictionary.
            guard let dictionary, let id = integer(at: i) else { return .null }
            return dictionary._withUnsafeGuaranteedRef { d in id >= 0 && id < d.count ? d.column.value(at: Int(id)) : .null }
        }
    }

    /// Lends `body` the value at `row` as the UTF-8 text `value(at:)` prints it (empty for null): text in
    /// place (repaired where it is not UTF-8), whole numbers and `date32` dates printed on the stack, the
    /// rarer types' text made. `body` is called once.
    func withText(at row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let i = row + offset
        guard !isNull(i), let values else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        switch type {
        case .utf8:
            let offsets = values.assumingMemoryBound(to: Int32.self)
            return Self.withText(data, from: Int(offsets[i]), to: Int(offsets[i + 1]), body)
        case .largeUTF8:
            let offsets = values.assumingMemoryBound(to: Int64.self)
            return Self.withText(data, from: Int(offsets[i]), to: Int(offsets[i + 1]), body)
        case .int:
            guard let v = integer(at: i) else { break }
            return DecimalText.withDigits(of: v, body)
        case .date32:
            let day = Int(values.load(fromByteOffset: i * 4, as: Int32.self))
            if DecimalText.withISODate(CivilDate(daysSinceEpoch: day), body) { return }
        case .dictionary:
            guard let dictionary, let id = integer(at: i) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return dictionary._withUnsafeGuaranteedRef { d in
                id >= 0 && id < d.count ? d.column.withText(at: Int(id), body) : body(UnsafeBufferPointer(start: nil, count: 0))
            }
        default:
            break
        }
        var text = value(at: row).text ?? ""
        text.withUTF8(body)
    }

    /// The value at `row` when it is a finite float.
    func finiteNumber(at row: Int) -> Double? {
        let i = row + offset
        guard case .float(let bytes) = type, !isNull(i), let values else { return nil }
        let v = Self.float(values, at: i, bytes: bytes)
        return v.isFinite ? v : nil
    }

    /// The value at `row` when it is an integer column's (an unsigned one's within Int64), not null.
    func wholeNumber(at row: Int) -> Int64? {
        let i = row + offset
        guard case .int = type, !isNull(i) else { return nil }
        return integer(at: i)
    }

    /// A float column's value at `i` (counting the array's offset already), a 4-byte one widened.
    private static func float(_ values: UnsafeRawPointer, at i: Int, bytes: Int) -> Double {
        bytes == 4 ? Double(values.load(fromByteOffset: i * 4, as: Float.self)) : values.load(fromByteOffset: i * 8, as: Double.self)
    }

    /// Whether the value at `i` (counting the array's offset already) is null.
    @inline(__always)
    private func isNull(_ i: Int) -> Bool {
        guard values != nil else { return true }
        guard let validity else { return false }
        return validity.load(fromByteOffset: i / 8, as: UInt8.self) & (1 << UInt8(i % 8)) == 0
    }

    /// An integer column's (or a dictionary's index's) value at `i`, counting the array's offset already;
    /// nil for an unsigned 64-bit value past Int64's range.
    private func integer(at i: Int) -> Int64? {
        guard let values else { return nil }
        let bytes: Int, signed: Bool
        switch type {
        case .int(let b, let s), .dictionary(let b, let s, _): (bytes, signed) = (b, s)
        default: return nil
        }
        switch (bytes, signed) {
        case (1, true): return Int64(values.load(fromByteOffset: i, as: Int8.self))
        case (1, false): return Int64(values.load(fromByteOffset: i, as: UInt8.self))
        case (2, true): return Int64(values.load(fromByteOffset: i * 2, as: Int16.self))
        case (2, false): return Int64(values.load(fromByteOffset: i * 2, as: UInt16.self))
        case (4, true): return Int64(values.load(fromByteOffset: i * 4, as: Int32.self))
        case (4, false): return Int64(values.load(fromByteOffset: i * 4, as: UInt32.self))
        case (_, true): return values.load(fromByteOffset: i * 8, as: Int64.self)
        default:
            let v = values.load(fromByteOffset: i * 8, as: UInt64.self)
            return v <= UInt64(Int64.max) ? Int64(v) : nil
        }
    }

    /// Lends text as `value` decodes it: Arrow requires UTF-8 but a producer may not check, so bytes that are
    /// not UTF-8 are lent repaired (U+FFFD), as `String(decoding:)` makes them, and an id hashes as the text
    /// it is kept and reported as. ASCII, nearly every field, is lent in place after one pass.
    private static func withText(_ data: UnsafeRawPointer?, from start: Int, to end: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard let data, end > start, start >= 0 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        let bytes = UnsafeBufferPointer(start: (data + start).assumingMemoryBound(to: UInt8.self), count: end - start)
        if !ASCIIScan.isASCII(bytes), String(validating: bytes, as: UTF8.self) == nil {
            var repaired = String(decoding: bytes, as: UTF8.self)
            return repaired.withUTF8(body)
        }
        body(bytes)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
