import Foundation

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
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEOF = false
    private var nextLine: Int
    public private(set) var hadBOM = false
    private var bomChecked = false
    private var endings = LineEndings()
    /// Bytes consumed so far (for progress).
    public private(set) var bytesRead = 0

    // The current record.
    private var fieldData: [UInt8] = []
    private var fieldEnds: [Int] = []
    /// Where the current record's text sits in `buffer` (valid until the next `advance`).
    private var rawRange = 0..<0
    /// The line the next record would start on (after the last one read, blank lines included).
    public var nextLineNumber: Int { nextLine }

    /// Line on which the current record starts.
    public private(set) var line = 0

    public init(handle: FileHandle, name: String, blockSize: Int = 1 << 20, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.handle = handle
        self.name = name
        self.delimiter = delimiter
        self.blockSize = blockSize
        self.nextLine = 1
    }

    /// Reads records from bytes already in memory (a chunk of whole records), numbering lines from `firstLine`.
    public init(bytes: [UInt8], name: String, firstLine: Int, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.handle = nil
        self.name = name
        self.delimiter = delimiter
        self.blockSize = 0
        self.buffer = bytes
        self.atEOF = true
        self.bomChecked = true
        self.nextLine = firstLine
    }

    // MARK: - Current record

    public var fieldCount: Int { fieldEnds.count }

    /// Borrows field `i`'s unescaped bytes (empty when the record has fewer fields).
    public func withField<T>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try fieldData.withUnsafeBufferPointer { all in
            guard i < fieldEnds.count else { return try body(UnsafeBufferPointer(start: all.baseAddress, count: 0)) }
            let start = i == 0 ? 0 : fieldEnds[i - 1]
            return try body(UnsafeBufferPointer(rebasing: all[start..<fieldEnds[i]]))
        }
    }

    /// The current record's fields as one borrowed view, for parsing several fields in one go.
    public struct RecordView {
        let data: UnsafeBufferPointer<UInt8>
        let ends: UnsafeBufferPointer<Int>

        public var count: Int { ends.count }

        /// Field `i`'s unescaped bytes (empty past the last field).
        public subscript(i: Int) -> UnsafeBufferPointer<UInt8> {
            guard i < ends.count else { return UnsafeBufferPointer(start: data.baseAddress, count: 0) }
            let start = i == 0 ? 0 : ends[i - 1]
            return UnsafeBufferPointer(rebasing: data[start..<ends[i]])
        }
    }

    public func withRecord<T>(_ body: (RecordView) throws -> T) rethrows -> T {
        try fieldData.withUnsafeBufferPointer { data in
            try fieldEnds.withUnsafeBufferPointer { ends in try body(RecordView(data: data, ends: ends)) }
        }
    }

    public func field(_ i: Int) -> String {
        withField(i) { String(decoding: $0, as: UTF8.self) }
    }

    public var fields: [String] { (0..<fieldEnds.count).map(field) }

    /// The record's exact text without its line ending.
    public var raw: Substring { Substring(String(decoding: buffer[rawRange], as: UTF8.self)) }

    // MARK: - Reading

    /// The next record as values, or nil at the end of the input. Blank lines are skipped.
    public func next() throws -> CSVRecord? {
        guard try advance() else { return nil }
        return CSVRecord(fields: fields, raw: raw, line: line)
    }

    /// Moves to the next record; false at the end of the input.
    public func advance() throws -> Bool {
        while true {
            if bomChecked, try scan() { return true }
            if atEOF { return false }
            try fill()
        }
    }

    private func fill() throws {
        guard let handle else { atEOF = true; return }
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let data = try handle.readBlock(upTo: blockSize, file: name)
        if data.isEmpty { atEOF = true; checkBOM(); return }
        bytesRead += data.count
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

    /// Parses one record from `position` into the current-record storage; false when the buffer ends first
    /// (and more may come). Works on local copies of the storage: touching class properties inside the loop
    /// would cost a dynamic exclusivity check per byte.
    private func scan() throws -> Bool {
        var data = fieldData, ends = fieldEnds
        fieldData = []
        fieldEnds = []
        defer { fieldData = data; fieldEnds = ends }
        let outcome = try CSVRecordReader.scanRecord(buffer, from: position, eof: atEOF, line: nextLine, name: name, delimiter: delimiter,
                                                     data: &data, ends: &ends)
        guard let outcome else { return false }
        position = outcome.next
        nextLine = outcome.nextLine
        if outcome.start == nil { return false }  // only blank lines so far
        line = outcome.line
        rawRange = outcome.start!..<outcome.rawEnd
        return true
    }

    private struct ScanOutcome {
        /// Where the record starts (nil: the buffer held only blank lines, consumed).
        var start: Int?
        var rawEnd = 0
        var next: Int
        var line = 0
        var nextLine: Int
    }

    /// The record parser proper, over plain values. Nil when the buffer ends inside a record.
    private static func scanRecord(_ buffer: [UInt8], from position: Int, eof: Bool, line firstLine: Int, name: String,
                                   delimiter comma: UInt8, data: inout [UInt8], ends: inout [Int]) throws -> ScanOutcome? {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        return try buffer.withUnsafeBufferPointer { buf -> ScanOutcome? in
            let n = buf.count
            var i = position
            var nextLine = firstLine
            while i < n, buf[i] == lf || buf[i] == cr {
                if buf[i] == lf { nextLine += 1 }
                i += 1
            }
            // Blank lines are consumed (and counted) once, even when the record itself is not complete yet.
            if i >= n { return ScanOutcome(start: nil, next: i, nextLine: nextLine) }
            let start = i
            data.removeAll(keepingCapacity: true)
            ends.removeAll(keepingCapacity: true)
            var inQuotes = false, newlines = 0, fieldStart = true
            var end = -1
            // Runs of plain bytes are copied in bulk; only quotes, commas and newlines are looked at one by one.
            while i < n {
                if inQuotes {
                    var j = i
                    while j < n, buf[j] != quote {
                        if buf[j] == lf { newlines += 1 }
                        j += 1
                    }
                    data.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                    i = j
                    if i >= n { break }
                    if i + 1 < n {
                        if buf[i + 1] == quote { data.append(quote); i += 2; continue }
                        inQuotes = false; i += 1; continue
                    }
                    if !eof { return ScanOutcome(start: nil, next: start, nextLine: nextLine) }  // "" or " ?
                    inQuotes = false; i += 1; continue
                }
                let b = buf[i]
                if b == comma {
                    ends.append(data.count); fieldStart = true; i += 1
                } else if b == lf {
                    end = i; break
                } else if b == quote && fieldStart {
                    inQuotes = true; fieldStart = false; i += 1
                } else {
                    var j = i + 1
                    while j < n, buf[j] != comma, buf[j] != lf { j += 1 }
                    data.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j]))
                    fieldStart = false
                    i = j
                }
            }
            if end < 0 {
                guard eof else { return ScanOutcome(start: nil, next: start, nextLine: nextLine) }
                if inQuotes {
                    throw FrontierError.malformed(file: name, line: nextLine, reason: "unterminated quoted field (a \" opened on this line is never closed)")
                }
                end = n
            }
            var rawEnd = end
            if rawEnd > start, buf[rawEnd - 1] == cr {
                rawEnd -= 1
                if data.last == cr { data.removeLast() }
            }
            ends.append(data.count)
            return ScanOutcome(start: start, rawEnd: rawEnd, next: min(end + 1, n), line: nextLine, nextLine: nextLine + 1 + newlines)
        }
    }
}
