import Foundation
import XCTest
import Frontier

/// Issue 27, item 1, asked in this process: an `AggregateRequest` near AFG-TJK with `fill` lists the regions
/// the zone reaches on the sides kept, and its table is what `frontier aggregate` prints for the same flags,
/// byte for byte (the province sets: FillNearBorderCLITests, worked out with GeoPandas and pyproj).
final class FillNearBorderParityTests: RequestParityCase {
    private func request(_ near: NearBorder, chosen: [String] = []) throws -> AggregateRequest {
        AggregateRequest(input: query(FillNearBorderCLITests.reported), chosen: chosen, window: try TimeWindow(parsing: "month"), fill: true, near: near)
    }

    /// The answer's region ids, each once, in order.
    private func regions(_ answer: AggregateAnswer) -> [String] {
        var seen: [String] = []
        for row in answer.rows { if let r = row.region, seen.last != answer.regions.regions[r].id { seen.append(answer.regions.regions[r].id) } }
        return seen
    }

    func testIncidentsReportedNearAFGTJKWithin50kmFilledInProcessEqualsTheCommand() throws {
        let within = [try Distance(parsing: "50km")]
        for (sides, flags, expected) in [
            (SideChoice.borderCountries, [String](), ["AFG:Badakhshan", "AFG:Baghlan", "AFG:Balkh", "AFG:Kunduz", "AFG:Nuristan", "AFG:Samangan",
                                                       "AFG:Takhar", "TJK:Districts of Republican Subordination", "TJK:Gorno-Badakhshan", "TJK:Khatlon"]),
            (.country("TJK"), ["--side", "TJK"], ["TJK:Districts of Republican Subordination", "TJK:Gorno-Badakhshan", "TJK:Khatlon"]),
        ] {
            let answer = try request(NearBorder(border: "AFG-TJK", within: within, sides: sides)).open().run()
            let printed = try cli(["aggregate", FillNearBorderCLITests.reported, "--window", "month", "--near", "AFG-TJK", "--within", "50km", "--fill",
                                   "--format", "csv"] + flags)
            XCTAssertEqual(try csv(answer.table), printed.stdout, flags.joined(separator: " "))
            XCTAssertEqual(regions(answer), expected)
            XCTAssertEqual(answer.rows.count, expected.count * 3, "three months each")
            XCTAssertEqual(answer.counted, 3)
            XCTAssertEqual(answer.rows.reduce(0) { $0 + $1.counts.fatalities }, 10, "Khatlon's 3 + 7")
        }
    }

    func testAChosenRegionTheZoneDoesNotReachIsNamedInANotice() throws {
        let near = NearBorder(border: "AFG-TJK", within: [try Distance(parsing: "50km")])
        let scan = try request(near, chosen: ["Hirat", "TJK:Khatlon"]).open()
        // "Hirat" is the region's own name: no notice that it was read as another.
        XCTAssertEqual(scan.notices, [.chosenBeyondZone(ids: ["AFG:Hirat"], zone: "AFG-TJK", within: try Distance(parsing: "50km"))])
        XCTAssertEqual(regions(try scan.run()), ["TJK:Khatlon"])
    }
}
