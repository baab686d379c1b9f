import Foundation
import XCTest

/// `--boundaries` in every command that reads GeoData: OpenStreetMap's outlines by default, Natural Earth's
/// with `--boundaries natural-earth` (values checked against pyproj's geodesics on the same files), the set
/// named on every report's source line, and a wrong name a usage error.
final class BoundarySetCLITests: FolderTestCase {
    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path
    static let naturalEarth = ["--boundaries", "natural-earth"]

    private func run(_ args: [String], status: Int32 = 0) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(args)
        XCTAssertEqual(r.status, status, "frontier \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    func testBordersRegionsAndMapUseTheChosenSet() throws {
        // pyproj's Geod on GeoData/borders.geojson: AFG-TJK 1314.66 km, AFG-PAK 2661.86 km; on
        // GeoData/natural-earth/borders.geojson 1144.61 and 2221.52 km.
        let borders = try run(["borders", "--format", "csv"]).stdout
        XCTAssertTrue(borders.contains("\nAFG-TJK,AFG,TJK,1,1314.7\n"), borders)
        XCTAssertTrue(borders.contains("\nAFG-PAK,AFG,PAK,1,2661.9\n"), borders)
        XCTAssertEqual(try run(["borders", "--format", "csv", "--boundaries", "openstreetmap"]).stdout, borders, "the default is OpenStreetMap")
        let old = try run(["borders", "--format", "csv"] + Self.naturalEarth).stdout
        XCTAssertTrue(old.contains("\nAFG-TJK,AFG,TJK,1,1144.6\n"), old)
        XCTAssertTrue(old.contains("\nAFG-PAK,AFG,PAK,1,2221.5\n"), old)
        // pyproj: Afghanistan 641,640.98 km² (OpenStreetMap) and 642,152.31 km² (Natural Earth).
        XCTAssertTrue(try run(["regions", "--regions", "admin0", "--country", "AFG", "--format", "csv"]).stdout
            .contains("\nAFG:Afghanistan,AFG,Afghanistan,641641,"))
        XCTAssertTrue(try run(["regions", "--regions", "admin0", "--country", "AFG", "--format", "csv"] + Self.naturalEarth).stdout
            .contains("\nAFG:Afghanistan,AFG,Afghanistan,642152.3,"))
        let page = path("m.html")
        _ = try run(["map", Self.reported, "--out", page])
        XCTAssertTrue(try String(contentsOfFile: page, encoding: .utf8).contains("© OpenStreetMap contributors (ODbL)"))
        _ = try run(["map", Self.reported, "--out", page] + Self.naturalEarth)
        XCTAssertTrue(try String(contentsOfFile: page, encoding: .utf8).contains("Boundaries: Natural Earth 1:10m (public domain)"))
    }

    func testEveryCommandReadingGeoDataTakesTheFlagAndNamesTheSet() throws {
        let store = path("s.gpkg")
        let commands: [[String]] = [
            ["regions", "--country", "TJK", "--format", "csv"],
            ["borders", "--format", "csv"],
            ["join", Self.reported, "--format", "csv"],
            ["near", Self.reported, "--border", "AFG-TJK", "--within", "50km", "--format", "csv"],
            ["aggregate", Self.reported, "--window", "month", "--near", "AFG-TJK", "--within", "50km", "--format", "csv"],
            ["buffer", "--border", "AFG-TJK", "--within", "10km", "--format", "geojson"],
            ["hotspots", Self.reported, "--regions", "admin1", "--window", "year", "--distance", "100km", "--format", "csv"],
            ["trends", Self.reported, "--format", "csv"],
            ["map", Self.reported, "--out", path("m.html")],
            ["synth", "--count", "50", "--seed", "3"],
        ]
        var differ: Set<String> = []
        for command in commands {
            let withDefault = try run(command)
            let withOld = try run(command + Self.naturalEarth)
            XCTAssertTrue(withDefault.stderr.hasSuffix(FrontierBinary.defaultSourceLine), "\(command[0]): \(withDefault.stderr)")
            XCTAssertTrue(withOld.stderr.hasSuffix("source: boundaries natural-earth, Natural Earth 1:10m (public domain)\n"), "\(command[0]): \(withOld.stderr)")
            if withOld.stdout != withDefault.stdout { differ.insert(command[0]) }
        }
        // Distances to the border, the buffer's outline, areas, lengths and synthetic points drawn along the
        // lines all move (the four reported incidents keep their provinces and months).
        XCTAssertTrue(differ.isSuperset(of: ["regions", "borders", "near", "buffer", "synth"]), "\(differ.sorted())")
        // Reading no GeoData, no source line: a region file of the user's, an import into a GeoPackage store.
        let own = path("own.geojson")
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"region_id":"Z1","region_name":"Zone"},"geometry":{"type":"Polygon","coordinates":[[[60,30],[80,30],[80,40],[60,40],[60,30]]]}}]}"#.utf8).write(to: URL(fileURLWithPath: own))
        XCTAssertFalse(try run(["join", Self.reported, "--regions", own, "--format", "csv"]).stderr.contains("source:"))
        XCTAssertFalse(try run(["import", Self.reported, "--store", store]).stderr.contains("source:"))
        // With a grid, the cells are named after the set their countries come from.
        XCTAssertTrue(try run(["join", Self.reported, "--regions", "grid:10km", "--format", "csv"]).stderr
            .contains("source: boundaries openstreetmap, © OpenStreetMap contributors (ODbL), with Natural Earth's provinces; cells of --regions grid:10km\n"))
    }

    func testAnUnknownSetIsAUsageError() throws {
        let r = try run(["borders", "--boundaries", "gadm"], status: 64)
        XCTAssertTrue(r.stderr.contains("natural-earth") && r.stderr.contains("openstreetmap"), r.stderr)
    }
}
