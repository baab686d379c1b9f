import Foundation
import XCTest
@testable import FrontierFormats

/// The block index reads a chunk 64 bytes at a time; the byte scan reads it one byte at a time. Both must
/// give the same records, fields, text, line numbers and errors for every input: this reads each input
/// both ways and compares, over the cases that decide where the index hands over to the byte scan.
final class CSVBlockIndexTests: XCTestCase {
    struct Read: Equatable {
        var line: Int
        var fields: [String]
        var malformed: Bool
        var raw: String
    }

    private func read(_ text: String, blocks: Bool, delimiter: UInt8 = 44, cap: Int = CSVRecordScan.maxRecordBytes,
                      firstLine: Int = 1) -> (reads: [Read], next: Int) {
        let reader = CSVRecordReader(bytes: Array(text.utf8), name: "t.csv", firstLine: firstLine, delimiter: delimiter, maxRecordBytes: cap)
        reader.usesBlockIndex = blocks
        var out: [Read] = []
        while (try? reader.advance()) == true {
            out.append(Read(line: reader.line, fields: reader.fields, malformed: reader.malformation != nil, raw: String(reader.raw)))
        }
        return (out, reader.nextLineNumber)
    }

    /// Calls `body` with every string of 1 to `maxLength` characters over `alphabet`.
    private func forEveryString(over alphabet: [Character], upTo maxLength: Int, _ body: (String) throws -> Void) rethrows {
        for length in 1...maxLength {
            var digits = [Int](repeating: 0, count: length)
            while true {
                try body(String(digits.map { alphabet[$0] }))
                var k = 0
                while k < length, digits[k] == alphabet.count - 1 { digits[k] = 0; k += 1 }
                if k == length { break }
                digits[k] += 1
            }
        }
    }

    /// Both ways agree; returns what they read.
    @discardableResult
    private func agree(_ text: String, delimiter: UInt8 = 44, cap: Int = CSVRecordScan.maxRecordBytes,
                       file: StaticString = #filePath, line: UInt = #line) -> [Read] {
        let blocks = read(text, blocks: true, delimiter: delimiter, cap: cap, firstLine: 7)
        let bytes = read(text, blocks: false, delimiter: delimiter, cap: cap, firstLine: 7)
        XCTAssertEqual(blocks.reads, bytes.reads, text.debugDescription, file: file, line: line)
        XCTAssertEqual(blocks.next, bytes.next, "next line of \(text.debugDescription)", file: file, line: line)
        return blocks.reads
    }

    /// Quoted fields with delimiters, doubled quotes and newlines, empty fields, blank lines, a last line
    /// without LF: the index reads them itself, with the lines the byte scan gives.
    func testWellFormedRecordsReadAlikeWithTheirLines() {
        let text = "1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n\n\n3,,\"\"\n\"\"\"\"\n4,last,no newline"
        let reads = agree(text)
        XCTAssertEqual(reads.map(\.line), [7, 8, 12, 13, 14])
        XCTAssertEqual(reads.map(\.fields), [["1", "x, y", "say \"hi\""], ["2", "two\nlines", "z"], ["3", "", ""], ["\""], ["4", "last", "no newline"]])
        XCTAssertEqual(reads[1].raw, "2,\"two\nlines\",z")
    }

    /// Fields and quotes that straddle the 64-byte blocks: every offset of a quoted field with a doubled
    /// quote and a newline across a block edge.
    func testQuotesAcrossBlockEdgesReadAlike() {
        for pad in 0..<70 {
            let filler = String(repeating: "a", count: pad)
            agree("\(filler),\"q\"\"x\ny,z\"\n\(filler)\"\",b\n\"\"\"\",\(filler)\n")
            agree("\(filler)\n\"\(filler)\"\n")
        }
    }

    /// A notes field's doubled quotes, unescaped in runs between them: runs past 16 bytes (the search's
    /// vector steps) and none, pairs back to back, at the field's start and end, across block edges.
    func testLongQuotedFieldsWithSeveralDoubledQuotesReadAlike() {
        let run = String(repeating: "n", count: 37)
        let notes = ["\"\"\(run)\"\"", "\(run)\"\"\"\"\(run)", "\"\"\"\"\"\"", "a\"\"b\"\"c\"\"\(run)\"\"", "\(run)\"\"x"]
        for note in notes {
            for pad in [0, 5, 30, 61, 63] {
                let filler = String(repeating: "f", count: pad)
                let reads = agree("id,notes\n\(filler),\"\(note)\"\n\(filler)x,\"\(note)\",\"\(note)\"\n")
                let unescaped = note.replacingOccurrences(of: "\"\"", with: "\"")
                XCTAssertEqual(reads.map(\.fields), [["id", "notes"], [filler, unescaped], [filler + "x", unescaped, unescaped]], note)
            }
        }
    }

