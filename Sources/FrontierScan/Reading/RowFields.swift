/// One row's field values, borrowed as UTF-8 bytes: a CSV record (bytes already) or a row of Strings (GeoJSON
/// properties, store values). The validator reads both through this, so every input follows one set of rules.
import FrontierBase
import FrontierFormats
protocol RowFields {
    func withBytes<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T
    /// How many fields the row itself has, where that can differ from the header's (CSV); nil otherwise.
    var fieldCount: Int? { get }
    /// Field `i` when it is a finite number already (a typed table's float): read as it is, not printed and
    /// parsed back (the same value: a float prints as the shortest text that parses back to it). Nil: read
    /// its text.
    func finiteNumber(_ i: Int) -> Double?
    /// Field `i` when it is a whole number already (a typed table's integer) that its text would read as
    /// (`ByteParsing.whole`): read as it is, not printed and parsed back. Nil: read its text.
    func wholeNumber(_ i: Int) -> Int?
}

extension RowFields {
    func text(_ i: Int) -> String { withBytes(i) { String(decoding: $0, as: UTF8.self) } }
    func finiteNumber(_ i: Int) -> Double? { nil }
    func wholeNumber(_ i: Int) -> Int? { nil }
}

extension CSVRecordReader.RecordView: RowFields {
    func withBytes<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T { body(self[i]) }
    var fieldCount: Int? { count }
}

/// A row of typed values (GeoJSON properties, store values) read as their text; null and missing read as empty.
struct ValueFields: RowFields {
    var values: RowValues
    var fieldCount: Int? { nil }

    func withBytes<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T { values.withUTF8(i, body) }

    func finiteNumber(_ i: Int) -> Double? {
        guard i < values.count, case .double(let v) = values[i], v.isFinite else { return nil }
        return v
    }

    func wholeNumber(_ i: Int) -> Int? {
        guard i < values.count, case .int(let v) = values[i] else { return nil }
        return ByteParsing.whole(v)
    }
}

/// The current row of a table's part, read in place.
struct SourceFields: RowFields {
    /// Strong: a call through an unowned reference, checked or not, counts the source for the call, once per
    /// field (measured: unowned(unsafe) put a quarter of the frame path's time in swift_retain/release).
    let source: any IncidentRowSource
    var fieldCount: Int? { nil }

    func withBytes<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var result: T?
        source.withText(i) { bytes in if result == nil { result = body(bytes) } }
        // A source that lent nothing (breaking `withText`'s contract) reads as an empty field, never a trap.
        return result ?? body(UnsafeBufferPointer(start: nil, count: 0))
    }
    func finiteNumber(_ i: Int) -> Double? { source.finiteNumber(i) }
    func wholeNumber(_ i: Int) -> Int? { source.wholeNumber(i).flatMap(ByteParsing.whole) }
}
