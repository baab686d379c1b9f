import Foundation
import FrontierBase

/// One CSV record: its fields, its exact text (without the line ending) and the line it starts on.
public struct CSVRecord {
    public var fields: [String]
    /// The record as it stood in the file, quotes and embedded newlines included: join passes it through.
    public var raw: Substring
    /// 1-based line number of the record's first line (a quoted newline makes a record span lines).
    public var line: Int
}

/// Reads RFC 4180 records from bytes in memory: quoted fields with commas, doubled quotes and newlines;
/// CRLF or LF. A file or standard input is read through `CSVChunker`, which cuts it into chunks of whole
/// records (and handles the BOM and CR-only line ends) for a reader each: so there is one way to read CSV.
///
/// The hot path (`advance()`) allocates nothing per record: the current record's unescaped field bytes sit
/// in one reusable buffer and are read through `withField`/`field`; Strings are made only on request.
public final class CSVRecordReader {
    public let name: String
    /// The byte between fields: `,` (RFC 4180), or `;` or tab as European spreadsheets export.
    public let delimiter: UInt8
    // The state below is touched for every record by the one thread that owns this reader (a reader is
    // never shared): unchecked exclusivity spares a runtime check per access, a tenth of a worker's time.
    /// All the bytes read: the scan is told it sees the input's end.
    @exclusivity(unchecked) @usableFromInline package var buffer: [UInt8]
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var nextLine: Int

    // The current record.
    // Usable from inline: the scan layer reads fields through the inlinable accessors below, so a row's
    // fields reach the validator without a generic call across modules (a tenth of a worker's time, measured).
    @exclusivity(unchecked) @usableFromInline package var fieldBuffer = CSVFieldSpans()
    /// The current record's entries in `fieldBuffer.spans` (all of them after a byte scan; a slice of the
    /// chunk's when `CSVBlockIndex` read it).
    @exclusivity(unchecked) @usableFromInline package var current = 0..<0
    /// The chunk read by `CSVBlockIndex`: nil until tried, then whether it could.
    @exclusivity(unchecked) private var blockIndexed: Bool?
    @exclusivity(unchecked) private var blockRecords: [CSVBlockIndex.Record] = []
    @exclusivity(unchecked) private var blockRecord = 0
    @exclusivity(unchecked) private var blockEndLine = 0
    /// Whether a chunk may be read by `CSVBlockIndex` (the tests read each input both ways and compare).
    package var usesBlockIndex = true
    /// Where the current record's text sits in `buffer` (valid until the next `advance`).
    @exclusivity(unchecked) private var rawRange = 0..<0
    /// Discarding the rest of a malformed record's first line, longer than the cap.
    @exclusivity(unchecked) private var skippingLine = false
    private let maxRecordBytes: Int
    /// For a chunk: the records the chunker found malformed (by offset), and the next of them.
    private let decided: [CSVChunker.MalformedRecord]
    @exclusivity(unchecked) private var decidedIndex = 0
    /// Why the current record is malformed (then it has no fields); nil for a well-formed record.
    // Read through a getter: another module reading a stored property checks exclusivity at run time per
    // read (the attribute below holds in this module only), twice a row in the scan.
    public var malformation: CSVMalformation? { currentMalformation }
    @exclusivity(unchecked) private var currentMalformation: CSVMalformation?
    /// The line the next record would start on (after the last one read, blank lines included).
    public var nextLineNumber: Int { blockIndexed == true ? (blockRecord < blockRecords.count ? blockRecords[blockRecord].line : blockEndLine) : nextLine }

    /// Line on which the current record starts.
    public var line: Int { currentLine }
    @exclusivity(unchecked) private var currentLine = 0

    /// Reads records from bytes already in memory, numbering lines from `firstLine`. `malformed`: for a
    /// chunk (`CSVChunker.Chunk`), the records the chunker found malformed, taken as it decided them.
    /// `maxRecordBytes`: the longest record (`CSVRecordScan.maxRecordBytes`); longer ones are malformed.
    public init(bytes: [UInt8], name: String, firstLine: Int, delimiter: UInt8 = UInt8(ascii: ","),
                malformed: [CSVChunker.MalformedRecord] = [], maxRecordBytes: Int = CSVRecordScan.maxRecordBytes) {
        self.name = name
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
        decided = malformed
        self.buffer = bytes
        self.nextLine = firstLine
    }

    // MARK: - Current record

    public var fieldCount: Int { current.count >> 1 }

