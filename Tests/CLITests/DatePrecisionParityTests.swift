import Foundation
import XCTest
import Frontier

/// `aggregate --date-precision start|exclude|spread` (issue 27, item 9): incidents dated by a range of days
/// (UCDP's date_start..date_end, ACLED's time_precision) counted by their first day, left out, or spread
/// over their days. Asked in this process and of the command; the shares worked out by hand.
final class DatePrecisionParityTests: RequestParityCase {
    private let header = "region_id,region_country,region_name,window_start,window_end,events,fatalities"

    /// UCDP GED's layout (detected from the header), all in Kabul: U1 2025-01-30..02-02 (4 days, 4 dead:
    /// two days in January, two in February), U2 2025-01-10 (1 dead), U3 2025-02-27..03-01 (3 days, 3 dead:
    /// two in February, one in March).
    private func ucdpRanges() throws -> String {
        try write("""
            id,date_start,date_end,date_prec,best,where_prec,adm_1,latitude,longitude
            1,2025-01-30,2025-02-02,2,4,1,Kabul province,34.53,69.17
            2,2025-01-10,2025-01-10,1,1,1,Kabul province,34.53,69.17
            3,2025-02-27,2025-03-01,2,3,1,Kabul province,34.53,69.17

            """, "ucdp-ranges.csv")
    }

    private func both(_ file: String, window: String = "month", _ precision: DatePrecision) throws -> (AggregateAnswer, FrontierBinary.Result) {
        let answer = try AggregateRequest(input: query(file), window: try TimeWindow(parsing: window), datePrecision: precision).open().run()
        let r = try cli(["aggregate", file, "--window", window, "--date-precision", precision.rawValue, "--format", "csv"])
        XCTAssertEqual(try csv(answer.table), r.stdout, precision.rawValue)
        return (answer, r)
    }

    func testUCDPRangesSpreadOverTheirDays() throws {
        let file = try ucdpRanges()
        let (answer, r) = try both(file, .spread)
        // January: U1's 2/4 + U2 = 1.5 events, 2 + 1 dead; February: U1's 2/4 + U3's 2/3 = 1.1667, 2 + 2 dead;
        // March: U3's 1/3 = 0.3333, 1 dead.
        XCTAssertEqual(r.stdout, """
            \(header)
            AFG:Kabul,AFG,Kabul,2025-01-01,2025-01-31,1.5,3
            AFG:Kabul,AFG,Kabul,2025-02-01,2025-02-28,1.1667,4
            AFG:Kabul,AFG,Kabul,2025-03-01,2025-03-31,0.3333,1

            """)
        XCTAssertEqual(answer.rows.map(\.counts.weightedEvents).map { ($0 * 1e4).rounded() / 1e4 }, [1.5, 1.1667, 0.3333])
        XCTAssertEqual(answer.rows.map(\.counts.events), [1, 0, 0], "only U2 lies in one window, so counts whole")
        XCTAssertEqual(answer.dateRanges?.column, "date_end")
        XCTAssertEqual(answer.dateRanges?.spanning, 2)
        XCTAssertEqual(answer.counted, 3)
        XCTAssertTrue(r.stderr.contains("date ranges (date_end): 2 counted incidents span more than one window; spread evenly over the days "
                                        + "of the range (--date-precision spread): counts are fractions\n"), r.stderr)
    }

    func testUCDPRangesByFirstDayOrLeftOut() throws {
        let file = try ucdpRanges()
        let (start, r) = try both(file, .start)
        XCTAssertEqual(r.stdout, "\(header)\nAFG:Kabul,AFG,Kabul,2025-01-01,2025-01-31,2,5\nAFG:Kabul,AFG,Kabul,2025-02-01,2025-02-28,1,3\n",
                       "today's behaviour: each in the window of its first day")
        XCTAssertEqual(start.dateRanges?.spanning, 2)
        XCTAssertTrue(r.stderr.contains("date ranges (date_end): 2 counted incidents span more than one window; counted in the window "
                                        + "of the range's first day (--date-precision exclude leaves them out, spread divides them over their days)\n"), r.stderr)
        let (excluded, x) = try both(file, .exclude)
        XCTAssertEqual(x.stdout, "\(header)\nAFG:Kabul,AFG,Kabul,2025-01-01,2025-01-31,1,1\n", "U2 alone lies in one month")
        XCTAssertEqual([excluded.dateRanges?.excluded, excluded.counted], [2, 1])
        XCTAssertTrue(x.stderr.contains("date ranges (date_end): 2 incidents spanning more than one window left out (--date-precision exclude)\n"), x.stderr)
        XCTAssertTrue(x.stderr.contains("counted 1 incidents in 1 rows"), x.stderr)
        // Quarters hold every range whole: nothing spans, nothing is left out.
        let (quarter, q) = try both(file, window: "quarter", .exclude)
        XCTAssertEqual(quarter.dateRanges?.spanning, 0)
        XCTAssertTrue(q.stderr.contains("date ranges (date_end): no incident spans more than one window\n"), q.stderr)
    }

