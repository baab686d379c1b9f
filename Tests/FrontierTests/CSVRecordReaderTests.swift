import Foundation
import XCTest
import Frontier
@testable import FrontierFormats
@testable import FrontierScan

final class CSVRecordReaderTests: XCTestCase {
    private func records(_ text: String, blockSize: Int = 1 << 20) throws -> (CSVRecordReader, [CSVRecord]) {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("t.csv")
        try Data(text.utf8).write(to: url)
        let reader = CSVRecordReader(handle: try FileHandle(forReadingFrom: url), name: "t.csv", blockSize: blockSize)
        var out: [CSVRecord] = []
        while let r = try reader.next() { out.append(r) }
        return (reader, out)
    }

    func testQuotesCommasNewlinesBOMAndCRLF() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",z\r\n\r\n3,,\"\"\n4,last,no newline"
        for block in [1, 2, 3, 7, 64, 1 << 20] {
            let (reader, rs) = try records(text, blockSize: block)
            XCTAssertTrue(reader.hadBOM, "block \(block)")
            XCTAssertEqual(rs.map(\.fields), [["a", "b", "c"], ["1", "x, y", "say \"hi\""], ["2", "two\nlines", "z"],
                                              ["3", "", ""], ["4", "last", "no newline"]], "block \(block)")
            XCTAssertEqual(rs.map(\.line), [1, 2, 3, 6, 7], "line numbers count the embedded newline and the blank line (block \(block))")
            XCTAssertEqual(rs[1].raw, "1,\"x, y\",\"say \"\"hi\"\"\"", "raw text keeps the quoting")
            XCTAssertEqual(rs[2].raw, "2,\"two\nlines\",z")
        }
    }

    func testUnterminatedQuoteIsAnErrorWithItsLine() throws {
        XCTAssertThrowsError(try records("a,b\n1,2\n3,\"open\n4,5\n")) { error in
            XCTAssertEqual("\(error)", "t.csv:3: field 2: a quote opened in this field is never closed: the lines below are read as rows of their own")
        }
    }
}
