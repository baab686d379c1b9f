import XCTest
import Frontier
@testable import FrontierBase

/// Values echoed in messages are escaped in the engine's own text (issue "Hardened, second pass", item 12):
/// the CLI is one caller; a library caller printing `error.description` gets the same safety.
final class MessageTextTests: XCTestCase {
    func testEscapesEveryControlAndBidiCharacter() {
        XCTAssertEqual(MessageText.escaped("a\u{1B}[2J\nb\tc\rd\u{7F}e\u{9B}f\u{202E}g"),
                       "a\\u{1B}[2J\\nb\\tc\\rd\\u{7F}e\\u{9B}f\\u{202E}g")
        XCTAssertEqual(MessageText.escaped("Badakhshan, Бадахшон, بدخشان"), "Badakhshan, Бадахшон, بدخشان")
    }

    func testPrintableKeepsTheMessagesOwnLineBreaks() {
        XCTAssertEqual(MessageText.printable("Error: x\u{1B}[2J\nUsage: y\tz"), "Error: x\\u{1B}[2J\nUsage: y\tz")
    }

    func testRowProblemsEscapeTheValueTheyQuote() {
        XCTAssertEqual(RowProblem.badNumber("\u{1B}[2J\nall good").description, "bad number '\\u{1B}[2J\\nall good'")
        XCTAssertEqual(RowProblem.duplicateID("a\nb").description, "duplicate id 'a\\nb'")
        XCTAssertEqual(Rejection(line: 3, field: "lat\u{1B}", problem: .emptyCoordinates, values: []).place, "field 'lat\\u{1B}'")
    }

    func testFrontierErrorsEscapeFileNamesColumnsAndReasons() {
        let missing = FrontierError.missingColumns(file: "a\nb.csv", fields: [.latitude], names: ["latitude"], found: ["x\u{1B}"])
        XCTAssertEqual(missing.description, "a\\nb.csv: no 'latitude' column; columns found: x\\u{1B}")
        XCTAssertEqual(FrontierError.malformed(file: "f", line: 2, reason: "found '\u{7}'").description, "f:2: found '\\u{7}'")
        XCTAssertEqual(FrontierError.emptyKeyField(feature: "feature 1", key: "region_id", value: "null").description,
                       "feature 1: its key field 'region_id' is null; every region needs an id")
    }
}