    /// What only the byte scan decides: a stray quote, text after a closing quote, a quote never closed,
    /// CRLF line ends, a record over the cap, a trailing delimiter at the end: read alike (by handing over).
    func testMalformedAndCRLFInputsReadAlike() {
        agree("a,b\"c,d\ne,f\n")
        agree("\"ab\"c,d\ne,f\n")
        agree("a,\"never closed\nb,c\n")
        agree("a,b\r\nc,\"d\r\ne\"\r\n")
        agree("a,b,\n")
        agree("a,b,")
        agree("aaaaaaaaaa,b\nc,d\n", cap: 5)
        agree("x;\"y;z\";w\n1;2;3", delimiter: 59)
        agree("\n\n\n")
        agree("")
    }

    /// CRLF line ends are read by the blocks: the CR leaves the last field and the record's text, inside
    /// quotes it is data, and lone or blank-line CRs go to the byte scan, read alike.
    func testCRLFLineEndsReadAlike() {
        let reads = agree("a,b\r\n\"c\r\nd\",\"e\"\r\nf,\r\n")
        XCTAssertEqual(reads.map(\.fields), [["a", "b"], ["c\r\nd", "e"], ["f", ""]])
        XCTAssertEqual(reads.map(\.raw), ["a,b", "\"c\r\nd\",\"e\"", "f,"])
        XCTAssertEqual(reads.map(\.line), [7, 8, 10])
        agree("a\rb,c\r\n\r\nd\r\n")
        for pad in 0..<66 { agree(String(repeating: "x", count: pad) + "\r\n\"y\"\r\nz\r") }
    }

    /// Every short string over the bytes that matter, read both ways: 5^6 inputs of quotes, delimiters,
    /// LFs, CRs and a letter.
    func testEveryShortInputWithCRsReadsAlike() {
        forEveryString(over: ["\"", ",", "\n", "\r", "a"], upTo: 6) { agree($0) }
    }

    /// Every short string over the bytes that matter, read both ways: 4^7 inputs of quotes, delimiters,
    /// LFs and a letter.
    func testEveryShortInputReadsAlike() {
        forEveryString(over: ["\"", ",", "\n", "a"], upTo: 7) { agree($0) }
    }

