import Foundation
import FrontierBase

/// Receives a record's unescaped field bytes as `CSVRecordScan` finds them. The record reader keeps them;
/// the chunker, which needs only where records end, passes `CSVRecordEnds`.
protocol CSVFieldSink {
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>)
    mutating func appendQuote()
    mutating func endField()
    /// Drops the CR of a CRLF line ending that an unquoted field's run took in.
    mutating func dropTrailingCR()
}

/// The sink that keeps nothing: the chunker only needs where records end.
struct CSVRecordEnds: CSVFieldSink {
    @inline(__always) mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {}
    @inline(__always) mutating func appendQuote() {}
    @inline(__always) mutating func endField() {}
    @inline(__always) mutating func dropTrailingCR() {}
}

/// The CSV record grammar, written once for the record reader, the chunker and delimiter detection, so
/// where a record ends and whether it is well formed are decided the same way in every reader:
///
/// - a quote opens a quoted field only as the field's first byte; anywhere else in an unquoted field it is
///   an error (`quoteInUnquotedField`);
/// - inside a quoted field a doubled quote is a quote and a single one closes the field; only the
///   delimiter or the line end (LF, CRLF, the input's end) may follow a closing quote (`textAfterClosingQuote`);
/// - a line end outside quotes ends the record; a quoted field still open at the input's end is
///   `unterminatedQuote`; a record longer than `cap` bytes is `tooLong`.
///
/// A malformed record is its first line: reading resumes on the next line, so one stray quote costs one
/// row rather than swallowing the rows below it. The decision depends only on the record's own bytes and at
/// most `cap + 1` of them, never on how the input was cut into blocks or chunks.
///
/// The scan is resumable: when the bytes run out mid-record it keeps its place (and phase), and the caller
/// calls again with more bytes, the record still starting at `start`. So a long record is read in linear
/// time, however many blocks it spans.
public struct CSVRecordScan {
    /// The longest record read (64 MB): longer ones (a quote never closed in a large file, a file with no
    /// line ends) are rejected, so memory follows this cap, not the input's size.
    public static let maxRecordBytes = 64 << 20

    enum Phase: UInt8 {
        case fieldStart, unquoted, quoted
        /// Right after a quoted field's closing quote.
        case closed
        /// Malformed (`problem`): looking for the end of the record's first line, where reading resumes.
        case seekingLineEnd
    }

    /// Where the record starts in the bytes scanned (after any blank lines).
    var start: Int
    /// The next byte to look at.
    var position: Int
    var phase = Phase.fieldStart
    /// Line ends inside quoted fields so far.
    var newlines = 0
    /// The field being read (0-based).
    var field = 0
    var problem: CSVMalformation?

    init(start: Int) {
        self.start = start
        position = start
    }

    enum Outcome {
        /// The bytes end inside the record: call again with more (or with `eof`).
        case needMore
        /// A well-formed record: its text (without the line end) is `start..<rawEnd`; the next record may
        /// start at `next`.
        case record(rawEnd: Int, next: Int)
        /// A malformed record. Its text is its first line, `start..<rawEnd` (empty when that line is longer
        /// than the cap); reading resumes at `next`, or, when nil, after the next line end beyond the bytes
        /// given (the caller discards bytes until then).
        case malformed(CSVMalformation, rawEnd: Int, next: Int?)
    }

    /// Moves `offset` bytes earlier (the caller dropped that many bytes before the record).
    mutating func shift(by offset: Int) {
        start -= offset
        position -= offset
    }

    /// The first byte at or after `from` (and before `end`) that is not part of a blank line (LF or CR),
    /// counting the LFs passed.
    static func skipBlankLines(_ buf: UnsafeBufferPointer<UInt8>, from: Int, to end: Int? = nil, lines: inout Int) -> Int {
        let end = min(end ?? buf.count, buf.count)
        var i = from
        while i < end, buf[i] == 10 || buf[i] == 13 {
            if buf[i] == 10 { lines += 1 }
            i += 1
        }
        return i
    }

