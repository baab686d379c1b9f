import XCTest
@testable import Frontier

final class CivilDateTests: XCTestCase {
    func testBothReportedForms() throws {
        XCTAssertEqual(try CivilDate.parse("2025-11-26").get(), CivilDate(year: 2025, month: 11, day: 26))
        XCTAssertEqual(try CivilDate.parse("26 November 2025").get(), CivilDate(year: 2025, month: 11, day: 26))
        XCTAssertEqual(try CivilDate.parse("3 Jan 2026").get(), CivilDate(year: 2026, month: 1, day: 3))
        XCTAssertEqual(try CivilDate.parse(" 2024-02-29 ").get().description, "2024-02-29")
    }

    func testImpossibleAndUnparseable() {
        XCTAssertEqual(CivilDate.parse("2025-13-45"), .failure(.impossible))
        XCTAssertEqual(CivilDate.parse("2025-02-29"), .failure(.impossible), "2025 is not a leap year")
        XCTAssertEqual(CivilDate.parse("31 April 2025"), .failure(.impossible))
        XCTAssertEqual(CivilDate.parse("yesterday"), .failure(.unparseable))
        XCTAssertEqual(CivilDate.parse("2025/11/26"), .failure(.unparseable))
        XCTAssertEqual(CivilDate.parse(""), .failure(.unparseable))
    }

    func testEpochDaysAndWeekdays() throws {
        XCTAssertEqual(CivilDate(year: 1970, month: 1, day: 1)?.daysSinceEpoch, 0)
        XCTAssertEqual(CivilDate(year: 2000, month: 3, day: 1)?.daysSinceEpoch, 11017)
        XCTAssertEqual(CivilDate(daysSinceEpoch: 20418).description, "2025-11-26")
        XCTAssertEqual(CivilDate(year: 2025, month: 11, day: 26)?.weekday, 2, "a Wednesday")
        XCTAssertEqual(CivilDate(year: 2025, month: 12, day: 29)?.weekday, 0, "a Monday")
        for z in stride(from: -800_000, through: 800_000, by: 997) {
            XCTAssertEqual(CivilDate(daysSinceEpoch: z).daysSinceEpoch, z)
        }
    }
}
