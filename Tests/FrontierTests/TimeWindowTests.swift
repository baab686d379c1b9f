import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierAnalyses

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
        try a.add(region: 0, date: d("2025-01-15"), fatalities: 2)
        try a.add(region: 1, date: d("2025-03-02"), fatalities: 1)
        try a.add(region: nil, date: d("2025-02-02"), fatalities: 9)
        let plain = try a.rows()
        XCTAssertEqual(plain.count, 2, "unmatched rows only on request")
        let filled = try a.rows(fillRegions: [0, 1, 2])
        XCTAssertEqual(filled.count, 9, "3 regions × 3 months")
        XCTAssertEqual(filled.map { $0.counts.events }, [1, 0, 0, 0, 0, 1, 0, 0, 0])
        XCTAssertEqual(try a.rows(includeUnmatched: true).first?.region, nil)
    }

    func testQuartersYearsAndAll() throws {
        let quarter = try TimeWindow(parsing: "quarter")
        XCTAssertEqual(window(quarter, "2024-02-29"), "2024-01-01..2024-03-31")
        XCTAssertEqual(window(quarter, "2024-04-01"), "2024-04-01..2024-06-30")
        XCTAssertEqual(window(quarter, "2025-09-30"), "2025-07-01..2025-09-30")
        XCTAssertEqual(window(quarter, "2025-12-31"), "2025-10-01..2025-12-31")
        XCTAssertEqual(quarter.ordinal(of: d("2026-01-01")) - quarter.ordinal(of: d("2025-12-31")), 1, "consecutive across the year")
        let year = try TimeWindow(parsing: "year")
        XCTAssertEqual(window(year, "1989-03-18"), "1989-01-01..1989-12-31")
        let all = try TimeWindow(parsing: "all").spanning(d("2024-02-10").daysSinceEpoch...d("2025-03-01").daysSinceEpoch)
        XCTAssertEqual(window(all, "2024-07-01"), "2024-02-10..2025-03-01")
        XCTAssertFalse(try TimeWindow(parsing: "all").hasPrevious)
    }

    func testPartialWindowsAreThoseReachingOutsideTheCoveredDays() throws {
        let covered = Coverage(days: d("2025-11-26").daysSinceEpoch...d("2026-01-29").daysSinceEpoch)
        XCTAssertTrue(covered.isPartial(start: d("2025-11-24"), end: d("2025-11-30")), "begins before the data")
        XCTAssertFalse(covered.isPartial(start: d("2025-12-01"), end: d("2025-12-31")))
        XCTAssertTrue(covered.isPartial(start: d("2026-01-01"), end: d("2026-01-31")), "ends after the data")
        XCTAssertFalse(covered.isPartial(start: d("2025-11-26"), end: d("2026-01-29")), "exactly the data")
        let month = try TimeWindow(parsing: "month")
        XCTAssertEqual(covered.windows(month).count, 3, "November, December, January")
    }

    func testComparisonGivesThePreviousWindowAndAFallToZero() throws {
        var a = Aggregation(window: try TimeWindow(parsing: "month"))
        for _ in 0..<4 { try a.add(region: 0, date: d("2026-01-10"), fatalities: 1) }
        try a.add(region: 0, date: d("2026-02-10"), fatalities: 3)
        try a.add(region: 1, date: d("2026-01-10"), fatalities: 2)
        var layout = Aggregation.Layout()
        layout.comparesPrevious = true
        let rows = try a.rows(layout)
        let feb = d("2026-02-01")
        let shown = rows.filter { $0.window == a.window.ordinal(of: feb) }
        XCTAssertEqual(shown.map { $0.region }, [0, 1], "region 1 fell to zero: it has a row")
        XCTAssertEqual(shown.map { $0.counts.events }, [1, 0])
        XCTAssertEqual(shown.map { $0.previous?.events }, [4, 1])
        XCTAssertEqual(shown.map { $0.changePercent }, [-75, -100])
        XCTAssertNil(rows.first { $0.window == a.window.ordinal(of: d("2026-01-01")) }?.changePercent, "nothing before January")
        let byChange = Aggregation.Order.change.sorted(rows)
        XCTAssertEqual(byChange.map { $0.changePercent }, [nil, nil, -75, -100], "rises from none (January's) first, then the largest rise")
        XCTAssertEqual(byChange.first?.counts.events, 4)
        layout.readFrom = a.window.ordinal(of: d("2026-01-01"))
        XCTAssertNil(try a.rows(layout).first { $0.window == a.window.ordinal(of: d("2026-01-01")) }?.previous, "January's predecessor was not read")
    }

    /// `--compare previous-year` (issue 27, item 7): the same date, month, quarter a year before; weeks 52
    /// weeks before; 29 February against 28 February, which is also the base of the next leap day.
    func testPreviousYearBases() throws {
        let c = WindowComparison.previousYear
        let day = try TimeWindow(parsing: "day"), week = try TimeWindow(parsing: "week"), month = try TimeWindow(parsing: "month")
        func base(_ date: String, _ w: TimeWindow) -> String { w.bounds(of: c.base(of: w.ordinal(of: d(date)), window: w)).start.description }
        XCTAssertEqual(base("2026-03-10", day), "2025-03-10")
        XCTAssertEqual(base("2024-02-29", day), "2023-02-28")
        XCTAssertEqual(c.following(d("2023-02-28").daysSinceEpoch, window: day).map { CivilDate(daysSinceEpoch: $0).description }, ["2024-02-28", "2024-02-29"])
        XCTAssertEqual(base("2026-01-15", week), "2025-01-13", "the Monday 364 days before the week's Monday 2026-01-12")
        XCTAssertEqual(base("2026-02-07", month), "2025-02-01")
        XCTAssertEqual(base("2026-05-20", try TimeWindow(parsing: "quarter")), "2025-04-01")
        XCTAssertTrue(c.applies(to: try TimeWindow(parsing: "73d")))
        XCTAssertFalse(c.applies(to: try TimeWindow(parsing: "14d")))
        XCTAssertEqual(c.base(of: 10, window: try TimeWindow(parsing: "5d")), 10 - 73)
        XCTAssertEqual(WindowComparison.previous.base(of: 10, window: month), 9)
        XCTAssertEqual(Aggregation.Change(from: 0, to: 3), .new)
        XCTAssertEqual(Aggregation.Change(from: 0, to: 0), .unchanged)
        XCTAssertEqual(Aggregation.Change(from: 3, to: 1), .percent(-66.7))
    }

    func testBandsAreAGroupingOfTheirOwn() throws {
        var a = Aggregation(window: try TimeWindow(parsing: "month"))
        try a.add(region: 0, date: d("2026-01-10"), fatalities: 1, band: 0)
        try a.add(region: 0, date: d("2026-01-11"), fatalities: 1, band: 2)
        try a.add(region: 0, date: d("2026-01-12"), fatalities: 1, band: 2)
        var layout = Aggregation.Layout()
        layout.bands = 3
        XCTAssertEqual(try a.rows(layout).map { "\($0.band ?? -1):\($0.counts.events)" }, ["0:1", "2:2"])
        layout.fillRegions = [0]
        XCTAssertEqual(try a.rows(layout).map { "\($0.band ?? -1):\($0.counts.events)" }, ["0:1", "1:0", "2:2"])
    }
}
