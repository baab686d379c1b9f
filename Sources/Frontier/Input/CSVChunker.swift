import Foundation

/// Cuts a CSV stream into chunks of whole records, so worker threads can parse chunks independently.
///
/// Finding where records end needs only the quote state: a newline outside quotes ends a record (a doubled
/// quote inside a quoted field toggles the state twice, leaving it unchanged). Every newline, quoted or not,
/// advances the line count, so each chunk knows the line its first record starts on.
public final class CSVChunker {
    /// Whole records. Line numbers are counted by the worker that parses the chunk (from 1) and made absolute
    /// when chunks are merged in order: this thread never counts newlines.
    public struct Chunk: Sendable {
        public var bytes: [UInt8]
        public var index: Int
    }

    private let handle: FileHandle
    private let name: String
    private let chunkSize: Int
    private var carry: [UInt8] = []
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

    /// Reads the header record and positions at the first data record. `delimiter` nil: the one of
    /// `delimiters` the header line holds most of, outside quotes (a comma on a tie or none).
    /// The bytes a chunk holds at least (its records are whole, so a little more).
    public static let defaultChunkSize = 1 << 17

    public init(handle: FileHandle, name: String, chunkSize: Int = defaultChunkSize, delimiter: UInt8? = nil) throws {
        self.handle = handle
        self.name = name
        self.chunkSize = chunkSize
        // Read enough for the header (it may hold quoted newlines, and follow blank lines): grow until the
        // end of the first record is in.
        var head: [UInt8] = []
        var start = 0
        var headerEnd: Int?
        var bom = false
        while headerEnd == nil {
            let data = try handle.readBlock(upTo: 64 << 10, file: name)
            if data.isEmpty { atEOF = true; break }
            bytesRead += data.count
            let before = head.count
            head += data
            endings.inspect(&head, from: before, atEOF: false)
            bom = head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF
            start = bom ? 3 : 0
            while start < head.count, head[start] == 10 || head[start] == 13 { start += 1 }
            headerEnd = CSVChunker.firstRecordEnd(in: head, from: start, delimiter: delimiter ?? 44)
        }
        hadBOM = bom
        let chosen = delimiter ?? CSVChunker.detectDelimiter(in: head, from: start)
        self.delimiter = chosen
        delimiterDetected = delimiter == nil && chosen != 44
        if chosen != 44 { headerEnd = CSVChunker.firstRecordEnd(in: head, from: start, delimiter: chosen) ?? headerEnd }
        let end = headerEnd ?? head.count
        guard end > start else { throw FrontierError.malformed(file: name, line: 1, reason: "is empty: expected a header row") }
        // The streaming reader numbers lines the same way: blank lines before the header count.
        let reader = CSVRecordReader(bytes: Array(head[(bom ? 3 : 0)..<end]), name: name, firstLine: 1, delimiter: chosen)
        guard let record = try reader.next() else { throw FrontierError.malformed(file: name, line: 1, reason: "is empty: expected a header row") }
        header = record
        let headerLines = head[(bom ? 3 : 0)..<min(end + 1, head.count)].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        carry = end < head.count ? Array(head[(end + 1)...]) : []
        firstDataLine = 1 + max(1, headerLines)
    }

    /// Offset of the newline ending the last complete record in `bytes` (or the first, with `firstOnly`).
    /// Record ends under the reader's own rule (CSVRecordReader): a quote opens a quoted field only as the
    /// field's first character; inside one, a doubled quote is a quote and a single one closes it; elsewhere a
    /// quote is plain text. A newline outside a quoted field ends a record.
    private static func recordEnds(in bytes: [UInt8], from start: Int, firstOnly: Bool, delimiter: UInt8) -> Int? {
        var inQuotes = false, fieldStart = true
        var last: Int?
        bytes.withUnsafeBufferPointer { b in
            var i = start
            while i < b.count {
                let c = b[i]
                if inQuotes {
                    if c == 34 {
                        if i + 1 < b.count, b[i + 1] == 34 { i += 2; continue }
                        inQuotes = false
                    }
                } else if c == 34 && fieldStart {
                    inQuotes = true
                    fieldStart = false
                } else if c == delimiter {
                    fieldStart = true
                } else if c == 10 {
                    last = i
                    fieldStart = true
                    if firstOnly { return }
                } else {
                    fieldStart = false
                }
                i += 1
            }
        }
        return last
    }

    static func firstRecordEnd(in bytes: [UInt8], from start: Int, delimiter: UInt8) -> Int? {
        recordEnds(in: bytes, from: start, firstOnly: true, delimiter: delimiter)
    }

    /// The delimiter the first line shows most of, outside quotes; a comma on a tie or when it shows none.
    static func detectDelimiter(in bytes: [UInt8], from start: Int) -> UInt8 {
        var counts = [Int](repeating: 0, count: delimiters.count)
        var inQuotes = false
        var i = start
        while i < bytes.count, bytes[i] != 10 || inQuotes {
            let c = bytes[i]
            if c == 34 { inQuotes.toggle() } else if !inQuotes, let k = delimiters.firstIndex(of: c) { counts[k] += 1 }
            i += 1
        }
        var best = 0
        for k in counts.indices where counts[k] > counts[best] { best = k }
        return delimiters[best]
    }

    /// The next chunk of whole records, or nil at the end.
    public func next() throws -> Chunk? {
        while true {
            if atEOF {
                guard !carry.isEmpty else { return nil }
                defer { carry = [] }
                return emit(carry)
            }
            if carry.count >= chunkSize, let end = CSVChunker.lastRecordEnd(in: carry, delimiter: delimiter) {
                let chunk = Array(carry[...end])
                carry.removeFirst(end + 1)
                return emit(chunk)
            }
            let data = try handle.readBlock(upTo: chunkSize, file: name)
            if data.isEmpty { atEOF = true; continue }
            bytesRead += data.count
            let before = carry.count
            carry += data
            endings.normalize(&carry, from: before)
        }
    }

    private func emit(_ bytes: [UInt8]) -> Chunk {
        defer { produced += 1 }
        return Chunk(bytes: bytes, index: produced)
    }

    /// Where the last complete record in `bytes` ends. Without any quote (the common case) that is simply
    /// the last newline, found with memchr and a backward step; otherwise the quote state decides.
    static func lastRecordEnd(in bytes: [UInt8], delimiter: UInt8) -> Int? {
        let quoted = bytes.withUnsafeBufferPointer { b -> Bool? in
            guard let base = b.baseAddress, b.count > 0 else { return nil }
            return memchr(base, 34, b.count) != nil
        }
        guard let quoted else { return nil }
        if !quoted {
            var i = bytes.count - 1
            while i >= 0, bytes[i] != 10 { i -= 1 }
            return i >= 0 ? i : nil
        }
        return recordEnds(in: bytes, from: 0, firstOnly: false, delimiter: delimiter)
    }
}
