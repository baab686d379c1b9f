import Foundation
import XCTest
import Frontier

/// `trends` on the reported incidents (issue 27, item 6): a baseline reaching before the data is
/// insufficient (the alert empty, a notice with the date from which it is complete), and a volatile week
/// needs `--volatile-min-events` events (default 3). Asked in this process and of the command.
final class TrendsBaselineParityTests: RequestParityCase {
    private let header = "region_id,region_country,region_name,as_of,events_week,avg_4w,surge,events_month_weekly,avg_12m_weekly,rising,volatile_weeks"

    /// Khatlon: 2025-11-26, 2026-01-18, 2026-01-29; Gorno-Badakhshan: 2025-11-30. As of 2026-01-29 the 52
    /// weeks before the latest four begin 391 days earlier, on 2024-12-24: eleven months before the data's
    /// first day (2025-11-26), so rising is unknown, not true or false. The surge baseline (2025-12-26 on)
    /// lies within the data. Khatlon's three weeks of one event each are not volatile under 3 events.
    func testIncidentsReportedRisingIsEmptyAndSingleEventWeeksAreNotVolatile() throws {
        let reported = NearCLITests.reported
        let answer = try TrendsRequest(input: query(reported)).open().run()
        let r = try cli(["trends", reported, "--format", "csv"])
        XCTAssertEqual(try csv(answer.table), r.stdout)
        XCTAssertEqual(r.stdout, """
            \(header)
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2026-01-29,0,0,false,0,0.02,,0
            TJK:Khatlon,TJK,Khatlon,2026-01-29,1,0.25,false,0.5,0.02,,0

            """)
        XCTAssertEqual(answer.rows.map(\.risingKnown), [false, false])
        XCTAssertEqual(answer.rows.map(\.surgeKnown), [true, true])
        XCTAssertEqual([answer.risingUnknown, answer.surgeUnknown], [2, 0])
        XCTAssertEqual(answer.firstDay?.description, "2025-11-26")
        XCTAssertEqual(answer.risingCompleteFrom?.description, "2026-12-22", "2025-11-26 + 391 days")
        XCTAssertTrue(r.stderr.contains("insufficient baseline: rising is empty for 2 of 2 regions: the 52 weeks before the latest four reach "
                                        + "before 2025-11-26 (the data begin then); the 12-month baseline is complete for --as-of 2026-12-22 or later\n"), r.stderr)
        XCTAssertFalse(r.stderr.contains("surge is empty"), r.stderr)

        // The reproduction: with a minimum average of 0.25 events a week, Khatlon's rising was true
        // against eleven months before the data. Its surge (1 ≥ 2 × 0.25 over four weeks within the data) stands.
        var low = SurgeAlerts.Thresholds()
        low.minimumAverage = 0.25
        let lowered = try TrendsRequest(input: query(reported), thresholds: low).open().run()
        let khatlon = try cli(["trends", reported, "--min-average", "0.25", "--format", "csv"])
        XCTAssertEqual(try csv(lowered.table), khatlon.stdout)
        XCTAssertTrue(khatlon.stdout.hasSuffix("\nTJK:Khatlon,TJK,Khatlon,2026-01-29,1,0.25,true,0.5,0.02,,0\n"), khatlon.stdout)
        XCTAssertEqual([lowered.surging, lowered.rising], [1, 0])

        // One event a week is volatile again when the analyst says so: Khatlon's three weeks, Gorno-Badakhshan's one.
        let loose = try TrendsRequest(input: query(reported), thresholds: SurgeAlerts.Thresholds(volatileMinimumEvents: 1)).open().run()
        let printed = try cli(["trends", reported, "--volatile-min-events", "1", "--format", "csv"])
        XCTAssertEqual(try csv(loose.table), printed.stdout)
        XCTAssertEqual(loose.rows.map(\.volatileWeeks), [1, 3])
    }

    /// As of 2025-12-20 the four weeks before the latest begin on 2025-11-16, before the data: surge is
    /// empty too, complete from 2025-12-30 (34 days after 2025-11-26). With --from 2026-01-01 the data begin
    /// then, whatever the file holds before.
    func testSurgeBaselineBeforeTheDataOrTheStartDate() throws {
        let reported = NearCLITests.reported
        let early = try TrendsRequest(input: query(reported), asOf: CivilDate(year: 2025, month: 12, day: 20)).open().run()
        let r = try cli(["trends", reported, "--as-of", "2025-12-20", "--format", "csv"])
        XCTAssertEqual(try csv(early.table), r.stdout)
        XCTAssertEqual(r.stdout, """
            \(header)
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-12-20,0,0.25,,0.25,0,,0
            TJK:Khatlon,TJK,Khatlon,2025-12-20,0,0.25,,0.25,0,,0

            """)
        XCTAssertEqual(early.surgeCompleteFrom?.description, "2025-12-30")
        XCTAssertTrue(r.stderr.contains("insufficient baseline: surge is empty for 2 of 2 regions: the four weeks before the latest reach before "
                                        + "2025-11-26 (the data begin then); the baseline is complete for --as-of 2025-12-30 or later\n"), r.stderr)

        var query = query(reported)
        query.filter = IncidentFilter(from: CivilDate(year: 2026, month: 1, day: 1))
        let fromStart = try TrendsRequest(input: query).open().run()
        let s = try cli(["trends", reported, "--from", "2026-01-01", "--format", "csv"])
        XCTAssertEqual(try csv(fromStart.table), s.stdout)
        XCTAssertEqual(fromStart.firstDay?.description, "2026-01-01")
        XCTAssertEqual(s.stdout, "\(header)\nTJK:Khatlon,TJK,Khatlon,2026-01-29,1,0.25,,0.5,0,,0\n")
        XCTAssertTrue(s.stderr.contains("surge is empty for 1 of 1 regions: the four weeks before the latest reach before 2026-01-01 "
                                        + "(the data (or --from) begin then); the baseline is complete for --as-of 2026-02-04 or later"), s.stderr)
    }

    func testVolatileMinimumEventsOutOfRangeIsRefused() throws {
        XCTAssertThrowsError(try TrendsRequest(input: query("x.csv"), thresholds: SurgeAlerts.Thresholds(volatileMinimumEvents: -1)).validate()) {
            XCTAssertEqual($0 as? FrontierError, .request(.alertThreshold(.volatileMinimumEvents, -1)))
        }
        let r = try FrontierBinary.run(["trends", NearCLITests.reported, "--volatile-min-events", "-1"])
        XCTAssertEqual(r.status, 64)
        XCTAssertTrue(r.stderr.hasPrefix("Error: --volatile-min-events must be a whole number from 0 to 1000000 (got -1)\n"), r.stderr)
        XCTAssertTrue(try cli(["trends", "--help"]).stdout.contains("--volatile-min-events"))
    }
}
