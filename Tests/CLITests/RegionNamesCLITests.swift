import Foundation
import XCTest
import Frontier

/// A region name that is also part of another region's name ("Badakhshan": AFG:Badakhshan, and a word of
/// TJK:Gorno-Badakhshan) is read as the one it equals, with a notice naming the other; a name that is only
/// part of several is an error listing them (issue 27, item 4). The command line and the request API agree.
final class RegionNamesCLITests: RequestParityCase {
    private static let reported = NearCLITests.reported
    private let badakhshanNotice = "notice: 'Badakhshan' is read as AFG:Badakhshan; it is also part of the name of "
        + "TJK:Gorno-Badakhshan: give the id to mean that region"

    func testRegionBadakhshanNamesGornoBadakhshanInANotice() throws {
        let r = try cli(["aggregate", Self.reported, "--window", "month", "--region", "Badakhshan"])
        XCTAssertTrue(r.stderr.contains(badakhshanNotice), r.stderr)
        XCTAssertEqual(r.stdout, "region_id,region_country,region_name,window_start,window_end,events,fatalities\n",
                       "none of the four reported incidents is in Afghan Badakhshan")
        let gbao = try cli(["aggregate", Self.reported, "--window", "month", "--region", "TJK:Gorno-Badakhshan"])
        XCTAssertFalse(gbao.stderr.contains("notice:"), gbao.stderr)
        XCTAssertEqual(gbao.stdout.split(separator: "\n").dropFirst().map(String.init),
                       ["TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,2025-11-01,2025-11-30,1,2"])
        let near = try cli(["near", Self.reported, "--region", "Badakhshan", "--within", "5km"])
        XCTAssertTrue(near.stderr.contains(badakhshanNotice), near.stderr)
    }

    func testRegionBadakhIsAmbiguous() throws {
        for args in [["aggregate", Self.reported, "--window", "month", "--region", "Badakh"],
                     ["near", Self.reported, "--region", "Badakh", "--within", "5km"],
                     ["buffer", "--region", "Badakh", "--within", "5km"]] {
            let r = try FrontierBinary.run(args)
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertEqual(r.stdout, "")
            XCTAssertTrue(r.stderr.contains("'Badakh' names several regions: AFG:Badakhshan, TJK:Gorno-Badakhshan; use the region id"), r.stderr)
        }
    }

    func testAggregateRequestForBadakhshanNoticesGornoBadakhshan() throws {
        var request = AggregateRequest(input: query(Self.reported), window: try TimeWindow(parsing: "month"))
        request.chosen = ["Badakhshan"]
        let scan = try request.open()
        XCTAssertEqual(scan.notices, [.alsoPartOf(name: "Badakhshan", id: "AFG:Badakhshan", others: ["TJK:Gorno-Badakhshan"])])
        XCTAssertEqual(try scan.run(ScanEvents()).rows.count, 0)
        request.chosen = ["Badakh"]
        XCTAssertThrowsError(try request.open()) { error in
            guard case FrontierError.ambiguousRegion(let name, let ids) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "Badakh")
            XCTAssertEqual(ids, ["AFG:Badakhshan", "TJK:Gorno-Badakhshan"])
        }
    }

    func testBufferRequestForBadakhshanNoticesGornoBadakhshan() throws {
        let answer = try BufferRequest(target: .region("Badakhshan"), within: Distance(parsing: "5km")).answer()
        XCTAssertEqual(answer.name, "AFG:Badakhshan")
        XCTAssertEqual(answer.notices, [.alsoPartOf(name: "Badakhshan", id: "AFG:Badakhshan", others: ["TJK:Gorno-Badakhshan"])])
    }
}
