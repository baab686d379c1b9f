import Foundation
import XCTest
import Frontier

/// `AggregateRequest` asked in this process answers with the table `frontier aggregate --format csv` prints
/// for the same flags, byte for byte, and hears the same rejected rows; the counts are also worked out by hand
/// from `RequestParityFixture`'s incidents.
final class AggregateRequestParityTests: RequestParityCase {
    private var input: String!
    private var takharEdge: Coordinate!
    private let header = "region_id,region_country,region_name,window_start,window_end,events,fatalities"

    override func setUpWithError() throws {
        try super.setUpWithError()
        takharEdge = try RequestParityFixture.takharEdge()
        input = try write(RequestParityFixture.incidents(takharEdge: takharEdge), "incidents.csv")
    }

    private func date(_ text: String) throws -> CivilDate {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return try XCTUnwrap(CivilDate(year: parts[0], month: parts[1], day: parts[2]), text)
    }

    private func request(_ path: String? = nil, window: String = "month", from: String? = nil, to: String? = nil) throws -> AggregateRequest {
        var query = query(path ?? input)
        query.filter = IncidentFilter(from: try from.map(date), to: try to.map(date))
        return AggregateRequest(input: query, window: try TimeWindow(parsing: window))
    }

    /// Runs `request` in this process and `frontier aggregate` with `flags`; asserts the CSV is the same.
    /// - Returns: the answer, the scan's notices, the rejections heard, and the command's result.
    private func both(_ request: AggregateRequest, _ flags: [String], file: StaticString = #filePath, line: UInt = #line) throws
        -> (answer: AggregateAnswer, notices: [RequestNotice], rejections: [Rejection], columns: [String], cli: FrontierBinary.Result) {
        var rejections: [Rejection] = []
        let scan = try request.open()
        let answer = try scan.run(ScanEvents(onReject: { rejections.append($0) }))
        let r = try cli(["aggregate", request.input.path] + flags + ["--format", "csv"], file: file, line: line)
        XCTAssertEqual(try csv(answer.table), r.stdout, "aggregate \(flags.joined(separator: " "))", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(summaryLine(answer)), "\(summaryLine(answer)) in \(r.stderr)", file: file, line: line)
        return (answer, scan.notices, rejections, scan.scan.columns, r)
    }

    /// The closing line the command prints, from the answer's own counts.
    private func summaryLine(_ answer: AggregateAnswer) -> String {
        let s = answer.summary
        let before = answer.countedBefore.map { " (and \($0) in the window before, to compare)" } ?? ""
        return "read \(s.read), rejected \(s.rejected), unmatched \(s.unmatched); counted \(answer.counted) incidents\(before) in \(answer.rows.count) rows"
    }

    private func partial(_ answer: AggregateAnswer) -> [String] {
        answer.partialWindows.map { "\($0.start)..\($0.end)" }
    }

    // MARK: - the fixture

    /// Five bad rows, heard in-process as the command reports them (stderr and --rejects, byte for byte), and
    /// two points on shared edges: Badakhshan/Takhar and Badakhshan/Gorno-Badakhshan, both Badakhshan's.
    func testBadRowsAndPointsOnSharedEdges() throws {
        try RequestParityFixture.checkBorderVertex()
        let rejects = path("rejects.csv")
        let (answer, notices, rejections, columns, r) = try both(request(), ["--window", "month", "--rejects", rejects])
        XCTAssertEqual(try csv(answer.table), """
            \(header)
            AFG:Badakhshan,AFG,Badakhshan,2025-11-01,2025-11-30,2,2
            AFG:Badakhshan,AFG,Badakhshan,2025-12-01,2025-12-31,2,5
            AFG:Kabul,AFG,Kabul,2026-01-01,2026-01-31,1,3
            TJK:Dushanbe,TJK,Dushanbe,2025-12-01,2025-12-31,1,1
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2026-01-01,2026-01-31,1,4

            """, "T1 (Takhar's edge) and L1 (the border's vertex) are Badakhshan's December; O1 lies outside every region")
        XCTAssertEqual(notices, [])
        // 13 rows after the header: 5 rejected, 8 kept, of which O1 is outside every region.
        XCTAssertEqual([answer.summary.read, answer.summary.rejected, answer.summary.kept, answer.summary.unmatched, answer.counted], [13, 5, 8, 1, 8])
        XCTAssertEqual(answer.summary.rejectedByKind.values.reduce(0, +), 5)
        XCTAssertEqual(rejections.map(\.line), RequestParityFixture.rejections.map(\.line))
        XCTAssertEqual(rejections.map(\.field), RequestParityFixture.rejections.map(\.field))
        XCTAssertEqual(rejections.map(\.problem), RequestParityFixture.rejections.map(\.problem))
        XCTAssertEqual(rejections.last?.values, ["B5", "2025-11-28", "Battles"] + Array(repeating: "", count: 6), "a short row padded to the header")
        XCTAssertEqual(try rejectsFile(rejections, columns: columns), try String(contentsOfFile: rejects, encoding: .utf8))
        XCTAssertEqual(lines(r.stderr, startingWith: "rejected "), rejectedLines(rejections, input: input))
        XCTAssertEqual(r.stderr.components(separatedBy: "\n").last { $0.hasPrefix("read ") }, summaryLine(answer))
        // The data run from 2025-11-10 to 2026-01-25: November and January are counted in part.
        XCTAssertEqual(answer.summary.firstDay.map { CivilDate(daysSinceEpoch: $0).description }, "2025-11-10")
        XCTAssertEqual(answer.summary.lastDay.map { CivilDate(daysSinceEpoch: $0).description }, "2026-01-25")
        XCTAssertEqual(partial(answer), ["2025-11-01..2025-11-30", "2026-01-01..2026-01-31"])
        XCTAssertTrue(r.stderr.contains("partly covered: 2 windows (\(partial(answer).joined(separator: ", "))) counted over fewer days than they hold: "
                                        + "the data cover 2025-11-10..2026-01-25; --partial marks them"), r.stderr)
    }

    /// --from/--to in the middle of months: the first and last windows are partial, the partial column says so.
    func testPartialWindowsBetweenFromAndTo() throws {
        var request = try request(from: "2025-11-15", to: "2026-01-20")
        request.partialColumn = true
        let (answer, _, rejections, _, r) = try both(request, ["--window", "month", "--from", "2025-11-15", "--to", "2026-01-20", "--partial"])
        // F1 (11-10) and H1 (01-25) fall outside the dates.
        XCTAssertEqual(try csv(answer.table), """
            \(header),partial
            AFG:Badakhshan,AFG,Badakhshan,2025-11-01,2025-11-30,1,0,true
            AFG:Badakhshan,AFG,Badakhshan,2025-12-01,2025-12-31,2,5,false
            AFG:Kabul,AFG,Kabul,2026-01-01,2026-01-31,1,3,true
            TJK:Dushanbe,TJK,Dushanbe,2025-12-01,2025-12-31,1,1,false

            """)
        XCTAssertEqual(rejections.count, 5)
        XCTAssertEqual(answer.counted, 6)
        XCTAssertEqual(answer.coverage.map { CivilDate(daysSinceEpoch: $0.days.lowerBound).description }, "2025-11-15")
        XCTAssertEqual(answer.coverage.map { CivilDate(daysSinceEpoch: $0.days.upperBound).description }, "2026-01-20")
        XCTAssertEqual(partial(answer), ["2025-11-01..2025-11-30", "2026-01-01..2026-01-31"])
        XCTAssertTrue(r.stderr.contains("partly covered: 2 windows (2025-11-01..2025-11-30, 2026-01-01..2026-01-31) counted over fewer days "
                                        + "than they hold: the data or --from/--to cover 2025-11-15..2026-01-20\n"), r.stderr)
    }

    /// Comparing from a start date: December is read only to compare with January, the one window shown.
    func testComparedWithTheWindowBeforeTheStart() throws {
        var request = try request(from: "2026-01-01")
        request.comparesPrevious = true
        let (answer, _, _, _, r) = try both(request, ["--window", "month", "--from", "2026-01-01", "--compare", "previous"])
        // December: Badakhshan 2 (T1, L1; 5 dead), Dushanbe 1 (1 dead), O1 outside; January: Kabul K1, Khorog H1.
        XCTAssertEqual(try csv(answer.table), """
            \(header),partial,events_prev,fatalities_prev,change_pct,change,fatalities_change_pct
            AFG:Badakhshan,AFG,Badakhshan,2026-01-01,2026-01-31,0,0,true,2,5,-100,-2,-100
            AFG:Kabul,AFG,Kabul,2026-01-01,2026-01-31,1,3,true,0,0,new,1,new
            TJK:Dushanbe,TJK,Dushanbe,2026-01-01,2026-01-31,0,0,true,1,1,-100,-1,-100
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2026-01-01,2026-01-31,1,4,true,0,0,new,1,new

            """)
        XCTAssertEqual(answer.counted, 2)
        XCTAssertEqual(answer.countedBefore, 4, "D1, T1, L1 and O1 in December")
        XCTAssertTrue(r.stderr.contains("counted 2 incidents (and 4 in the window before, to compare) in 4 rows"), r.stderr)
        XCTAssertEqual(partial(answer), ["2026-01-01..2026-01-31"], "the data end on 2026-01-25")
    }

    /// Equal-area 50 km cells and PRIO-GRID cells, their ids worked out here from each point.
    func testGridCells() throws {
        let f = RequestParityFixture.self
        let kept: [(Coordinate, String, Int)] = [(f.fayzabad, "2025-11", 2), (f.fayzabad, "2025-11", 0), (f.dushanbe, "2025-12", 1),
                                                 (f.kabul, "2026-01", 3), (f.khorog, "2026-01", 4), (takharEdge, "2025-12", 5),
                                                 (f.borderVertex, "2025-12", 0), (f.outside, "2025-12", 1)]
        let ends = ["2025-11": "2025-11-30", "2025-12": "2025-12-31", "2026-01": "2026-01-31"]
        for (argument, cell) in [("grid:50km", f.easeCell50km), ("priogrid", f.prioGridCell)] {
            var request = try request()
            request.places = try PlaceSource(argument: argument)
            let (answer, _, _, _, _) = try both(request, ["--window", "month", "--regions", argument])
            var counts: [String: (events: Int, fatalities: Int)] = [:]
            for (c, month, dead) in kept { counts["\(cell(c)),\(month)", default: (0, 0)].events += 1; counts["\(cell(c)),\(month)"]!.fatalities += dead }
            let expected = counts.keys.sorted().map { key -> String in
                let (id, month) = (key.split(separator: ",")[0], String(key.split(separator: ",")[1]))
                return "\(id),\(month)-01,\(ends[month]!),\(counts[key]!.events),\(counts[key]!.fatalities)"
            }
            let got = try csv(answer.table).split(separator: "\n").dropFirst().map { line in
                let v = line.split(separator: ",", omittingEmptySubsequences: false)
                return ([v[0]] + v[3...6]).joined(separator: ",")
            }
            XCTAssertEqual(got, expected, argument)
            let country = Dictionary(answer.table.records.map { record -> (String, String) in
                guard case .string(let id) = record.values[0], case .string(let country) = record.values[1] else { return ("", "") }
                return (id, country)
            }) { a, _ in a }
            XCTAssertEqual(country[cell(f.kabul)], "AFG", argument)
            XCTAssertEqual(country[cell(f.dushanbe)], "TJK", argument)
            XCTAssertEqual(country[cell(f.outside)], "", "\(argument): a cell outside every country")
            XCTAssertEqual(answer.summary.unmatched, 0, "every point has a cell")
        }
        XCTAssertEqual(f.easeCell50km(f.fayzabad), "G50km:136:88", "x 6,810,001.66 m, y 4,418,315.37 m by cs2cs")
        XCTAssertEqual(f.prioGridCell(f.fayzabad), "PG:183382", "row 255, col 502")
    }

    /// Distance bands around AFG-TJK: L1 on the line and Khorog on the Panj are in the 10 km band, the rest
    /// are farther than 25 km (Fayzabad 59.5 km).
    func testBandsNearABorder() throws {
        var request = try request()
        let bands = try Distance.list(parsing: "10km,25km")
        request.near = NearBorder(border: "AFG-TJK", within: bands)
        let (answer, _, _, _, _) = try both(request, ["--window", "month", "--near", "AFG-TJK", "--within", "10km,25km"])
        XCTAssertEqual(try csv(answer.table), """
            \(header),band_km
            AFG:Badakhshan,AFG,Badakhshan,2025-12-01,2025-12-31,1,0,10
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2026-01-01,2026-01-31,1,4,10

            """)
        XCTAssertEqual(answer.bands, bands)
    }

    /// The same bands over synthetic incidents: each band's count is the number of incidents `NearRequest`
    /// measures in it (the nearest band holding the incident).
    func testBandsOverSyntheticIncidentsAgreeWithNear() throws {
        let synthetic = try synth(3000, seed: 7)
        try appendBadRows(to: synthetic)
        var request = try request(synthetic, window: "all")
        let bands = try Distance.list(parsing: "10km,25km")
        request.near = NearBorder(border: "AFG-TJK", within: bands)
        let (answer, _, rejections, _, _) = try both(request, ["--window", "all", "--near", "AFG-TJK", "--within", "10km,25km"])
        XCTAssertEqual(rejections.count, 3)
        var perBand: [Double: Int] = [:]
        for row in answer.rows { perBand[bands[row.band ?? 0].metres / 1000, default: 0] += row.counts.events }
        var measured: [Double: Int] = [:]
        let near = try NearRequest(input: query(synthetic), target: .border("AFG-TJK"), within: [bands[1]]).open()
        _ = try near.run { row in measured[row.distanceKm <= 10 ? 10 : 25, default: 0] += 1 }
        XCTAssertEqual(perBand, measured)
        XCTAssertGreaterThan(measured[10] ?? 0, 0)
        XCTAssertGreaterThan(measured[25] ?? 0, 0)
    }

    /// --split event_type: one row per type within each region and window.
    func testSplitByEventType() throws {
        var request = try request()
        request.split = "event_type"
        let (answer, _, _, _, _) = try both(request, ["--window", "month", "--split", "event_type"])
        XCTAssertEqual(try csv(answer.table), """
            \(header),event_type
            AFG:Badakhshan,AFG,Badakhshan,2025-11-01,2025-11-30,1,2,Battles
            AFG:Badakhshan,AFG,Badakhshan,2025-11-01,2025-11-30,1,0,Riots
            AFG:Badakhshan,AFG,Badakhshan,2025-12-01,2025-12-31,1,5,Battles
            AFG:Badakhshan,AFG,Badakhshan,2025-12-01,2025-12-31,1,0,Riots
            AFG:Kabul,AFG,Kabul,2026-01-01,2026-01-31,1,3,Protests
            TJK:Dushanbe,TJK,Dushanbe,2025-12-01,2025-12-31,1,1,Battles
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2026-01-01,2026-01-31,1,4,Battles

            """)
    }

    /// --fill with two regions, one named by its alias: every month of the data for each, zeros included.
    func testFilledSeriesOfChosenRegions() throws {
        var request = try request()
        request.chosen = ["Badakhshan", "GBAO"]
        request.fill = true
        let (answer, notices, _, _, r) = try both(request, ["--window", "month", "--region", "Badakhshan", "--region", "GBAO", "--fill"])
        XCTAssertEqual(try csv(answer.table), """
            \(header)
            AFG:Badakhshan,AFG,Badakhshan,2025-11-01,2025-11-30,2,2
            AFG:Badakhshan,AFG,Badakhshan,2025-12-01,2025-12-31,2,5
            AFG:Badakhshan,AFG,Badakhshan,2026-01-01,2026-01-31,0,0
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-11-01,2025-11-30,0,0
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-12-01,2025-12-31,0,0
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2026-01-01,2026-01-31,1,4

            """)
        XCTAssertEqual(notices, [.readAs(name: "GBAO", id: "TJK:Gorno-Badakhshan", regionName: "Gorno-Badakhshan")])
        XCTAssertEqual(lines(r.stderr, startingWith: "notice: "), ["notice: 'GBAO' is read as TJK:Gorno-Badakhshan (Gorno-Badakhshan)"])
        XCTAssertEqual(answer.counted, 5, "Badakhshan's F1, F2, T1, L1 and Khorog's H1")
    }

    // MARK: - synthetic incidents

    /// Synthetic incidents with three bad rows, asked several ways: the same table, the same rejections.
    func testSyntheticIncidentsSeveralWays() throws {
        let synthetic = try synth(3000, seed: 7)
        let bad = try appendBadRows(to: synthetic)
        let cases: [(flags: [String], change: (inout AggregateRequest) throws -> Void)] = [
            (["--window", "week"], { _ in }),
            (["--window", "month", "--split", "event_type", "--regions", "admin0"], { $0.split = "event_type"; $0.places = .regions(.admin0) }),
            (["--window", "quarter", "--regions", "grid:50km"], { $0.places = try PlaceSource(argument: "grid:50km") }),
            (["--window", "year", "--regions", "priogrid", "--include-unmatched"], { $0.places = try PlaceSource(argument: "priogrid"); $0.includeUnmatched = true }),
            (["--window", "year", "--compare", "previous", "--from", "2025-03-01", "--sort", "change", "--top", "10"], {
                $0.input.filter.from = CivilDate(year: 2025, month: 3, day: 1)
                $0.comparesPrevious = true
                $0.order = .change
                $0.top = 10
            }),
        ]
        for c in cases {
            var request = try request(synthetic, window: c.flags[1])
            try c.change(&request)
            let rejects = path("rejects.csv")
            let (answer, _, rejections, columns, _) = try both(request, c.flags + ["--rejects", rejects])
            XCTAssertEqual(rejections.map(\.line), bad.map(\.line), c.flags.joined(separator: " "))
            XCTAssertEqual(rejections.map(\.problem), bad.map(\.problem))
            XCTAssertEqual(try rejectsFile(rejections, columns: columns), try String(contentsOfFile: rejects, encoding: .utf8))
            XCTAssertEqual([answer.summary.read, answer.summary.rejected], [3003, 3])
        }
    }
}
