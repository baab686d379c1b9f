import XCTest
@testable import Frontier

/// Window arithmetic against hand-worked calendars.
final class TimeWindowTests: XCTestCase {
    private func d(_ s: String) -> CivilDate { try! CivilDate.parse(Substring(s)).get() }

    private func window(_ w: TimeWindow, _ date: String) -> String {
        let b = w.bounds(of: w.ordinal(of: d(date)))
        return "\(b.start)..\(b.end)"
    }

    func testISOWeeksAcrossTheYearBoundary() throws {
        let iso = try TimeWindow(parsing: "week")
        XCTAssertEqual(window(iso, "2025-11-26"), "2025-11-24..2025-11-30")
        // 2025-12-29 is the Monday of ISO week 1 of 2026.
        XCTAssertEqual(window(iso, "2025-12-29"), "2025-12-29..2026-01-04")
        XCTAssertEqual(window(iso, "2026-01-01"), "2025-12-29..2026-01-04")
        XCTAssertEqual(window(iso, "2026-01-04"), "2025-12-29..2026-01-04")
        XCTAssertEqual(window(iso, "2026-01-05"), "2026-01-05..2026-01-11")
        XCTAssertEqual(window(iso, "1970-01-01"), "1969-12-29..1970-01-04")
    }

    func testSaturdayAndSundayWeeks() throws {
        let acled = try TimeWindow(parsing: "week", weekStart: "saturday")
        XCTAssertEqual(window(acled, "2025-11-26"), "2025-11-22..2025-11-28")
        XCTAssertEqual(window(acled, "2025-11-29"), "2025-11-29..2025-12-05")
        XCTAssertEqual(window(acled, "2025-11-28"), "2025-11-22..2025-11-28")
        let sunday = try TimeWindow(parsing: "week", weekStart: "sunday")
        XCTAssertEqual(window(sunday, "2025-11-26"), "2025-11-23..2025-11-29")
        XCTAssertThrowsError(try TimeWindow(parsing: "week", weekStart: "friday"))
    }

    func testMonthsAndLeapDay() throws {
        let month = try TimeWindow(parsing: "month")
        XCTAssertEqual(window(month, "2024-02-29"), "2024-02-01..2024-02-29")
        XCTAssertEqual(window(month, "2025-02-10"), "2025-02-01..2025-02-28")
        XCTAssertEqual(window(month, "2025-12-31"), "2025-12-01..2025-12-31")
        XCTAssertEqual(window(month, "2026-04-30"), "2026-04-01..2026-04-30")
        let day = try TimeWindow(parsing: "day")
        XCTAssertEqual(window(day, "2024-02-29"), "2024-02-29..2024-02-29")
    }

    func testNDayWindowsAndAnchors() throws {
        let fromEpoch = try TimeWindow(parsing: "7d")
        // 1970-01-01 was a Thursday: 7-day windows from the epoch run Thursday to Wednesday.
        XCTAssertEqual(window(fromEpoch, "2025-11-26"), "2025-11-20..2025-11-26")
        XCTAssertEqual(window(fromEpoch, "2025-11-27"), "2025-11-27..2025-12-03")
        let anchored = try TimeWindow(parsing: "14d", anchor: d("2025-01-06"))
        XCTAssertEqual(window(anchored, "2025-01-06"), "2025-01-06..2025-01-19")
        XCTAssertEqual(window(anchored, "2025-01-19"), "2025-01-06..2025-01-19")
        XCTAssertEqual(window(anchored, "2025-01-20"), "2025-01-20..2025-02-02")
        XCTAssertEqual(window(anchored, "2025-01-05"), "2024-12-23..2025-01-05", "before the anchor")
        XCTAssertThrowsError(try TimeWindow(parsing: "0d"))
        XCTAssertThrowsError(try TimeWindow(parsing: "fortnight"))
    }

    func testFillGivesEveryRegionEveryWindow() throws {
        var a = Aggregation(window: try TimeWindow(parsing: "month"))
        a.add(region: 0, date: d("2025-01-15"), fatalities: 2)
        a.add(region: 1, date: d("2025-03-02"), fatalities: 1)
        a.add(region: nil, date: d("2025-02-02"), fatalities: 9)
        let plain = try a.rows()
        XCTAssertEqual(plain.count, 2, "unmatched rows only on request")
        let filled = try a.rows(fillRegions: [0, 1, 2])
        XCTAssertEqual(filled.count, 9, "3 regions × 3 months")
        XCTAssertEqual(filled.map { $0.counts.events }, [1, 0, 0, 0, 0, 1, 0, 0, 0])
        XCTAssertEqual(try a.rows(includeUnmatched: true).first?.region, nil)
    }
}