    /// Scans on from `position` over `buf` (the record starting at `start`), field bytes to `sink`.
    /// `eof`: nothing follows `buf`.
    mutating func scan<Sink: CSVFieldSink>(_ buf: UnsafeBufferPointer<UInt8>, eof atEOF: Bool, delimiter comma: UInt8,
                                          cap: Int = maxRecordBytes, into sink: inout Sink) -> Outcome {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        // The window: the record and its line end must lie in its first cap + 1 bytes.
        let windowEnd = cap >= buf.count - start ? buf.count : start + cap + 1
        let n = windowEnd
        let eof = atEOF && n == buf.count
        // Locals: touching stored properties inside the loop would cost an exclusivity check per byte.
        var i = position, phase = self.phase, newlines = self.newlines, field = self.field
        defer {
            self.phase = phase
            self.newlines = newlines
            self.field = field
        }
        if phase != .seekingLineEnd {
            scanning: while i < n {
                switch phase {
                case .quoted:
                    var j = i
                    while j < n {
                        j = CSVRecordScan.firstOf(buf, from: j, to: n, quote, lf, quote)
                        if j < n, buf[j] == lf { newlines += 1; j += 1; continue }
                        break
                    }
                    sink.append(UnsafeBufferPointer(rebasing: buf[i..<j]))
                    i = j
                    if j == n { break scanning }
                    if j + 1 < n {
                        if buf[j + 1] == quote { sink.appendQuote(); i = j + 2 } else { phase = .closed; i = j + 1 }
                        continue
                    }
                    if eof { phase = .closed; i = j + 1; continue }
                    break scanning  // whether the quote is doubled is in the next bytes
                case .closed:
                    let b = buf[i]
                    if b == comma { sink.endField(); field += 1; phase = .fieldStart; i += 1; continue }
                    if b == lf { position = i + 1; return .record(rawEnd: i, next: i + 1) }
                    if b == cr {
                        if i + 1 < n {
                            if buf[i + 1] == lf { position = i + 2; return .record(rawEnd: i, next: i + 2) }
                        } else if eof {
                            position = n; return .record(rawEnd: i, next: n)
                        } else {
                            break scanning  // a CR whose follower is not in yet
                        }
                    }
                    problem = CSVMalformation(kind: .textAfterClosingQuote(linesLater: newlines), field: field)
                    phase = .seekingLineEnd
                    break scanning
                case .fieldStart, .unquoted:
                    let b = buf[i]
                    if b == comma { sink.endField(); field += 1; phase = .fieldStart; i += 1; continue }
                    if b == lf {
                        var rawEnd = i
                        if phase == .unquoted, buf[i - 1] == cr { sink.dropTrailingCR(); rawEnd -= 1 }
                        position = i + 1
                        return .record(rawEnd: rawEnd, next: i + 1)
                    }
                    if b == quote {
                        if phase == .fieldStart { phase = .quoted; i += 1; continue }
                        problem = CSVMalformation(kind: .quoteInUnquotedField, field: field)
                        phase = .seekingLineEnd
                        break scanning
                    }
                    // A run of plain bytes goes to the sink in one piece.
                    let j = CSVRecordScan.firstOf(buf, from: i + 1, to: n, comma, lf, quote)
                    sink.append(UnsafeBufferPointer(rebasing: buf[i..<j]))
                    phase = .unquoted
                    i = j
                case .seekingLineEnd:
                    break scanning
                }
            }
            if phase != .seekingLineEnd {
                if n - start > cap {
                    // No end within the record's first cap + 1 bytes: whatever follows, it is too long.
                    problem = CSVMalformation(kind: .tooLong(cap: cap), field: field)
                    phase = .seekingLineEnd
                } else if !eof {
                    position = i
                    return .needMore
                } else if phase == .quoted {
                    problem = CSVMalformation(kind: .unterminatedQuote, field: field)
                    phase = .seekingLineEnd
                } else {
                    // The record ends with the input.
                    var rawEnd = n
                    if phase == .unquoted, buf[n - 1] == cr { sink.dropTrailingCR(); rawEnd -= 1 }
                    position = n
                    return .record(rawEnd: rawEnd, next: n)
                }
            }
            // Just found malformed: its first line may end before the place the problem was found.
            i = start
        }
        // Malformed: the record is its first line; reading resumes after that line's end.
        guard let problem else { return .needMore }
        var j = i
        while j < n, buf[j] != lf { j += 1 }
        position = j
        if j < n {
            position = j + 1
            return .malformed(problem, rawEnd: j > start && buf[j - 1] == cr ? j - 1 : j, next: j + 1)
        }
        // The first line is longer than the cap: its text is not kept, and the rest of it is skipped.
        if n - start > cap { return .malformed(problem, rawEnd: start, next: nil) }
        if eof { return .malformed(problem, rawEnd: n > start && buf[n - 1] == cr ? n - 1 : n, next: n) }
        return .needMore
    }


    /// The first index in `from..<to` whose byte is `a`, `b` or `c`; `to` when there is none. Sixteen bytes are
    /// compared at a time (SIMD), so the long runs of a record (notes, actor names) cost a compare per block
    /// rather than three per byte; the block holding a match is finished byte by byte.
    @inline(__always)
    static func firstOf(_ buf: UnsafeBufferPointer<UInt8>, from: Int, to end: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        var i = from
        if let base = buf.baseAddress {
            let raw = UnsafeRawPointer(base)
            let va = SIMD16<UInt8>(repeating: a), vb = SIMD16<UInt8>(repeating: b), vc = SIMD16<UInt8>(repeating: c)
            while i + 16 <= end {
                let block = raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
                if any((block .== va) .| (block .== vb) .| (block .== vc)) { break }
                i += 16
            }
        }
        while i < end {
            let x = buf[i]
            if x == a || x == b || x == c { return i }
            i += 1
        }
        return end
    }
}