    /// ACLED's time_precision: 2 on Wednesday 2025-01-29 is the ISO week 01-27..02-02 (five days in January,
    /// two in February); 3 on 2025-03-15 is March, one window; 1 is the day.
    func testACLEDTimePrecisionWeeksAndMonths() throws {
        let file = try write("""
            event_id_cnty,event_date,time_precision,latitude,longitude,fatalities
            A1,2025-01-29,2,34.53,69.17,7
            A2,2025-03-15,3,34.53,69.17,0
            A3,2025-01-31,1,34.53,69.17,1

            """, "acled-precision.csv")
        let (answer, r) = try both(file, .spread)
        XCTAssertEqual(r.stdout, """
            \(header)
            AFG:Kabul,AFG,Kabul,2025-01-01,2025-01-31,1.7143,6
            AFG:Kabul,AFG,Kabul,2025-02-01,2025-02-28,0.2857,2
            AFG:Kabul,AFG,Kabul,2025-03-01,2025-03-31,1,0

            """, "January: A1's 5/7 and A3; 7 dead × 5/7 = 5, + 1; February: 2/7 and 2 dead")
        XCTAssertEqual(answer.dateRanges?.column, "time_precision")
        XCTAssertEqual(answer.dateRanges?.spanning, 1)
        // In ISO weeks A1's week is one window: nothing to spread.
        let (weeks, _) = try both(file, window: "week", .spread)
        XCTAssertEqual(weeks.dateRanges?.spanning, 1, "A2's March spans five weeks")
        XCTAssertEqual(weeks.rows.first.map { "\(weeks.windows.bounds(of: $0.window).start) \($0.counts.events) \($0.counts.fatalities)" },
                       "2025-01-27 2 8", "A1 and A3 whole in the week of 01-27")
    }

    /// Without a range column the default says nothing; a precision asked for says there is nothing to apply.
    func testNoRangeColumnSaysSo() throws {
        let reported = NearCLITests.reported
        XCTAssertFalse(try cli(["aggregate", reported, "--window", "month"]).stderr.contains("date ranges"))
        let r = try cli(["aggregate", reported, "--window", "month", "--date-precision", "spread", "--format", "csv"])
        XCTAssertTrue(r.stderr.contains("--date-precision spread: the input has no date_end or time_precision column: every incident counts on its date"), r.stderr)
        XCTAssertNil(try AggregateRequest(input: query(reported), window: .month, datePrecision: .spread).open().run().dateRanges)
    }

    /// Hot spots and maps count whole incidents: exclude leaves out a range spanning months, spread is refused.
    /// Kabul: U1 2025-01-30..02-02 and U2 2025-01-10, U4 2025-03-05; Badakhshan (Fayzabad): U3 2025-02-12.
    func testHotspotsAndMapsExcludeRangesAndRefuseSpread() throws {
        let file = try write("""
            id,date_start,date_end,date_prec,best,where_prec,latitude,longitude
            1,2025-01-30,2025-02-02,2,4,1,34.53,69.17
            2,2025-01-10,2025-01-10,1,1,1,34.53,69.17
            3,2025-02-12,2025-02-12,1,0,1,37.12,70.58
            4,2025-03-05,2025-03-05,1,2,1,34.53,69.17

            """, "ucdp-hotspots.csv")
        func total(_ answer: HotspotsAnswer) throws -> Double {
            let cube = try XCTUnwrap(answer.cube)
            return (0..<cube.locations).reduce(0.0) { sum, i in (0..<cube.steps).reduce(sum) { $0 + cube.value(location: i, step: $1) } }
        }
        let distance = try Distance(parsing: "400km")
        for (precision, expected) in [(DatePrecision.start, 4.0), (.exclude, 3.0)] {
            let answer = try HotspotsRequest(input: query(file), window: .month, distance: distance, datePrecision: precision).open().run()
            let r = try cli(["hotspots", file, "--window", "month", "--distance", "400km", "--date-precision", precision.rawValue, "--format", "csv"])
            XCTAssertEqual(try csv(answer.table), r.stdout, precision.rawValue)
            XCTAssertEqual(try total(answer), expected, "\(precision): U1 counted in January, or left out")
            XCTAssertEqual(answer.dateRanges?.spanning, 1)
            XCTAssertEqual(answer.dateRanges?.excluded, precision == .exclude ? 1 : 0)
        }
        XCTAssertThrowsError(try HotspotsRequest(input: query(file), distance: distance, datePrecision: .spread).validate()) {
            XCTAssertEqual($0 as? FrontierError, .request(.spreadNeedsFractions(question: "hot spots")))
        }
        let refused = try FrontierBinary.run(["hotspots", file, "--distance", "400km", "--date-precision", "spread"])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.contains("--date-precision spread: hot spots count whole incidents (aggregate spreads them in fractions); "
                                              + "use --date-precision start or exclude"), refused.stderr)

        let map = try MapRequest(input: query(file), window: .month, datePrecision: .exclude).open().run()
        let drawn = try cli(["map", file, "--window", "month", "--date-precision", "exclude", "--out", path("exact.html")])
        XCTAssertEqual(map.mapped, 3, "U1 left out")
        XCTAssertTrue(drawn.stderr.contains("mapped 3 incidents"), drawn.stderr)
        XCTAssertTrue(drawn.stderr.contains("date ranges (date_end): 1 incident spanning more than one window left out (--date-precision exclude)"), drawn.stderr)
        XCTAssertThrowsError(try MapRequest(input: query(file), window: .month, datePrecision: .spread).validate()) {
            XCTAssertEqual($0 as? FrontierError, .request(.spreadNeedsFractions(question: "maps")))
        }
        let noMap = try FrontierBinary.run(["map", file, "--date-precision", "spread", "--out", path("spread.html")])
        XCTAssertEqual(noMap.status, 64)
        XCTAssertTrue(noMap.stderr.contains("--date-precision spread: maps count whole incidents"), noMap.stderr)
    }
}
