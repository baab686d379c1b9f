import XCTest
@testable import FrontierBase

final class CivilDateMemoTests: XCTestCase {
    private func parse(_ memo: CivilDateMemo, _ text: String) -> Result<CivilDate, CivilDate.ParseError> {
        Array(text.utf8).withUnsafeBufferPointer { memo.parse($0) }
    }

    /// Every day of three years, read twice in a shuffled order (the second time from the memo, where two
    /// days sharing a slot replace each other): the same answers as parsing each afresh.
    func testAMemoAnswersAsParsingDoes() throws {
        let memo = CivilDateMemo()
        let first = CivilDate(year: 2024, month: 1, day: 1)!.daysSinceEpoch
        var days = Array(first..<(first + 3 * 366))
        var generator = PropertyTests.Seeded(state: 7)
        days.shuffle(using: &generator)
        for day in days + days.reversed() {
            let text = CivilDate(daysSinceEpoch: day).description
            XCTAssertEqual(try parse(memo, text).get().daysSinceEpoch, day, text)
        }
    }

    /// A date that did not parse is never kept: asked again, it is refused again, and a real date in the
    /// same bytes but one is still read as itself.
    func testRefusedDatesAreNotRemembered() {
        let memo = CivilDateMemo()
        for _ in 0..<2 {
            XCTAssertEqual(parse(memo, "2025-02-29"), .failure(.impossible))
            XCTAssertEqual(parse(memo, "2025/11/26"), .failure(.unparseable))
            XCTAssertEqual(parse(memo, "2025-02-28"), .success(CivilDate(year: 2025, month: 2, day: 28)!))
        }
        // Not ten bytes: parsed as `CivilDate.parse(bytes:)` does (trimmed, D Month YYYY), never looked up.
        XCTAssertEqual(parse(memo, " 2025-02-28 "), .success(CivilDate(year: 2025, month: 2, day: 28)!))
        XCTAssertEqual(parse(memo, "28 February 2025"), .success(CivilDate(year: 2025, month: 2, day: 28)!))
        XCTAssertEqual(parse(memo, ""), .failure(.unparseable))
    }
}
