import Foundation
import Frontier
import Geo
import XCTest

/// Issue 27, item 14, asked in this process: `HotspotsRequest` and `TrendsRequest` with `near` (a
/// `NearBorder`, as `AggregateRequest` takes it) and `chosen` regions answer what `frontier hotspots` and
/// `frontier trends` print for `--near/--within/--side/--region`, byte for byte, and `HotspotsAnswer.features`
/// is what `--format geojson` writes. Hand-checked values: HotspotsTrendsNearCLITests (pyproj's distances
/// from the new-cluster points to AFG-TJK: twelve within 140 km, three within 100 km).
final class HotspotsTrendsNearParityTests: RequestParityCase {
    /// The records as the command line streams them, through the CSV row writer.
    private func csv(columns: [String], records: some Sequence<Record>) throws -> String {
        try csv(RecordTable(columns: columns, records: Array(records)))
    }

    private func near(_ within: String, side: SideChoice = .borderCountries) throws -> NearBorder {
        NearBorder(border: "AFG-TJK", within: [try Distance(parsing: within)], sides: side)
    }

    func testClusterHotspotsNearAFGTJKInProcessEqualsTheCommand() throws {
        let file = try writeNewCluster()
        let grid = try PlaceSource(argument: "grid:10km")
        var request = HotspotsRequest(input: query(file), places: grid, window: .month, distance: try Distance(parsing: "15km"), timeLag: 0,
                                      rows: .summary, near: try near("140km"))
        let answer = try request.open().run()
        let flags = ["--near", "AFG-TJK", "--within", "140km", "--regions", "grid:10km", "--distance", "15km", "--time-lag", "0"]
        XCTAssertEqual(try csv(columns: answer.columns, records: answer.records), try cli(["hotspots", file, "--summary", "--format", "csv"] + flags).stdout)
        XCTAssertEqual(answer.locationRegions.count, 12)
        XCTAssertEqual(answer.bins.reduce(0) { $0 + $1.value }, 12 * 12 + 40, "twelve points' monthly incidents and the cluster's 40")
        XCTAssertEqual([answer.hot, answer.cold, answer.outside], [1, 0, 0])

        // GeoJSON: one feature per location with its cell's polygon, byte for byte what the command writes.
        XCTAssertEqual(try RowStreamWriter.text(answer.features(), format: .geojson), try cli(["hotspots", file, "--format", "geojson"] + flags).stdout)
        let features = try answer.features()
        XCTAssertEqual(features.records.count, 12)
        XCTAssertEqual(try features.records.map { try XCTUnwrap($0.geometry).envelope() }, try answer.locations.map { try $0.region.geometry.envelope() })

        request.rows = .bins
        request.near = try near("100km")
        let bins = try request.open().run()
        XCTAssertEqual(try csv(columns: bins.columns, records: bins.records),
                       try cli(["hotspots", file, "--format", "csv", "--near", "AFG-TJK", "--within", "100km", "--regions", "grid:10km",
                                "--distance", "15km", "--time-lag", "0"]).stdout)
        XCTAssertEqual(bins.locationRegions.count, 3)
        XCTAssertEqual(bins.bins.reduce(0) { $0 + $1.value }, 36)

        request.near = try near("140km", side: .country("TJK"))
        XCTAssertNil(try request.open().run().analysis, "every point lies in Afghanistan")
    }

    func testClusterHotspotsAndTrendsInChosenRegionsInProcessEqualTheCommand() throws {
        let file = try writeNewCluster()
        let chosen = ["Balkh", "Sari Pul"]
        let hotspots = try HotspotsRequest(input: query(file), distance: try Distance(parsing: "100km"), chosen: chosen).open().run()
        XCTAssertEqual(try csv(columns: hotspots.columns, records: hotspots.records),
                       try cli(["hotspots", file, "--distance", "100km", "--region", "Balkh", "--region", "Sari Pul", "--format", "csv"]).stdout)
        var totals: [String: Int64] = [:]
        for bin in hotspots.bins { totals[bin.region.id, default: 0] += bin.value }
        XCTAssertEqual(totals, ["AFG:Balkh": 120, "AFG:Sari Pul": 148])

        let trends = try TrendsRequest(input: query(file), chosen: chosen).open().run()
        XCTAssertEqual(try csv(columns: trends.columns, records: trends.records),
                       try cli(["trends", file, "--region", "Balkh", "--region", "Sari Pul", "--format", "csv"]).stdout)
        XCTAssertEqual(trends.rows.map { trends.regions.regions[$0.region].id }, ["AFG:Balkh", "AFG:Sari Pul"])
    }

    func testIncidentsReportedTrendsNearAFGTJKInProcessEqualsTheCommand() throws {
        let reported = FillNearBorderCLITests.reported
        let answer = try TrendsRequest(input: query(reported), near: try near("50km")).open().run()
        XCTAssertEqual(try csv(columns: answer.columns, records: answer.records),
                       try cli(["trends", reported, "--near", "AFG-TJK", "--within", "50km", "--format", "csv"]).stdout)
        // Khatlon's three incidents (11-26, 01-18, 01-29); Gorno-Badakhshan's lies beyond 50 km.
        XCTAssertEqual(answer.rows.map { answer.regions.regions[$0.region].id }, ["TJK:Khatlon"])
        XCTAssertEqual(answer.rows.first?.eventsWeek, 1)
        XCTAssertEqual(answer.asOf?.description, "2026-01-29")
        XCTAssertEqual(answer.summary.kept, 3)

        let scan = try TrendsRequest(input: query(reported), near: try near("50km"), chosen: ["Hirat"]).open()
        XCTAssertEqual(scan.notices, [.chosenBeyondZone(ids: ["AFG:Hirat"], zone: "AFG-TJK", within: try Distance(parsing: "50km"))])
    }
}
