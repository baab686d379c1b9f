import CByteScan
import Foundation
import FrontierBase

/// Cuts a CSV stream into chunks of whole records, so worker threads can parse chunks independently.
///
/// Where records end is decided by `CSVRecordScan`, the grammar the record reader parses by, so a chunk
/// boundary never falls inside a record and every reader sees the same records whatever the chunk size. A
/// malformed record is decided here, where the bytes after it are still at hand (a stray quote is only
/// found out where a later quote closes it): its chunk carries the decision (`malformed`) and holds just its
/// first line, which is all of it the workers read. Runs of lines without a quote are cut at their last
/// newline without being scanned byte by byte.
public final class CSVChunker {
    /// Whole records. Line numbers are counted by the worker that parses the chunk (from 1) and made absolute
    /// when chunks are merged in order: this thread never counts newlines.
    public struct Chunk: Sendable {
        public var bytes: [UInt8]
        public var index: Int
        /// The malformed records in `bytes`, by offset, in order (each is its first line there).
        public var malformed: [MalformedRecord] = []
        /// Cut by quote parity alone (`cutsByQuoteParity`): the records are whole only if the block index
        /// proves every byte well formed (`CSVRecordReader.indexesWholeChunk`); if not, nothing of it may be
        /// used and the chunker takes it back (`takeBack`).
        public var unchecked = false
        /// The chunk ends the input (its last record may end without an LF); an unchecked chunk that does not
        /// must end with an LF to be whole.
        public var endsInput = false
    }

    /// A record the chunker found malformed: where it starts in its chunk, and why.
    public struct MalformedRecord: Sendable, Equatable {
        public var offset: Int
        public var problem: CSVMalformation
    }

    private let handle: FileHandle
    private let name: String
    private let chunkSize: Int
    private let maxRecordBytes: Int
    private var carry: [UInt8] = []
    /// Records before this offset in `carry` are decided (well formed or malformed).
    private var decided = 0
    /// The record being decided when the bytes ran out.
    private var pending: CSVRecordScan?
    private var malformed: [MalformedRecord] = []
    /// Discarding the rest of a line longer than the cap, up to its end.
    private var skippingLine = false
    private var atEOF = false
    private var produced = 0
    private var endings = LineEndings()
    public private(set) var bytesRead = 0
    public let header: CSVRecord
    public let hadBOM: Bool
    /// The line the first data record can start on (a quoted header may span lines).
    public let firstDataLine: Int
    /// The byte between fields: the one given, or the one the header line shows (`delimiterDetected`).
    public let delimiter: UInt8
    public let delimiterDetected: Bool

    /// The delimiters a header may show: `,` (RFC 4180), `;` and tab (spreadsheets in locales whose
    /// decimal mark is a comma).
    public static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t")]

    /// The bytes a chunk holds at least (its records are whole, so a little more).
    public static let defaultChunkSize = 1 << 17

