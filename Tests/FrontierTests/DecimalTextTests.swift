import XCTest
@testable import FrontierBase

/// Numbers and dates printed on the stack are the text `String(_:)` and `CivilDate.description` make.
final class DecimalTextTests: XCTestCase {
    private func digits(_ v: Int64) -> String {
        var text = ""
        DecimalText.withDigits(of: v) { text = String(decoding: $0, as: UTF8.self) }
        return text
    }

    func testWholeNumbersPrintAsStringDoes() {
        var values: [Int64] = [0, 1, -1, 9, 10, -10, 99, 100, Int64.max, Int64.min, Int64.min + 1]
        var power: Int64 = 1
        for _ in 0..<18 { power *= 10; values += [power - 1, power, -power, -(power - 1)] }
        for v in values { XCTAssertEqual(digits(v), String(v)) }
    }

    func testDatesPrintAsTheirDescriptionInsideYearsZeroToNineThousandNineHundredNinetyNine() {
        // 0000-01-01, the epoch's neighbours, leap days, 9999-12-31.
        for day in [-719_528, -719_527, -1, 0, 1, 11_016, 19_417, 20_418, 2_932_896] {
            let date = CivilDate(daysSinceEpoch: day)
            var text = ""
            XCTAssertTrue(DecimalText.withISODate(date) { text = String(decoding: $0, as: UTF8.self) })
            XCTAssertEqual(text, date.description)
        }
        XCTAssertFalse(DecimalText.withISODate(CivilDate(daysSinceEpoch: 2_932_897)) { _ in XCTFail("year 10000 is not ten bytes") })
        XCTAssertFalse(DecimalText.withISODate(CivilDate(daysSinceEpoch: -719_529)) { _ in XCTFail("year -1 is not ten bytes") })
    }
}
