import CByteScan

/// Finds every record and field of a chunk 64 bytes at a time: SIMD compares give bitmasks of the quotes,
/// delimiters and line ends of a block, a prefix XOR of the quote mask gives which bytes lie inside quotes,
/// and the fields are read off the delimiters and line ends outside quotes, one bit at a time. So a record
/// costs a few operations per field instead of a branch per byte, and no field is copied (`spans` point into
/// the chunk; only a field holding a doubled quote is unescaped into `escaped`).
///
/// It reads only what it can prove well formed under `CSVRecordScan`'s grammar, the one every reader
/// follows: a quote opens a field only as its first byte, and a closing quote is followed by the delimiter,
/// a line end, the other quote of a doubled pair or the chunk's end. Where a quote breaks that, where a
/// chunk holds a CR other than a CRLF's, ends inside quotes or holds a record over the cap, `index` returns
/// false and the reader scans the chunk byte by byte as before: the same
/// records, errors and line numbers either way (`CSVBlockIndexTests` reads every input both ways).
struct CSVBlockIndex {
    /// Start and end of each field, two entries a field; a start with `CSVFieldSpans.escapedFlag` counts
    /// in `escaped`.
    var spans: [Int] = []
    var escaped: [UInt8] = []
    /// Per record: where its text starts and ends (without the line end), its first span entry, its line.
    var records: [Record] = []
    /// The line after the chunk's last (the record reader's `nextLineNumber` at the end).
    var nextLine = 0

    struct Record {
        var start: Int
        var end: Int
        var firstSpan: Int
        var line: Int
    }