    /// Reads the header record and positions at the first data record. `delimiter` nil: the one of
    /// `delimiters` that splits the header record into the most fields (a comma on a tie or none).
    /// `maxRecordBytes`: the longest record (`CSVRecordScan.maxRecordBytes`).
    public init(handle: FileHandle, name: String, chunkSize: Int = defaultChunkSize, delimiter: UInt8? = nil,
                maxRecordBytes: Int = CSVRecordScan.maxRecordBytes) throws {
        self.handle = handle
        self.name = name
        self.chunkSize = max(1, chunkSize)
        self.maxRecordBytes = maxRecordBytes
        // Read enough for the header (it may hold quoted newlines, and follow blank lines): grow until the
        // header record is decided under every delimiter in question. Each candidate's scan resumes where it
        // stopped, so a header that never ends costs one pass, up to the cap.
        let candidates = delimiter.map { [$0] } ?? CSVChunker.delimiters
        var head: [UInt8] = []
        var start = 0
        var scans: [CSVRecordScan] = []
        var outcomes = [CSVRecordScan.Outcome?](repeating: nil, count: candidates.count)
        var bom = false
        while outcomes.contains(where: { $0 == nil }) {
            let data = try handle.readBlock(upTo: 64 << 10, file: name)
            if data.isEmpty { atEOF = true }
            bytesRead += data.count
            let before = head.count
            head += data
            endings.inspect(&head, from: before, atEOF: atEOF)
            // A CR ending the bytes read may yet become a line end (a CR-only file): the scans wait for it.
            let visible = !endings.decided && !atEOF && head.last == 13 ? head.count - 1 : head.count
            if scans.isEmpty {
                guard head.count >= 3 || atEOF else { continue }
                bom = head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF
                var lines = 0
                start = head.withUnsafeBufferPointer { CSVRecordScan.skipBlankLines($0, from: bom ? 3 : 0, to: visible, lines: &lines) }
                if start >= visible {
                    if atEOF { break }
                    continue
                }
                scans = candidates.map { _ in CSVRecordScan(start: start) }
            }
            let eof = atEOF
            for k in candidates.indices where outcomes[k] == nil {
                var ends = CSVRecordEnds()
                let outcome = head.withUnsafeBufferPointer {
                    scans[k].scan(UnsafeBufferPointer(rebasing: $0[..<visible]), eof: eof, delimiter: candidates[k], cap: maxRecordBytes, into: &ends)
                }
                if case .needMore = outcome { continue }
                outcomes[k] = outcome
            }
            if atEOF { break }
        }
        hadBOM = bom
        var chosen = candidates[0]
        if delimiter == nil {
            // The candidate splitting a well-formed header into the most fields; the first (a comma) on a tie.
            var best = 0
            for k in candidates.indices {
                guard case .record = outcomes[k] else { continue }
                if scans[k].field > best { best = scans[k].field; chosen = candidates[k] }
            }
        }
        self.delimiter = chosen
        delimiterDetected = delimiter == nil && chosen != 44
        guard let k = candidates.firstIndex(of: chosen), !scans.isEmpty, let outcome = outcomes[k] else {
            throw FrontierError.malformed(file: name, line: 1, reason: "is empty: expected a header row")
        }
        // The header's fields, parsed by the record reader from the bytes the scan found to hold it.
        let (end, next): (Int, Int)
        switch outcome {
        case .record(let rawEnd, let n): (end, next) = (rawEnd, n)
        case .malformed(let problem, _, _):
            let lines = head[(bom ? 3 : 0)..<start].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
            throw FrontierError.malformed(file: name, line: lines + 1, reason: "the header row: \(problem)")
        case .needMore: throw FrontierError.malformed(file: name, line: 1, reason: "is empty: expected a header row")
        }
        let reader = CSVRecordReader(bytes: Array(head[(bom ? 3 : 0)..<end]), name: name, firstLine: 1, delimiter: chosen,
                                     maxRecordBytes: maxRecordBytes)
        guard let record = try reader.next() else { throw FrontierError.malformed(file: name, line: 1, reason: "is empty: expected a header row") }
        header = record
        // Blank lines before the header count, as the header's own line number counts them.
        let headerLines = head[(bom ? 3 : 0)..<next].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        carry = Array(head[next...])
        firstDataLine = 1 + max(1, headerLines)
    }

    /// Cut chunks at the last LF after an even number of quotes, without deciding the records here: the
    /// workers' block index proves them (`Chunk.unchecked`), so this thread only counts quotes. Off for good
    /// once a chunk is taken back.
    public var cutsByQuoteParity = false

    /// The next chunk of whole records, or nil at the end.
    public func next() throws -> Chunk? {
        if cutsByQuoteParity { return try nextByQuoteParity() }
        while true {
            try decide()
            if decided >= chunkSize || (atEOF && !carry.isEmpty) {
                let cut = atEOF ? carry.count : decided
                let chunk = Chunk(bytes: Array(carry[..<cut]), index: produced, malformed: malformed)
                produced += 1
                carry.removeFirst(cut)
                pending?.shift(by: cut)
                decided -= cut
                malformed = []
                return chunk
            }
            if atEOF { return nil }
            var data = [UInt8](try handle.readBlock(upTo: chunkSize, file: name))
            if data.isEmpty { atEOF = true; continue }
            bytesRead += data.count
            endings.normalize(&data)
            if skippingLine {
                guard let lf = data.firstIndex(of: 10) else { continue }
                skippingLine = false
                data.removeFirst(lf + 1)
            }
            carry += data
        }
    }

    /// Puts chunks cut by quote parity (in input order, the last cut before any other) back in front of the
    /// bytes not yet cut, and cuts from them on with the chunker's own checks: for when a worker's block index
    /// could not prove one of them well formed.
    public func takeBack(_ chunks: [Chunk]) {
        precondition(chunks.allSatisfy(\.unchecked) && decided == 0 && pending == nil && malformed.isEmpty,
                     "only chunks cut by quote parity are taken back")
        carry = chunks.flatMap(\.bytes) + carry
        cutsByQuoteParity = false
    }

