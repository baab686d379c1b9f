import FrontierFormats

/// Where `ParallelScan` takes its parts from: a CSV file cut into chunks of whole records, or a caller's
/// table handed out a run of rows at a time.
enum ScanFeed {
    case csv(CSVChunker)
    case rows(any IncidentTable)

    /// The next part, nil at the end.
    /// - Throws: the file's read error, a malformed header; the table producer's own error.
    func next() throws -> ScanPart? {
        switch self {
        case .csv(let chunker): return try chunker.next().map(ScanPart.csv)
        case .rows(let table): return try table.nextPart().map(ScanPart.rows)
        }
    }

    /// The line number of the first row (a table's rows are numbered from 1, as a file's lines).
    var firstLine: Int {
        switch self {
        case .csv(let chunker): return chunker.firstDataLine
        case .rows: return 1
        }
    }

    /// The bytes read so far, for progress (a table's are in memory: 0).
    var bytesRead: Int {
        switch self {
        case .csv(let chunker): return chunker.bytesRead
        case .rows: return 0
        }
    }
}

/// What one worker reads whole.
enum ScanPart: Sendable {
    case csv(CSVChunker.Chunk)
    case rows(IncidentRowPart)
}
