import FrontierBase

/// Rows a caller already holds in memory (a DataFrame handed over through Arrow), read like a file's: each is
/// validated, filtered and located as every other input's, its rejections numbered by its position (the
/// first row is 1). The values are typed (a float latitude, a date); the validator reads them as the text they
/// print as, as it reads a store's.
public protocol IncidentRowSource: AnyObject, Sendable {
    /// The columns' names, in order.
    var columns: [String] { get }
    /// The next row: one value per column (null for a missing one), nil at the end.
    /// - Parameter only: the columns whose values are used (nil: all); the others may be left null, which
    ///   spares making text nobody reads (an aggregate never reads the notes).
    /// - Throws: when the rows cannot be read (the producer's own error, with its message).
    func nextRow(only: Set<Int>?) throws -> RowValues?
    /// Every value of row `index` (0 for the first read), for a rejected row reported whole after its used
    /// columns alone were read; nil when the source no longer holds it. A source keeps at least the last
    /// `IncidentReader.rowsValidatedTogether` rows read: a row is validated (and maybe rejected) no later.
    func wholeRow(_ index: Int) -> RowValues?
}
