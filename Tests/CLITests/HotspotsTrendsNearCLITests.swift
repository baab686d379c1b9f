import Foundation
import Geo
import XCTest

/// Issue 27, item 14: `hotspots` and `trends` take `--near`, `--within`, `--side` and `--region` as
/// `aggregate` does, with the answer an analyst got by piping `near`'s output into them, byte for byte; and
/// `hotspots --format geojson` writes each cell or region with its polygon, pattern and trend.
///
/// Hand-checked on the new-cluster fixture (`writeNewCluster`: 25 points in northern Afghanistan, one
/// incident a month through 2025 each, 40 more at 36.4°N 66.5°E on 2025-12-20). Geodesic distances from the
/// points to the AFG-TJK line, measured with pyproj on the line densified every 100 m: 77.03 km (36.8°N
/// 67°E), 88.87 (36.6, 67), 97.54 (36.8, 66.75), 104.08 (36.4, 67), …, 138.13 (36.4, 66.5: the cluster),
/// 140.11 (36.8, 66.25): within 100 km three points, within 140 km twelve, the cluster among them.
final class HotspotsTrendsNearCLITests: FolderTestCase {
    private func cli(_ args: [String], stdin: Data? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> FrontierBinary.Result {
        try run(args, 0, stdin: stdin, file: file, line: line)
    }

    /// `frontier near FILE --border AFG-TJK --within W [side]` piped into `frontier <command> - …`.
    private func piped(_ file: String, within: String, side: [String] = [], into command: [String]) throws -> FrontierBinary.Result {
        let near = try cli(["near", file, "--border", "AFG-TJK", "--within", within, "--format", "csv"] + side)
        return try cli([command[0], "-", "--input-format", "csv"] + command.dropFirst(), stdin: Data(near.stdout.utf8))
    }

    /// The EASE-Grid 2.0 10 km cell of a point, worked out with PROJ here.
    private func cell(lat: Double, lon: Double) throws -> String {
        var p = [Coordinate(x: lon, y: lat)]
        _ = try Transformer(from: "EPSG:4326", to: "EPSG:6933").transform(&p)
        return "G10km:\(Int((p[0].x / 10_000).rounded(.down))):\(Int((p[0].y / 10_000).rounded(.down)))"
    }

    func testClusterNearAFGTJKInHotspotsEqualsNearPipedIntoHotspots() throws {
        let file = try writeNewCluster()
        let hotspots = ["hotspots", "--regions", "grid:10km", "--distance", "15km", "--time-lag", "0", "--format", "csv"]
        for (within, rows) in [("140km", ["--summary"]), ("140km", []), ("100km", ["--summary"])] {
            let direct = try cli(["hotspots", file] + hotspots.dropFirst() + rows + ["--near", "AFG-TJK", "--within", within])
            XCTAssertEqual(direct.stdout, try piped(file, within: within, into: hotspots + rows).stdout, "\(within) \(rows)")
        }
        let summary = try cli(["hotspots", file, "--near", "AFG-TJK", "--within", "140km"] + hotspots.dropFirst() + ["--summary"])
        let locations = records(summary.stdout)
        XCTAssertEqual(locations.count, 12)
        XCTAssertEqual(locations.filter { $0["pattern"] == "New Hot Spot" }.map { $0["region_id"] }, [try cell(lat: 36.4, lon: 66.5)])
        XCTAssertTrue(summary.stderr.contains("read 340, rejected 0; a cube of 12 locations × 12 windows: 1 hot and 0 cold patterns\n"), summary.stderr)
        let near100 = try cli(["hotspots", file, "--near", "AFG-TJK", "--within", "100km"] + hotspots.dropFirst() + ["--summary"])
        XCTAssertEqual(Set(records(near100.stdout).map { $0["region_id"] ?? "" }),
                       Set(try [(36.8, 67.0), (36.6, 67.0), (36.8, 66.75)].map { try cell(lat: $0.0, lon: $0.1) }))
        // All twelve points lie in Afghanistan: --side TJK keeps none of them.
        let tajik = try cli(["hotspots", file, "--near", "AFG-TJK", "--within", "140km", "--side", "TJK"] + hotspots.dropFirst())
        XCTAssertEqual(tajik.stdout, "")
        XCTAssertTrue(tajik.stderr.contains("read 340, rejected 0; no incidents to analyse\n"), tajik.stderr)
    }

    func testClusterNearAFGTJKInTrendsEqualsNearPipedIntoTrends() throws {
        let file = try writeNewCluster()
        let trends = ["trends", "--regions", "grid:10km", "--format", "csv"]
        let direct = try cli(["trends", file, "--near", "AFG-TJK", "--within", "140km"] + trends.dropFirst())
        XCTAssertEqual(direct.stdout, try piped(file, within: "140km", into: trends).stdout)
        let rows = records(direct.stdout)
        XCTAssertEqual(rows.count, 12)
        // As of 2025-12-20: the cluster's cell holds its 40 and its monthly one of 12-15 in the latest week.
        let cluster = try XCTUnwrap(rows.first { $0["region_id"] == (try? cell(lat: 36.4, lon: 66.5)) })
        XCTAssertEqual([cluster["as_of"], cluster["events_week"]], ["2025-12-20", "41"])
    }

    func testIncidentsReportedNearAFGTJKInTrendsLeavesGornoBadakhshanOut() throws {
        // REPORTED-002 (Gorno-Badakhshan's point) lies beyond 50 km of the line; Khatlon's three are within.
        let reported = FillNearBorderCLITests.reported
        let all = try cli(["trends", reported, "--format", "csv"])
        XCTAssertEqual(records(all.stdout).map { $0["region_id"] }, ["TJK:Gorno-Badakhshan", "TJK:Khatlon"])
        let args = ["trends", reported, "--near", "AFG-TJK", "--within", "50km", "--format", "csv"]
        let near = try cli(args)
        XCTAssertEqual(records(near.stdout).map { $0["region_id"] }, ["TJK:Khatlon"])
        XCTAssertEqual(records(near.stdout).first?["events_week"], "1")
        XCTAssertEqual(near.stdout, try piped(reported, within: "50km", into: ["trends", "--format", "csv"]).stdout)
        XCTAssertEqual(try cli(args + ["--side", "TJK"]).stdout, near.stdout)
        let afghan = try cli(args + ["--side", "AFG"])
        XCTAssertEqual(records(afghan.stdout).count, 0)
        XCTAssertTrue(afghan.stderr.contains("of 0 regions"), afghan.stderr)
    }

    func testClusterRegionChoiceInHotspotsAndTrendsEqualsTheWhereFilter() throws {
        // Balkh holds the ten points east of 66.6°E (120 incidents), Sari Pul the nine south-west ones with
        // the cluster (9 × 12 + 40 = 148).
        let file = try writeNewCluster()
        let chosen = ["--region", "Balkh", "--region", "Sari Pul"]
        let filtered = ["--where", "region_name=Balkh", "--where", "region_name=Sari Pul"]
        let hotspots = ["hotspots", file, "--distance", "100km", "--format", "csv"]
        let bins = try cli(hotspots + chosen)
        XCTAssertEqual(bins.stdout, try cli(hotspots + filtered).stdout)
        var totals: [String: Int] = [:]
        for row in records(bins.stdout) { totals[row["region_id"] ?? "", default: 0] += Int(row["events"] ?? "") ?? 0 }
        XCTAssertEqual(totals, ["AFG:Balkh": 120, "AFG:Sari Pul": 148])
        let trends = ["trends", file, "--format", "csv"]
        let alerts = try cli(trends + chosen)
        XCTAssertEqual(alerts.stdout, try cli(trends + filtered).stdout)
        XCTAssertEqual(records(alerts.stdout).map { $0["region_id"] }, ["AFG:Balkh", "AFG:Sari Pul"])
    }

    func testHotspotsAndTrendsRefuseBandsAndRegionsWithAGrid() throws {
        let file = try writeNewCluster()
        for command in ["hotspots", "trends"] {
            let extra = command == "hotspots" ? ["--distance", "15km"] : []
            try run([command, file, "--near", "AFG-TJK", "--within", "10km,25km"] + extra, 64,
                    says: "--within takes one distance here: distance bands are counted apart only by aggregate")
            // As aggregate says it (exit 1: found once the regions are loaded).
            try run([command, file, "--region", "Balkh", "--regions", "grid:10km"] + extra, 1, says: "with --regions grid:10km every cell that holds incidents is counted")
            try run([command, file, "--side", "TJK"] + extra, 64, says: "--side and --any-country apply with --near")
        }
    }

    func testClusterHotspotsAsGeoJSONOpensInOGRWithEachCellsPolygonPatternAndTrend() throws {
        let file = try writeNewCluster()
        let args = ["hotspots", file, "--near", "AFG-TJK", "--within", "140km", "--regions", "grid:10km", "--distance", "15km", "--time-lag", "0"]
        let summary = records(try cli(args + ["--summary", "--format", "csv"]).stdout)
        let out = path("hotspots.geojson")
        _ = try cli(args + ["--out", out])
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        XCTAssertEqual(json["type"] as? String, "FeatureCollection")
        let features = try XCTUnwrap(json["features"] as? [[String: Any]])
        XCTAssertEqual(features.count, 12)
        for (feature, row) in zip(features, summary) {
            let properties = try XCTUnwrap(feature["properties"] as? [String: Any])
            XCTAssertEqual(Set(properties.keys), ["region_id", "region_country", "pattern", "trend_z", "trend_p", "hot_windows", "cold_windows"])
            XCTAssertEqual(properties["region_id"] as? String, row["region_id"])
            XCTAssertEqual(properties["pattern"] as? String, row["pattern"])
            // Foundation's JSON reader may round the last digit differently from Double(String).
            XCTAssertEqual(try XCTUnwrap((properties["trend_z"] as? NSNumber)?.doubleValue), try XCTUnwrap(Double(row["trend_z"] ?? "")), accuracy: 1e-12)
            XCTAssertEqual(try XCTUnwrap((properties["trend_p"] as? NSNumber)?.doubleValue), try XCTUnwrap(Double(row["trend_p"] ?? "")), accuracy: 1e-12)
            // A 10 km cell of EPSG:6933 is a lon/lat rectangle, each side cut in 8: 33 vertices, closed.
            let geometry = try XCTUnwrap(feature["geometry"] as? [String: Any])
            XCTAssertEqual(geometry["type"] as? String, "Polygon")
            let ring = try XCTUnwrap((geometry["coordinates"] as? [[[Double]]])?.first)
            XCTAssertEqual(ring.count, 33)
            XCTAssertEqual(ring.first, ring.last)
            let lons = ring.map { $0[0] }
            // x = a·k0·λ on EPSG:6933, k0 = cos 30° / √(1 − e² sin² 30°): 10 km is 0.1036416° of longitude.
            let e2 = 0.00669437999014, k0 = cos(Double.pi / 6) / (1 - e2 * 0.25).squareRoot()
            XCTAssertEqual(lons.max()! - lons.min()!, 10_000 / (6_378_137 * k0) * 180 / Double.pi, accuracy: 1e-6, "the cell's width")
            XCTAssertEqual(lons.max()! - lons.min()!, 0.1036416, accuracy: 1e-6)
        }
        // The cluster's cell, with the pattern drawn from its polygon.
        let hot = try XCTUnwrap(features.first { ($0["properties"] as? [String: Any])?["pattern"] as? String == "New Hot Spot" })
        XCTAssertEqual((hot["properties"] as? [String: Any])?["region_id"] as? String, try cell(lat: 36.4, lon: 66.5))

        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo"), "ogrinfo (Debian gdal-bin) is not installed")
        let info = try tool("/usr/bin/ogrinfo", ["-ro", "-al", "-so", out])
        XCTAssertTrue(info.contains("Geometry: Polygon"), info)
        XCTAssertTrue(info.contains("Feature Count: 12"), info)
        XCTAssertTrue(info.contains("pattern: String"), info)
        XCTAssertTrue(info.contains("trend_z: Real"), info)
        let hotFeature = try tool("/usr/bin/ogrinfo", ["-ro", "-al", "-q", "-where", "pattern = 'New Hot Spot'", out])
        XCTAssertTrue(hotFeature.contains("region_id (String) = \(try cell(lat: 36.4, lon: 66.5))"), hotFeature)
        XCTAssertTrue(hotFeature.contains("hot_windows (Integer) = 1"), hotFeature)

        // Regions: each with its own polygon, the same as `frontier regions` writes for it.
        let regions = try cli(["hotspots", file, "--region", "Balkh", "--region", "Sari Pul", "--distance", "100km", "--format", "geojson"])
        let regionFeatures = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(regions.stdout.utf8)) as? [String: Any])?["features"] as? [[String: Any]])
        XCTAssertEqual(regionFeatures.compactMap { ($0["properties"] as? [String: Any])?["region_id"] as? String }, ["AFG:Balkh", "AFG:Sari Pul"])
        let listed = try cli(["regions", "--country", "AFG", "--format", "geojson"])
        let balkh = try XCTUnwrap(((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["features"] as? [[String: Any]])?
            .first { ($0["properties"] as? [String: Any])?["region_id"] as? String == "AFG:Balkh" })
        XCTAssertEqual(regionFeatures[0]["geometry"] as? NSDictionary, balkh["geometry"] as? NSDictionary)
    }

    /// Another program's output (stdout and stderr together).
    private func tool(_ path: String, _ args: [String]) throws -> String {
        try ExternalTool.run(path, args).output
    }
}
