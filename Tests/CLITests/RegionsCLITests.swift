import Foundation
import XCTest

/// `frontier regions`, `borders` and GeoData lookup, run as a user runs them.
final class RegionsCLITests: XCTestCase {
    /// Badakhshan's row under each boundary set: its area as pyproj's `Geod.geometry_area_perimeter` gives it
    /// on that set's admin1.geojson (43,552.55 and 43,693.48 km²), and its bounding box as shapely's `bounds`.
    func testRegionsAlongTheAfghanTajikBorder() throws {
        let badakhshan = [
            "openstreetmap": "AFG:Badakhshan,AFG,Badakhshan,43552.6,70.0038204,35.4424106,74.88986,38.48992",
            "natural-earth": "AFG:Badakhshan,AFG,Badakhshan,43693.5,70.0038204,35.4424106,74.8923067,38.4730532",
        ]
        for (set, row) in badakhshan {
            let r = try FrontierBinary.run(["regions", "--border", "TJK-AFG", "--format", "csv", "--boundaries", set])
            XCTAssertEqual(r.status, 0, r.stderr)
            let lines = r.stdout.split(separator: "\n")
            XCTAssertEqual(lines.first, "region_id,region_country,region_name,area_km2,min_lon,min_lat,max_lon,max_lat")
            XCTAssertEqual(lines.dropFirst().map { String($0.split(separator: ",")[0]) },
                           ["AFG:Badakhshan", "AFG:Balkh", "AFG:Kunduz", "AFG:Takhar", "TJK:Gorno-Badakhshan", "TJK:Khatlon"], set)
            XCTAssertTrue(lines.contains { $0 == row }, "\(set): \(r.stdout)")
            XCTAssertTrue(r.stderr.contains("source: boundaries \(set),"), r.stderr)
        }
    }

    /// Lengths as pyproj's `Geod.geometry_length` gives them on each set's borders.geojson: AFG-TJK 1,314.656
    /// and 1,144.609 km; KGZ-TJK 876.326 km in one piece and 825.245 km in two.
    func testBordersCSV() throws {
        let expected = ["openstreetmap": ["AFG-TJK,AFG,TJK,1,1314.7", "KGZ-TJK,KGZ,TJK,1,876.3"],
                        "natural-earth": ["AFG-TJK,AFG,TJK,1,1144.6", "KGZ-TJK,KGZ,TJK,2,825.2"]]
        for (set, rows) in expected {
            let r = try FrontierBinary.run(["borders", "--format", "csv", "--boundaries", set])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stdout.hasPrefix("border_id,country_a,country_b,parts,length_km\n"))
            for row in rows { XCTAssertTrue(r.stdout.contains("\n\(row)\n"), "\(set): \(r.stdout)") }
            XCTAssertEqual(r.stdout.split(separator: "\n").count, 18)
        }
    }

    func testTableIsAlignedWithThousandsSeparators() throws {
        // Tajikistan: 141,114.13 km² (OpenStreetMap) and 142,227.54 km² (Natural Earth) by pyproj.
        for (set, area) in ["openstreetmap": "141,114.1", "natural-earth": "142,227.5"] {
            let r = try FrontierBinary.run(["regions", "--regions", "admin0", "--country", "TJK", "--format", "table", "--boundaries", set])
            XCTAssertEqual(r.status, 0, r.stderr)
            let lines = r.stdout.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.count, 3)
            XCTAssertTrue(lines[2].contains(area), lines[2])
            XCTAssertEqual(lines[0].range(of: "area_km2")?.upperBound.utf16Offset(in: lines[0]),
                           lines[2].range(of: area)?.upperBound.utf16Offset(in: lines[2]), "numbers right-aligned under their header")
        }
    }

    func testGeoJSONOutputHasGeometriesAndTypedProperties() throws {
        let r = try FrontierBinary.run(["regions", "--country", "TJK", "--format", "geojson"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let features = try XCTUnwrap(root["features"] as? [[String: Any]])
        XCTAssertEqual(features.count, 5)
        let props = try XCTUnwrap(features[0]["properties"] as? [String: Any])
        XCTAssertTrue(props["area_km2"] is Double)
        XCTAssertNotNil((features[0]["geometry"] as? [String: Any])?["coordinates"])
    }

    func testMissingGeoDataIsAClearErrorNotACrash() throws {
        var env = ProcessInfo.processInfo.environment
        env["FRONTIER_GEODATA"] = "/nonexistent/GeoData"
        let r = try FrontierBinary.run(["borders"], environment: env)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("/nonexistent/GeoData"), r.stderr)
        XCTAssertTrue(r.stderr.contains("FRONTIER_GEODATA"), r.stderr)
    }

    func testACopiedBinaryStillFindsGeoDataOrSaysHow() throws {
        // A binary copied out of the build tree: it falls back to the source tree it was built from, and with
        // an explicit --geodata it uses that folder.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("frontier")
        try FileManager.default.copyItem(at: FrontierBinary.url, to: copy)
        let geodata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("GeoData")
        let p = Process()
        p.executableURL = copy
        p.arguments = ["borders", "--format", "csv", "--geodata", geodata.path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("AFG-TJK"))
    }

    func testUnknownCountryListsThePresentOnes() throws {
        let r = try FrontierBinary.run(["regions", "--country", "XYZ"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("countries present: AFG, CHN"), r.stderr)
    }
}