    /// Room for `count` span entries, not zeroed: every entry is written before it is read (the first `used`
    /// are, and the rest is cut off), and zeroing the room a chunk's reader makes afresh was a fiftieth of `near`.
    private static func unwritten(count: Int) -> [Int] {
        [Int](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Indexes the records of `buf` (whole records, lines numbered from `firstLine`); false when the chunk
    /// holds something only the byte scan decides (then nothing here is to be used).
    mutating func index(_ buf: UnsafeBufferPointer<UInt8>, delimiter: UInt8, firstLine: Int, cap: Int) -> Bool {
        escaped.removeAll(keepingCapacity: true)
        records.removeAll(keepingCapacity: true)
        nextLine = firstLine
        // The spans are written through a pointer, a block at a time, into an array kept longer than what is
        // written (by a block's worth at least: `blockRoom`) and cut to `used` at the end. Appending two
        // entries per field checked the array's capacity and uniqueness each time: a twentieth of a worker.
        var spans = self.spans
        self.spans = []
        var used = 0
        defer {
            spans.removeSubrange(used...)
            self.spans = spans
        }
        guard buf.baseAddress != nil, buf.count > 0 else { return true }
        let n = buf.count
        if spans.count < n / 6 + Self.blockRoom { spans = Self.unwritten(count: n / 6 + Self.blockRoom) }
        records.reserveCapacity(n / 64 + 1)
        var blocks = CSVBlocks(buf, delimiter: delimiter)
        // The LFs in the blocks before this one, and the line the next record starts on.
        var lfsBefore = 0
        var recordLine = firstLine
        var recordStart = 0, fieldStart = 0, firstSpan = 0
        // A record is opened at its first byte, so blank lines (an LF where a record would start) are skipped.
        var inRecord = false
        while let block = blocks.next() {
            if block.broken != 0 { return false }
            let (l, structural, blockStart) = (block.lineEnds, block.structural, block.start)
            if spans.count - used < Self.blockRoom { spans += repeatElement(0, count: max(Self.blockRoom, spans.count)) }
            // The fields and records, in order.
            let whole = spans.withUnsafeMutableBufferPointer { out -> Bool in
                var bits = structural
                while bits != 0 {
                    let bit = bits.trailingZeroBitCount
                    bits &= bits &- 1
                    let at = blockStart + bit
                    let isLF = (l >> UInt64(bit)) & 1 == 1
                    // Every LF ends a line: the record after it starts on the line after the LFs up to it.
                    let linesUpTo = isLF ? lfsBefore + (l & (bit == 63 ? ~0 : (1 << UInt64(bit + 1)) &- 1)).nonzeroBitCount : 0
                    if !inRecord {
                        // A record would start at `fieldStart`: an LF there is a blank line.
                        if isLF, at == fieldStart {
                            fieldStart = at + 1
                            recordStart = at + 1
                            recordLine = firstLine + linesUpTo
                            continue
                        }
                        inRecord = true
                        recordStart = fieldStart
                        firstSpan = used
                    }
                    // A CRLF's CR ends neither the field nor the record's text.
                    let end = isLF && at > fieldStart && buf[at - 1] == UInt8(ascii: "\r") ? at - 1 : at
                    emitField(buf, from: fieldStart, to: end, into: out, at: &used)
                    fieldStart = at + 1
                    if isLF {
                        if at - recordStart > cap { return false }
                        records.append(Record(start: recordStart, end: end, firstSpan: firstSpan, line: recordLine))
                        recordLine = firstLine + linesUpTo
                        inRecord = false
                    }
                }
                return true
            }
            if !whole { return false }
            lfsBefore += l.nonzeroBitCount
        }
        if blocks.insideQuotes { return false }
        if fieldStart < n {
            // The last record ends with the input.
            if !inRecord { firstSpan = used; recordStart = fieldStart }
            if spans.count - used < 2 { spans += [0, 0] }
            spans.withUnsafeMutableBufferPointer { emitField(buf, from: fieldStart, to: n, into: $0, at: &used) }
            if n - recordStart > cap { return false }
            records.append(Record(start: recordStart, end: n, firstSpan: firstSpan, line: recordLine))
        } else if inRecord {
            // A record ending in a delimiter at the input's end (an empty last field): left to the byte scan.
            return false
        }
        // After the last record: past every LF, and past the last line when no LF ends it.
        nextLine = firstLine + lfsBefore + (buf[n - 1] == UInt8(ascii: "\n") ? 0 : 1)
        return true
    }

    /// The span entries one block may write at most: a field ends at each of its 64 bytes, two entries each.
    private static let blockRoom = 128

    /// Writes the span of the field `from..<to` (its quotes dropped; a doubled quote unescaped) at `used` in
    /// `out`, which has room for it, and moves `used` past it.
    @inline(__always)
    private mutating func emitField(_ buf: UnsafeBufferPointer<UInt8>, from: Int, to: Int, into out: UnsafeMutableBufferPointer<Int>,
                                    at used: inout Int) {
        let quote = UInt8(ascii: "\"")
        var span = (from, to)
        if to > from, buf[from] == quote {
            // Checked well formed: the field is `"…"`, its content between the two.
            let first = from + 1, last = to - 1
            span = (first, last)
            var pair = CSVRecordScan.firstOf(buf, from: first, to: last, quote, quote, quote)
            if pair != last {
                // The text between doubled quotes goes over in runs, each with the pair's first quote: copied
                // a byte at a time, a notes column's quotes were a fifth of the index's time.
                let at = escaped.count
                var i = first
                while i < last {
                    escaped.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<min(pair + 1, last)]))
                    i = pair + 2
                    pair = i < last ? CSVRecordScan.firstOf(buf, from: i, to: last, quote, quote, quote) : last
                }
                span = (at | CSVFieldSpans.escapedFlag, escaped.count)
            }
        }
        out[used] = span.0
        out[used &+ 1] = span.1
        used &+= 2
    }
}

/// A chunk's bytes 64 at a time, each block classified with SIMD compares: where its line ends and its field
/// and record ends (delimiters and LFs outside quotes) are, and which of its bytes break the grammar as far as
/// blocks can tell (`broken`: a quote that neither opens a field nor closes one or pairs with another, or a
/// CR other than one of a CRLF line end, whose meaning the byte scan decides). The quote state is carried from block to block, starting
/// outside quotes at a record's start. `CSVBlockIndex` reads fields off the blocks; `CSVChunker` finds where
/// records end with them.
struct CSVBlocks {
    struct Block {
        /// Where the block starts in the bytes.
        var start: Int
        /// Bit i: byte `start + i` is an LF (quoted or not).
        var lineEnds: UInt64
        /// Bit i: byte `start + i` ends a field or a record (the delimiter or an LF, outside quotes).
        var structural: UInt64
        /// Bit i: byte `start + i` breaks the grammar, or is a CR the blocks leave to the byte scan (nonzero:
        /// leave the bytes to the byte scan).
        var broken: UInt64
    }

