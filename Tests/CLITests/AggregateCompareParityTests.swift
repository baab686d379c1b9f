import Foundation
import XCTest
import Frontier

/// `aggregate --compare` (issue 27, item 7): a rise from none is `new`, not a blank; `change` and
/// `fatalities_change_pct` beside `change_pct`; `--compare previous-year` against the same window a year
/// before. Asked in this process and of the command, with every value worked out by hand.
final class AggregateCompareParityTests: RequestParityCase {
    private let header = "region_id,region_country,region_name,window_start,window_end,events,fatalities,partial,"
        + "events_prev,fatalities_prev,change_pct,change,fatalities_change_pct"

    /// The reported incidents: Khatlon 2025-11-26 (3 dead), 2026-01-18 (4), 2026-01-29 (3); Gorno-Badakhshan
    /// 2025-11-30 (2). December is empty, so January rises from none.
    func testIncidentsReportedRiseFromNoneIsNew() throws {
        let reported = NearCLITests.reported
        var request = AggregateRequest(input: query(reported), window: try TimeWindow(parsing: "month"))
        request.comparesPrevious = true
        let answer = try request.open().run()
        let r = try cli(["aggregate", reported, "--window", "month", "--compare", "previous", "--format", "csv"])
        XCTAssertEqual(try csv(answer.table), r.stdout)
        XCTAssertEqual(r.stdout, """
            \(header)
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-11-01,2025-11-30,1,2,true,,,,,
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-12-01,2025-12-31,0,0,false,1,2,-100,-1,-100
            TJK:Khatlon,TJK,Khatlon,2025-11-01,2025-11-30,1,3,true,,,,,
            TJK:Khatlon,TJK,Khatlon,2025-12-01,2025-12-31,0,0,false,1,3,-100,-1,-100
            TJK:Khatlon,TJK,Khatlon,2026-01-01,2026-01-31,2,7,true,0,0,new,2,new

            """, "November has nothing read before it: all five empty; January rose from none: new, +2 events")
        let january = try XCTUnwrap(answer.rows.last)
        XCTAssertEqual(january.eventChange, .new)
        XCTAssertEqual(january.fatalityChange, .new)
        XCTAssertEqual(january.change, 2)
        XCTAssertNil(january.changePercent, "no percentage of zero")
        XCTAssertEqual(answer.rows[1].eventChange, .percent(-100))
    }

    /// Kabul and Badakhshan over two years: each month of 2026 against the same month of 2025.
    private func twoYears() throws -> String {
        var lines = ["event_id_cnty,event_date,latitude,longitude,fatalities"]
        func add(_ place: (Double, Double), _ date: String, _ dead: Int) { lines.append("E\(lines.count),\(date),\(place.0),\(place.1),\(dead)") }
        let kabul = (34.53, 69.17), fayzabad = (37.12, 70.58)
        add(kabul, "2025-01-10", 2); add(kabul, "2025-01-20", 0)   // January 2025: 2 events, 2 dead
        add(kabul, "2025-02-05", 0)                                // February 2025: 1, 0
        add(kabul, "2025-03-03", 1)                                // March 2025: 1, 1
        add(kabul, "2026-01-15", 3)                                // January 2026: 1, 3
        add(kabul, "2026-02-07", 4); add(kabul, "2026-02-08", 1)   // February 2026: 2, 5
        add(fayzabad, "2026-03-10", 0)                             // Badakhshan, March 2026: 1, 0
        return try write(lines.joined(separator: "\n") + "\n", "two-years.csv")
    }

    func testPreviousYearComparesTheSameMonthAYearBefore() throws {
        let file = try twoYears()
        var request = AggregateRequest(input: query(file), window: try TimeWindow(parsing: "month"))
        request.input.filter = IncidentFilter(from: CivilDate(year: 2026, month: 1, day: 1))
        request.comparesPrevious = true
        request.comparison = .previousYear
        let answer = try request.open().run()
        let r = try cli(["aggregate", file, "--window", "month", "--compare", "previous-year", "--from", "2026-01-01", "--format", "csv"])
        XCTAssertEqual(try csv(answer.table), r.stdout)
        // Kabul: January 1 vs 2 (−50%, −1; fatalities 3 vs 2, +50%); February 2 vs 1 (+100%, +1; fatalities 5
        // vs 0: new); March 0 vs 1 (a fall to zero has its row). Badakhshan's March: 1 vs none (new), 0 dead
        // vs 0 (no change to tell: empty).
        XCTAssertEqual(r.stdout, """
            \(header)
            AFG:Badakhshan,AFG,Badakhshan,2026-03-01,2026-03-31,1,0,true,0,0,new,1,
            AFG:Kabul,AFG,Kabul,2026-01-01,2026-01-31,1,3,false,2,2,-50,-1,50
            AFG:Kabul,AFG,Kabul,2026-02-01,2026-02-28,2,5,false,1,0,100,1,new
            AFG:Kabul,AFG,Kabul,2026-03-01,2026-03-31,0,0,true,1,1,-100,-1,-100

            """)
        XCTAssertEqual(answer.counted, 4)
        XCTAssertEqual(answer.countedBefore, 4, "2025's four incidents were read only to compare with")
        XCTAssertTrue(r.stderr.contains("counted 4 incidents (and 4 in the year before, read to compare) in 4 rows"), r.stderr)

        // Without --from, 2025 has no year before it in the data: empty, not zero.
        let all = try cli(["aggregate", file, "--window", "month", "--compare", "previous-year", "--format", "csv"])
        let rows = records(all.stdout)
        XCTAssertEqual(rows.filter { $0["window_start"]?.hasPrefix("2025") ?? false }.map { $0["events_prev"] ?? "-" }, ["", "", ""])
        XCTAssertEqual(rows.filter { $0["window_start"] == "2026-02-01" }.map { $0["change_pct"] ?? "-" }, ["100"])
    }

    /// Weeks: 52 weeks before; N-day windows only when N divides 365, else a request problem and exit 64.
    func testPreviousYearOverWeeksAndNDayWindows() throws {
        let file = try twoYears()
        var request = AggregateRequest(input: query(file), window: try TimeWindow(parsing: "week"))
        request.comparesPrevious = true
        request.comparison = .previousYear
        let answer = try request.open().run()
        XCTAssertEqual(try csv(answer.table), try cli(["aggregate", file, "--window", "week", "--compare", "previous-year", "--format", "csv"]).stdout)
        // 2026-01-15 (a Thursday) is in the week of Monday 2026-01-12; 52 weeks before is the week of Monday
        // 2025-01-13..19, between Kabul's 2025-01-10 and 2025-01-20: nothing before, so the week is new.
        let week = try XCTUnwrap(answer.rows.first { answer.windows.bounds(of: $0.window).start.description == "2026-01-12" })
        XCTAssertEqual(answer.windows.bounds(of: WindowComparison.previousYear.base(of: week.window, window: answer.windows)).start.description, "2025-01-13")
        XCTAssertEqual(week.previous, Aggregation.Counts(), "nothing in 2025-01-13..19")
        XCTAssertEqual(week.eventChange, .new)

        request.window = try TimeWindow(parsing: "14d")
        XCTAssertThrowsError(try request.validate()) { XCTAssertEqual($0 as? FrontierError, .request(.yearComparisonOfDays(14))) }
        let refused = try FrontierBinary.run(["aggregate", file, "--window", "14d", "--compare", "previous-year"])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.contains("--compare previous-year with --window 14d: 14-day windows do not tile a year"), refused.stderr)
        request.window = try TimeWindow(parsing: "73d")
        XCTAssertNoThrow(try request.validate(), "73 × 5 = 365")
    }
}