    /// Borrows field `i`'s unescaped bytes (empty when the record has fewer fields).
    @inlinable public func withField<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try withRecord { try body($0[i]) }
    }

    /// The current record's fields as one borrowed view, for parsing several fields in one go.
    ///
    /// A field is where it stands in the input (no copy), except one holding a doubled quote, whose unescaped
    /// bytes sit in a side buffer: `spans` holds each field's start and end, a start with `escapedFlag` set
    /// counting in the side buffer.
    public struct RecordView {
        @usableFromInline let input: UnsafePointer<UInt8>?
        @usableFromInline let escaped: UnsafePointer<UInt8>?
        @usableFromInline let spans: UnsafeBufferPointer<Int>

        @inlinable init(input: UnsafePointer<UInt8>?, escaped: UnsafePointer<UInt8>?, spans: UnsafeBufferPointer<Int>) {
            self.input = input
            self.escaped = escaped
            self.spans = spans
        }

        @inlinable public var count: Int { spans.count >> 1 }

        /// Field `i`'s unescaped bytes (empty past the last field).
        @inlinable public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            guard i < count else { return UnsafeBufferPointer(start: input, count: 0) }
            let start = spans[2 &* i], end = spans[2 &* i &+ 1]
            if start & CSVFieldSpans.escapedFlag != 0 {
                let from = start & ~CSVFieldSpans.escapedFlag
                return UnsafeBufferPointer(start: escaped.map { $0 + from }, count: end &- from)
            }
            return UnsafeBufferPointer(start: input.map { $0 + start }, count: end &- start)
        }
    }

    @inlinable public func withRecord<T>(_ body: (RecordView) throws -> T) rethrows -> T {
        try withRecordViews { view in try body(view(current)) }
    }

    /// Borrows the three arrays a record's view reads (the input, the unescaped fields, the spans) and hands
    /// `body` what makes the view of the records whose span entries are given.
    @inlinable func withRecordViews<T>(_ body: ((Range<Int>) -> RecordView) throws -> T) rethrows -> T {
        try buffer.withUnsafeBufferPointer { input in
            try fieldBuffer.escaped.withUnsafeBufferPointer { escaped in
                try fieldBuffer.spans.withUnsafeBufferPointer { spans in
                    try body { RecordView(input: input.baseAddress, escaped: escaped.baseAddress, spans: UnsafeBufferPointer(rebasing: spans[$0])) }
                }
            }
        }
    }

    /// Moves through every remaining record, handing each to `body` with its fields borrowed (a malformed
    /// record has none: `malformation` says why). A chunk `CSVBlockIndex` read is borrowed once for all its
    /// records, where `withRecord` per record retains and releases three arrays, a tenth of a worker's time.
    /// - Parameter body: each record's fields, valid only during the call; it must not move the reader
    ///   (`advance`, `next`), and may read the reader's current record (`line`, `raw`, `malformation`).
    /// - Throws: only what `body` throws (every byte is in memory), which stops the reading.
    public func forEachRecord(_ body: (RecordView) throws -> Void) throws {
        if blockIndexed == nil { indexBlocks() }
        guard blockIndexed == true else {
            while try advance() { try withRecord(body) }
            return
        }
        // Reading block-indexed records changes none of the three arrays borrowed here.
        try withRecordViews { view in
            while try advance() { try body(view(current)) }
        }
    }

    public func field(_ i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    public var fields: [String] { (0..<fieldCount).map(field) }

    /// The record's exact text without its line ending.
    ///
    /// A slice of the whole input as one String, made once, when the input is UTF-8 throughout: a String per
    /// record (an allocation, a copy and a UTF-8 check each) was most of a join's reading. A record starts
    /// and ends at an ASCII byte (a line end, or the input's ends), so its slice falls on character bounds.
    /// Otherwise each record's bytes are decoded alone, as UTF-8 with replacement characters.
    public var raw: Substring {
        if wholeText == nil { wholeText = .some(String(validating: buffer, as: UTF8.self)) }
        guard case .some(.some(let text)) = wholeText else { return Substring(String(decoding: buffer[rawRange], as: UTF8.self)) }
        let bytes = text.utf8
        let start = bytes.index(bytes.startIndex, offsetBy: rawRange.lowerBound)
        return text[start..<bytes.index(start, offsetBy: rawRange.count)]
    }

    /// `buffer` as one String, once asked for (`raw`); nil inside when it is not all UTF-8.
    @exclusivity(unchecked) private var wholeText: String??

    /// How many bytes that text is (`raw` shows bytes that are not UTF-8 as U+FFFD, three bytes each).
    package var rawByteCount: Int { rawRange.count }

    // MARK: - Reading

    /// The next record as values, or nil at the end of the input. Blank lines are skipped. A malformed
    /// record is an error naming its line (the reader is then past it: calling again reads on).
    public func next() throws -> CSVRecord? {
        guard try advance() else { return nil }
        if let malformation {
            throw FrontierError.malformed(file: name, line: line, reason: "field \(malformation.field + 1): \(malformation)")
        }
        return CSVRecord(fields: fields, raw: raw, line: line)
    }

    /// Moves to the next record; false at the end of the input. A malformed record is a record too, with
    /// `malformation` set, no fields and its first line as `raw`: reading resumes on the line after it.
    public func advance() throws -> Bool {
        // Nothing throws with every byte in memory; the signature is the one callers have always used.
        if blockIndexed == nil { indexBlocks() }
        if blockIndexed == true {
            guard blockRecord < blockRecords.count else { return false }
            let r = blockRecords[blockRecord]
            blockRecord += 1
            current = r.firstSpan..<(blockRecord < blockRecords.count ? blockRecords[blockRecord].firstSpan : fieldBuffer.spans.count)
            currentLine = r.line
            rawRange = r.start..<r.end
            return true
        }
        return scan()
    }

    /// Whether `chunk`, the one this reader reads, may be used: a chunk the chunker checked always; one cut by
    /// quote parity alone (`CSVChunker.Chunk.unchecked`) only when `CSVBlockIndex` reads all of it, proving
    /// every record well formed, and it ends where a record does (an LF, or the input's end).
    package func proves(_ chunk: CSVChunker.Chunk) -> Bool {
        guard chunk.unchecked else { return true }
        if blockIndexed == nil { indexBlocks() }
        return blockIndexed == true && (chunk.endsInput || chunk.bytes.last == UInt8(ascii: "\n"))
    }

    /// Reads the whole chunk with `CSVBlockIndex` when it can prove every record well formed (the chunker
    /// found none malformed); otherwise records are scanned one by one.
    private func indexBlocks() {
        guard usesBlockIndex, decided.isEmpty, position == 0 else { blockIndexed = false; return }
        var index = CSVBlockIndex()
        let ok = buffer.withUnsafeBufferPointer { index.index($0, delimiter: delimiter, firstLine: nextLine, cap: maxRecordBytes) }
        blockIndexed = ok
        guard ok else { return }
        fieldBuffer.spans = index.spans
        fieldBuffer.escaped = index.escaped
        blockRecords = index.records
        blockEndLine = index.nextLine
    }

    /// Reads one record from `position` into the current-record storage; false at the end of the bytes.
    /// Works on local copies of the storage: touching class properties inside the loop would cost a dynamic
    /// exclusivity check per byte.
    private func scan() -> Bool {
        let count = buffer.count
        if skippingLine {
            guard let lf = buffer[position...].firstIndex(of: 10) else { position = count; return false }
            skippingLine = false
            position = lf + 1
        }
        // Local copies of the state: each touch of a class property costs an exclusivity check.
        var sink = fieldBuffer
        fieldBuffer = CSVFieldSpans()
        var lines = nextLine
        var at = position
        while decidedIndex < decided.count, decided[decidedIndex].offset < at { decidedIndex += 1 }
        // A record decided malformed may stand as an empty line (its own was longer than the cap).
        let decidedStart = decidedIndex < decided.count ? decided[decidedIndex].offset : count
        at = buffer.withUnsafeBufferPointer { CSVRecordScan.skipBlankLines($0, from: at, to: decidedStart, lines: &lines) }
        position = at
        nextLine = lines
        if at >= count { fieldBuffer = sink; return false }
        if at == decidedStart {
            // Found malformed by the chunker, which saw the bytes after it: its first line is all there is.
            let problem = decided[decidedIndex].problem
            decidedIndex += 1
            let end = buffer[at...].firstIndex(of: 10) ?? count
            fieldBuffer = sink
            setMalformed(problem, raw: at..<(end > at && buffer[end - 1] == 13 ? end - 1 : end), next: min(end + 1, count))
            return true
        }
        var record = CSVRecordScan(start: at)
        sink.removeAll()
        let outcome = buffer.withUnsafeBufferPointer {
            sink.input = $0.baseAddress
            return record.scan($0, eof: true, delimiter: delimiter, cap: maxRecordBytes, into: &sink)
        }
        switch outcome {
        case .needMore:
            // With the input's end in view the scan decides every record; this would be a bug in it.
            preconditionFailure("the CSV scan asked for more bytes past the end of the input")
        case .record(let rawEnd, let next):
            sink.endField()
            fieldBuffer = sink
            current = 0..<fieldBuffer.spans.count
            if currentMalformation != nil { currentMalformation = nil }
            currentLine = lines
            nextLine = lines + 1 + record.newlines
            rawRange = record.start..<rawEnd
            position = next
            return true
        case .malformed(let problem, let rawEnd, let next):
            fieldBuffer = sink
            setMalformed(problem, raw: record.start..<rawEnd, next: next ?? record.position)
            skippingLine = next == nil
            return true
        }
    }

    /// Makes the current record a malformed one (its first line `raw`); reading resumes at `next`.
    private func setMalformed(_ problem: CSVMalformation, raw: Range<Int>, next: Int) {
        fieldBuffer.removeAll()
        current = 0..<0
        currentMalformation = problem
        currentLine = nextLine
        nextLine += 1
        rawRange = raw
        position = next
    }
}