    private let buf: UnsafeBufferPointer<UInt8>
    private let delimiter: UInt8
    private var position: Int
    // Carried from block to block: inside quotes at the block's end; the last byte ended a field or record
    // (true before the first byte: a record starts there); the last byte was a closing quote.
    private var inside: UInt64 = 0
    private var prevStructural: UInt64 = 1
    private var prevClosing: UInt64 = 0
    /// The last byte ended a record (true before the first byte).
    private var prevRecordEnd: UInt64 = 1
    private var tail = [UInt8](repeating: 0, count: 64)

    /// Blocks of `buf` from `start`, which must be where a record starts.
    init(_ buf: UnsafeBufferPointer<UInt8>, from start: Int = 0, delimiter: UInt8) {
        self.buf = buf
        self.delimiter = delimiter
        position = start
    }

    /// Whether the bytes so far end inside a quoted field.
    var insideQuotes: Bool { inside != 0 }

    /// The next block (the last may be short: its bits past the bytes are clear), or nil at the end.
    mutating func next() -> Block? {
        guard let base = buf.baseAddress, position < buf.count else { return nil }
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let count = min(64, buf.count - position)
        let (q, d, l, c): (UInt64, UInt64, UInt64, UInt64)
        if count == 64 {
            (q, d, l, c) = CSVBlocks.masks(UnsafeRawPointer(base + position), quote, delimiter, lf, cr)
        } else {
            for k in 0..<64 { tail[k] = k < count ? base[position + k] : 0 }
            (q, d, l, c) = tail.withUnsafeBytes { CSVBlocks.masks($0.baseAddress!, quote, delimiter, lf, cr) }
        }
        // Bit i of `within`: an odd number of quotes at or before byte i, counting from the first block.
        let within = CSVBlocks.prefixXOR(q) ^ inside
        inside = within >> 63 == 1 ? ~0 : 0
        let opening = q & within, closing = q & ~within
        let structural = (d | l) & ~within
        // A CR right before an LF outside quotes is part of the line end (CRLF); one inside quotes is data.
        // Any other CR, and a CRLF where a record would start (a blank line, which the byte scan skips), are
        // the byte scan's to decide; so is a CR ending the block (its LF is in the next).
        let crlf = c & (l >> 1) & ~within
        let recordEnds = structural & l
        var broken = c & ~within & ~crlf
        broken |= crlf & (recordEnds << 1 | prevRecordEnd)
        // An opening quote follows a field or record end, or closes-and-reopens a doubled quote.
        broken |= opening & ~(structural << 1 | prevStructural | closing << 1 | prevClosing)
        // A closing quote is followed by a field or record end, or by the other quote of a doubled pair; the
        // block's last byte is checked against the next block's first (the bytes' end may follow it too).
        if prevClosing != 0, (structural | opening | crlf) & 1 == 0 { broken |= 1 }
        let lastBit: UInt64 = count == 64 ? 1 << 63 : 1 << UInt64(count - 1)
        broken |= closing & ~((structural | opening | crlf) >> 1) & ~lastBit
        prevStructural = structural >> 63
        prevRecordEnd = recordEnds >> 63
        prevClosing = count == 64 ? closing >> 63 : 0
        let block = Block(start: position, lineEnds: l, structural: structural, broken: broken)
        position += 64
        return block
    }

    /// Bit i set where byte i of the 64 at `p` is a quote, the delimiter, an LF, a CR (SSE2's movemask, in
    /// C: Swift's SIMD types have none, and summing compare lanes in Swift cost twice as much).
    @inline(__always)
    private static func masks(_ p: UnsafeRawPointer, _ quote: UInt8, _ delimiter: UInt8, _ lf: UInt8, _ cr: UInt8)
        -> (UInt64, UInt64, UInt64, UInt64) {
        let m = frontier_byte_masks64(p.assumingMemoryBound(to: UInt8.self), quote, delimiter, lf, cr)
        return (m.a, m.b, m.c, m.d)
    }

    /// Bit i of the result: the XOR of bits 0...i of `x` (odd quotes up to byte i: inside quotes).
    @inline(__always)
    private static func prefixXOR(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x << 1
        x ^= x << 2
        x ^= x << 4
        x ^= x << 8
        x ^= x << 16
        x ^= x << 32
        return x
    }
}
