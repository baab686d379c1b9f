import Foundation
import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats

/// CSV cells a spreadsheet would run as formulas (issue 25, item 14): neutralised with a leading `'` when
/// asked, numbers left alone, and the default byte-faithful.
final class CSVSafetyTests: XCTestCase {
    func testHyperlinkCmdAndAtAreNeutralised() {
        XCTAssertEqual(CSVWriter.neutralised("=HYPERLINK(\"http://x\",\"click\")"), "'=HYPERLINK(\"http://x\",\"click\")")
        XCTAssertEqual(CSVWriter.neutralised("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0")
        XCTAssertEqual(CSVWriter.neutralised("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVWriter.neutralised("+1+2"), "'+1+2")
        XCTAssertEqual(CSVWriter.neutralised("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0")
        XCTAssertEqual(CSVWriter.neutralised("\t=1"), "'\t=1")
        XCTAssertEqual(CSVWriter.neutralised("\r=1"), "'\r=1")
        XCTAssertEqual(CSVWriter.neutralised("-"), "'-")
        XCTAssertEqual(CSVWriter.neutralised("--"), "'--")
        XCTAssertEqual(CSVWriter.neutralised("-e5"), "'-e5")
    }

    func testNumbersAndPlainTextStayAsTheyAre() {
        for cell in ["-12.5", "+3", "-0", "-.5", "-5.", "-1e-5", "+2E+10", "12", "", "Kabul", "a=b", " =x", "'=already"] {
            XCTAssertEqual(CSVWriter.neutralised(cell), cell, cell)
        }
    }

    func testNeutralisedCellsAreQuotedAfterThePrefix() {
        XCTAssertEqual(CSVWriter.safeLine(["=HYPERLINK(\"http://x\",\"click\")", "-12.5", "=a,b"]),
                       "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",-12.5,\"'=a,b\"\n")
    }

    func testRowWriterNeutralisesHeaderAndValuesOnlyWhenAsked() throws {
        let table = RecordTable(columns: ["=id", "value"], records: [
            Record(values: [.string("=1+1"), .double(-12.5)]),
            Record(values: [.string("@x"), .int(-3)]),
        ])
        XCTAssertEqual(try RowStreamWriter.text(table, format: .csv, neutralisesFormulas: true), "'=id,value\n'=1+1,-12.5\n'@x,-3\n")
        XCTAssertEqual(try RowStreamWriter.text(table, format: .csv), "=id,value\n=1+1,-12.5\n@x,-3\n")
        // JSON holds typed values, not cells: unchanged either way.
        XCTAssertEqual(try RowStreamWriter.text(table, format: .json, neutralisesFormulas: true),
                       try RowStreamWriter.text(table, format: .json))
    }

    func testRawRowsPassThroughOnlyWithoutNeutralising() {
        XCTAssertTrue(RowStreamWriter(handle: nil, format: .csv, columns: ["a"]).passesRawText)
        XCTAssertFalse(RowStreamWriter(handle: nil, format: .csv, columns: ["a"], neutralisesFormulas: true).passesRawText)
        XCTAssertFalse(RowStreamWriter(handle: nil, format: .json, columns: ["a"]).passesRawText)
    }

    /// The cells after a row passed through as its text: each after a comma, quoted as a field is, floats as
    /// they print, null empty, never neutralised (a row passes through only where nothing is).
    func testCellsAfterARowAreItsFieldsEachAfterAComma() {
        XCTAssertEqual(String(decoding: CSVWriter.cells([.string("AFG:Badakhshan"), .string("Kunar, \"east\""), .double(2.5),
                                                         .null, .string("=1+1"), .int(-3)]), as: UTF8.self),
                       ",AFG:Badakhshan,\"Kunar, \"\"east\"\"\",2.5,,=1+1,-3")
        XCTAssertEqual(CSVWriter.cells([]), [])
        var row = Array("a,b".utf8)
        CSVWriter.append(cells: [.string("x\ny")], to: &row)
        XCTAssertEqual(String(decoding: row, as: UTF8.self), "a,b,\"x\ny\"")
    }
}
