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

/// Streams RFC 4180 records from a file, stdin or an in-memory chunk, in blocks: quoted fields with commas,
/// doubled quotes and newlines; CRLF or LF; an optional UTF-8 BOM (remembered in `hadBOM`).
///
/// The hot path (`advance()`) allocates nothing per record: the current record's unescaped field bytes sit
/// in one reusable buffer and are read through `withField`/`field`; Strings are made only on request.
public final class CSVRecordReader {
    public let name: String
    /// The byte between fields: `,` (RFC 4180), or `;` or tab as European spreadsheets export.
    public let delimiter: UInt8
    private let handle: FileHandle?
    private let blockSize: Int
    // The state below is touched for every record by the one thread that owns this reader (a reader is
    // never shared): unchecked exclusivity spares a runtime check per access, a tenth of a worker's time.
    @exclusivity(unchecked) private var buffer: [UInt8] = []
    @exclusivity(unchecked) private var position = 0
    @exclusivity(unchecked) private var atEOF = false
    @exclusivity(unchecked) private var nextLine: Int
    public private(set) var hadBOM = false
    private var bomChecked = false
    private var endings = LineEndings()
    /// Bytes consumed so far (for progress).
    public private(set) var bytesRead = 0

    // The current record.
    // Usable from inline: the scan layer reads fields through the inlinable accessors below, so a row's
    // fields reach the validator without a generic call across modules (a tenth of a worker's time, measured).
    @exclusivity(unchecked) @usableFromInline package var fieldBuffer = CSVFieldBuffer(data: [], ends: [])
    /// Where the current record's text sits in `buffer` (valid until the next `advance`).
    @exclusivity(unchecked) private var rawRange = 0..<0
    /// The record whose end the buffer did not reach yet, scanned so far.
    @exclusivity(unchecked) private var pending: CSVRecordScan?
    /// Discarding the rest of a malformed record's first line, longer than the cap.
    @exclusivity(unchecked) private var skippingLine = false
    private let maxRecordBytes: Int
    /// For a chunk: the records the chunker found malformed (by offset), and the next of them.
    private let decided: [CSVChunker.MalformedRecord]
    @exclusivity(unchecked) private var decidedIndex = 0
    /// Why the current record is malformed (then it has no fields); nil for a well-formed record.
    @exclusivity(unchecked) public private(set) var malformation: CSVMalformation?
    /// The line the next record would start on (after the last one read, blank lines included).
    public var nextLineNumber: Int { nextLine }

    /// Line on which the current record starts.
    @exclusivity(unchecked) public private(set) var line = 0

    /// `maxRecordBytes`: the longest record (`CSVRecordScan.maxRecordBytes`); longer ones are malformed.
    public init(handle: FileHandle, name: String, blockSize: Int = 1 << 20, delimiter: UInt8 = UInt8(ascii: ","),
                maxRecordBytes: Int = CSVRecordScan.maxRecordBytes) {
        self.handle = handle
        self.name = name
        self.delimiter = delimiter
        self.blockSize = max(1, blockSize)
        self.nextLine = 1
        self.maxRecordBytes = maxRecordBytes
        decided = []
    }

    /// Reads records from bytes already in memory, numbering lines from `firstLine`. `malformed`: for a
    /// chunk (`CSVChunker.Chunk`), the records the chunker found malformed, taken as it decided them.
    public init(bytes: [UInt8], name: String, firstLine: Int, delimiter: UInt8 = UInt8(ascii: ","),
                malformed: [CSVChunker.MalformedRecord] = [], maxRecordBytes: Int = CSVRecordScan.maxRecordBytes) {
        self.handle = nil
        self.name = name
        self.delimiter = delimiter
        self.blockSize = 0
        self.maxRecordBytes = maxRecordBytes
        decided = malformed
        self.buffer = bytes
        self.atEOF = true
        self.bomChecked = true
        self.nextLine = firstLine
    }

    // MARK: - Current record

    public var fieldCount: Int { fieldBuffer.ends.count }

