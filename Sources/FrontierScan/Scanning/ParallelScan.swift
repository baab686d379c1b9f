import Foundation
import FrontierBase
import FrontierFormats

/// How `IncidentScan` reads a CSV file or a caller's table: this thread cuts the input into parts (chunks of
/// whole records, or runs of the table's rows: `ScanFeed`), worker threads parse, validate, filter and locate
/// them (each with its own `ScanWorker`), and this thread merges the part results in input order, which is
/// where duplicate ids are caught. So rejections, their line numbers and every count are identical whatever
/// the number of workers. Memory holds the few parts in flight (`ChunkPipeline`) and the 64-bit id hashes,
/// never the whole input. `Item` is what a command asks the workers to make of
/// each kept incident (`make`): the incident itself with an import's encoded row, or only the few numbers
/// an aggregate adds up, so the merge moves no more bytes per row than the command reads.
///
/// The workers also count what the summary notes of each valid row (its day, a swapped position, the kept
/// incidents' unmatched, mismatched, precision and unknown-fatalities counts) into one partial summary per
/// chunk, which the merge folds in once; a duplicate, found only in the merge, is taken back out of it by the
/// few bits its `Entry` keeps.
struct ParallelScan<Item> {
    let feed: ScanFeed
    let name: String
    let columns: [String]
    let idColumn: Int?
    let options: IncidentReader.Options
    let workers: [ScanWorker]
    let totalBytes: Int?
    /// Runs on the worker threads, once per kept incident.
    let make: @Sendable (consuming ScannedIncident) throws -> Item

    /// One valid row of an input with an id column, as a worker saw it: what the merge needs to reject it as
    /// a duplicate and take it back out of its chunk's counts. (Without an id column no row is a duplicate
    /// and no entry is kept.)
    struct Entry {
        var idHash: UInt64
        /// Its line within the chunk.
        var line: Int32
        /// Its date in days since 1970-01-01 (Int32.min: none), for the period the input covers.
        var day: Int32
        /// The region it would lie in with latitude and longitude swapped (what `ScanWorker.process` returns); -1: none.
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
        /// The part itself, for the text of the rows the merge rejects as duplicates.
        var part: ScanPart
        /// A chunk cut by quote parity that the block index could not prove well formed: nothing else here
        /// was made, and the chunker takes it back (`CSVChunker.takeBack`).
        var unproven = false
    }

    /// The rows a chunk's reader rejected, in line order.
    private final class Rejections {
        var list: [Rejection] = []
    }

    /// How many chunks per worker may be cut and not yet merged: enough that a worker always finds one
    /// waiting while this thread merges, few enough that memory stays a few megabytes.
    static var chunksInFlightPerWorker: Int { 4 }

    /// Reads every chunk. `consume` gets each kept incident's item in input order, with the line number of
    /// the chunk's line 0 (an item holding an incident adds it to the incident's line, in place).
    func run(onReject: (Rejection) -> Void, onProgress: ((Int, Int) -> Void)?,
             consume: (inout Item, _ lineOffset: Int) throws -> Void) throws -> ScanSummary {
        var summary = ScanSummary()
        var seen = IDHashSet()
        var lineOffset = feed.firstLine - 1
        let (name, columns, options, make) = (name, columns, options, make)
        // Streamed: this thread cuts chunks ahead of the workers (up to `depth` in flight) and merges their
        // results in input order (the command's output or inserts happen there), while the workers take
        // chunks as they come free. The workers never touch what this thread uses: each has its own GEOS
        // copies (see IncidentScan.run).
        let pipeline = ChunkPipeline<ScanPart, ChunkResult>(workers: workers) {
            chunk, worker in
            try ParallelScan.process(chunk, name: name, columns: columns, options: options, worker: worker, make: make)
        }
        // Whatever ends the scan, no worker is left running.
        defer { pipeline.close() }
        let depth = workers.count * Self.chunksInFlightPerWorker
        // This thread only counts quotes to cut chunks; the workers' block index proves them (see `process`).
        if case .csv(let chunker) = feed { chunker.cutsByQuoteParity = true }
        // Chunks are numbered as cut; `merged` is the next to merge. The chunks cut and not merged, oldest
        // first, to be taken back if one of them is not proven.
        var cut = 0, merged = 0
        var inFlight: [CSVChunker.Chunk] = []
        var sized = false
        // A read error ends the cutting; the chunks cut before it are merged first.
        var readFailure: Error?
        while true {
            while readFailure == nil, cut - merged < depth {
                do {
                    guard let part = try feed.next() else { break }
                    pipeline.submit(part, number: cut)
                    if case .csv(let chunk) = part, chunk.unchecked { inFlight.append(chunk) }
                    cut += 1
                } catch {
                    readFailure = error
                }
            }
            guard merged < cut else { break }
            var result: ChunkResult
            switch pipeline.take(merged) {
            case .success(let r): result = r
            case .failure(let failure):
                // Everything before the broken chunk is merged; report the failure at its absolute line.
                if case FrontierError.malformed(let file, let line, let reason) = failure, line > 0 {
                    throw FrontierError.malformed(file: file, line: line + lineOffset, reason: reason)
                }
                throw failure
            }
            if result.unproven, case .csv(let chunker) = feed {
                // Cut by quote parity and not proven (a stray quote, a CR, a record the index leaves to the byte
                // scan): it and every chunk cut after it go back to the chunker, which cuts them again with its
                // own checks from here on. Their results are waited for and dropped.
                for n in merged + 1..<cut { _ = pipeline.take(n) }
                chunker.takeBack(inFlight)
                inFlight = []
                merged = cut
                continue
            }
            if case .csv(let chunk) = result.part, chunk.unchecked { inFlight.removeFirst() }
            if !sized, let totalBytes, idColumn != nil, case .csv(let chunk) = result.part {
                // Size the id set once from the first chunk's bytes per row: no table doubling later. Only a
                // chunk of ordinary size tells: one cut short (rows before a line over the record cap, which
                // the chunk holds as an empty line) would size the table for billions of rows.
                let firstChunkBytes = chunk.bytes.count
                if firstChunkBytes * 2 >= min(totalBytes, CSVChunker.defaultChunkSize) {
                    let rows = max(1, result.read)
                    seen.reserve(Int(Double(totalBytes) / Double(max(1, firstChunkBytes)) * Double(rows) * 1.05))
                }
                sized = true
            }
            try merge(&result, lineOffset: lineOffset, seen: &seen, into: &summary, onReject: onReject, consume: consume)
            lineOffset += result.lines
            merged += 1
            onProgress?(feed.bytesRead, summary.read)
        }
        if let readFailure { throw readFailure }
        return summary
    }