/// Byte strings back to back, and where each ends: the record reader's fields (unescaped), and the ids a
/// chunk's reader hands to the scan's merger.
@usableFromInline package struct CSVFieldBuffer: CSVFieldSink {
    @usableFromInline package var data: [UInt8]
    @usableFromInline package var ends: [Int]

    /// Appends one whole string.
    package mutating func append(field bytes: UnsafeBufferPointer<UInt8>) {
        data.append(contentsOf: bytes)
        ends.append(data.count)
    }

    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) { data.append(contentsOf: bytes) }
    @inline(__always) mutating func appendQuote() { data.append(UInt8(ascii: "\"")) }
    @inline(__always) mutating func endField() { ends.append(data.count) }
    @inline(__always) mutating func dropTrailingCR() { if data.last == 13 { data.removeLast() } }

    package init(data: [UInt8], ends: [Int]) {
        self.data = data
        self.ends = ends
    }
}

/// Where a record's fields stand in the bytes scanned, without copying them: the record reader's sink.
/// A field is one run of the input, except a quoted field holding a doubled quote, whose unescaped bytes are
/// copied to `escaped` (rare: ACLED's notes quote a word now and then); its start then carries `escapedFlag`.
@usableFromInline package struct CSVFieldSpans: CSVFieldSink {
    /// Marks a start that counts in `escaped`, not in the input (offsets never reach 2^62 bytes).
    @usableFromInline package static let escapedFlag = 1 << 62
    /// Start and end of each field, two entries a field.
    @usableFromInline package var spans: [Int] = []
    @usableFromInline package var escaped: [UInt8] = []
    /// The bytes the scan runs over (the reader's buffer): offsets are counted from here.
    var input: UnsafePointer<UInt8>?
    /// The field being read: where it starts and ends, whether it has bytes yet, whether it is in `escaped`.
    private var start = 0, end = 0
    private var open = false, inEscaped = false

    package init() {}

    mutating func removeAll() {
        spans.removeAll(keepingCapacity: true)
        escaped.removeAll(keepingCapacity: true)
        open = false
        inEscaped = false
    }

    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, let input else { return }
        let at = input.distance(to: base)
        if inEscaped {
            escaped.append(contentsOf: bytes)
        } else if !open {
            (start, end, open) = (at, at + bytes.count, true)
        } else if at == end {
            end += bytes.count
        } else {
            moveToEscaped()
            escaped.append(contentsOf: bytes)
        }
    }

    @inline(__always) mutating func appendQuote() {
        if !inEscaped { moveToEscaped() }
        escaped.append(UInt8(ascii: "\""))
    }

    @inline(__always) mutating func endField() {
        if inEscaped {
            spans.append(start | CSVFieldSpans.escapedFlag)
            spans.append(escaped.count)
        } else if open {
            spans.append(start)
            spans.append(end)
        } else {
            spans.append(0)
            spans.append(0)
        }
        open = false
        inEscaped = false
    }

    @inline(__always) mutating func dropTrailingCR() {
        if inEscaped {
            if escaped.last == 13 { escaped.removeLast() }
        } else if open, end > start, let input, input[end - 1] == 13 {
            end -= 1
        }
    }

    /// The field so far goes to `escaped`, where its unescaped bytes continue.
    private mutating func moveToEscaped() {
        let from = escaped.count
        if open, let input { escaped.append(contentsOf: UnsafeBufferPointer(start: input + start, count: end - start)) }
        (start, open, inEscaped) = (from, true, true)
    }
}