    /// Borrows field `i`'s unescaped bytes (empty when the record has fewer fields).
    @inlinable public func withField<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let ends = fieldBuffer.ends
        return try fieldBuffer.data.withUnsafeBufferPointer { all in
            guard i < ends.count else { return try body(UnsafeBufferPointer(start: all.baseAddress, count: 0)) }
            let start = i == 0 ? 0 : ends[i - 1]
            return try body(UnsafeBufferPointer(rebasing: all[start..<ends[i]]))
        }
    }

    /// The current record's fields as one borrowed view, for parsing several fields in one go.
    public struct RecordView {
        @usableFromInline let data: UnsafeBufferPointer<UInt8>
        @usableFromInline let ends: UnsafeBufferPointer<Int>

        @inlinable init(data: UnsafeBufferPointer<UInt8>, ends: UnsafeBufferPointer<Int>) {
            self.data = data
            self.ends = ends
        }

        @inlinable public var count: Int { ends.count }

        /// Field `i`'s unescaped bytes (empty past the last field).
        @inlinable public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            guard i < ends.count else { return UnsafeBufferPointer(start: data.baseAddress, count: 0) }
            let start = i == 0 ? 0 : ends[i - 1]
            return UnsafeBufferPointer(rebasing: data[start..<ends[i]])
        }
    }

    @inlinable public func withRecord<T>(_ body: (RecordView) throws -> T) rethrows -> T {
        try fieldBuffer.data.withUnsafeBufferPointer { data in
            try fieldBuffer.ends.withUnsafeBufferPointer { ends in try body(RecordView(data: data, ends: ends)) }
        }
    }

    public func field(_ i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    public var fields: [String] { (0..<fieldBuffer.ends.count).map(field) }

    /// The record's exact text without its line ending.
    public var raw: Substring { Substring(String(decoding: buffer[rawRange], as: UTF8.self)) }

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
        while true {
            if bomChecked, scan() { return true }
            if atEOF { return false }
            try fill()
        }
    }

    private func fill() throws {
        guard let handle else { atEOF = true; return }
        if position > 0 {
            buffer.removeFirst(position)
            pending?.shift(by: position)
            position = 0
        }
        let data = [UInt8](try handle.readBlock(upTo: blockSize, file: name))
        if data.isEmpty {
            atEOF = true
            // A CR that ends the input and is its first line end makes it a CR-only file (as the chunker decides).
            endings.inspect(&buffer, from: buffer.count, atEOF: true)
            checkBOM()
            return
        }
        bytesRead += data.count
        if skippingLine {
            // The rest of a line longer than the cap: dropped as it comes, up to its end. The buffer holds at
            // most a CR kept from the block before, whose follower tells whether the file ends lines with CR.
            let before = buffer.count
            buffer.append(contentsOf: data)
            endings.inspect(&buffer, from: before, atEOF: false)
            if let lf = buffer.firstIndex(of: 10) {
                skippingLine = false
                buffer.removeFirst(lf + 1)
            } else {
                let keepCR = !endings.decided && buffer.last == 13
                buffer.removeAll(keepingCapacity: true)
                if keepCR { buffer.append(13) }
            }
            return
        }
        let before = buffer.count
        buffer.append(contentsOf: data)
        endings.inspect(&buffer, from: before, atEOF: false)
        checkBOM()
    }

    /// A UTF-8 BOM can only be judged once three bytes (or the whole input) are in.
    private func checkBOM() {
        guard !bomChecked, buffer.count >= 3 || atEOF else { return }
        bomChecked = true
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            hadBOM = true
            buffer.removeFirst(3)
        }
    }

    /// Reads one record from `position` into the current-record storage; false when the buffer ends first
    /// (and more may come): the scan keeps its place (`pending`) for the next call. Works on local copies of
    /// the storage: touching class properties inside the loop would cost a dynamic exclusivity check per byte.
    private func scan() -> Bool {
        // A CR ending the bytes read may turn out to be a line end (a CR-only file): until the line endings
        // are known, it waits, as the scan never looks at a byte twice.
        let eof = atEOF
        let visible = !eof && !endings.decided && buffer.last == 13 ? buffer.count - 1 : buffer.count
        if skippingLine {
            guard let lf = buffer[position..<visible].firstIndex(of: 10) else { position = visible; return false }
            skippingLine = false
            position = lf + 1
        }
        // Local copies of the state: each touch of a class property costs an exclusivity check.
        var sink = fieldBuffer
        fieldBuffer = CSVFieldBuffer(data: [], ends: [])
        var record: CSVRecordScan
        var lines = nextLine
        if let pending {
            record = pending
            self.pending = nil
        } else {
            var at = position
            while decidedIndex < decided.count, decided[decidedIndex].offset < at { decidedIndex += 1 }
            // A record decided malformed may stand as an empty line (its own was longer than the cap).
            let decidedStart = decidedIndex < decided.count ? decided[decidedIndex].offset : visible
            at = buffer.withUnsafeBufferPointer { CSVRecordScan.skipBlankLines($0, from: at, to: min(decidedStart, visible), lines: &lines) }
            // Blank lines are consumed (and counted) once, even when the record itself is not complete yet.
            position = at
            nextLine = lines
            if at >= visible { fieldBuffer = sink; return false }
            if at == decidedStart {
                // Found malformed by the chunker, which saw the bytes after it: its first line is all there is.
                let problem = decided[decidedIndex].problem
                decidedIndex += 1
                let end = buffer[at...].firstIndex(of: 10) ?? buffer.count
                fieldBuffer = sink
                setMalformed(problem, raw: at..<(end > at && buffer[end - 1] == 13 ? end - 1 : end), next: min(end + 1, buffer.count))
                return true
            }
            record = CSVRecordScan(start: at)
            sink.data.removeAll(keepingCapacity: true)
            sink.ends.removeAll(keepingCapacity: true)
        }
        let outcome = buffer.withUnsafeBufferPointer {
            record.scan(UnsafeBufferPointer(rebasing: $0[..<visible]), eof: eof, delimiter: delimiter, cap: maxRecordBytes, into: &sink)
        }
        switch outcome {
        case .needMore:
            fieldBuffer = sink
            pending = record
            return false
        case .record(let rawEnd, let next):
            sink.endField()
            fieldBuffer = sink
            if malformation != nil { malformation = nil }
            line = lines
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
        fieldBuffer.data.removeAll(keepingCapacity: true)
        fieldBuffer.ends.removeAll(keepingCapacity: true)
        malformation = problem
        line = nextLine
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
