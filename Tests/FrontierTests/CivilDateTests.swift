import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPostGIS

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

    /// `2025-11-26T25:00` and `T99:99` were read as 26 November (any digits and colons passed as a time).
    func testTheTimeAfterADateMustBeARealTime() throws {
        let date = CivilDate(year: 2025, month: 11, day: 26)
        for ok in ["2025-11-26T00:00", "2025-11-26T23:59", "2025-11-26 12:30:45", "2025-11-26T12:00Z", "2017-07-31 00:00:00.000",
                   "2025-11-26T23:59:59.999999Z", "2025-11-26T23:59:60Z", "2025-11-26T05:29:60"] {
            XCTAssertEqual(try CivilDate.parse(Substring(ok)).get().description, String(ok.prefix(10)), ok)
        }
        XCTAssertEqual(try CivilDate.parse("2025-11-26T23:59:60Z").get(), date, "a leap second is a real second of that day")
        for impossible in ["2025-11-26T25:00", "2025-11-26T99:99", "2025-11-26T24:00", "2025-11-26T23:60", "2025-11-26T12:00:61",
                           "2025-11-26T12:30:60Z", "2025-11-26 12:00:99.5"] {
            XCTAssertEqual(CivilDate.parse(Substring(impossible)), .failure(.impossible), impossible)
        }
        for unparseable in ["2025-11-26T1:00", "2025-11-26T12:0", "2025-11-26T12:00:0", "2025-11-26T::", "2025-11-26T12:00.5",
                            "2025-11-26T12Z:00", "2025-11-26T12:00:00.", "2025-11-26T12:00:00:00"] {
            XCTAssertEqual(CivilDate.parse(Substring(unparseable)), .failure(.unparseable), unparseable)
        }
        // The byte path the validator takes gives the same answers.
        for (text, expected) in [("2025-11-26T25:00", CivilDate.ParseError.impossible), ("2025-11-26T99:99", .impossible)] {
            let result = Array(text.utf8).withUnsafeBufferPointer { CivilDate.parse(bytes: $0) }
            XCTAssertEqual(result, .failure(expected), text)
        }
    }

    /// `+5 Jan 2025` was 5 January: Int("+5") is 5. A day and a year are digits.
    func testASignedDayOrYearIsNoDate() throws {
        XCTAssertEqual(CivilDate.parse("+5 Jan 2025"), .failure(.unparseable))
        XCTAssertEqual(CivilDate.parse("-5 Jan 2025"), .failure(.unparseable))
        XCTAssertEqual(CivilDate.parse("5 Jan +202"), .failure(.unparseable))
        XCTAssertEqual(CivilDate.parse("005 Jan 2025"), .failure(.unparseable))
        XCTAssertEqual(try CivilDate.parse("05 Jan 2025").get(), CivilDate(year: 2025, month: 1, day: 5))
        XCTAssertEqual(CivilDate.parse("32 Jan 2025"), .failure(.impossible))
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

    /// The description is written digit by digit: every field zero-padded to its width, as before.
    func testDescriptionPadsEveryField() throws {
        XCTAssertEqual(CivilDate(year: 1, month: 1, day: 1)?.description, "0001-01-01")
        XCTAssertEqual(CivilDate(year: 999, month: 7, day: 4)?.description, "0999-07-04")
        XCTAssertEqual(CivilDate(year: 9999, month: 12, day: 31)?.description, "9999-12-31")
        XCTAssertEqual(CivilDate(calendarYear: 12345, month: 1, day: 2).description, "12345-01-02", "past 9999: still every digit")
    }

    /// `yyyy-mm-dd` is read in place, from a String or a slice of one; a text of that shape with a letter in
    /// it, or a year 0, is no date, as the full reading says.
    func testTheISOFormReadInPlace() throws {
        let line = "id,2025-11-26,x"
        let slice = line.split(separator: ",")[1]
        XCTAssertEqual(try CivilDate.parse(slice).get(), CivilDate(year: 2025, month: 11, day: 26))
        XCTAssertEqual(CivilDate.parse("2025-1a-26"), .failure(.unparseable))
        XCTAssertEqual(CivilDate.parse("0000-01-01"), .failure(.impossible))
        XCTAssertEqual(CivilDate.parse("2025-02-30"), .failure(.impossible))
        XCTAssertEqual(CivilDate.parse("2025-11-26 "), CivilDate.parse("2025-11-26"), "spaces after it: the full reading")
    }
}
