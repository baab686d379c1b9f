import Foundation
import XCTest

/// Issue 27, item 1: `aggregate --near AFG-TJK --within 50km --fill` wrote 426 rows, 105 of them Indian
/// states: every one of the (then) 142 provinces got a zero series. Filled near a border, only the regions the zone
/// reaches are listed (a point within the distance of the line), on the sides kept. The province sets were
/// worked out apart from Frontier with GeoPandas and pyproj on GeoData's polygons (ZoneReachTests): within
/// 50 km, AFG's Badakhshan, Baghlan (43.07 km), Balkh, Kunduz, Nuristan (41.88 km), Samangan (39.11 km) and
/// Takhar, TJK's Gorno-Badakhshan, Khatlon and the Districts of Republican Subordination (13.71 km); beyond the
/// two countries Xinjiang, Surkhandarya, Khyber Pakhtunkhwa (15.78 km) and Gilgit-Baltistan (19.99 km); the next, Batken, lies 99.37 km away.
final class FillNearBorderCLITests: FolderTestCase {
    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path
    private let near = ["aggregate", FillNearBorderCLITests.reported, "--window", "month", "--near", "AFG-TJK", "--within", "50km", "--fill", "--format", "csv"]
    private let afghanSide = ["AFG:Badakhshan", "AFG:Baghlan", "AFG:Balkh", "AFG:Kunduz", "AFG:Nuristan", "AFG:Samangan", "AFG:Takhar"]
    private let tajikSide = ["TJK:Districts of Republican Subordination", "TJK:Gorno-Badakhshan", "TJK:Khatlon"]

    /// The region ids of the rows, each once, in order.
    private func regions(_ stdout: String) -> [String] {
        var seen: [String] = []
        for row in records(stdout) where seen.last != row["region_id"] { seen.append(row["region_id"] ?? "") }
        return seen
    }

    func testIncidentsReportedMonthNearAFGTJKWithin50kmFillListsTheTenProvincesTheZoneReaches() throws {
        let r = try run(near, 0)
        // Ten provinces × the three months the data span (2025-11 to 2026-01), not 142 × 3 = 426 rows.
        XCTAssertEqual(regions(r.stdout), afghanSide + tajikSide)
        XCTAssertEqual(records(r.stdout).count, 30)
        XCTAssertFalse(r.stdout.contains("IND:"), "no Indian state lies within 50 km of AFG-TJK")
        XCTAssertTrue(r.stderr.contains("read 4, rejected 0, unmatched 0; counted 3 incidents in 30 rows; 3 kept incidents have geo_precision 3"), r.stderr)
        // The three incidents within 50 km (REPORTED-002 in Gorno-Badakhshan lies farther) are Khatlon's.
        XCTAssertTrue(r.stdout.contains("""
            TJK:Khatlon,TJK,Khatlon,2025-11-01,2025-11-30,1,3
            TJK:Khatlon,TJK,Khatlon,2025-12-01,2025-12-31,0,0
            TJK:Khatlon,TJK,Khatlon,2026-01-01,2026-01-31,2,7

            """), r.stdout)
        XCTAssertTrue(r.stdout.contains("AFG:Samangan,AFG,Samangan,2025-11-01,2025-11-30,0,0\n"), r.stdout)
    }

    func testIncidentsReportedNearAFGTJKFillWithSideOrAnyCountry() throws {
        let tajik = try run(near + ["--side", "TJK"], 0)
        XCTAssertEqual(regions(tajik.stdout), tajikSide)
        XCTAssertEqual(records(tajik.stdout).count, 9)
        let any = try run(near + ["--any-country"], 0)
        XCTAssertEqual(regions(any.stdout), afghanSide + ["CHN:Xinjiang", "PAK:Gilgit-Baltistan", "PAK:Khyber Pakhtunkhwa"] + tajikSide + ["UZB:Surkhandarya"])
        XCTAssertEqual(records(any.stdout).count, 42)
    }

    func testIncidentsReportedNearAFGTJKWithin40kmDropsTheProvincesFartherThan40km() throws {
        // Samangan (39.11 km) is in; Nuristan (41.88 km) and Baghlan (43.07 km) are not.
        var args = near
        args[args.firstIndex(of: "50km")!] = "40km"
        let r = try run(args, 0)
        XCTAssertEqual(regions(r.stdout), ["AFG:Badakhshan", "AFG:Balkh", "AFG:Kunduz", "AFG:Samangan", "AFG:Takhar"] + tajikSide)
    }

    func testIncidentsReportedNearAFGTJKFillWithARegionTheZoneDoesNotReach() throws {
        // Hirat, in the far west, lies hundreds of kilometres from the line: no incident there can count, so no series, and a notice says why.
        let r = try run(near + ["--region", "Hirat", "--region", "Khatlon"], 0)
        XCTAssertEqual(regions(r.stdout), ["TJK:Khatlon"])
        XCTAssertTrue(r.stderr.contains("notice: --region AFG:Hirat lies beyond the zone of --near AFG-TJK --within 50km (or off the sides kept): "
                                        + "no incident there is counted, and --fill lists no series for it\n"), r.stderr)
        // Without a zone, a named region keeps its zero series.
        let plain = try run(["aggregate", Self.reported, "--window", "month", "--region", "Hirat", "--fill", "--format", "csv"], 0)
        XCTAssertEqual(regions(plain.stdout), ["AFG:Hirat"])
    }

    func testIncidentsReportedNearAFGTJKFillOnALayerWithoutCountriesTellsTheSideFromAPointInside() throws {
        // Three squares with no region_country: north of the Panj (Tajikistan, holding Khatlon's point), south
        // of it (Afghanistan), and around Delhi. The side of each is the country holding a point inside it.
        func square(_ id: String, _ lon: Double, _ lat: Double) -> String {
            let ring = [(lon, lat), (lon + 0.3, lat), (lon + 0.3, lat + 0.3), (lon, lat + 0.3), (lon, lat)].map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
            return #"{"type":"Feature","properties":{"region_id":"\#(id)","region_name":"\#(id)"},"geometry":{"type":"Polygon","coordinates":[[\#(ring)]]}}"#
        }
        let layer = try write(#"{"type":"FeatureCollection","features":["# + [square("north", 69.0, 37.7), square("south", 69.0, 36.9), square("delhi", 77.0, 28.5)]
            .joined(separator: ",") + "]}", "squares.geojson")
        let args = near + ["--regions", layer]
        XCTAssertEqual(regions(try run(args, 0).stdout), ["north", "south"])
        XCTAssertEqual(regions(try run(args + ["--side", "TJK"], 0).stdout), ["north"])
        XCTAssertEqual(regions(try run(args + ["--side", "AFG"], 0).stdout), ["south"])
        XCTAssertEqual(regions(try run(args + ["--any-country"], 0).stdout), ["north", "south"])
    }

    func testIncidentsReportedNearAFGTJKFillOnAGridListsTheCellsThatHoldIncidents() throws {
        // A grid's cells exist only where incidents are: filled, the one 10 km cell of Khatlon's point.
        let r = try run(near + ["--regions", "grid:10km"], 0)
        XCTAssertEqual(r.stdout, """
            region_id,region_country,region_name,window_start,window_end,events,fatalities
            G10km:667:449,TJK,G10km:667:449,2025-11-01,2025-11-30,1,3
            G10km:667:449,TJK,G10km:667:449,2025-12-01,2025-12-31,0,0
            G10km:667:449,TJK,G10km:667:449,2026-01-01,2026-01-31,2,7

            """)
    }
}
