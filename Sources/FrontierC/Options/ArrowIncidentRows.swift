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
    /// The batches holding the last rows read (at least `IncidentReader.rowsValidatedTogether` of them), with
    /// the index of each one's first row, for `wholeRow`: values are read in place, so keeping a batch copies
    /// nothing, and the window keeps a stream of any length from being held whole.
    private var recent: [(first: Int, batch: ArrowImportedBatch)] = []
    private var rowsRead = 0
    private var wanted: Set<Int>?
    private var wantedOrder: [Int] = []

    /// - Throws: `FrontierError.invalid` for a stream that cannot be read or a column type Frontier does not read.
    init(moving stream: UnsafeMutablePointer<ArrowArrayStream>, name: String) throws {
        reader = try ArrowStreamReader(moving: stream, name: name)
        columns = reader.names
        self.name = name
    }

    func nextRow(only: Set<Int>?) throws -> RowValues? {
        while batch == nil || row >= batch!.length {
            guard let next = try reader.next(name: name) else { return nil }
            batch = next
            row = 0
            recent.append((rowsRead, next))
            // A batch whose rows all lie before the window is dropped.
            while let oldest = recent.first, recent.count > 1,
                  oldest.first + oldest.batch.length <= rowsRead - IncidentReader.rowsValidatedTogether {
                recent.removeFirst()
            }
        }
        let current = batch!
        defer { row += 1; rowsRead += 1 }
        guard let only else { return RowValues((0..<columns.count).map { current.value(column: $0, row: row) }) }
        if only != wanted {
            wanted = only
            wantedOrder = only.sorted()
        }
        // A sparse row: the columns used, in order; the rest read as null without being made.
        return RowValues(count: columns.count, entries: wantedOrder.map {
            RowValues.Entry(column: Int32($0), value: current.value(column: $0, row: row))
        })
    }

    func wholeRow(_ index: Int) -> RowValues? {
        guard let held = recent.last(where: { $0.first <= index }), index - held.first < held.batch.length else { return nil }
        return RowValues((0..<columns.count).map { held.batch.value(column: $0, row: index - held.first) })
    }
}
