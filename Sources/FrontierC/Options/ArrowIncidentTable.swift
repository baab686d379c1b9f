import CArrow
import Frontier
import FrontierArrow

/// A caller's table (an Arrow C stream: a pandas or polars frame, a DuckDB relation) as incident rows, handed
/// to the scan's workers a run of at most `partRows` rows at a time: a frame arrives as one batch of a million
/// rows as often as in many small ones, and either way both cores read it.
final class ArrowIncidentTable: IncidentTable, @unchecked Sendable {
    // @unchecked: only the scan's own thread reads the stream (`IncidentTable`).
    let columns: [String]
    private let reader: ArrowStreamReader
    private let name: String
    /// The batch being cut into parts, and the row its next part starts at.
    private var batch: ArrowImportedBatch?
    private var start = 0
    /// Enough rows that a part's set-up (its reader, its result) is small beside its reading; few enough that
    /// the parts in flight (four per worker) hold about as many rows as a CSV file's chunks do, whatever the
    /// size of the frame.
    static let partRows = 8_192

    /// - Throws: `FrontierError.invalid` for a stream that cannot be read or a column type Frontier does not read.
    init(moving stream: UnsafeMutablePointer<ArrowArrayStream>, name: String) throws {
        reader = try ArrowStreamReader(moving: stream, name: name)
        columns = reader.names
        self.name = name
    }

    func nextPart() throws -> IncidentRowPart? {
        while batch == nil || start >= batch!.length {
            guard let next = try reader.next(name: name) else { batch = nil; return nil }
            batch = next
            start = 0
        }
        let whole = batch!
        let end = min(whole.length, start + Self.partRows)
        defer { start = end }
        return IncidentRowPart(rows: ArrowBatchRows(columns: columns, batch: whole, rows: start..<end), count: end - start)
    }
}

/// Rows `rows` of one received batch, read in place from its buffers (the batch is kept, not copied, until
/// the part is done with).
final class ArrowBatchRows: IncidentRowSource {
    let columns: [String]
    private let batch: ArrowImportedBatch
    // Read per field by the one thread that reads the part: no exclusivity check per access.
    @exclusivity(unchecked) private var cursor: RowCursor

    init(columns: [String], batch: ArrowImportedBatch, rows: Range<Int>) {
        self.columns = columns
        self.batch = batch
        cursor = RowCursor(rows)
    }

    func advance() -> Bool { cursor.advance() }

    func withText(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        batch.withText(column: column, row: cursor.current, body)
    }

    func finiteNumber(_ column: Int) -> Double? { batch.finiteNumber(column: column, row: cursor.current) }

    func wholeNumber(_ column: Int) -> Int64? { batch.wholeNumber(column: column, row: cursor.current) }

    func value(_ column: Int) -> PropertyValue { batch.value(column: column, row: cursor.current) }

    func wholeRow(_ index: Int) -> RowValues? {
        guard index >= 0, index < cursor.range.count else { return nil }
        return RowValues((0..<columns.count).map { batch.value(column: $0, row: cursor.range.lowerBound + index) })
    }
}