    /// Parses, validates, filters and locates one part (on a worker thread), noting each valid row in the
    /// part's partial summary.
    static func process(_ part: ScanPart, name: String, columns: [String], options: IncidentReader.Options,
                        worker: ScanWorker, make: (consuming ScannedIncident) throws -> Item) throws -> ChunkResult {
        var out = ChunkResult(part: part)
        let reader: IncidentReader
        let rowsAtMost: Int
        switch part {
        case .csv(let chunk):
            reader = try IncidentReader(chunk: chunk.bytes, malformed: chunk.malformed, name: name, firstLine: 1, columns: columns, options: options,
                                        transformer: worker.transformer(for: options.crs))
            // A chunk cut by quote parity is used only when the block index proves it whole.
            guard reader.proves(chunk) else {
                out.unproven = true
                return out
            }
            // An ACLED row is 150–250 bytes; the shortest real rows about 40.
            rowsAtMost = chunk.bytes.count / 40 + 1
        case .rows(let rows):
            reader = try IncidentReader(rows: rows.rows, name: name, options: options, transformer: worker.transformer(for: options.crs))
            rowsAtMost = rows.count
        }
        reader.dates = worker.dates
        // The rejections gather in a box of their own: were `out` captured by this escaping closure, every
        // touch of it per row would go through a heap box with a runtime exclusivity check.
        let rejections = Rejections()
        reader.onReject = { rejections.list.append($0) }
        let hasID = reader.fieldColumns.id != nil
        // Room for the rows at once: growing the arrays by doubling copied every item twice over.
        out.items.reserveCapacity(rowsAtMost)
        if hasID { out.entries.reserveCapacity(rowsAtMost) }
        let regions = worker.regions
        let located = regions != nil
        try reader.forEach { incident in
            var item: Int32 = -1
            var noted = ScanSummary.Noted()
            // What the entry needs, read before the incident moves on to the worker.
            let (weight, idHash, line) = (incident.weight, incident.idHash, Int32(incident.line))
            let day = incident.date.map { Int32($0.daysSinceEpoch) } ?? .min
            let swapped = try worker.process(incident) { (scanned: consuming ScannedIncident) in
                noted = ScanSummary.Noted(scanned, located: located)
                out.noted.note(noted, weight: weight)
                item = Int32(out.items.count)
                out.items.append(try make(consume scanned))
            }
            if day != .min { out.noted.noteDay(Int(day)) }
            if swapped != nil { out.noted.noteSwapped(swapped, regions: regions, weight: weight) }
            if hasID {
                out.entries.append(Entry(idHash: idHash, line: line, day: day, swapped: swapped.map { Int32($0) } ?? -1, item: item,
                                         noted: noted.rawValue, weight: weight))
            }
        }
        out.rejections = rejections.list
        if hasID { (out.ids, out.idEnds) = (reader.keptIDs.data, reader.keptIDs.ends) }
        out.read = reader.readCount
        // A table's rows are numbered as they come: one line each.
        out.lines = reader.nextLineNumber.map { $0 - 1 } ?? reader.readCount
        return out
    }

    /// Folds a chunk into the summary in input order, rejecting repeated ids (with their whole row, and
    /// taking them back out of the chunk's counts), and hands its kept incidents' items to `consume`.
    private func merge(_ r: inout ChunkResult, lineOffset: Int, seen: inout IDHashSet,
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
            for (line, text) in wholeRows(lines: Set(duplicates.map { Int(r.entries[$0].line) }), part: r.part) {
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
    private func wholeRows(lines: Set<Int>, part: ScanPart) -> [(Int, [String])] {
        let chunk: CSVChunker.Chunk
        switch part {
        case .csv(let c): chunk = c
        case .rows(let rows):
            return lines.sorted().compactMap { line in
                rows.rows.wholeRow(line - 1).map { (line, $0.texts) }
            }
        }
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
}
