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
    private let chunkSize: Int
    private var carry: [UInt8] = []
    private var atEOF = false
    private var produced = 0
    public private(set) var bytesRead = 0
    public let header: CSVRecord
    public let hadBOM: Bool
    /// The line the first data record can start on (a quoted header may span lines).
    public let firstDataLine: Int

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Reads the header record and positions at the first data record.
    public init(handle: FileHandle, name: String, chunkSize: Int = 1 << 20) throws {
        self.handle = handle
        self.chunkSize = chunkSize
        // Read enough for the header (it may hold quoted newlines): grow until a record end is found.
        var head: [UInt8] = []
        var headerEnd: Int?
        while headerEnd == nil {
            let data = try handle.read(upToCount: 64 << 10) ?? Data()
            if data.isEmpty { atEOF = true; break }
            bytesRead += data.count
            head += data
            headerEnd = CSVChunker.lastRecordEnd(in: head, limit: nil, firstOnly: true)
        }
        var bom = false
        var start = 0
        if head.count >= 3, head[0] == 0xEF, head[1] == 0xBB, head[2] == 0xBF { bom = true; start = 3 }
        hadBOM = bom
        let end = headerEnd ?? head.count
        guard end > start else { throw Failure(description: "\(name):1: is empty: expected a header row") }
        let reader = CSVRecordReader(bytes: Array(head[start..<end]), name: name, firstLine: 1)
        guard let record = try reader.next() else { throw Failure(description: "\(name):1: is empty: expected a header row") }
        header = record
        let headerLines = head[start..<min(end + 1, head.count)].reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        carry = end < head.count ? Array(head[(end + 1)...]) : []
        firstDataLine = 1 + max(1, headerLines)
    }

    /// Offset of the newline ending the last complete record in `bytes` (or the first, with `firstOnly`).
    static func lastRecordEnd(in bytes: [UInt8], limit: Int?, firstOnly: Bool = false) -> Int? {
        var inQuotes = false
        var last: Int?
        let n = limit ?? bytes.count
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<n {
                let c = b[i]
                if c == 34 { inQuotes.toggle() } else if c == 10 && !inQuotes {
                    last = i
                    if firstOnly { return }
                }
            }
        }
        return last
    }

    /// The next chunk of whole records, or nil at the end.
    public func next() throws -> Chunk? {
        while true {
            if atEOF {
                guard !carry.isEmpty else { return nil }
                defer { carry = [] }
                return emit(carry)
            }
            if carry.count >= chunkSize, let end = CSVChunker.lastRecordEnd(in: carry) {
                let chunk = Array(carry[...end])
                carry.removeFirst(end + 1)
                return emit(chunk)
            }
            let data = try handle.read(upToCount: chunkSize) ?? Data()
            if data.isEmpty { atEOF = true; continue }
            bytesRead += data.count
            carry += data
        }
    }

    private func emit(_ bytes: [UInt8]) -> Chunk {
        defer { produced += 1 }
        return Chunk(bytes: bytes, index: produced)
    }

    /// Where the last complete record in `bytes` ends. Without any quote (the common case) that is simply
    /// the last newline, found with memchr and a backward step; otherwise the quote state decides.
    static func lastRecordEnd(in bytes: [UInt8]) -> Int? {
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
        return lastRecordEnd(in: bytes, limit: nil)
    }
}
