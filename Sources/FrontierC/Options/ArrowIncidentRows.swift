import CArrow
import Frontier
import FrontierArrow

/// A caller's table (an Arrow C stream: a pandas or polars frame, a DuckDB relation) as incident rows: each
/// batch's rows in order, each value as Arrow typed it.
final class ArrowIncidentRows: IncidentRowSource, @unchecked Sendable {
    // @unchecked: the scan reads a row source from one thread only (IncidentReader, never the CSV workers).
    let columns: [String]
    private let reader: ArrowStreamReader
    private let name: String
    private var batch: ArrowImportedBatch?
    private var row = 0

    /// - Throws: `FrontierError.invalid` for a stream that cannot be read or a column type Frontier does not read.
    init(moving stream: UnsafeMutablePointer<ArrowArrayStream>, name: String) throws {
        reader = try ArrowStreamReader(moving: stream, name: name)
        columns = reader.names
        self.name = name
    }

    func nextRow() throws -> RowValues? {
        while batch == nil || row >= batch!.length {
            guard let next = try reader.next(name: name) else { return nil }
            batch = next
            row = 0
        }
        let current = batch!
        defer { row += 1 }
        return RowValues((0..<columns.count).map { current.value(column: $0, row: row) })
    }
}
