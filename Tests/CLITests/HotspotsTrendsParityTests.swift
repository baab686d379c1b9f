import Foundation
import Frontier
import Geo
import XCTest

/// `HotspotsRequest` and `TrendsRequest` asked in process (no binary) answer what `frontier hotspots` and
/// `frontier trends` print for the same input: the records written with the CLI's CSV writer equal the
/// command's stdout byte for byte, on grid cells and on regions. Plus values worked out by hand.
final class HotspotsTrendsParityTests: FolderTestCase {
    /// The records as the CLI writes them: streamed one at a time through the CSV row writer into a file.
    private func csv(columns: [String], records: some Sequence<Record>) throws -> String {
        let url = dir.appendingPathComponent("engine-\(UUID().uuidString).csv")
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        let writer = RowStreamWriter(handle: handle, format: .csv, columns: columns)
        for record in records { try writer.write(record) }
        try writer.finish()
        try handle.close()
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The command's stdout for `arguments`, checked to have succeeded.
    private func cli(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(arguments)
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        return r
    }

    private func query(_ path: String) -> IncidentQuery { IncidentQuery(path: path, format: .csv) }

    // MARK: - Hot spots

    func testHotspotsOnGridCellsEqualTheCommandsBinsAndSummary() throws {
        let file = try writeNewCluster()
        let grid = try PlaceSource(argument: "grid:10km")
        let request = HotspotsRequest(input: query(file), places: grid, window: .month, distance: try Distance(parsing: "15km"), timeLag: 0)
        let bins = try request.open().run()
        let arguments = ["hotspots", file, "--regions", "grid:10km", "--window", "month", "--distance", "15km", "--time-lag", "0", "--format", "csv"]
        XCTAssertEqual(try csv(columns: bins.columns, records: bins.records), try cli(arguments).stdout)

        var summaryRequest = request
        summaryRequest.rows = .summary
        let summary = try summaryRequest.open().run()
        let printed = try cli(arguments + ["--summary"])
        XCTAssertEqual(try csv(columns: summary.columns, records: summary.records), printed.stdout)
        XCTAssertTrue(printed.stderr.contains("a cube of 25 locations × 12 windows: \(summary.hot) hot and \(summary.cold) cold patterns"), printed.stderr)

        // By hand: the 40 extra incidents fall in the EASE-Grid 2.0 10 km cell of (36.4°N, 66.5°E), whose
        // December holds them and its own monthly one; that cell alone is new and hot, in one window.
        var p = [Coordinate(x: 66.5, y: 36.4)]
        _ = try Transformer(from: "EPSG:4326", to: "EPSG:6933").transform(&p)
        let cell = "G10km:\(Int((p[0].x / 10_000).rounded(.down))):\(Int((p[0].y / 10_000).rounded(.down)))"
        XCTAssertEqual(summary.locationRegions.count, 25)
        XCTAssertEqual(summary.cube?.steps, 12)
        XCTAssertEqual([summary.hot, summary.cold, summary.outside], [1, 0, 0])
        let hot = try XCTUnwrap(summary.locations.first { $0.pattern == .newHot })
        XCTAssertEqual(hot.region.id, cell)
        XCTAssertEqual([hot.hotWindows, hot.coldWindows], [1, 0])
        let december = try XCTUnwrap(bins.bins.first { $0.region.id == cell && $0.start.description == "2025-12-01" })
        XCTAssertEqual(december.value, 41)
        XCTAssertEqual(december.end.description, "2025-12-31")
        XCTAssertEqual(bins.bins.count, 25 * 12, "every location × every window, empty ones included")
    }

    func testHotspotsOnRegionsEqualTheCommandsFatalities() throws {
        let file = try writeNewCluster()
        let request = HotspotsRequest(input: query(file), places: .admin1, window: .month, distance: try Distance(parsing: "300km"), value: .fatalities)
        let answer = try request.open().run()
        let printed = try cli(["hotspots", file, "--regions", "admin1", "--window", "month", "--distance", "300km", "--value", "fatalities", "--format", "csv"])
        XCTAssertEqual(try csv(columns: answer.columns, records: answer.records), printed.stdout)
        XCTAssertEqual(answer.columns[3], "fatalities")
        // Every incident lies in an Afghan province: the cube holds all 300 × 1 + 40 × 2 fatalities.
        XCTAssertEqual(answer.outside, 0)
        XCTAssertEqual(answer.bins.reduce(0) { $0 + $1.value }, 380)
        XCTAssertTrue(answer.bins.allSatisfy { $0.region.country == "AFG" })
        XCTAssertEqual(answer.table.records.count, answer.locationRegions.count * 12)
    }

    func testHotspotsWithNothingToAnalyseAnswerWithoutACube() throws {
        // One incident in the Atlantic: outside every province, so no cube and no records (not even a header).
        let file = try write("event_id_cnty,event_date,latitude,longitude\nA,2025-01-01,0,-30\n", "sea.csv")
        let answer = try HotspotsRequest(input: query(file), distance: try Distance(parsing: "10km")).open().run()
        XCTAssertNil(answer.analysis)
        XCTAssertEqual(answer.outside, 1)
        XCTAssertTrue(answer.records.isEmpty)
        let printed = try cli(["hotspots", file, "--distance", "10km", "--format", "csv"])
        XCTAssertEqual(printed.stdout, "")
        XCTAssertTrue(printed.stderr.contains("read 1, rejected 0, unmatched 1; no incidents to analyse\n"), printed.stderr)
    }

    func testHotspotsRequestRefusesWhatTheCommandRefuses() throws {
        let base = HotspotsRequest(input: query("x.csv"), distance: try Distance(parsing: "10km"))
        func problem(_ change: (inout HotspotsRequest) -> Void) -> RequestProblem? {
            var request = base
            change(&request)
            do { try request.validate() } catch FrontierError.request(let p) { return p } catch { return nil }
            return nil
        }
        XCTAssertNil(problem { _ in })
        XCTAssertEqual(problem { $0.window = .all(span: nil) }, .windowSeriesNeeded)
        XCTAssertEqual(problem { $0.distance = Distance(metres: 0) }, .distanceNotPositive)
        XCTAssertEqual(problem { $0.timeLag = 101 }, .timeLag(101))
        XCTAssertEqual(problem { $0.alpha = 0.2 }, .significanceLevel(0.2))
        XCTAssertEqual(RequestProblem.timeLag(101).description, "a time lag is from 0 to 100 windows: 101")
    }

    // MARK: - Trends

    func testTrendsOnRegionsEqualTheCommandsAlertWorkedOutByHand() throws {
        // As HotspotsCLITests: as of 2026-03-31 in Kabul, 3 incidents in the last seven days, one in each
        // of the four weeks before (a surge: 3 ≥ 2 × 1), 1.5 a week over the latest four weeks against 0.5
        // over the 52 before them (rising).
        let asOf = CivilDateText.days("2026-03-31")
        var lines = ["event_id_cnty,event_date,latitude,longitude"]
        func add(_ day: Int, _ count: Int) { for _ in 0..<count { lines.append("K\(lines.count),\(CivilDateText.date(day)),34.53,69.17") } }
        add(asOf, 3)
        for k in 1...4 { add(asOf - 7 * k, 1) }
        for k in stride(from: 6, through: 54, by: 2) { add(asOf - 7 * k, 1) }
        // History from 400 days before (outside the 56 weeks looked at): the 12-month baseline, which reaches
        // back 391 days, lies within the data, so rising is told (issue 27, item 6).
        add(asOf - 400, 1)
        let file = try write(lines.joined(separator: "\n") + "\n", "kabul.csv")
        let answer = try TrendsRequest(input: query(file)).open().run()
        let printed = try cli(["trends", file, "--format", "csv"])
        XCTAssertEqual(try csv(columns: answer.columns, records: answer.records), printed.stdout)
        XCTAssertEqual(printed.stdout, "region_id,region_country,region_name,as_of,events_week,avg_4w,surge,events_month_weekly,avg_12m_weekly,rising,volatile_weeks\n"
                       + "AFG:Kabul,AFG,Kabul,2026-03-31,3,1,true,1.5,0.5,true,1\n")
        XCTAssertEqual(answer.asOf?.description, "2026-03-31")
        XCTAssertEqual([answer.surging, answer.rising, answer.rows.count], [1, 1, 1])
        XCTAssertTrue(printed.stderr.contains("as of 2026-03-31: 1 surging, 1 rising of 1 regions"), printed.stderr)

        // A stricter surge ratio, asked both ways.
        let strict = try TrendsRequest(input: query(file), thresholds: SurgeAlerts.Thresholds(surgeRatio: 4)).open().run()
        XCTAssertEqual(try csv(columns: strict.columns, records: strict.records), try cli(["trends", file, "--surge-ratio", "4", "--format", "csv"]).stdout)
        XCTAssertEqual([strict.surging, strict.rising], [0, 1])
    }

    func testTrendsOnPrioGridCellsEqualTheCommand() throws {
        let reported = HotspotsCLITests.reported
        let answer = try TrendsRequest(input: query(reported), places: try PlaceSource(argument: "priogrid")).open().run()
        let printed = try cli(["trends", reported, "--regions", "priogrid", "--format", "csv"])
        XCTAssertEqual(try csv(columns: answer.columns, records: answer.records), printed.stdout)
        // Khatlon's representative point lies in PRIO-GRID cell 184099 (worked out in HotspotsCLITests), with
        // incidents on 2025-11-26, 2026-01-18 and 2026-01-29, the data's last date. Weeks end on 01-29: the
        // latest holds 1 (01-29); the four before, 01-18 alone (avg_4w 0.25, below the minimum average: no
        // alert); the latest four weeks 2 (0.5 a week); the 52 before, 11-26 alone (1/52, 0.02), but they
        // begin 391 days before 01-29, before the data's first day: rising is unknown (issue 27, item 6). Of
        // the year's weeks three hold 1, more than the mean (3/52) plus two standard deviations (0.52), but
        // one event is not volatility: a volatile week needs 3 events by default.
        let row = try XCTUnwrap(answer.rows.first { answer.regions.regions[$0.region].id == "PG:184099" })
        XCTAssertEqual(answer.regions.regions[row.region].country, "TJK")
        XCTAssertEqual(answer.asOf?.description, "2026-01-29")
        XCTAssertEqual([row.eventsWeek, row.volatileWeeks], [1, 0])
        XCTAssertEqual([row.average4w, row.monthWeekly], [0.25, 0.5])
        XCTAssertEqual([row.surge, row.rising, row.surgeKnown, row.risingKnown], [false, false, true, false])
        XCTAssertEqual(row.average12mWeekly, 1.0 / 52)
        XCTAssertTrue(printed.stdout.contains("\nPG:184099,TJK,PG:184099,2026-01-29,1,0.25,false,0.5,0.02,,0\n"), printed.stdout)
    }

    func testTrendsRequestRefusesThresholdsOutOfRange() throws {
        func problem(_ thresholds: SurgeAlerts.Thresholds) -> RequestProblem? {
            do { try TrendsRequest(input: query("x.csv"), thresholds: thresholds).validate() } catch FrontierError.request(let p) { return p } catch { return nil }
            return nil
        }
        XCTAssertNil(problem(SurgeAlerts.Thresholds()))
        XCTAssertEqual(problem(SurgeAlerts.Thresholds(risingRatio: 2000)), .alertThreshold(.risingRatio, 2000))
        XCTAssertEqual(problem(SurgeAlerts.Thresholds(minimumAverage: -1)), .alertThreshold(.minimumAverage, -1))
        let printed = try FrontierBinary.run(["trends", HotspotsCLITests.reported, "--volatility-sd", "0"])
        XCTAssertEqual(printed.status, 64)
        XCTAssertTrue(printed.stderr.hasPrefix("Error: --volatility-sd must be a number above 0 and at most 1000 (got 0.0)\n"), printed.stderr)
    }
}
