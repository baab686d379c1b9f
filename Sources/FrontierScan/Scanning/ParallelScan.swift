import Dispatch
import Foundation
import FrontierBase
import FrontierFormats

/// The CSV side of `IncidentScan`: this thread cuts the input into chunks of whole records, worker threads
/// parse, validate, filter and locate them (each with its own `ScanWorker`), and this thread merges the
/// chunk results in input order, which is where duplicate ids are caught. So rejections, their line
/// numbers and every count are identical whatever the number of workers. Memory holds a batch of chunks
/// and the 64-bit id hashes, never the whole input. `Item` is what a command asks the workers to make of
/// each kept incident (`make`): the incident itself with an import's encoded row, or only the few numbers
/// an aggregate adds up, so the merge moves no more bytes per row than the command reads.
///
/// The workers also count what the summary notes of each valid row (its day, a swapped position, the kept
/// incidents' unmatched, mismatched, precision and unknown-fatalities counts) into one partial summary per
/// chunk, which the merge folds in once; a duplicate, found only in the merge, is taken back out of it by the
/// few bits its `Entry` keeps.
struct ParallelScan<Item> {
    let chunker: CSVChunker
    let name: String
    let columns: [String]
    let idColumn: Int?
    let options: IncidentReader.Options
    let workers: [ScanWorker]
    let totalBytes: Int?
    /// Runs on the worker threads, once per kept incident.
    let make: @Sendable (ScannedIncident) throws -> Item

    /// One valid row of an input with an id column, as a worker saw it: what the merge needs to reject it as
    /// a duplicate and take it back out of its chunk's counts. (Without an id column no row is a duplicate
    /// and no entry is kept.)
    struct Entry {
        var idHash: UInt64
        /// Its line within the chunk.
        var line: Int32
        /// Its date in days since 1970-01-01 (Int32.min: none), for the period the input covers.
        var day: Int32
        /// The region it would lie in with latitude and longitude swapped (`ScanWorker.Processed.swapped`); -1: none.
        var swapped: Int32
        /// Its place in the chunk's `items` when it was kept; -1: the filters or the zone left it out.
        var item: Int32
        /// What `ScanSummary.note` counted it under (`ScanSummary.Noted`).
        var noted: UInt8
        var weight: Int
    }

    /// A worker's result for one chunk, with line numbers counted from 1 within the chunk.
    struct ChunkResult {
        /// Every valid row, when the input has an id column.
        var entries: [Entry] = []
        /// What `make` made of each kept incident, in input order.
        var items: [Item] = []
        /// The chunk's valid rows counted as the summary counts them (no read or rejected counts).
        var noted = ScanSummary()
        var rejections: [Rejection] = []
        /// The entries' ids (when the input has an id column): entry k's bytes end at `idEnds[k]`.
        var ids: [UInt8] = []
        var idEnds: [Int] = []
        var read = 0
        /// How many lines the chunk held.
        var lines = 0
    }

