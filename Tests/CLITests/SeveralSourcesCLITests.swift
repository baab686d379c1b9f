import Foundation
import XCTest
import Frontier

/// `aggregate A B` (issue 33, item 1) beside `AggregateRequest.open(sources:)`: an ACLED-layout file and a
/// UCDP-layout one counted together, each with its own layout and its own id check, compared by source.
final class SeveralSourcesCLITests: RequestParityCase {
    /// Three of the reported incidents again in UCDP's layout, and a fourth clash (ids 1 to 4; the ACLED
    /// file's are REPORTED-001…). Counted by hand: November 2025, Khatlon 1 (3 dead) and Gorno-Badakhshan
    /// 1 (2) in each source; January 2026, Khatlon 2 (7) reported and 2 (4 + 1) in UCDP's.
    static let ucdpText = """
        id,date_start,date_end,latitude,longitude,best,type_of_violence,where_prec,country,adm_1
        1,2025-11-26,2025-11-26,37.844177,69.180368,3,1,4,Tajikistan,Khatlon
        2,2025-11-29,2025-11-30,38.087329,73.055355,2,3,4,Tajikistan,Gorno-Badakhshan
        3,2026-01-19,2026-01-19,37.844177,69.150368,4,1,4,Tajikistan,Khatlon
        4,2026-01-22,2026-01-22,37.844177,69.150368,1,1,4,Tajikistan,Khatlon

        """

    private func ucdp() throws -> String { try write(Self.ucdpText, "ucdp.csv") }

    func testTwoLayoutsCountedTogetherAndBySource() throws {
        let other = try ucdp()
        let r = try cli(["aggregate", MatchCLITests.reported, other, "--window", "month", "--split", "source",
                         "--source-name", "reported", "--source-name", "ucdp", "--format", "csv"])
        XCTAssertEqual(r.stdout, """
            region_id,region_country,region_name,window_start,window_end,events,fatalities,source
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-11-01,2025-11-30,1,2,reported
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-11-01,2025-11-30,1,2,ucdp
            TJK:Khatlon,TJK,Khatlon,2025-11-01,2025-11-30,1,3,reported
            TJK:Khatlon,TJK,Khatlon,2025-11-01,2025-11-30,1,3,ucdp
            TJK:Khatlon,TJK,Khatlon,2026-01-01,2026-01-31,2,7,reported
            TJK:Khatlon,TJK,Khatlon,2026-01-01,2026-01-31,2,5,ucdp

            """)
        XCTAssertTrue(r.stderr.contains("notice: \(other) has UCDP GED's columns"), r.stderr)
        XCTAssertTrue(r.stderr.contains("reported: read 4, rejected 0, unmatched 0"), r.stderr)
        XCTAssertTrue(r.stderr.contains("ucdp: read 4, rejected 0, unmatched 0"), r.stderr)
        XCTAssertTrue(r.stderr.contains("counted 8 incidents of 2 inputs in 6 rows"), r.stderr)

        let request = AggregateRequest(input: query(MatchCLITests.reported), window: try TimeWindow(parsing: "month"), split: "source")
        let counting = try request.open(sources: [NamedInput(name: "reported", query: query(MatchCLITests.reported)),
                                                  NamedInput(name: "ucdp", query: query(other))])
        let (answer, summaries) = try counting.run()
        XCTAssertEqual(try csv(answer.table), r.stdout)
        XCTAssertEqual(summaries.map(\.read), [4, 4])
        // Without the split, one count per region and month: the two sources added.
        let together = try cli(["aggregate", MatchCLITests.reported, other, "--window", "month", "--format", "csv"])
        XCTAssertTrue(together.stdout.contains("TJK:Khatlon,TJK,Khatlon,2026-01-01,2026-01-31,4,12\n"), together.stdout)
    }

    /// An id is unique within its source: `1` in both files is two incidents; twice in one file, a duplicate.
    func testIdsAreUniquePerSource() throws {
        let a = try write("event_id_cnty,event_date,latitude,longitude\n1,2025-12-01,37.84,69.15\n", "a.csv")
        let b = try write("event_id_cnty,event_date,latitude,longitude\n1,2025-12-02,37.84,69.15\n1,2025-12-03,37.84,69.15\n", "b.csv")
        let r = try run(["aggregate", a, b, "--window", "all", "--format", "csv"], 0)
        XCTAssertTrue(r.stderr.contains("a.csv: read 1, rejected 0"), r.stderr)
        XCTAssertTrue(r.stderr.contains("b.csv: read 2, rejected 1"), r.stderr)
        XCTAssertTrue(r.stdout.contains(",2,0"), r.stdout)
        try run(["aggregate", a, b, "--window", "all", "--strict"], 65)
    }

