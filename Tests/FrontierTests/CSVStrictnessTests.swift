import Foundation
import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPostGIS
@testable import FrontierScan

/// RFC 4180 read strictly (issue 25, items 3 and 10): a stray quote makes its record a malformed row and
/// reading resumes on the next line; a record longer than the cap is rejected the same way; and the
/// chunked reading the commands do (CSVChunker + per-chunk readers) decides the same whatever the chunk
/// size, so wherever the cuts fall. Each test pins the records it expects.
final class CSVStrictnessTests: XCTestCase {
    /// What a reader made of one record: its line, its fields or why it is malformed, and its text.
    struct Read: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String]
        var problem: CSVMalformation.Kind?
        var field: Int?
        var raw: String

        var description: String { "\(line): \(problem.map { "\($0) in field \(field ?? -1)" } ?? "\(fields)") raw \(raw.debugDescription)" }
    }

    private static func drain(_ reader: CSVRecordReader, lineOffset: Int = 0) throws -> [Read] {
        var out: [Read] = []
        while try reader.advance() {
            out.append(Read(line: reader.line + lineOffset, fields: reader.fields, problem: reader.malformation?.kind,
                            field: reader.malformation?.field, raw: String(reader.raw)))
        }
        return out
    }

    /// The header from the chunker, then every chunk through its own reader (as the workers read them),
    /// lines made absolute as the merge does.
    private func chunked(_ text: String, chunkSize: Int, cap: Int = CSVRecordScan.maxRecordBytes) throws -> [Read] {
        let url = try temporaryFile(text)
        let chunker = try CSVChunker(handle: try FileHandle(forReadingFrom: url), name: "t.csv", chunkSize: chunkSize, maxRecordBytes: cap)
        var out = [Read(line: chunker.header.line, fields: chunker.header.fields, problem: nil, field: nil, raw: String(chunker.header.raw))]
        var offset = chunker.firstDataLine - 1
        while let chunk = try chunker.next() {
            // What was read (blocks of the chunk size; the header's first block of 64 KB) and one record.
            XCTAssertLessThanOrEqual(chunk.bytes.count, 2 * max(chunkSize, 1 << 16) + cap + 2, "a chunk stays bounded")
            let reader = CSVRecordReader(bytes: chunk.bytes, name: "t.csv", firstLine: 1, malformed: chunk.malformed, maxRecordBytes: cap)
            out += try Self.drain(reader, lineOffset: offset)
            offset += reader.nextLineNumber - 1
        }
        return out
    }

    private func temporaryFile(_ text: String) throws -> URL {
        let dir = try TestSupport.temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("t.csv")
        try Data(text.utf8).write(to: url)
        return url
    }

    /// The reading in chunks of the default size, which every smaller chunk size (cuts between nearly every
    /// record, and inside them while they are read) must agree with; the caller checks what it holds.
    private func agreed(_ text: String, cap: Int = CSVRecordScan.maxRecordBytes,
                        file: StaticString = #filePath, line: UInt = #line) throws -> [Read] {
        let expected = try chunked(text, chunkSize: CSVChunker.defaultChunkSize, cap: cap)
        for size in [1, 2, 3, 5, 7, 8, 16, 40, 64, 100] {
            XCTAssertEqual(try chunked(text, chunkSize: size, cap: cap), expected, "chunks of \(size)", file: file, line: line)
        }
        return expected
    }

    /// The issue's file: `"Kabul` (a quote never closed on its line) in row 3 and `Ghazni "c"` in row 8 used to
    /// merge rows 3–8 into one record that passed.
    static let strayQuotes = """
        id,date,admin1
        R1,2025-11-21,Badakhshan
        R2,2025-11-22,Badakhshan
        R3,2025-11-23,"Kabul
        R4,2025-11-24,Badakhshan
        R5,2025-11-25,Badakhshan
        R6,2025-11-26,Badakhshan
        R7,2025-11-27,Badakhshan
        R8,2025-11-28,Ghazni "c"
        R9,2025-11-29,Badakhshan

        """

    func testStrayQuoteInRow3DoesNotSwallowRows4To8() throws {
        let reads = try agreed(Self.strayQuotes)
        XCTAssertEqual(reads.count, 10)
        XCTAssertEqual(reads.map(\.line), Array(1...10))
        XCTAssertEqual(reads[3], Read(line: 4, fields: [], problem: .textAfterClosingQuote(linesLater: 5), field: 2,
                                      raw: "R3,2025-11-23,\"Kabul"))
        XCTAssertEqual(reads[8], Read(line: 9, fields: [], problem: .quoteInUnquotedField, field: 2, raw: "R8,2025-11-28,Ghazni \"c\""))
        for i in [1, 2, 4, 5, 6, 7, 9] {
            XCTAssertNil(reads[i].problem, "\(reads[i])")
            XCTAssertEqual(reads[i].fields.count, 3)
        }
        XCTAssertEqual(reads[4].fields, ["R4", "2025-11-24", "Badakhshan"], "the row after the stray quote is read as itself")
        XCTAssertEqual(reads[7].fields, ["R7", "2025-11-27", "Badakhshan"])
    }

    func testTheMessagesNameWhatIsWrong() {
        XCTAssertEqual(CSVMalformation(kind: .textAfterClosingQuote(linesLater: 5), field: 2).description,
                       "a quote opened in this field is closed 5 lines further down and text follows it (a stray quote?): the lines below are read as rows of their own")
        XCTAssertEqual(CSVMalformation(kind: .textAfterClosingQuote(linesLater: 0), field: 0).description,
                       "text after the closing quote of a quoted field (a quote inside a quoted field is written twice: \"\")")
        XCTAssertEqual(CSVMalformation(kind: .tooLong(cap: 64 << 20), field: 0).description,
                       "the record is longer than 64 MB, the most one record may hold (an unclosed quote?)")
        XCTAssertEqual(CSVMalformation(kind: .quoteInUnquotedField, field: 0).summary, "malformed quoting")
    }

    func testQuotedFieldsWithNewlinesDoubledQuotesAndCRLFStillRead() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\r\n\r\n3,,\"\"\n\"\"\"\",\"\",\"a\"\"\"\n4,last,\"no newline\""
        let reads = try agreed(text)
        XCTAssertEqual(reads.map(\.fields), [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", "z"], ["3", "", ""],
                                             ["\"", "", "a\""], ["4", "last", "no newline"]])
        XCTAssertEqual(reads.map(\.line), [1, 2, 3, 6, 7, 8])
        XCTAssertEqual(reads.compactMap(\.problem), [])
        XCTAssertEqual(reads[1].raw, "1,\"x, y\",\"say \"\"hi\"\"\"")
    }

    /// A CR-only file read a byte at a time: a CR ending a block is a line end only once the next byte says
    /// so, and the scan, which never looks at a byte twice, waits for it (the fuzz seed cr-only.csv found this).
    func testCROnlyLineEndsAreReadAlikeInBlocksOfAnySize() throws {
        let reads = try agreed("a,b\r1,\"x\ry\"\r\r2,3\r4,\"z\" \r5,6")
        XCTAssertEqual(reads.map(\.line), [1, 2, 5, 6, 7])
        XCTAssertEqual(reads.map(\.fields), [["a", "b"], ["1", "x\ny"], ["2", "3"], [], ["5", "6"]])
        XCTAssertEqual(reads[3].problem, .textAfterClosingQuote(linesLater: 0))
    }

    /// A line over the cap in a CR-only file: the rest of the line is skipped up to its CR, read in blocks of
    /// any size (libFuzzer found a reader in blocks of 1 reading on past it), and the rows after it are read.
    func testALineOverTheCapEndsAtACRInACROnlyFile() throws {
        let cap = 40
        let long = "a" + String(repeating: "x", count: 60)
        let reads = try agreed("h\r" + long + "\r1,2\r3,4", cap: cap)
        XCTAssertEqual(reads.map(\.line), [1, 2, 3, 4])
        XCTAssertEqual(reads[1].problem, .tooLong(cap: cap))
        XCTAssertEqual(reads[1].raw, "", "its text is not kept")
        XCTAssertEqual(reads[3].fields, ["3", "4"])
        // Such a line as the header: there are no columns to read the rows by.
        XCTAssertThrowsError(try chunked(long + "\r1,2\r3,4", chunkSize: 1, cap: cap)) { error in
            XCTAssertEqual("\(error)", "t.csv:1: the header row: the record is longer than 40 bytes, the most one record may hold (an unclosed quote?)")
        }
    }

    /// A record of exactly the cap whose only line end is a CR ending the input: that CR is the line end, not
    /// text over the cap (libFuzzer found a reader in blocks taking it as text).
    func testACROnlyAtTheEndOfTheInputIsItsLineEnd() throws {
        let reads = try agreed("a," + String(repeating: "b", count: 38) + "\r", cap: 40)
        XCTAssertEqual(reads.map(\.problem), [nil])
        XCTAssertEqual(reads[0].raw.utf8.count, 40)
    }

    func testTextAfterAClosingQuoteOnItsOwnLineIsMalformed() throws {
        let reads = try agreed("a,b\n\"x\"y,1\n\"x\" ,2\n\"x\"\r\n3,\"ok\"\r\n\"x\"\rz,4\n5,6\n")
        XCTAssertEqual(reads.map(\.problem), [nil, .textAfterClosingQuote(linesLater: 0), .textAfterClosingQuote(linesLater: 0), nil, nil,
                                              .textAfterClosingQuote(linesLater: 0), nil])
        XCTAssertEqual(reads[3].fields, ["x"], "CRLF after a closing quote ends the record")
        XCTAssertEqual(reads[4].fields, ["3", "ok"])
        XCTAssertEqual(reads[6].fields, ["5", "6"])
        XCTAssertEqual(reads[6].line, 7)
    }

    /// A quote never closed used to end the run (or, with a later quote, swallow the rows between): it is
    /// now that row's problem, and the rows after it are read.
    func testUnterminatedQuoteAtTheEndRejectsItsLineAndReadsTheRest() throws {
        let reads = try agreed("a,b\n1,2\n3,\"open\n4,5\n6,7")
        XCTAssertEqual(reads, [
            Read(line: 1, fields: ["a", "b"], problem: nil, field: nil, raw: "a,b"),
            Read(line: 2, fields: ["1", "2"], problem: nil, field: nil, raw: "1,2"),
            Read(line: 3, fields: [], problem: .unterminatedQuote, field: 1, raw: "3,\"open"),
            Read(line: 4, fields: ["4", "5"], problem: nil, field: nil, raw: "4,5"),
            Read(line: 5, fields: ["6", "7"], problem: nil, field: nil, raw: "6,7"),
        ])
    }

    func testNextThrowsForAMalformedRecordAndReadsOnAfterIt() throws {
        let reader = CSVRecordReader(bytes: Array("a,b\n1,x\"y\n2,3\n".utf8), name: "t.csv", firstLine: 1)
        XCTAssertEqual(try reader.next()?.fields, ["a", "b"])
        XCTAssertThrowsError(try reader.next()) { error in
            XCTAssertEqual("\(error)", "t.csv:2: field 2: a quote inside an unquoted field (quote the whole field and double the quote: \"5\"\" rain\")")
        }
        XCTAssertEqual(try reader.next()?.fields, ["2", "3"])
    }

    /// A record longer than the cap is rejected, reading resumes on its next line, and the bytes held stay
    /// near the cap: a quote never closed, and a line with no end.
    func testRecordsLongerThanTheCapAreRejectedAndReadingResumes() throws {
        let cap = 40
        let long = String(repeating: "x", count: 60)
        let reads = try agreed("a,b\n1,\"\(long)\n2,3\n4,\(long)\n5,6\n7,\"ok\nstill\",8\n", cap: cap)
        XCTAssertEqual(reads.map(\.line), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(reads[1].problem, .tooLong(cap: cap))
        XCTAssertEqual(reads[1].raw, "", "the first line is longer than the cap: its text is not kept")
        XCTAssertEqual(reads[2].fields, ["2", "3"])
        XCTAssertEqual(reads[3].problem, .tooLong(cap: cap))
        XCTAssertEqual(reads[4].fields, ["5", "6"])
        XCTAssertEqual(reads[5].fields, ["7", "ok\nstill", "8"], "a record within the cap spans lines as before")
        // A quoted field that opens on a short line and runs past the cap: its first line is the row.
        let spanning = try agreed("a,b\n1,\"short\n" + String(repeating: "yy\n", count: 20) + "\",2\n3,4\n", cap: cap)
        XCTAssertEqual(spanning[1], Read(line: 2, fields: [], problem: .tooLong(cap: cap), field: 1, raw: "1,\"short"))
        XCTAssertEqual(spanning.last?.fields, ["3", "4"])
        XCTAssertEqual(spanning.last?.line, 24)
        // Exactly the cap fits; one byte more does not (at the end of the input too).
        let exact = String(repeating: "z", count: cap - 2)
        XCTAssertEqual(try agreed("a\n1,\(exact)\n1,\(exact)z\n1,\(exact)", cap: cap).map(\.problem), [nil, nil, .tooLong(cap: cap), nil])
        XCTAssertEqual(try agreed("a\n1,\(exact)z", cap: cap).map(\.problem), [nil, .tooLong(cap: cap)])
    }

    /// A file that is one line with no end: a chunk holds no more than the cap and a block, not the file
    /// (`chunked` checks each chunk's size).
    func testALineWithNoEndIsReadInBoundedMemory() throws {
        let cap = 1 << 16
        let text = "a,b\n1," + String(repeating: "q", count: 40 * cap)
        let reads = try chunked(text, chunkSize: 4096, cap: cap)
        XCTAssertEqual(reads.map(\.problem), [nil, .tooLong(cap: cap)])
        XCTAssertEqual(reads.map(\.line), [1, 2])
        XCTAssertEqual(try chunked(text, chunkSize: CSVChunker.defaultChunkSize, cap: cap), reads)
    }

    /// The delimiter is the one that splits a well-formed header into the most fields (the same grammar).
    func testDelimiterDetectionUsesTheSameQuoteRules() throws {
        func detect(_ s: String) throws -> CSVChunker { try CSVChunker(handle: TestSupport.pipe(s), name: "t.csv") }
        XCTAssertEqual(try detect("\"a;b\";c;d\n").delimiter, UInt8(ascii: ";"))
        XCTAssertEqual(try detect("\"a;b\";c;d\n").header.fields, ["a;b", "c", "d"])
        XCTAssertEqual(try detect("\"a,b,c,d\";e\n").delimiter, UInt8(ascii: ";"), "commas inside quotes do not count, and ',' cannot parse it")
        // ';' puts a quote inside an unquoted field, and so does ',': no delimiter reads it, the comma is
        // taken, and the header is refused under it.
        XCTAssertThrowsError(try detect("a;b\"c\";d,e\n")) { error in
            XCTAssertEqual("\(error)", "t.csv:1: the header row: a quote inside an unquoted field (quote the whole field and double the quote: \"5\"\" rain\")")
        }
    }

    /// A stray quote in the header is an error naming the header (there are no columns to read rows by).
    func testAMalformedHeaderIsAnError() throws {
        let url = try temporaryFile("\nid,da\"te\n1,2\n")
        XCTAssertThrowsError(try CSVChunker(handle: try FileHandle(forReadingFrom: url), name: "t.csv", delimiter: 44)) { error in
            XCTAssertEqual("\(error)", "t.csv:2: the header row: a quote inside an unquoted field (quote the whole field and double the quote: \"5\"\" rain\")")
        }
    }

    /// The linear scan: a quote never closed in a large input is read once, not again on every block (4 MB
    /// in 4 KB blocks was a thousand rescans, quadratic). The scan keeps its place and phase.
    func testAnUnclosedQuoteOverManyBlocksIsScannedOnce() throws {
        let text = "a,b\n1,\"" + String(repeating: "abcdefgh", count: 1 << 19) + "\n2,3\n"
        let started = Date()
        let reads = try chunked(text, chunkSize: 1 << 12)
        XCTAssertEqual(reads.map(\.problem), [nil, .unterminatedQuote, nil])
        XCTAssertEqual(reads[1].raw.utf8.count, 3 + (1 << 22))
        XCTAssertEqual(reads[2].fields, ["2", "3"])
        XCTAssertEqual(reads.map(\.line), [1, 2, 3])
        XCTAssertLessThan(Date().timeIntervalSince(started), 20)
    }
}