    /// Reads every chunk. `consume` gets each kept incident's item in input order, with the line number of
    /// the chunk's line 0 (an item holding an incident adds it to the incident's line, in place).
    func run(onReject: (Rejection) -> Void, onProgress: ((Int, Int) -> Void)?,
             consume: (inout Item, _ lineOffset: Int) throws -> Void) throws -> ScanSummary {
        var summary = ScanSummary()
        var seen = IDHashSet()
        var lineOffset = chunker.firstDataLine - 1
        var sized = false
        let count = workers.count
        let queue = DispatchQueue(label: "frontier.scan", attributes: .concurrent)
        func readBatch() throws -> [CSVChunker.Chunk] {
            var batch: [CSVChunker.Chunk] = []
            // One chunk per worker: with the merge overlapping the next batch, two batches are in memory at once.
            while batch.count < count, let chunk = try chunker.next() { batch.append(chunk) }
            return batch
        }
        /// Merges the batch's first `count` chunks in order, advancing the line offset past each.
        func merge(_ work: BatchWork, first count: Int) throws {
            for k in 0..<count {
                var result = work.take(k)
                try self.merge(&result, chunk: work.batch[k], lineOffset: lineOffset, seen: &seen, into: &summary,
                               onReject: onReject, consume: consume)
                lineOffset += result.lines
            }
        }
        // Pipelined: while the workers parse batch k + 1, this thread merges batch k (the command's output or
        // inserts happen there) and then reads and cuts batch k + 2. The workers never touch what this thread
        // uses: each has its own GEOS copies (see IncidentScan.run).
        func launch(_ batch: [CSVChunker.Chunk]) -> (work: BatchWork, group: DispatchGroup)? {
            guard !batch.isEmpty else { return nil }
            let work = BatchWork(batch: batch, workers: workers)
            let group = DispatchGroup()
            let (name, columns, options, make) = (name, columns, options, make)
            for w in 0..<min(count, batch.count) {
                queue.async(group: group) {
                    work.run(worker: w) { chunk, worker in
                        try ParallelScan.process(chunk, name: name, columns: columns, options: options, worker: worker, make: make)
                    }
                }
            }
            return (work, group)
        }
        var running = launch(try readBatch())
        var readAhead = try readBatch()
        // Whatever ends the loop early, no worker is left running on a batch.
        defer { running?.group.wait() }
        while let (work, group) = running {
            group.wait()
            let batch = work.batch
            if let (failedChunk, failure) = work.firstFailure {
                running = nil
                // Keep what came before the broken chunk, then report the failure at its absolute line.
                try merge(work, first: failedChunk)
                if case FrontierError.malformed(let file, let line, let reason) = failure, line > 0 {
                    throw FrontierError.malformed(file: file, line: line + lineOffset, reason: reason)
                }
                throw failure
            }
            running = launch(readAhead)
            readAhead = []
            if !sized, let totalBytes, let firstChunk = batch.first, idColumn != nil {
                // Size the id set once from the first chunk's bytes per row: no table doubling later. Only a
                // chunk of ordinary size tells: one cut short (rows before a line over the record cap, which
                // the chunk holds as an empty line) would size the table for billions of rows.
                if firstChunk.bytes.count * 2 >= min(totalBytes, CSVChunker.defaultChunkSize) {
                    let rows = max(1, work.read(0))
                    seen.reserve(Int(Double(totalBytes) / Double(max(1, firstChunk.bytes.count)) * Double(rows) * 1.05))
                }
                sized = true
            }
            try merge(work, first: batch.count)
            onProgress?(chunker.bytesRead, summary.read)
            if running != nil { readAhead = try readBatch() }
        }
        return summary
    }

    /// Parses, validates, filters and locates one chunk (on a worker thread), noting each valid row in the
    /// chunk's partial summary.
    static func process(_ chunk: CSVChunker.Chunk, name: String, columns: [String], options: IncidentReader.Options,
                        worker: ScanWorker, make: (ScannedIncident) throws -> Item) throws -> ChunkResult {
        var out = ChunkResult()
        let reader = try IncidentReader(chunk: chunk.bytes, malformed: chunk.malformed, name: name, firstLine: 1, columns: columns, options: options,
                                        transformer: worker.transformer(for: options.crs))
        reader.onReject = { out.rejections.append($0) }
        let hasID = reader.fieldColumns.id != nil
        // Room for the rows at once (an ACLED row is 150–250 bytes; the shortest real rows about 40): growing
        // the arrays by doubling copied every item twice over.
        out.items.reserveCapacity(chunk.bytes.count / 40 + 1)
        if hasID { out.entries.reserveCapacity(chunk.bytes.count / 40 + 1) }
        let regions = worker.regions
        let located = regions != nil
        while let incident = try reader.next() {
            let processed = try worker.process(incident)
            let day = incident.date.map { Int32($0.daysSinceEpoch) } ?? .min
            if day != .min { out.noted.noteDay(Int(day)) }
            if processed.swapped != nil { out.noted.noteSwapped(processed.swapped, regions: regions, weight: incident.weight) }
            var item: Int32 = -1
            var noted = ScanSummary.Noted()
            if let scanned = processed.scanned {
                noted = ScanSummary.Noted(scanned, located: located)
                out.noted.note(noted, weight: incident.weight)
                item = Int32(out.items.count)
                out.items.append(try make(scanned))
            }
            if hasID {
                out.entries.append(Entry(idHash: incident.idHash, line: Int32(incident.line), day: day,
                                         swapped: processed.swapped.map { Int32($0) } ?? -1, item: item, noted: noted.rawValue,
                                         weight: incident.weight))
            }
        }
        if hasID { (out.ids, out.idEnds) = (reader.keptIDs.data, reader.keptIDs.ends) }
        out.read = reader.readCount
        out.lines = (reader.nextLineNumber ?? 1) - 1
        return out
    }