    func testWhatSeveralInputsCannotDoIsSaid() throws {
        let a = try write("event_id_cnty,event_date,latitude,longitude\n1,2025-12-01,37.84,69.15\n", "a.csv")
        try run(["aggregate", a, a, "--window", "all"], 1, says: "a.csv': give each its own name")
        try run(["aggregate", a, a, "--window", "all", "--rejects", path("r.csv")], 64, says: "--rejects and --mismatches write one input's rows")
        try run(["aggregate", a, a, "--window", "all", "--source-name", "x"], 64, says: "--source-name is given 1 times for 2 inputs")
        try run(["aggregate", a, "--window", "all", "--source-name", "x"], 64, says: "--source-name names each of several inputs")
    }

    /// Counted once: the three reported incidents UCDP's file also holds (703 with 6 dead here, where the
    /// report says 4) count as the reports', the fourth clash (704) on its own. January in Khatlon: 3 events;
    /// fatalities 6 + 3 + 1 with the higher (the default) or UCDP's, 4 + 3 + 1 with the lower or the reports'.
    func testDedupeCountsEachEventBothReportOnce() throws {
        let other = try write(try String(contentsOfFile: try ucdp(), encoding: .utf8)
            .replacingOccurrences(of: "3,2026-01-19,2026-01-19,37.844177,69.150368,4,", with: "3,2026-01-19,2026-01-19,37.844177,69.150368,6,"), "ucdp6.csv")
        for (which, dead) in [("max", 10), ("b", 10), ("min", 8), ("a", 8)] {
            let r = try cli(["aggregate", MatchCLITests.reported, other, "--window", "month", "--dedupe", "10km,1d",
                             "--dedupe-fatalities", which, "--format", "csv"])
            XCTAssertEqual(r.stdout, """
                region_id,region_country,region_name,window_start,window_end,events,fatalities
                TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-11-01,2025-11-30,1,2
                TJK:Khatlon,TJK,Khatlon,2025-11-01,2025-11-30,1,3
                TJK:Khatlon,TJK,Khatlon,2026-01-01,2026-01-31,3,\(dead)

                """, which)
            XCTAssertTrue(r.stderr.contains("counted 5 incidents of 2 inputs in 3 rows; 3 events both report counted once"), r.stderr)
        }
        let a = MatchCLITests.reported
        let request = AggregateRequest(input: query(a), window: try TimeWindow(parsing: "month"))
        let counting = try request.open(sources: [NamedInput(name: "reported", query: query(a)), NamedInput(name: "ucdp", query: query(other))],
                                        dedupe: Dedupe(within: Distance(metres: 10_000), days: 1))
        XCTAssertEqual(try counting.run().answer.counted, 5)
        XCTAssertEqual(counting.deduplicated, 3)
        // At the zone's edge: REPORTED-001 lies 43.51 km from AFG-TJK, UCDP's report of it 41.58 km. Within
        // 42 km only UCDP's is in the zone, and it counts (the pair's first report was not counted).
        let edge = try cli(["aggregate", MatchCLITests.reported, other, "--window", "month", "--dedupe", "10km,1d",
                            "--near", "AFG-TJK", "--within", "42km", "--format", "csv"])
        XCTAssertEqual(edge.stdout, """
            region_id,region_country,region_name,window_start,window_end,events,fatalities
            TJK:Khatlon,TJK,Khatlon,2025-11-01,2025-11-30,1,3

            """)
        XCTAssertTrue(edge.stderr.contains("counted 1 incidents of 2 inputs in 1 rows; 0 events both report counted once"), edge.stderr)
        let noID = try write("event_date,latitude,longitude\n2025-11-26,37.844177,69.180368\n", "noid.csv")
        try run(["aggregate", a, noID, "--window", "all", "--dedupe", "10km,1d"], 1, says: "has no event id column: its reports cannot be paired")
        try run(["aggregate", a, "-", "--window", "all", "--dedupe", "10km,1d"], 64, says: "--dedupe reads each input twice")
        try run(["aggregate", a, "--window", "all", "--dedupe", "10km,1d"], 64, says: "--dedupe pairs the events of two inputs: give exactly two (got 1)")
        try run(["aggregate", a, other, "--window", "all", "--dedupe", "10km"], 64, says: "--dedupe takes a distance above 0 and 0 to 366 days")
        try run(["aggregate", a, other, "--window", "all", "--dedupe-fatalities", "max"], 64, says: "--dedupe-fatalities goes with --dedupe")
    }

