import XCTest
import Geo
import Frontier
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierGeoDataBuild

/// `frontier geodata build` against the real source. Needs Debian's qgis-common (world_map.gpkg), which
/// `make geodata` installs; skipped where it is absent, since the generated files are committed.
final class GeoDataBuildTests: XCTestCase {
    func testBuildIsDeterministicAndMatchesTheCommittedFiles() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: TestSupport.worldMap),
                          "world_map.gpkg (Debian package qgis-common) is not installed: `make geodata` installs it")
        let first = try TestSupport.temporaryDirectory(), second = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        let report = try GeoDataBuilder.build(from: TestSupport.worldMap, into: first)
        _ = try GeoDataBuilder.build(from: TestSupport.worldMap, into: second)
        XCTAssertEqual(report.corrections.map(\.fid), [6699, 6714, 8127])
        XCTAssertEqual(report.admin1.filter { $0.country == "AFG" }.count, 34)
        for name in ["admin0.geojson", "admin1.geojson", "borders.geojson", CompactGeoData.fileName] {
            let a = try Data(contentsOf: first.appendingPathComponent(name))
            let b = try Data(contentsOf: second.appendingPathComponent(name))
            // Natural Earth alone is the natural-earth set (OpenStreetMap's takes --osm and its source).
            let committed = try Data(contentsOf: GeoDataLocation(directory: TestSupport.geodata.root, boundaries: .naturalEarth).file(name))
            XCTAssertEqual(a, b, "\(name) differs between two builds")
            XCTAssertEqual(a, committed, "\(name) differs from the committed GeoData/natural-earth: run `make geodata`")
        }
    }

    func testBordersFileFollowsRFC7946() throws {
        let data = try Data(contentsOf: TestSupport.geodata.file("borders.geojson"))
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertNil(root["crs"])
        let features = try XCTUnwrap(root["features"] as? [[String: Any]])
        let ids = features.compactMap { ($0["properties"] as? [String: Any])?["border_id"] as? String }
        for id in ["AFG-CHN", "AFG-IRN", "AFG-PAK", "AFG-TJK", "AFG-TKM", "AFG-UZB", "CHN-PAK", "CHN-TJK",
                   "IND-PAK", "IRN-PAK", "KGZ-TJK", "TJK-UZB"] {
            XCTAssertTrue(ids.contains(id), "borders.geojson lacks \(id)")
        }
        for f in features {
            let p = try XCTUnwrap(f["properties"] as? [String: Any])
            XCTAssertTrue(p["parts"] is Int && p["length_km"] is Double, "typed properties: \(p)")
            let g = try XCTUnwrap(f["geometry"] as? [String: Any])
            XCTAssertEqual(g["type"] as? String, (p["parts"] as? Int) == 1 ? "LineString" : "MultiLineString")
        }
    }

    func testPolygonRingsAreOrientedForRFC7946() throws {
        let ctx = try GEOSContext()
        let clockwise = try Geometry(wkt: "POLYGON((0 0, 0 10, 10 10, 10 0, 0 0), (2 2, 4 2, 4 4, 2 4, 2 2))", context: ctx)
        let text = try GeoJSONGeometry.encode(clockwise)
        XCTAssertEqual(text, "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]],[[2,2],[2,4],[4,4],[4,2],[2,2]]]}")
    }
}
