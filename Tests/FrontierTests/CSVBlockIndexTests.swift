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
}