    /// On 20,000 synthetic incidents and their UCDP view, the deduplicated total against the known distinct
    /// events (all of A, and B's rows that are no twin): every pair `match` finds is counted once, so the total
    /// is A + B − pairs, and it misses the distinct count by the pairs that are wrong less the twins missed
    /// (127 − 61 = 66 of 23,175, 0.3%).
    func testDedupeOnASyntheticTwinCountsEachPairMatchFindsOnce() throws {
        let a = path("a.csv"), b = path("b.csv")
        _ = try cli(["synth", "--count", "20000", "--seed", "42", "--out", a])
        _ = try cli(["synth", "--twin", "ucdp", "--of", a, "--seed", "7", "--out", b])
        let rows = records(try String(contentsOfFile: b, encoding: .utf8))
        let truth = Dictionary(uniqueKeysWithValues: rows.map { ($0["id"] ?? "", $0["twin_of"] ?? "") })
        let twins = truth.values.filter { !$0.isEmpty }.count
        let r = try cli(["aggregate", a, b, "--window", "all", "--dedupe", "10km,1d", "--include-unmatched", "--format", "csv"])
        let counted = records(r.stdout).reduce(0) { $0 + (Int($1["events"] ?? "") ?? 0) }
        let pairs = records(try cli(["match", a, b, "--format", "csv"]).stdout)
        let wrong = pairs.filter { truth[$0["b_id"] ?? ""] != $0["a_id"] }.count
        XCTAssertEqual(twins, 9_898)
        XCTAssertEqual(counted, 20_000 + rows.count - pairs.count, "each pair counted once")
        XCTAssertEqual(counted, 23_175 - (wrong - (twins - (pairs.count - wrong))), "the distinct events, less the wrong pairs, plus the twins missed")
        XCTAssertEqual(counted, 23_109)
    }
}

/// `join A B` (issue 33, item 1) beside `JoinRequest.open(sources:)`: one stream of both inputs' rows, the
/// union of their columns, then `source` and the region columns.
final class JoinSourcesCLITests: RequestParityCase {
    func testTwoLayoutsJoinIntoOneStreamWithTheirSource() throws {
        let other = try write("""
            id,date_start,date_end,latitude,longitude,best,type_of_violence,where_prec,country,adm_1
            701,2025-11-26,2025-11-26,37.844177,69.180368,3,1,4,Tajikistan,Khatlon
            702,2025-11-29,2025-11-30,38.087329,73.055355,2,3,4,Tajikistan,Gorno-Badakhshan

            """, "ucdp.csv")
        let args = ["join", MatchCLITests.reported, other, "--columns", "event_id_cnty,id,event_date,date_start", "--source-name", "reported",
                    "--source-name", "ucdp", "--format", "csv"]
        let r = try cli(args)
        XCTAssertEqual(r.stdout, """
            event_id_cnty,id,event_date,date_start,source,region_id,region_country,region_name
            REPORTED-001,,2025-11-26,,reported,TJK:Khatlon,TJK,Khatlon
            REPORTED-002,,2025-11-30,,reported,TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan
            REPORTED-003,,2026-01-18,,reported,TJK:Khatlon,TJK,Khatlon
            REPORTED-004,,2026-01-29,,reported,TJK:Khatlon,TJK,Khatlon
            ,701,,2025-11-26,ucdp,TJK:Khatlon,TJK,Khatlon
            ,702,,2025-11-29,ucdp,TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan

            """)
        XCTAssertTrue(r.stderr.contains("read 2 inputs: 6 rows written"), r.stderr)
        let request = JoinRequest(input: query(MatchCLITests.reported), columns: ["event_id_cnty", "id", "event_date", "date_start"])
        let joining = try request.open(sources: [NamedInput(name: "reported", query: query(MatchCLITests.reported)),
                                                 NamedInput(name: "ucdp", query: query(other))])
        var rows: [Record] = []
        _ = try joining.run { rows.append(Record(values: $0.values)) }
        XCTAssertEqual(try csv(RecordTable(columns: joining.columns.names, records: rows)), r.stdout)
        // Every column: the reports' own source column gives way to the input's name, with a notice.
        let all = try cli(["join", MatchCLITests.reported, other, "--format", "csv"])
        XCTAssertTrue(all.stderr.contains("notice: an input's own source column is replaced by the input's name"), all.stderr)
        XCTAssertEqual(all.stdout.split(separator: "\n").first?.split(separator: ",").filter { $0 == "source" }.count, 1)
        try run(["join", MatchCLITests.reported, other, "--columns", "nothere"], 1, says: "no column 'nothere'")
    }

