import Foundation
import XCTest

/// `--boundaries openstreetmap` in every command that reads GeoData: the OpenStreetMap outlines are used (values
/// checked against pyproj's geodesics on the same files), the default stays Natural Earth, and a wrong name is
/// a usage error.
final class BoundarySetCLITests: FolderTestCase {
    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path
    static let osm = ["--boundaries", "openstreetmap"]

    private func run(_ args: [String], status: Int32 = 0) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(args)
        XCTAssertEqual(r.status, status, "frontier \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    func testBordersRegionsAndMapUseTheChosenSet() throws {
        // pyproj's Geod on GeoData/openstreetmap/borders.geojson: AFG-TJK 1314.66 km, AFG-PAK 2661.86 km.
        let borders = try run(["borders", "--format", "csv"] + Self.osm).stdout
        XCTAssertTrue(borders.contains("\nAFG-TJK,AFG,TJK,1,1314.7\n"), borders)
        XCTAssertTrue(borders.contains("\nAFG-PAK,AFG,PAK,1,2661.9\n"), borders)
        XCTAssertTrue(try run(["borders", "--format", "csv"]).stdout.contains("\nAFG-TJK,AFG,TJK,1,1144.6\n"), "the default stays Natural Earth")
        // pyproj: Afghanistan 641,641.0 km², Badakhshan 43,552.6 km².
        XCTAssertTrue(try run(["regions", "--regions", "admin0", "--country", "AFG", "--format", "csv"] + Self.osm).stdout
            .contains("\nAFG:Afghanistan,AFG,Afghanistan,641641,"))
        XCTAssertTrue(try run(["regions", "--country", "AFG", "--format", "csv"] + Self.osm).stdout.contains("\nAFG:Badakhshan,AFG,Badakhshan,43552.6,"))
        let page = path("m.html")
        _ = try run(["map", Self.reported, "--out", page] + Self.osm)
        XCTAssertTrue(try String(contentsOfFile: page, encoding: .utf8).contains("© OpenStreetMap contributors (ODbL)"))
        _ = try run(["map", Self.reported, "--out", page])
        XCTAssertTrue(try String(contentsOfFile: page, encoding: .utf8).contains("Boundaries: Natural Earth 1:10m (public domain)"))
    }

    func testEveryCommandReadingGeoDataTakesTheFlag() throws {
        let store = path("s.gpkg")
        let commands: [[String]] = [
            ["join", Self.reported, "--format", "csv"],
            ["near", Self.reported, "--border", "AFG-TJK", "--within", "50km", "--format", "csv"],
            ["aggregate", Self.reported, "--window", "month", "--near", "AFG-TJK", "--within", "50km", "--format", "csv"],
            ["buffer", "--border", "AFG-TJK", "--within", "10km", "--format", "geojson"],
            ["hotspots", Self.reported, "--regions", "admin1", "--window", "year", "--distance", "100km", "--format", "csv"],
            ["trends", Self.reported, "--format", "csv"],
            ["synth", "--count", "50", "--seed", "3"],
            ["import", Self.reported, "--store", store],
        ]
        var differ: Set<String> = []
        for command in commands {
            let withOSM = try run(command + Self.osm)
            if command[0] == "import" { try? FileManager.default.removeItem(atPath: store) }
            let withDefault = try run(command)
            if command[0] == "import" { try? FileManager.default.removeItem(atPath: store) }
            if withOSM.stdout != withDefault.stdout { differ.insert(command[0]) }
        }
        // Distances to the border, the buffer's outline and synthetic points drawn along the lines all move
        // (the four reported incidents keep their provinces and months).
        XCTAssertTrue(differ.isSuperset(of: ["near", "buffer", "synth"]), "\(differ.sorted())")
    }

    func testAnUnknownSetIsAUsageError() throws {
        let r = try run(["borders", "--boundaries", "gadm"], status: 64)
        XCTAssertTrue(r.stderr.contains("natural-earth") && r.stderr.contains("openstreetmap"), r.stderr)
    }
}
