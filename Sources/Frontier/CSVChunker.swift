import Foundation

/// Cuts a CSV stream into chunks of whole records, so worker threads can parse chunks independently.
///
/// Finding where records end needs only the quote state: a newline outside quotes ends a record (a doubled
/// quote inside a quoted field toggles the state twice, leaving it unchanged). Every newline, quoted or not,
/// advances the line count, so each chunk knows the line its first record starts on.
public final class CSVChunker {
    public struct Chunk: Sendable {
        public var bytes: [UInt8]
        /// Line number of the chunk's first byte.
        public var firstLine: Int
        public var index: Int
    }

    private let handle: FileHandle
    private let chunkSize: Int
    private var carry: [UInt8] = []
    private var carryLine: Int
    private var atEOF = false
    private var produced = 0
    public private(set) var bytesRead = 0
    public let header: CSVRecord
    public let hadBOM: Bool

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
        carryLine = 1 + max(1, headerLines)
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
            if carry.count >= chunkSize {
                let (lastEnd, newlines) = CSVChunker.scan(carry)
                if let end = lastEnd {
                    let chunk = Array(carry[...end])
                    carry.removeFirst(end + 1)
                    return emit(chunk, newlines: newlines)
                }
            }
            let data = try handle.read(upToCount: chunkSize) ?? Data()
            if data.isEmpty { atEOF = true; continue }
            bytesRead += data.count
            carry += data
        }
    }

    private func emit(_ bytes: [UInt8], newlines: Int? = nil) -> Chunk {
        let chunk = Chunk(bytes: bytes, firstLine: carryLine, index: produced)
        produced += 1
        carryLine += newlines ?? CSVChunker.scan(bytes).newlines
        return chunk
    }

    /// One pass: where the last complete record ends, and how many newlines precede it (inclusive).
    /// Without any quote in the bytes (the common case) every newline ends a record: memchr and a plain
    /// counting loop the compiler vectorizes do it.
    static func scan(_ bytes: [UInt8]) -> (lastEnd: Int?, newlines: Int) {
        let unquoted = bytes.withUnsafeBufferPointer { b -> (Int?, Int)? in
            guard let base = b.baseAddress, b.count > 0 else { return (nil, 0) }
            if memchr(base, 34, b.count) != nil { return nil }
            var count = 0
            for c in b where c == 10 { count += 1 }
            guard count > 0 else { return (nil, 0) }
            var last = b.count - 1
            while b[last] != 10 { last -= 1 }
            return (last, count)
        }
        if let unquoted { return unquoted }
        var inQuotes = false
        var last: Int?
        var count = 0, countAtLast = 0
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count {
                let c = b[i]
                if c == 34 { inQuotes.toggle() } else if c == 10 {
                    count += 1
                    if !inQuotes { last = i; countAtLast = count }
                }
            }
        }
        return (last, last == nil ? count : countAtLast)
    }
}
