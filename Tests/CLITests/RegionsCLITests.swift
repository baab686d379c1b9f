import Foundation
import XCTest

/// `frontier regions`, `borders` and GeoData lookup, run as a user runs them.
final class RegionsCLITests: XCTestCase {
    func testRegionsAlongTheAfghanTajikBorder() throws {
        let r = try FrontierBinary.run(["regions", "--border", "TJK-AFG", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "region_id,region_country,region_name,area_km2,min_lon,min_lat,max_lon,max_lat")
        XCTAssertEqual(lines.dropFirst().map { String($0.split(separator: ",")[0]) },
                       ["AFG:Badakhshan", "AFG:Balkh", "AFG:Kunduz", "AFG:Takhar", "TJK:Gorno-Badakhshan", "TJK:Khatlon"])
        XCTAssertTrue(lines.contains { $0.hasPrefix("AFG:Badakhshan,AFG,Badakhshan,43693.5,70.0038204,35.4424106,74.8923067,38.4730532") },
                      r.stdout)
    }

    func testBordersCSV() throws {
        let r = try FrontierBinary.run(["borders", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("border_id,country_a,country_b,parts,length_km\n"))
        XCTAssertTrue(r.stdout.contains("\nAFG-TJK,AFG,TJK,1,1144.6\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\nKGZ-TJK,KGZ,TJK,2,825.2\n"), r.stdout)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 18)
    }

    func testTableIsAlignedWithThousandsSeparators() throws {
        let r = try FrontierBinary.run(["regions", "--regions", "admin0", "--country", "TJK", "--format", "table"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[2].contains("142,227.5"), lines[2])
        XCTAssertEqual(lines[0].range(of: "area_km2")?.upperBound.utf16Offset(in: lines[0]),
                       lines[2].range(of: "142,227.5")?.upperBound.utf16Offset(in: lines[2]), "numbers right-aligned under their header")
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
