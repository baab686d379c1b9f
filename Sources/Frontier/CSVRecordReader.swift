import Foundation

/// One CSV record: its fields, its exact text (without the line ending) and the line it starts on.
public struct CSVRecord {
    public var fields: [String]
    /// The record as it stood in the file, quotes and embedded newlines included: join passes it through.
    public var raw: Substring
    /// 1-based line number of the record's first line (a quoted newline makes a record span lines).
    public var line: Int
}

/// Streams RFC 4180 records from a file or stdin in blocks: quoted fields with commas, doubled quotes and
/// newlines; CRLF or LF; an optional UTF-8 BOM (remembered in `hadBOM`). Never holds more than the current
/// block plus one record.
public final class CSVRecordReader {
    public struct Failure: Error, CustomStringConvertible {
        public let file: String
        public let line: Int
        public let message: String
        public var description: String { "\(file):\(line): \(message)" }
    }

    public let name: String
    private let handle: FileHandle
    private let blockSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEOF = false
    private var nextLine = 1
    public private(set) var hadBOM = false
    private var bomChecked = false
    /// Bytes consumed so far (for progress).
    public private(set) var bytesRead = 0

    public init(handle: FileHandle, name: String, blockSize: Int = 1 << 20) {
        self.handle = handle
        self.name = name
        self.blockSize = blockSize
    }

    public convenience init(path: String) throws {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw Failure(file: path, line: 0, message: "cannot open for reading")
        }
        self.init(handle: h, name: path)
    }

    private func fill() throws {
        if position > 0 {
            buffer.removeFirst(position)
            position = 0
        }
        let data = try handle.read(upToCount: blockSize) ?? Data()
        if data.isEmpty { atEOF = true; checkBOM(); return }
        bytesRead += data.count
        buffer.append(contentsOf: data)
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

    /// The next record, or nil at the end of the input. Blank lines are skipped.
    public func next() throws -> CSVRecord? {
        while true {
            if bomChecked, let record = try scan() { return record }
            if atEOF { return nil }
            try fill()
        }
    }

    /// Tries to parse one record from `position`; nil when the buffer ends first (and more may come).
    private func scan() throws -> CSVRecord? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        return try buffer.withUnsafeBufferPointer { buf -> CSVRecord? in
            let n = buf.count
            var i = position
            // Skip blank lines between records.
            while i < n, buf[i] == lf || buf[i] == cr {
                if buf[i] == lf { nextLine += 1 }
                i += 1
            }
            position = i  // blank lines are consumed (and counted) once
            if i >= n { return nil }
            let start = i
            var fields: [String] = []
            var field: [UInt8] = []
            var inQuotes = false
            var newlines = 0
            var fieldStart = true
            while i < n {
                let b = buf[i]
                if inQuotes {
                    if b == quote {
                        if i + 1 < n {
                            if buf[i + 1] == quote { field.append(quote); i += 2; continue }
                            inQuotes = false; i += 1; continue
                        }
                        if !atEOF { return nil }  // cannot tell "" from " yet
                        inQuotes = false; i += 1; continue
                    }
                    if b == lf { newlines += 1 }
                    field.append(b); i += 1
                    continue
                }
                switch b {
                case quote where fieldStart:
                    inQuotes = true; fieldStart = false; i += 1
                case comma:
                    fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true)
                    fieldStart = true; i += 1
                case lf:
                    var end = i
                    if end > start, buf[end - 1] == cr { end -= 1 }
                    if field.last == cr { field.removeLast() }
                    fields.append(String(decoding: field, as: UTF8.self))
                    let record = CSVRecord(fields: fields, raw: Substring(String(decoding: buf[start..<end], as: UTF8.self)), line: nextLine)
                    nextLine += 1 + newlines
                    position = i + 1
                    return record
                default:
                    field.append(b); fieldStart = false; i += 1
                }
            }
            // The buffer ended inside the record.
            guard atEOF else { return nil }
            if inQuotes {
                throw Failure(file: name, line: nextLine, message: "unterminated quoted field (a \" opened on this line is never closed)")
            }
            var end = n
            if end > start, buf[end - 1] == cr { end -= 1; if field.last == cr { field.removeLast() } }
            fields.append(String(decoding: field, as: UTF8.self))
            let record = CSVRecord(fields: fields, raw: Substring(String(decoding: buf[start..<end], as: UTF8.self)), line: nextLine)
            nextLine += 1 + newlines
            position = n
            return record
        }
    }
}