    private func nextByQuoteParity() throws -> Chunk? {
        while true {
            if atEOF {
                guard !carry.isEmpty else { return nil }
                return cutUnchecked(at: carry.count)
            }
            if carry.count >= chunkSize, let end = carry.withUnsafeBufferPointer(CSVChunker.lastLineEndAfterEvenQuotes) {
                return cutUnchecked(at: end)
            }
            if carry.count >= 4 * chunkSize {
                // No LF after an even number of quotes in four chunks' bytes (quoted fields that long, or a
                // stray quote): cut at the last LF, or all of it, and let the index refuse it if it must
                // (then the chunker's own checks take over from it). Memory stays bounded either way.
                return cutUnchecked(at: carry.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? carry.count)
            }
            // Read straight onto the bytes not yet cut.
            let before = carry.count
            let read = try handle.read(upTo: chunkSize, appendingTo: &carry, file: name)
            if read == 0 { atEOF = true; continue }
            bytesRead += read
            endings.normalize(&carry, from: before)
        }
    }

    /// The chunk keeps the bytes' buffer, cut short where it ends; only the bytes after the cut (part of a
    /// record, as a rule) are copied, to be carried.
    private func cutUnchecked(at cut: Int) -> Chunk {
        var bytes = carry
        let endsInput = atEOF && cut == carry.count
        carry = Array(bytes[cut...])
        bytes.removeSubrange(cut...)
        var chunk = Chunk(bytes: bytes, index: produced)
        chunk.unchecked = true
        chunk.endsInput = endsInput
        produced += 1
        return chunk
    }

    /// After the last LF preceded by an even number of quotes (outside quotes, if the quotes are well
    /// formed), or nil. The quotes are counted 64 bytes at a time (SSE2 compares and movemask, through
    /// `CByteScan`; eight bytes at a time in Swift took twice as long), then the tail is walked back to that LF.
    static func lastLineEndAfterEvenQuotes(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = b.baseAddress else { return nil }
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n")
        var quotes = 0, i = 0
        while i + 64 <= b.count {
            quotes += Int(frontier_byte_count64(base + i, quote))
            i += 64
        }
        while i < b.count { if b[i] == quote { quotes += 1 }; i += 1 }
        // Walking back: `odd` is the parity of the quotes up to and including byte j.
        var odd = quotes & 1 == 1
        var j = b.count - 1
        while j >= 0 {
            let c = b[j]
            if c == lf, !odd { return j + 1 }
            if c == quote { odd.toggle() }
            j -= 1
        }
        return nil
    }

    /// Decides as many records of `carry` as its bytes allow.
    private func decide() throws {
        while decided < carry.count {
            if pending == nil {
                // Whole records the blocks show well formed are decided at once; the byte scan takes the
                // first record they cannot vouch for.
                let from = decided
                let wellFormed = carry.withUnsafeBufferPointer { CSVChunker.wellFormedEnd($0, from: from, delimiter: delimiter, cap: maxRecordBytes) }
                if wellFormed > decided { decided = wellFormed; continue }
                let start = carry.withUnsafeBufferPointer { b -> Int in
                    var lines = 0
                    return CSVRecordScan.skipBlankLines(b, from: from, lines: &lines)
                }
                if start >= carry.count { decided = carry.count; return }
                pending = CSVRecordScan(start: start)
            }
            var ends = CSVRecordEnds()
            let outcome = carry.withUnsafeBufferPointer {
                pending!.scan($0, eof: atEOF, delimiter: delimiter, cap: maxRecordBytes, into: &ends)
            }
            switch outcome {
            case .needMore:
                return
            case .record(_, let next):
                decided = next
                pending = nil
            case .malformed(let problem, _, let next):
                let scan = pending!
                pending = nil
                malformed.append(MalformedRecord(offset: scan.start, problem: problem))
                if let next {
                    decided = next
                } else {
                    // Its first line is longer than the cap: an empty line stands for it, the rest is skipped.
                    let lf = carry[scan.position...].firstIndex(of: 10)
                    carry.replaceSubrange(scan.start..<(lf.map { $0 + 1 } ?? carry.count), with: [10])
                    decided = scan.start + 1
                    skippingLine = lf == nil
                }
            }
        }
    }

    /// After the last record end (an LF outside quotes) that `CSVBlocks` shows every byte before to be well
    /// formed, no record from `start` to it longer than `cap`; `start` when there is none.
    static func wellFormedEnd(_ b: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, cap: Int) -> Int {
        var blocks = CSVBlocks(b, from: start, delimiter: delimiter)
        var end = start
        while let block = blocks.next() {
            // Record ends before the block's first broken byte count; none after it.
            let cut = block.broken == 0 ? ~UInt64(0) : (UInt64(1) << UInt64(block.broken.trailingZeroBitCount)) &- 1
            var ends = block.structural & block.lineEnds & cut
            while ends != 0 {
                let at = block.start + ends.trailingZeroBitCount
                ends &= ends &- 1
                if at - end > cap { return end }
                end = at + 1
            }
            if block.broken != 0 { return end }
        }
        return end
    }
}
