import FrontierBase

/// Rows a caller already holds in memory (a DataFrame handed over through Arrow), read like a file's: handed
/// out in parts (`IncidentRowSource`), which worker threads validate, filter and locate as they parse a CSV
/// file's chunks, each part by one thread; the scan merges them in order, so rejections are numbered by their
/// position in the whole table (the first row is 1) and duplicate ids are caught across parts.
///
/// Sendable because the query carrying it is copied to the workers, which never touch it: only the scan's own
/// thread calls `nextPart`.
public protocol IncidentTable: AnyObject, Sendable {
    /// The columns' names, in order (every part has them).
    var columns: [String] { get }
    /// The next rows as a part of their own (from the row after the previous part's last), nil at the end.
    /// Called on the scan's own thread only; a part may then be read on another.
    /// - Throws: when the rows cannot be read (the producer's own error, with its message).
    func nextPart() throws -> IncidentRowPart?
}

/// A run of a table's rows, with how many it holds (for sizing what a worker makes of them).
public struct IncidentRowPart: @unchecked Sendable {
    // @unchecked: a part is read by one thread at a time (the worker given it, then the merge).
    public var rows: any IncidentRowSource
    public var count: Int

    public init(rows: any IncidentRowSource, count: Int) {
        self.rows = rows
        self.count = count
    }
}

/// One part of a table's rows, read in order by one thread, a row at a time and in place: the fields a
/// question reads (id, coordinates, date, fatalities) are borrowed as bytes or read as numbers where they are
/// typed, never made into values; values (and the id's String) are made only for what an answer keeps. The
/// validator reads these fields as it reads a CSV record's, under the same rules.
public protocol IncidentRowSource: AnyObject {
    /// The columns' names, in order.
    var columns: [String] { get }
    /// Moves to the part's next row (the first, on the first call); false past its last.
    /// - Throws: when the rows cannot be read.
    func advance() throws -> Bool
    /// Lends `body`, exactly once, the current row's field `column` as the UTF-8 text it prints as (a whole
    /// number in decimal, a float as Swift prints it, a date as `yyyy-mm-dd`, text that is not UTF-8 repaired
    /// with U+FFFD), empty for null; the bytes are valid in `body` alone. Not generic: a generic requirement
    /// called through the protocol looks up its result type's metadata at run time, on every call.
    func withText(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void)
    /// The current row's field `column` when it is a finite float already (read as it is, not printed and
    /// parsed back); nil: read its text.
    func finiteNumber(_ column: Int) -> Double?
    /// The current row's field `column` when it is a whole number already (a typed table's integer): read as
    /// it is, not printed and parsed back. Nil: read its text.
    func wholeNumber(_ column: Int) -> Int64?
    /// The current row's value of column `column`, as typed (null where the table has none).
    func value(_ column: Int) -> PropertyValue
    /// Every value of row `index` of this part (0 for its first), for a rejected row reported whole; nil past
    /// the part's end.
    func wholeRow(_ index: Int) -> RowValues?
}

extension IncidentRowSource {
    /// No whole numbers typed as such: every field is read as its text (a source written before the
    /// requirement, or one holding none).
    public func wholeNumber(_ column: Int) -> Int64? { nil }
}

/// Where a part's reading stands among its rows `range`: one before the first until `advance` is called.
public struct RowCursor {
    /// The rows the part reads (positions in whatever holds them: a batch, an array).
    public let range: Range<Int>
    /// The current row (`range.lowerBound - 1` before the first `advance`, `range.upperBound` past the last).
    public private(set) var current: Int

    /// A cursor before the first of `range`.
    public init(_ range: Range<Int>) {
        self.range = range
        current = range.lowerBound - 1
    }

    /// Moves to the next row; false past the last (where it stays).
    public mutating func advance() -> Bool {
        guard current + 1 < range.upperBound else { current = range.upperBound; return false }
        current += 1
        return true
    }
}
