import Dispatch
import Foundation
import Geo

/// What `aggregate` counts: the windows, which incidents, and how to split them.
public struct AggregatePlan: Sendable {
    public var window: TimeWindow
    public var filter = IncidentFilter()
    public var splitColumn: Int?
    /// Only incidents within reach of these lines (`--near`).
    public var proximity: Proximity?
    public var readerOptions = IncidentReader.Options()
    /// Worker threads for CSV input (1 = no parallelism; the answer is the same either way).
    public var workers = ProcessInfo.processInfo.activeProcessorCount

    public init(window: TimeWindow) {
        self.window = window
    }
}

public struct AggregateResult {
    public var aggregation: Aggregation
    public var read = 0
    public var rejected = 0
    public var unmatched = 0
    public var counted = 0

    public init(aggregation: Aggregation) {
        self.aggregation = aggregation
    }
}

/// Runs an aggregation over a CSV stream in one pass: the main thread cuts the input into chunks of whole
/// records, worker threads parse, validate, filter and locate them (each with its own GEOS objects; the cell
/// index is shared plain data), and the main thread merges chunk results in input order, which is where
/// duplicate ids are caught. So rejections, their line numbers and every count are identical whatever the
/// number of workers. Memory holds a batch of chunks, the counters and the 64-bit id hashes, never the rows.
public enum AggregateEngine {
    /// One valid incident as a worker saw it.
    struct Row {
        var line: Int
        var idHash: UInt64
        var hasID: Bool
        /// Counted (passed the filters); otherwise kept only for duplicate detection.
        var counted: Bool
        var region: Int32
        var date: CivilDate
        var fatalities: Int
        var split: String?
    }

    /// A worker's result for one chunk, with line numbers counted from 1 within the chunk.
    struct ChunkResult {
        var rows: [Row] = []
        var rejections: [Rejection] = []
        var read = 0
        /// How many lines the chunk held.
        var lines = 0
    }

    /// `configure` receives the header's columns and returns the plan (filters name columns by index).
    /// `makeRegions` builds one RegionSet per worker. `onProgress` gets bytes read and rows so far.
    public static func run(csv handle: FileHandle, name: String, totalBytes: Int? = nil, makeRegions: () throws -> RegionSet,
                           configure: ([String], IncidentFields.Columns) throws -> AggregatePlan,
                           onReject: (Rejection) -> Void,
                           onProgress: ((Int, Int) -> Void)? = nil) throws -> AggregateResult {
        let chunker = try CSVChunker(handle: handle, name: name)
        let columns = chunker.header.fields
        let probe = try IncidentReader(chunk: [], name: name, firstLine: 2, columns: columns,
                                       options: IncidentReader.Options())
        let plan = try configure(columns, probe.fieldColumns)
        var options = plan.readerOptions
        options.checkDuplicates = false
        let workers = max(1, plan.workers)

        let first = try makeRegions()
        let index = try first.buildLocateIndex()
        var regionSets = [first]
        for _ in 1..<workers {
            let copy = try makeRegions()
            try copy.adopt(index)
            regionSets.append(copy)
        }

        var result = AggregateResult(aggregation: Aggregation(window: plan.window))
        var seen = IDHashSet()
        var lineOffset = chunker.firstDataLine - 1
        var sized = false
        let batchSize = workers * 2
        let queue = DispatchQueue(label: "frontier.aggregate", attributes: .concurrent)
        func readBatch() throws -> [CSVChunker.Chunk] {
            var batch: [CSVChunker.Chunk] = []
            while batch.count < batchSize, let chunk = try chunker.next() { batch.append(chunk) }
            return batch
        }
        // Pipelined: while the workers parse one batch, this thread reads and cuts the next.
        var batch = try readBatch()
        while !batch.isEmpty {
            let work = BatchWork(batch: batch, regionSets: regionSets, workers: workers)
            let group = DispatchGroup()
            let (name, columns, options, plan) = (name, columns, options, plan)
            for w in 0..<min(workers, batch.count) {
                queue.async(group: group) {
                    work.run(worker: w) { chunk, regions in
                        try process(chunk, name: name, columns: columns, options: options, plan: plan, regions: regions)
                    }
                }
            }
            let next = try readBatch()
            group.wait()
            if let (failedChunk, failure) = work.firstFailure {
                // Keep what came before the broken chunk, then report the failure at its absolute line.
                for k in 0..<failedChunk {
                    merge(work.result(k), chunk: batch[k], lineOffset: lineOffset, name: name, columns: columns, plan: plan,
                          idColumn: probe.fieldColumns.id, seen: &seen, into: &result, onReject: onReject)
                    lineOffset += work.result(k).lines
                }
                if let csvFailure = failure as? CSVRecordReader.Failure {
                    throw CSVRecordReader.Failure(file: csvFailure.file, line: csvFailure.line + lineOffset, message: csvFailure.message)
                }
                throw failure
            }
            if !sized, let totalBytes, let firstChunk = batch.first {
                // Size the id set once from the first chunk's bytes per row: no table doubling later.
                let rows = max(1, work.results[0].read)
                seen.reserve(Int(Double(totalBytes) / Double(firstChunk.bytes.count) * Double(rows) * 1.05))
                sized = true
            }
            for (chunk, r) in zip(batch, work.results) {
                merge(r, chunk: chunk, lineOffset: lineOffset, name: name, columns: columns, plan: plan,
                      idColumn: probe.fieldColumns.id, seen: &seen, into: &result, onReject: onReject)
                lineOffset += r.lines
            }
            onProgress?(chunker.bytesRead, result.read)
            batch = next
        }
        return result
    }