    /// The chunker decides where records end with the same blocks: every short input, cut into chunks of
    /// 1 and 4 bytes and of the default size, reads as the whole input read by the byte scan.
    func testTheChunkerCutsEveryShortInputWhereTheByteScanEndsRecords() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("t.csv")
        try forEveryString(over: ["\"", ",", "\n", "\r", "a"], upTo: 5) { body in
            try Data(("h\n" + body).utf8).write(to: url)
            let whole = read(body, blocks: false, firstLine: 2)
            for size in [1, 4, CSVChunker.defaultChunkSize] {
                let chunker = try CSVChunker(handle: try FileHandle(forReadingFrom: url), name: "t.csv", chunkSize: size)
                var reads: [Read] = []
                var line = chunker.firstDataLine
                while let chunk = try chunker.next() {
                    let reader = CSVRecordReader(bytes: chunk.bytes, name: "t.csv", firstLine: line, malformed: chunk.malformed)
                    while try reader.advance() {
                        reads.append(Read(line: reader.line, fields: reader.fields, malformed: reader.malformation != nil, raw: String(reader.raw)))
                    }
                    line = reader.nextLineNumber
                }
                XCTAssertEqual(reads, whole.reads, "\(body.debugDescription) in chunks of \(size)")
            }
        }
    }

    /// Chunks cut by quote parity alone, used only when the block index proves them (`CSVRecordReader.proves`),
    /// else taken back with every chunk cut after them and cut again with the chunker's checks: every short
    /// input, in chunks of 1 and 4 bytes and of the default size, with 1 or 3 chunks cut ahead, reads as the
    /// whole input read by the byte scan.
    func testChunksCutByQuoteParityReadAsTheByteScanReadsOrAreTakenBack() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("t.csv")
        var takenBack = 0, provenUnchecked = 0
        try forEveryString(over: ["\"", ",", "\n", "\r", "a"], upTo: 5) { body in
            try Data(("h\n" + body).utf8).write(to: url)
            let whole = read(body, blocks: false, firstLine: 2)
            for size in [1, 4, CSVChunker.defaultChunkSize] {
                for ahead in [1, 3] {
                    let result = try readCutByQuoteParity(url, chunkSize: size, ahead: ahead)
                    takenBack += result.takenBack
                    provenUnchecked += result.provenUnchecked
                    XCTAssertEqual(result.reads, whole.reads, "\(body.debugDescription) in chunks of \(size), \(ahead) ahead")
                }
            }
        }
        XCTAssertGreaterThan(takenBack, 1000, "inputs the index cannot prove are taken back")
        XCTAssertGreaterThan(provenUnchecked, 1000, "well-formed inputs are read as cut")
    }

    /// Inputs past the chunker's first read, cut by quote parity in chunks of 4 KB: a field of 20 KB without
    /// an LF (no LF in four chunks' bytes: cut where no record ends, which must be refused), a quoted field of
    /// 20 KB holding LFs, a stray quote and a bare CR late in the file; each reads as the byte scan reads it.
    func testLongFieldsAndLateBreaksPastTheFirstReadReadAsTheByteScan() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("t.csv")
        let lines = (0..<3_000).map { "r\($0),\"x, \($0)\",\($0 % 7)\n" }.joined()
        let cases = [
            lines + "long," + String(repeating: "y", count: 20_000) + "\n" + lines,
            lines + "long,\"" + String(repeating: "y\n", count: 10_000) + "\"\n" + lines,
            lines + "stray,a\"b\n" + lines + "cr,a\rb\n" + lines,
            lines + "open,\"never closed\n" + lines,
        ]
        var takenBack = 0
        for text in cases {
            try Data(("h,v,n\n" + text).utf8).write(to: url)
            let whole = read(text, blocks: false, firstLine: 2)
            let result = try readCutByQuoteParity(url, chunkSize: 4_096, ahead: 3)
            takenBack += result.takenBack
            let reads = result.reads
            XCTAssertEqual(reads.count, whole.reads.count)
            XCTAssertEqual(reads, whole.reads)
        }
        // The field without an LF, the quoted field longer than four chunks (cut inside its quotes), the stray
        // quote (after which the chunker's own checks cut the bare CR's chunk) and the quote never closed.
        XCTAssertEqual(takenBack, 4)
    }

    /// Reads a file as the scan does when the cutting thread cuts by quote parity: `ahead` chunks cut before
    /// the first is read, each used only when its records prove it, else it and those cut after it taken back.
    private func readCutByQuoteParity(_ url: URL, chunkSize: Int, ahead: Int) throws -> (reads: [Read], takenBack: Int, provenUnchecked: Int) {
        let chunker = try CSVChunker(handle: try FileHandle(forReadingFrom: url), name: "t.csv", chunkSize: chunkSize)
        chunker.cutsByQuoteParity = true
        var reads: [Read] = [], takenBack = 0, provenUnchecked = 0
        var line = chunker.firstDataLine
        var cut: [CSVChunker.Chunk] = []
        while true {
            while cut.count < ahead, let chunk = try chunker.next() { cut.append(chunk) }
            guard !cut.isEmpty else { break }
            let chunk = cut.removeFirst()
            let reader = CSVRecordReader(bytes: chunk.bytes, name: "t.csv", firstLine: line, malformed: chunk.malformed)
            guard reader.proves(chunk) else {
                chunker.takeBack([chunk] + cut)
                cut = []
                takenBack += 1
                continue
            }
            if chunk.unchecked { provenUnchecked += 1 }
            while try reader.advance() {
                reads.append(Read(line: reader.line, fields: reader.fields, malformed: reader.malformation != nil, raw: String(reader.raw)))
            }
            line = reader.nextLineNumber
        }
        return (reads, takenBack, provenUnchecked)
    }

    /// The cut: after the last LF preceded by an even number of quotes, counted 64 bytes at a time (quotes
    /// beside bytes that differ from a quote by one bit, and in the tail past the last 64 bytes).
    func testTheLastLineEndAfterEvenQuotes() {
        func cut(_ text: String) -> Int? { Array(text.utf8).withUnsafeBufferPointer(CSVChunker.lastLineEndAfterEvenQuotes) }
        XCTAssertEqual(cut("a,b\nc,d\n"), 8)
        XCTAssertEqual(cut("a,\"b\nc\"\nd,\"e\nf"), 8, "the LFs inside quotes are passed over")
        XCTAssertNil(cut("\"a\nb\nc"))
        XCTAssertNil(cut("abc"))
        // '"' is 0x22: 0x23, 0x20, 0xA2 and 0x02 differ from it by one bit, and are no quotes.
        XCTAssertEqual(cut("#\" \u{2}a\"\n\"x\nyz"), 7)
        XCTAssertEqual(cut(String(repeating: "\"\"", count: 11) + "\n" + "\"#\n"), 23)
        let long = String(repeating: "\"q\"\"x\",y\n", count: 5_000)  // 9 bytes, 4 quotes a line
        XCTAssertEqual(cut(long + "\"open\nstill open"), 45_000)
        XCTAssertEqual(cut(long + "\"" + long), 45_000, "an odd quote flips every later LF's parity")
    }

    /// The same cut as walking every byte, for inputs of every length around the 64-byte blocks, quotes
    /// falling on each side of a block's edge.
    func testTheLastLineEndAfterEvenQuotesAcrossBlockEdges() {
        func walked(_ b: [UInt8]) -> Int? {
            var odd = false, last: Int?
            for (i, c) in b.enumerated() {
                if c == UInt8(ascii: "\"") { odd.toggle() }
                if c == UInt8(ascii: "\n"), !odd { last = i + 1 }
            }
            return last
        }
        let alphabet = Array("\"\n#a\u{2}".utf8)
        var state: UInt64 = 42
        for length in 0...200 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ -> UInt8 in
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    return alphabet[Int(state >> 33) % alphabet.count]
                }
                XCTAssertEqual(bytes.withUnsafeBufferPointer(CSVChunker.lastLineEndAfterEvenQuotes), walked(bytes), "\(bytes)")
            }
        }
    }
}