    /// Folds a chunk into the summary in input order, rejecting repeated ids (with their whole row, and
    /// taking them back out of the chunk's counts), and hands its kept incidents' items to `consume`.
    private func merge(_ r: inout ChunkResult, chunk: CSVChunker.Chunk, lineOffset: Int, seen: inout IDHashSet,
                       into summary: inout ScanSummary, onReject: (Rejection) -> Void,
                       consume: (inout Item, Int) throws -> Void) throws {
        summary.read += r.read
        // The duplicates' entries, in order (rare: most chunks have none).
        var duplicates: [Int] = []
        r.ids.withUnsafeBufferPointer { ids in
            r.entries.withUnsafeBufferPointer { entries in
                for k in entries.indices where k < r.idEnds.count {
                    let id = UnsafeBufferPointer(rebasing: ids[(k == 0 ? 0 : r.idEnds[k - 1])..<r.idEnds[k]])
                    if !seen.insert(id, hash: entries[k].idHash) { duplicates.append(k) }
                }
            }
        }
        // Rejections in line order: the worker's, and the duplicates found here; then made absolute.
        var events = r.rejections
        if !duplicates.isEmpty, let idColumn {
            for (line, text) in wholeRows(lines: Set(duplicates.map { Int(r.entries[$0].line) }), chunk: chunk) {
                let id = text.indices.contains(idColumn) ? text[idColumn] : ""
                events.append(Rejection(line: line, field: columns[idColumn], problem: .duplicateID(id), values: text))
            }
        }
        events.sort { $0.line < $1.line }
        for var e in events {
            e.line += lineOffset
            summary.count(e)
            onReject(e)
        }
        var skipped = Set<Int32>()
        if !duplicates.isEmpty {
            r.noted.unnote(duplicates.map { r.entries[$0] }, regions: workers[0].regions)
            // The period without the duplicates' days: the others' first and last again.
            let dropped = Set(duplicates)
            r.noted.firstDay = nil
            r.noted.lastDay = nil
            for (k, entry) in r.entries.enumerated() where entry.day != .min && !dropped.contains(k) { r.noted.noteDay(Int(entry.day)) }
            skipped = Set(duplicates.map { r.entries[$0].item }.filter { $0 >= 0 })
        }
        summary.absorb(r.noted)
        let anySkipped = !skipped.isEmpty
        try r.items.withUnsafeMutableBufferPointer { items in
            for i in items.indices {
                // A set lookup per item only when the chunk has a duplicate at all.
                if anySkipped, skipped.contains(Int32(i)) { continue }
                try consume(&items[i], lineOffset)
            }
        }
    }

    /// The text of the records starting on `lines` (rare: only for rejected duplicates).
    private func wholeRows(lines: Set<Int>, chunk: CSVChunker.Chunk) -> [(Int, [String])] {
        let reader = CSVRecordReader(bytes: chunk.bytes, name: name, firstLine: 1, delimiter: options.delimiter, malformed: chunk.malformed)
        var found: [(Int, [String])] = []
        while found.count < lines.count, (try? reader.advance()) == true {
            if reader.malformation == nil, lines.contains(reader.line) {
                var fields = reader.fields
                if fields.count < columns.count { fields += Array(repeating: "", count: columns.count - fields.count) }
                found.append((reader.line, fields))
            }
        }
        return found
    }

    /// One batch of chunks shared with the worker threads. `@unchecked Sendable` under a strict discipline:
    /// worker w uses only `workers[w]` (its own GEOS context) and writes only the result slots of chunks w,
    /// w + count, …; this thread reads the slots after the group is done.
    final class BatchWork: @unchecked Sendable {
        let batch: [CSVChunker.Chunk]
        let workers: [ScanWorker]
        private let slots: UnsafeMutablePointer<ChunkResult?>
        /// Per worker: the batch index of the chunk that failed, and why.
        private let failures: UnsafeMutablePointer<(Int, Error)?>

        init(batch: [CSVChunker.Chunk], workers: [ScanWorker]) {
            self.batch = batch
            self.workers = workers
            slots = .allocate(capacity: batch.count)
            slots.initialize(repeating: nil, count: batch.count)
            failures = .allocate(capacity: workers.count)
            failures.initialize(repeating: nil, count: workers.count)
        }

        deinit {
            slots.deinitialize(count: batch.count)
            slots.deallocate()
            failures.deinitialize(count: workers.count)
            failures.deallocate()
        }

        func run(worker w: Int, _ body: (CSVChunker.Chunk, ScanWorker) throws -> ChunkResult) {
            var i = w
            while i < batch.count {
                do { slots[i] = try body(batch[i], workers[w]) } catch {
                    failures[w] = (i, error)
                    return
                }
                i += workers.count
            }
        }

        /// The failure of the earliest chunk, if any worker failed.
        var firstFailure: (Int, Error)? { (0..<workers.count).compactMap { self.failures[$0] }.min { $0.0 < $1.0 } }
        /// How many rows chunk `i` read (before it is taken).
        func read(_ i: Int) -> Int { slots[i]?.read ?? 0 }
        /// A chunk's result, moved out of its slot (so the merge owns its arrays and can change its items in
        /// place); only asked for once, for chunks before the first failure, which all have one.
        func take(_ i: Int) -> ChunkResult {
            let result = slots[i]
            slots[i] = nil
            return result ?? ChunkResult()
        }
    }
}