    /// One batch of chunks shared with the worker threads. Marked `@unchecked Sendable` under a strict
    /// discipline: worker w uses only `regionSets[w]` (its own GEOS context) and writes only the result slots
    /// of chunks w, w + workers, …, and the main thread reads the slots after `concurrentPerform` returns.
    final class BatchWork: @unchecked Sendable {
        let batch: [CSVChunker.Chunk]
        let regionSets: [RegionSet]
        let workers: Int
        private let slots: UnsafeMutablePointer<ChunkResult?>
        /// Per worker: the batch index of the chunk that failed, and why.
        private let failures: UnsafeMutablePointer<(Int, Error)?>

        init(batch: [CSVChunker.Chunk], regionSets: [RegionSet], workers: Int) {
            self.batch = batch
            self.regionSets = regionSets
            self.workers = workers
            slots = .allocate(capacity: batch.count)
            slots.initialize(repeating: nil, count: batch.count)
            failures = .allocate(capacity: workers)
            failures.initialize(repeating: nil, count: workers)
        }

        deinit {
            slots.deinitialize(count: batch.count)
            slots.deallocate()
            failures.deinitialize(count: workers)
            failures.deallocate()
        }

        func run(worker w: Int, _ body: (CSVChunker.Chunk, RegionSet) throws -> ChunkResult) {
            var i = w
            while i < batch.count {
                do { slots[i] = try body(batch[i], regionSets[w]) } catch {
                    failures[w] = (i, error)
                    return
                }
                i += workers
            }
        }

        /// The failure of the earliest chunk, if any worker failed.
        var firstFailure: (Int, Error)? { (0..<workers).compactMap { self.failures[$0] }.min { $0.0 < $1.0 } }
        var results: [ChunkResult] { (0..<batch.count).map { slots[$0]! } }
        func result(_ i: Int) -> ChunkResult { slots[i]! }
    }

    /// Parses, validates, filters and locates one chunk (on a worker thread).
    static func process(_ chunk: CSVChunker.Chunk, name: String, columns: [String], options: IncidentReader.Options,
                        plan: AggregatePlan, regions: RegionSet) throws -> ChunkResult {
        var out = ChunkResult()
        let reader = try IncidentReader(chunk: chunk.bytes, name: name, firstLine: 1, columns: columns, options: options)
        reader.onReject = { out.rejections.append($0) }
        var scratch: [Int32] = []
        while let incident = try reader.next() {
            guard let date = incident.date else { continue }
            var counted = plan.filter.accepts(incident)
            if counted, let proximity = plan.proximity, proximity.distance(to: incident.coordinate, scratch: &scratch) == nil {
                counted = false
            }
            let region = counted ? (try regions.locate(incident.coordinate)).map(Int32.init) ?? -1 : -1
            out.rows.append(Row(line: incident.line, idHash: incident.idHash, hasID: options.fields.id.isEmpty == false && reader.fieldColumns.id != nil,
                                counted: counted, region: region, date: date, fatalities: incident.fatalities,
                                split: counted ? plan.splitColumn.map { incident.values[$0].text ?? "" } : nil))
        }
        out.read = reader.readCount
        out.lines = (reader.nextLineNumber ?? 1) - 1
        return out
    }

    /// Folds a chunk's rows into the counters in input order, rejecting repeated ids (with their whole row).
    static func merge(_ r: ChunkResult, chunk: CSVChunker.Chunk, lineOffset: Int, name: String, columns: [String], plan: AggregatePlan,
                      idColumn: Int?, seen: inout IDHashSet, into result: inout AggregateResult,
                      onReject: (Rejection) -> Void) {
        result.read += r.read
        var duplicates: [Int] = []
        var keep = [Bool](repeating: true, count: r.rows.count)
        for (k, row) in r.rows.enumerated() where row.hasID {
            if !seen.insert(row.idHash) { keep[k] = false; duplicates.append(row.line) }
        }
        let duplicateRows = duplicates.isEmpty ? [:] : wholeRows(lines: Set(duplicates), chunk: chunk, name: name, columns: columns)
        // Rejections in line order: the worker's, and the duplicates found here; then made absolute.
        var events: [Rejection] = r.rejections
        for line in duplicates {
            let text = duplicateRows[line] ?? []
            let id = idColumn.map { text.indices.contains($0) ? text[$0] : "" } ?? ""
            events.append(Rejection(line: line, field: idColumn.map { columns[$0] } ?? "id", reason: "duplicate id '\(id)'", values: text))
        }
        events.sort { $0.line < $1.line }
        for var e in events {
            e.line += lineOffset
            onReject(e)
        }
        result.rejected += events.count
        for (k, row) in r.rows.enumerated() where keep[k] && row.counted {
            if row.region < 0 { result.unmatched += 1 }
            result.counted += 1
            result.aggregation.add(region: row.region >= 0 ? Int(row.region) : nil, date: row.date,
                                   fatalities: row.fatalities, split: row.split)
        }
    }

    /// The text of the records starting on `lines` (rare: only for rejected duplicates).
    private static func wholeRows(lines: Set<Int>, chunk: CSVChunker.Chunk, name: String, columns: [String]) -> [Int: [String]] {
        let reader = CSVRecordReader(bytes: chunk.bytes, name: name, firstLine: 1)
        var found: [Int: [String]] = [:]
        while found.count < lines.count, let record = try? reader.next() {
            if lines.contains(record.line) { found[record.line] = record.fields }
        }
        return found
    }
}
