import Foundation
import XCTest
import Frontier
@testable import FrontierFormats
@testable import FrontierScan

/// Records as the commands read a CSV file: the chunker reads the header (and the BOM) and cuts the rest
/// into chunks of whole records, each read by its own record reader.
final class CSVRecordReaderTests: XCTestCase {
    /// The header, then every record of every chunk, numbered from the file's first line (each chunk's reader
    /// starts where the one before stopped). `chunkSize` small: chunks are cut between nearly every record.
    private func records(_ text: String, chunkSize: Int = CSVChunker.defaultChunkSize) throws -> (CSVChunker, [CSVRecord]) {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("t.csv")
        try Data(text.utf8).write(to: url)
        let chunker = try CSVChunker(handle: try FileHandle(forReadingFrom: url), name: "t.csv", chunkSize: chunkSize)
        var out = [chunker.header]
        var line = chunker.firstDataLine
        while let chunk = try chunker.next() {
            let reader = CSVRecordReader(bytes: chunk.bytes, name: "t.csv", firstLine: line, malformed: chunk.malformed)
            while let r = try reader.next() { out.append(r) }
            line = reader.nextLineNumber
        }
        return (chunker, out)
    }

    func testQuotesCommasNewlinesBOMAndCRLF() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\r\n\r\n3,,\"\"\n4,last,no newline"
        for size in [1, 2, 3, 7, 64, 1 << 20] {
            let (chunker, rs) = try records(text, chunkSize: size)
            XCTAssertTrue(chunker.hadBOM, "chunks of \(size)")
            XCTAssertEqual(rs.map(\.fields), [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", "z"],
                                              ["3", "", ""], ["4", "last", "no newline"]], "chunks of \(size)")
            XCTAssertEqual(rs.map(\.line), [1, 2, 3, 6, 7], "line numbers count the embedded newline and the blank line (chunks of \(size))")
            XCTAssertEqual(rs[1].raw, "1,\"x, y\",\"say \"\"hi\"\"\"", "raw text keeps the quoting")
            XCTAssertEqual(rs[2].raw, "2,\"two\nlines\",z")
        }
        XCTAssertFalse(try records("a,b\n1,2\n").0.hadBOM, "no BOM, none remembered")
    }

    /// A record's text is a slice of its chunk when the chunk is UTF-8 throughout; a byte that is not UTF-8
    /// (here 0xFF) would shift every slice after its replacement character, so such a chunk's records are
    /// decoded one by one: each keeps its own text either way.
    func testRawTextOfEveryRecordAroundAByteThatIsNotUTF8() throws {
        let clean = Array("é,1\n\"ü, ö\",2\nz,3".utf8)
        let broken = Array("a,b\n".utf8) + [0x66, 0xFF, 0x2C, 0x31, 0x0A] + Array("c,é".utf8)
        for (bytes, raws) in [(clean, ["é,1", "\"ü, ö\",2", "z,3"]), (broken, ["a,b", "f\u{FFFD},1", "c,é"])] {
            let reader = CSVRecordReader(bytes: bytes, name: "t.csv", firstLine: 1)
            var seen: [String] = []
            while let r = try reader.next() { seen.append(String(r.raw)) }
            XCTAssertEqual(seen, raws)
        }
    }

    func testUnterminatedQuoteIsAnErrorWithItsLine() throws {
        for size in [1, 4, 1 << 20] {
            XCTAssertThrowsError(try records("a,b\n1,2\n3,\"open\n4,5\n", chunkSize: size), "chunks of \(size)") { error in
                XCTAssertEqual("\(error)", "t.csv:3: field 2: a quote opened in this field is never closed: the lines below are read as rows of their own")
            }
        }
    }
}
