import XCTest
@testable import Frontier

/// Date ranges (issue 27, item 9): the days a range column gives, and an incident spread over them.
final class DateRangeTests: XCTestCase {
    private func d(_ s: String) -> CivilDate {
        let p = s.split(separator: "-").map { Int($0)! }
        return CivilDate(year: p[0], month: p[1], day: p[2])!
    }
    private func text(_ days: ClosedRange<Int>?) -> String {
        days.map { "\(CivilDate(daysSinceEpoch: $0.lowerBound))..\(CivilDate(daysSinceEpoch: $0.upperBound))" } ?? "nil"
    }

    func testRangeColumnsOfUCDPAndACLED() throws {
        let ucdp = try XCTUnwrap(DateRangeColumn(columns: ["id", "date_start", "date_end", "best"], dateColumn: 1))
        XCTAssertEqual([ucdp.kind == .endDate ? "end" : "?", ucdp.name], ["end", "date_end"])
        XCTAssertEqual(text(ucdp.days(from: d("2025-01-30"), value: "2025-02-02")), "2025-01-30..2025-02-02")
        XCTAssertEqual(text(ucdp.days(from: d("2025-01-30"), value: "2025-01-29")), "nil", "an end before the start is no range")
        XCTAssertEqual(text(ucdp.days(from: d("2025-01-30"), value: "")), "nil")
        let acled = try XCTUnwrap(DateRangeColumn(columns: ["event_id_cnty", "event_date", "TIME_PRECISION"], dateColumn: 1))
        XCTAssertEqual(acled.kind, .acledPrecision)
        XCTAssertEqual(text(acled.days(from: d("2025-01-29"), value: "1")), "2025-01-29..2025-01-29")
        XCTAssertEqual(text(acled.days(from: d("2025-01-29"), value: "2")), "2025-01-27..2025-02-02", "the ISO week of a Wednesday")
        XCTAssertEqual(text(acled.days(from: d("2024-02-15"), value: "3")), "2024-02-01..2024-02-29", "the month, leap day included")
        XCTAssertNil(DateRangeColumn(columns: ["event_id_cnty", "event_date"], dateColumn: 1))
        XCTAssertNil(DateRangeColumn(columns: ["id", "date_end"], dateColumn: 1), "the date column itself is no range")
    }

    /// 2025-01-30..02-02 under months: January 2/4, February 2/4, fatalities alike; inside one window, whole.
    func testSpreadSharesEachDayInItsWindow() throws {
        var a = Aggregation(window: .month)
        try a.spread(region: 0, days: d("2025-01-30").daysSinceEpoch...d("2025-02-02").daysSinceEpoch, fatalities: 4)
        try a.spread(region: 0, days: d("2025-03-01").daysSinceEpoch...d("2025-03-03").daysSinceEpoch, fatalities: 3)
        let rows = try a.rows()
        XCTAssertEqual(rows.map(\.counts.weightedEvents), [0.5, 0.5, 1])
        XCTAssertEqual(rows.map(\.counts.weightedFatalities), [2, 2, 3])
        XCTAssertEqual(rows.map(\.counts.events), [0, 0, 1], "a range inside March counts whole")
        XCTAssertEqual(rows.map(\.counts.eventsValue), [.double(0.5), .double(0.5), .int(1)])
        XCTAssertEqual(Aggregation.count(0, 1.0 / 3), .double(0.3333))
        XCTAssertEqual(Aggregation.count(1, 0.1 + 0.2 + 0.7), .int(2), "shares adding up to whole events print whole")
    }
}
