import Foundation
import XCTest
import Frontier

/// `near --attribution` beside `NearRequest.attribution`.
final class NearAttributionCLITests: RequestParityCase {
    /// The four reported incidents: drone and armed attacks in Tajikistan by "Unidentified Armed Group
    /// (Afghanistan)", two of them against the Tajik border troops: each launched from AFG.
    func testTheReportedIncidentsAreCrossBorderFromAfghanistan() throws {
        let args = ["near", MatchCLITests.reported, "--border", "AFG-TJK", "--within", "75km", "--attribution",
                    "--columns", "event_id_cnty,actor1", "--format", "csv"]
        let r = try cli(args)
        let rows = records(r.stdout)
        XCTAssertEqual(rows.map { $0["event_id_cnty"] ?? "" }, ["REPORTED-001", "REPORTED-002", "REPORTED-003", "REPORTED-004"])
        XCTAssertEqual(Set(rows.map { "\($0["side"] ?? "") \($0["actor_country"] ?? "") \($0["cross_border"] ?? "")" }), ["TJK AFG true"])
        var request = NearRequest(input: query(MatchCLITests.reported), target: .border("AFG-TJK"), within: [Distance(metres: 75_000)],
                                  columns: ["event_id_cnty", "actor1"])
        request.attribution = true
        let near = try request.open()
        var got: [(incident: Incident, appended: [PropertyValue])] = []
        _ = try near.run { got.append(($0.incident, $0.appended)) }
        XCTAssertEqual(try csv(table(near.columns, got)), r.stdout)
    }

    /// In Khatlon (Tajikistan): the Tajik troops' own side is TJK, and with no actor of another country no
    /// incident is cross-border;
    /// UCDP's gwnoa code is read before the side's name; an input without actors says so.
    func testOwnSideUCDPCodesAndNoActors() throws {
        let file = try write("""
            id,date_start,best,where_prec,latitude,longitude,side_a,side_b,gwnoa,gwnob
            1,2025-12-01,0,1,37.844177,69.150368,Border Troops of the State Committee for National Security of Tajikistan,Civilians,,
            2,2025-12-02,1,1,37.844177,69.150368,Government of Tajikistan,Taleban,702,
            3,2025-12-03,1,1,37.844177,69.150368,Some coalition,Taleban,700,

            """, "ucdp.csv")
        let r = try cli(["near", file, "--border", "AFG-TJK", "--within", "75km", "--attribution", "--columns", "id", "--format", "csv"])
        XCTAssertEqual(records(r.stdout).map { "\($0["id"] ?? "") \($0["actor_country"] ?? "") \($0["cross_border"] ?? "")" },
                       ["1 TJK false", "2 TJK false", "3 AFG true"])
        let bare = try write("event_id_cnty,event_date,latitude,longitude\nX1,2025-12-01,37.2,69.0\n", "bare.csv")
        let none = try cli(["near", bare, "--border", "AFG-TJK", "--within", "75km", "--attribution", "--format", "csv"])
        XCTAssertTrue(none.stderr.contains("notice: \(bare) has no actor column"), none.stderr)
        XCTAssertTrue(none.stdout.hasSuffix(",,false\n"), none.stdout)
    }

    /// Counted by whether an actor is from across the border: all four reported incidents are; without a
    /// border asked, an actor of any other country than the incident's is across.
    func testAggregateSplitsByCrossBorder() throws {
        let args = ["aggregate", MatchCLITests.reported, "--window", "all", "--split", "cross_border", "--format", "csv"]
        let near = try cli(args + ["--near", "AFG-TJK", "--within", "75km"])
        XCTAssertEqual(near.stdout, """
            region_id,region_country,region_name,window_start,window_end,events,fatalities,cross_border,partial
            TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-11-26,2026-01-29,1,2,true,false
            TJK:Khatlon,TJK,Khatlon,2025-11-26,2026-01-29,3,10,true,false

            """)
        XCTAssertEqual(try cli(args).stdout, near.stdout)
        let request = AggregateRequest(input: query(MatchCLITests.reported), window: try TimeWindow(parsing: "all"), split: "cross_border",
                                       near: NearBorder(border: "AFG-TJK", within: [Distance(metres: 75_000)]))
        XCTAssertEqual(try csv(request.open().run().table), near.stdout)
    }
}