    /// `near A B`: both inputs' incidents within 75 km of AFG-TJK, with their source; attribution per input
    /// (UCDP's rows here name no actor, and say so).
    func testNearReadsSeveralInputsWithTheirSource() throws {
        let other = try write("""
            id,date_start,date_end,latitude,longitude,best,type_of_violence,where_prec,country,adm_1
            701,2025-11-26,2025-11-26,37.844177,69.180368,3,1,4,Tajikistan,Khatlon

            """, "ucdp.csv")
        let r = try cli(["near", MatchCLITests.reported, other, "--border", "AFG-TJK", "--within", "75km", "--attribution",
                         "--columns", "event_id_cnty,id", "--format", "csv"])
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "event_id_cnty,id,source,region_id,region_country,region_name,distance_km,side,actor_country,cross_border")
        XCTAssertEqual(lines[1...4].map { $0.hasSuffix(",TJK,AFG,true") }, [true, true, true, true])
        XCTAssertEqual(lines.last, ",701,ucdp.csv,TJK:Khatlon,TJK,Khatlon,41.5844,TJK,,false")
        XCTAssertTrue(r.stderr.contains("notice: \(other) has no actor column"), r.stderr)
        XCTAssertTrue(r.stderr.contains("read 2 inputs: returned 5 incidents within the zone"), r.stderr)
        var request = NearRequest(input: query(MatchCLITests.reported), target: .border("AFG-TJK"), within: [Distance(metres: 75_000)],
                                  columns: ["event_id_cnty", "id"])
        request.attribution = true
        let near = try request.open(sources: [NamedInput(name: "incidents-reported.csv", query: query(MatchCLITests.reported)),
                                              NamedInput(name: "ucdp.csv", query: query(other))])
        var rows: [Record] = []
        _ = try near.run { rows.append(Record(values: $0.values)) }
        XCTAssertEqual(try csv(RecordTable(columns: near.columns.names, records: rows)), r.stdout)
    }

    /// trends and hotspots over two halves of a file answer as over the whole file: the parts add up.
    func testTrendsAndHotspotsOverTwoHalvesEqualTheWhole() throws {
        let whole = try String(contentsOfFile: MatchCLITests.reported, encoding: .utf8)
        let lines = whole.split(separator: "\n", omittingEmptySubsequences: false)
        let header = String(lines[0])
        let rows = lines.dropFirst().filter { !$0.isEmpty }
        let first = try write(([header] + rows.prefix(2).map(String.init)).joined(separator: "\n") + "\n", "first.csv")
        let second = try write(([header] + rows.dropFirst(2).map(String.init)).joined(separator: "\n") + "\n", "second.csv")
        for question in [["trends", "--as-of", "2026-01-31"], ["hotspots", "--regions", "grid:50km", "--distance", "60km", "--window", "week"]] {
            let together = try cli([question[0], first, second] + question.dropFirst() + ["--format", "csv"])
            let alone = try cli([question[0], MatchCLITests.reported] + question.dropFirst() + ["--format", "csv"])
            XCTAssertEqual(together.stdout, alone.stdout, question[0])
            XCTAssertTrue(together.stderr.contains("first.csv: read 2, rejected 0"), together.stderr)
            XCTAssertTrue(together.stderr.contains("read 2 inputs; "), together.stderr)
        }
        let request = TrendsRequest(input: query(MatchCLITests.reported), asOf: try CivilDate.parse("2026-01-31").get())
        let (answer, summaries) = try request.open(sources: [NamedInput(name: "first", query: query(first)),
                                                             NamedInput(name: "second", query: query(second))]).run()
        XCTAssertEqual(summaries.map(\.read), [2, 2])
        XCTAssertEqual(try csv(answer.table), try cli(["trends", MatchCLITests.reported, "--as-of", "2026-01-31", "--format", "csv"]).stdout)
    }
}
