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

/// One part of a table's rows, read in order by one thread. The values are typed (a float latitude, a date);
/// the validator reads them as the text they print as, as it reads a store's.
public protocol IncidentRowSource: AnyObject {
    /// The columns' names, in order.
    var columns: [String] { get }
    /// The next row: one value per column (null for a missing one), nil at the end.
    /// - Parameter only: the columns whose values are used (nil: all); the others may be left null, which
    ///   spares making text nobody reads (an aggregate never reads the notes).
    /// - Throws: when the rows cannot be read.
    func nextRow(only: Set<Int>?) throws -> RowValues?
    /// Every value of row `index` of this part (0 for its first), for a rejected row reported whole after
    /// its used columns alone were read; nil past the part's end.
    func wholeRow(_ index: Int) -> RowValues?
}
