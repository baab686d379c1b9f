import Foundation
import FrontierBase

/// Strict JSON (RFC 8259) read one token at a time from a file in fixed-size blocks, so a document of any
/// size is read in memory bounded by its largest string and the caller's own keeping.
///
/// Strict means: no trailing commas or garbage after the text, only the escapes JSON defines, surrogates
/// in pairs, valid UTF-8, no control characters in strings, no leading zeros. Nesting is capped at
/// `maxDepth` (a hostile file cannot exhaust the stack of whoever walks the result). Errors carry the line
/// and byte column. In `lineMode` (GeoJSONL) a newline ends a text: it is never whitespace inside a value.
package final class JSONReader {
    /// Deepest nesting of arrays and objects read (a MultiPolygon needs 4, a feature 2 more).
    static let maxDepth = 64
    /// The longest string or captured value: one token cannot take memory without limit.
    static let maxTokenBytes = 64 << 20
    /// The longest number, in characters.
    static let maxNumberLength = 1024

    /// What is wrong and where.
    struct SyntaxError: Error, CustomStringConvertible {
        var line: Int
        var column: Int
        var reason: String
        var description: String { "\(reason) (line \(line), column \(column))" }
    }

    /// The kind of value that starts at the current byte.
    enum Kind { case object, array, string, number, bool, null }

    // Read and written for every byte on one thread: unchecked exclusivity spares a runtime check per access.
    @exclusivity(unchecked) private var buffer: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var pos = 0
    @exclusivity(unchecked) private var end = 0
    private let fd: Int32
    private let file: String
    private var atEOF: Bool
    @exclusivity(unchecked) private var lineStart = 0
    /// While set, bytes from here on are kept across refills (a captured value).
    @exclusivity(unchecked) private var mark: Int?
    @exclusivity(unchecked) private var scratch: [UInt8] = []
    @exclusivity(unchecked) private(set) var line = 1
    @exclusivity(unchecked) private(set) var depth = 0
    let lineMode: Bool

    /// Reads `fd` (not closed here) in blocks of `blockSize` bytes; `file` names it in read errors.
    package init(fileDescriptor: Int32, file: String, lineMode: Bool = false, blockSize: Int = 1 << 20) {
        fd = fileDescriptor
        self.file = file
        self.lineMode = lineMode
        capacity = max(16, blockSize)
        buffer = .allocate(capacity: capacity)
        atEOF = false
    }

    /// Reads bytes already in memory.
    package init(bytes: [UInt8], file: String, lineMode: Bool = false) {
        fd = -1
        self.file = file
        self.lineMode = lineMode
        capacity = max(16, bytes.count)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bytes.withUnsafeBufferPointer { b in if let base = b.baseAddress { storage.update(from: base, count: b.count) } }
        buffer = storage
        end = bytes.count
        atEOF = true
    }

    deinit { buffer.deallocate() }

    // MARK: - Bytes

    /// More bytes into the buffer, keeping those from `mark` (or the current position) on. False at the end.
    private func refill() throws -> Bool {
        if atEOF { return false }
        let keep = min(mark ?? pos, pos)
        if keep > 0 {
            let count = end - keep
            if count > 0 { buffer.update(from: buffer + keep, count: count) }
            end -= keep
            pos -= keep
            lineStart -= keep
            if mark != nil { mark! -= keep }
        }
        if end == capacity {
            // Only a captured value outgrows a block.
            guard capacity < JSONReader.maxTokenBytes else { throw error("a value longer than \(JSONReader.maxTokenBytes >> 20) MB") }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: buffer, count: end)
            buffer.deallocate()
            buffer = bigger
            capacity *= 2
        }
        while true {
            let n = Foundation.read(fd, buffer + end, capacity - end)
            if n > 0 { end += n; return true }
            if n == 0 { atEOF = true; return false }
            if errno == EINTR { continue }
            throw FrontierError.malformed(file: file == "-" ? "standard input" : file, line: 0,
                                          reason: "cannot be read: \(String(cString: strerror(errno)))")
        }
    }

    /// The current byte without consuming it; nil at the end of the input.
    @inline(__always) private func current() throws -> UInt8? {
        if pos < end { return buffer[pos] }
        return try refill() ? buffer[pos] : nil
    }

    /// Skips whitespace (a newline too, except in line mode), counting lines.
    @inline(__always) func skipWhitespace() throws {
        while true {
            while pos < end {
                let b = buffer[pos]
                if b == 0x20 || b == 0x09 || b == 0x0D { pos += 1; continue }
                if b == 0x0A && !lineMode {
                    pos += 1
                    line += 1
                    lineStart = pos
                    continue
                }
                return
            }
            guard try refill() else { return }
        }
    }

    /// The next significant byte (after whitespace), not consumed; nil at the end.
    func peek() throws -> UInt8? {
        try skipWhitespace()
        return try current()
    }

    func error(_ reason: String) -> SyntaxError {
        SyntaxError(line: line, column: pos - lineStart + 1, reason: reason)
    }

    /// How a byte where something else was expected is named in a message.
    private func unexpected(_ b: UInt8?, expected: String) -> SyntaxError {
        error("expected \(expected), found \(JSONReader.describe(b))")
    }

    static func describe(_ b: UInt8?) -> String {
        guard let b else { return "the end of the file" }
        if b == 0x0A { return "the end of the line" }
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true).leftPadded(to: 2)
    }

    private func expect(_ byte: UInt8, _ what: String) throws {
        let b = try peek()
        guard b == byte else { throw unexpected(b, expected: what) }
        pos += 1
    }

    // MARK: - Structure

    /// The kind of the next value (not consumed); an error when none starts here.
    func kind() throws -> Kind {
        guard let b = try peek() else { throw unexpected(nil, expected: "a value") }
        switch b {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw unexpected(b, expected: "a value")
        }
    }

    /// Consumes the bracket that opens an array or object, one level deeper.
    private func enter(_ bracket: UInt8) throws {
        let b = try peek()
        guard b == bracket else { throw unexpected(b, expected: "'\(Character(Unicode.Scalar(bracket)))'") }
        guard depth < JSONReader.maxDepth else { throw error("arrays and objects nest more than \(JSONReader.maxDepth) levels deep") }
        depth += 1
        pos += 1
    }

    /// Consumes the `{` that opens an object.
    func beginObject() throws { try enter(UInt8(ascii: "{")) }

    /// The next member's key (its `:` consumed), or nil when the object closes (its `}` consumed).
    /// `first` starts true for each object.
    func nextKey(_ first: inout Bool) throws -> String? {
        var b = try peek()
        if b == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return nil
        }
        if !first {
            guard b == UInt8(ascii: ",") else { throw unexpected(b, expected: "',' or '}'") }
            pos += 1
            b = try peek()
        }
        first = false
        guard b == UInt8(ascii: "\"") else { throw unexpected(b, expected: "a member name in double quotes") }
        let key = try string()
        try expect(UInt8(ascii: ":"), "':'")
        return key
    }

    /// Consumes the `[` that opens an array.
    func beginArray() throws { try enter(UInt8(ascii: "[")) }

    /// True when another element follows (its `,` consumed); false when the array closes (`]` consumed).
    func nextElement(_ first: inout Bool) throws -> Bool {
        let b = try peek()
        if b == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return false
        }
        if first {
            first = false
            return true
        }
        guard b == UInt8(ascii: ",") else { throw unexpected(b, expected: "',' or ']'") }
        pos += 1
        if try peek() == UInt8(ascii: "]") { throw error("a trailing comma before ']'") }
        return true
    }

    /// After a top-level value: only whitespace may follow, up to the end of the file (or of the line).
    func finishText() throws {
        try skipWhitespace()
        let b = try current()
        if b == nil { return }
        if lineMode, b == 0x0A { return }
        throw error("text after the end of the JSON value: \(JSONReader.describe(b))")
    }

    /// Skips a UTF-8 byte order mark at the current position (RFC 8259 lets a reader ignore one; editors on
    /// Windows write it).
    func skipByteOrderMark() throws {
        guard try current() == 0xEF else { return }
        for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
            guard try current() == expected else { throw unexpected(try current(), expected: "a byte order mark (EF BB BF)") }
            pos += 1
        }
    }

    // MARK: - Line mode

    /// What a line starts with.
    enum LineStart { case value, blank, end }

    /// At the start of a line: skips RS (RFC 8142), spaces, tabs and carriage returns, and tells whether a
    /// value follows, the line is blank (its newline consumed), or the input has ended.
    func startLine() throws -> LineStart {
        depth = 0
        mark = nil
        while let b = try current() {
            switch b {
            case 0x1E, 0x20, 0x09, 0x0D: pos += 1
            case 0x0A: consumeNewline(); return .blank
            default: return .value
            }
        }
        return .end
    }

    /// Skips what is left of the line and its newline (after a value, or to resynchronize after an error).
    func skipRestOfLine() throws {
        while true {
            if pos < end {
                if let found = memchr(buffer + pos, 0x0A, end - pos) {
                    pos = buffer.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    consumeNewline()
                    return
                }
                pos = end
            }
            guard try refill() else { return }
        }
    }

    private func consumeNewline() {
        pos += 1
        line += 1
        lineStart = pos
    }

    // MARK: - Values

    /// A string value (the opening quote is the current byte).
    func string() throws -> String {
        try readString()
        return String(decoding: scratch, as: UTF8.self)  // checked UTF-8 already
    }

    /// Reads a string's content into `scratch`, escapes decoded, checked strictly (UTF-8 too, so a string
    /// that is skipped is as valid as one that is kept).
    private func readString() throws {
        try expect(UInt8(ascii: "\""), "'\"'")
        scratch.removeAll(keepingCapacity: true)
        var high = 0  // 0x80 | ... when any byte is not ASCII
        while true {
            // A run of ordinary bytes.
            let start = pos
            while pos < end {
                let b = buffer[pos]
                if b == 0x22 || b == 0x5C || b < 0x20 { break }
                high |= Int(b)
                pos += 1
            }
            if pos > start { scratch.append(contentsOf: UnsafeBufferPointer(start: buffer + start, count: pos - start)) }
            if scratch.count > JSONReader.maxTokenBytes { throw error("a string longer than \(JSONReader.maxTokenBytes >> 20) MB") }
            guard let b = try current() else { throw error("the file ends inside a string") }
            if b != 0x22 && b != 0x5C && b >= 0x20 { continue }  // the run went on past the block's end
            if b == 0x22 { pos += 1; break }
            if b < 0x20 {
                throw error(b == 0x0A ? "the line ends inside a string" : "an unescaped control character (\(JSONReader.describe(b))) in a string")
            }
            // A backslash: errors in an escape point at it.
            let escape = SyntaxError(line: line, column: pos - lineStart + 1, reason: "")
            func bad(_ reason: String) -> SyntaxError { var e = escape; e.reason = reason; return e }
            pos += 1
            guard let e = try current() else { throw error("the file ends inside a string") }
            pos += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                let unpaired = bad("an unpaired surrogate \\u\(hex(scalar)) in a string")
                if (0xD800...0xDBFF).contains(scalar) {
                    guard try current() == UInt8(ascii: "\\") else { throw unpaired }
                    pos += 1
                    guard try current() == UInt8(ascii: "u") else { throw unpaired }
                    pos += 1
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw unpaired }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw unpaired
                }
                // A valid scalar by construction.
                scratch.append(contentsOf: String(Character(Unicode.Scalar(UInt32(scalar))!)).utf8)
            default:
                throw bad("an invalid escape '\\\(JSONReader.describe(e).trimmingCharacters(in: ["'"]))' in a string")
            }
        }
        if high >= 0x80 {
            var bytes = scratch.makeIterator()
            var decoder = UTF8()
            decoding: while true {
                switch decoder.decode(&bytes) {
                case .scalarValue: continue
                case .emptyInput: break decoding
                case .error: throw error("invalid UTF-8 in a string")
                }
            }
        }
    }

    private func hex(_ v: Int) -> String { String(v, radix: 16, uppercase: true).leftPadded(to: 4) }

    private func hex4() throws -> Int {
        var v = 0
        for _ in 0..<4 {
            guard let b = try current() else { throw error("the file ends inside a \\u escape") }
            let d: Int
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = Int(b) - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = Int(b) - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = Int(b) - 55
            default: throw error("a \\u escape needs four hexadecimal digits, found \(JSONReader.describe(b))")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    /// A JSON number as read: whole (no fraction or exponent) or not, and its text in `scratch`.
    private func readNumber() throws -> Bool {
        scratch.removeAll(keepingCapacity: true)
        var whole = true
        let take = current
        func digits() throws -> Int {
            var n = 0
            while let b = try take(), b >= 48, b <= 57 {
                scratch.append(b)
                pos += 1
                n += 1
                if scratch.count > JSONReader.maxNumberLength { throw error("a number longer than \(JSONReader.maxNumberLength) characters") }
            }
            return n
        }
        if try take() == UInt8(ascii: "-") { scratch.append(UInt8(ascii: "-")); pos += 1 }
        guard let first = try take(), first >= 48, first <= 57 else { throw unexpected(try current(), expected: "a digit") }
        if first == 48 {
            scratch.append(first)
            pos += 1
            if let b = try take(), b >= 48, b <= 57 { throw error("a number with a leading zero") }
        } else {
            _ = try digits()
        }
        if try take() == UInt8(ascii: ".") {
            whole = false
            scratch.append(UInt8(ascii: "."))
            pos += 1
            guard try digits() > 0 else { throw unexpected(try current(), expected: "a digit after '.'") }
        }
        if let e = try take(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            whole = false
            scratch.append(e)
            pos += 1
            if let s = try take(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { scratch.append(s); pos += 1 }
            guard try digits() > 0 else { throw unexpected(try current(), expected: "a digit in the exponent") }
        }
        // Only an exponent or some 300 digits can leave a double's range: checked even when the number is
        // skipped, so a document that passes once passes again.
        if !whole && scratch.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) || scratch.count > 300 {
            _ = try scratchDouble()
        }
        return whole
    }

    /// A number as a double, rounded correctly (a whole number through Int64 when it fits, as Foundation's
    /// reader did: `-0` is 0).
    func double() throws -> Double {
        let whole = try readNumber()
        if whole, let i = wholeNumber() { return Double(i) }
        return try scratchDouble()
    }

    /// A number as a property value: whole numbers stay integers where Foundation's reader kept them so
    /// (up to 18 digits, or 19 when positive and within Int64), others are doubles.
    func number() throws -> PropertyValue {
        let whole = try readNumber()
        if whole, !(scratch.first == UInt8(ascii: "-") && scratch.count > 19), let i = wholeNumber() { return .int(i) }
        return .double(try scratchDouble())
    }

    private func wholeNumber() -> Int64? {
        if scratch.count <= 18 {
            var v: Int64 = 0
            var negative = false
            for b in scratch {
                if b == UInt8(ascii: "-") { negative = true } else { v = v * 10 + Int64(b - 48) }
            }
            return negative ? -v : v
        }
        return Int64(String(decoding: scratch, as: UTF8.self))
    }

    private func scratchDouble() throws -> Double {
        guard let d = scratch.withUnsafeBufferPointer({ ByteParsing.double($0) }), d.isFinite else {
            throw error("the number \(String(decoding: scratch, as: UTF8.self)) is out of range")
        }
        return d
    }

    /// true or false.
    func bool() throws -> Bool {
        if try current() == UInt8(ascii: "t") { try word("true"); return true }
        try word("false")
        return false
    }

    /// null.
    func null() throws { try word("null") }

    private func word(_ w: StaticString) throws {
        let text = UnsafeBufferPointer(start: w.utf8Start, count: w.utf8CodeUnitCount)
        for expected in text {
            guard let b = try current(), b == expected else {
                throw error("expected '\(w)', found \(JSONReader.describe(try current()))")
            }
            pos += 1
        }
        if let b = try current(), (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= 48 && b <= 57) {
            throw error("expected '\(w)', found \(JSONReader.describe(b)) after it")
        }
    }

    /// Reads and checks one value of any kind, keeping nothing.
    func skipValue() throws {
        switch try kind() {
        case .object:
            try beginObject()
            var first = true
            while try nextKey(&first) != nil { try skipValue() }
        case .array:
            try beginArray()
            var first = true
            while try nextElement(&first) { try skipValue() }
        case .string: try readString()
        case .number: _ = try readNumber()
        case .bool: _ = try bool()
        case .null: try null()
        }
    }

    /// One value's exact text (an object or array kept as JSON), checked as it is read.
    func capture() throws -> [UInt8] {
        try skipWhitespace()
        _ = try current()
        mark = pos
        defer { mark = nil }
        try skipValue()
        return Array(UnsafeBufferPointer(start: buffer + mark!, count: pos - mark!))
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}
