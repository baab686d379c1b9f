import Foundation
import XCTest

/// `frontier join` end to end: the built binary on fixtures, whole stdout compared.
final class JoinCLITests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    func testTrickyCSVRoundTripsByteForByteWithRegionsAppended() throws {
        let r = try FrontierBinary.run(["join", Self.fixture("tricky.csv"), "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Compared as bytes: decoding a String would drop the BOM.
        let expected = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("tricky.join.csv")))
        XCTAssertEqual(Data(r.stdout.utf8), expected)
        XCTAssertEqual(r.stderr, "read 4, rejected 0, unmatched 1\n" + FrontierBinary.defaultSourceLine)
        // Minus the appended columns, every record is the input's exact text (BOM, quotes, newlines).
        let input = try Data(contentsOf: URL(fileURLWithPath: Self.fixture("tricky.csv")))
        let stripped = r.stdout.replacingOccurrences(of: ",region_id,region_country,region_name\n", with: "\n")
            .replacingOccurrences(of: ",AFG:Badakhshan,AFG,Badakhshan\n", with: "\n")
            .replacingOccurrences(of: ",AFG:Kabul,AFG,Kabul\n", with: "\n")
            .replacingOccurrences(of: ",TJK:Dushanbe,TJK,Dushanbe\n", with: "\n")
            .replacingOccurrences(of: ",,,\n", with: "\n")
        XCTAssertEqual(Data(stripped.utf8), input)
    }

    func testGeoJSONOutputParsesBackToTheSameValues() throws {
        let r = try FrontierBinary.run(["join", Self.fixture("tricky.csv"), "--format", "geojson"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(root["type"] as? String, "FeatureCollection")
        XCTAssertNil(root["crs"])
        let features = try XCTUnwrap(root["features"] as? [[String: Any]])
        XCTAssertEqual(features.count, 4)
        let p0 = try XCTUnwrap(features[0]["properties"] as? [String: Any])
        XCTAssertEqual(p0["notes"] as? String, "Fayzabad, the provincial \"capital\"")
        XCTAssertEqual(p0["fatalities"] as? Int, 2)
        XCTAssertEqual(p0["latitude"] as? Double, 37.12)
        XCTAssertEqual(p0["region_id"] as? String, "AFG:Badakhshan")
        XCTAssertEqual((features[1]["properties"] as? [String: Any])?["notes"] as? String, "two\nlines")
        XCTAssertEqual((features[1]["properties"] as? [String: Any])?["event_date"] as? String, "26 November 2025")
        let g = try XCTUnwrap(features[0]["geometry"] as? [String: Any])
        XCTAssertEqual(g["coordinates"] as? [Double], [70.58, 37.12])
        XCTAssertEqual((features[3]["properties"] as? [String: Any])?["region_id"] as? String, "")
    }

    func testRejectsStrictAndSummary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-join-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let bad = dir.appendingPathComponent("bad.csv")
        try Data("event_id_cnty,event_date,latitude,longitude,fatalities\nB1,2025-13-45,37.1,70.5,1\nB2,2025-11-26,137.1,70.5,1\nB3,2025-11-26,37.1,70.5,-4\nB4,2025-11-27,37.1,70.5,1\n".utf8).write(to: bad)
        let rejects = dir.appendingPathComponent("rejects.csv")
        let r = try FrontierBinary.run(["join", bad.path, "--format", "csv", "--rejects", rejects.path])
        XCTAssertEqual(r.status, 0)
        XCTAssertEqual(r.stdout, "event_id_cnty,event_date,latitude,longitude,fatalities,region_id,region_country,region_name\nB4,2025-11-27,37.1,70.5,1,AFG:Badakhshan,AFG,Badakhshan\n")
        XCTAssertTrue(r.stderr.contains("rejected \(bad.path):2: field 'event_date': impossible date '2025-13-45'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("rejected \(bad.path):3: field 'latitude': latitude 137.1 outside ±90"), r.stderr)
        XCTAssertTrue(r.stderr.contains("rejected \(bad.path):4: field 'fatalities': negative fatalities -4"), r.stderr)
        XCTAssertTrue(r.stderr.hasSuffix("read 4, rejected 3, unmatched 0\n" + FrontierBinary.defaultSourceLine), r.stderr)
        XCTAssertEqual(try String(contentsOf: rejects, encoding: .utf8), """
            event_id_cnty,event_date,latitude,longitude,fatalities,reject_reason
            B1,2025-13-45,37.1,70.5,1,"line 2, field 'event_date': impossible date '2025-13-45'"
            B2,2025-11-26,137.1,70.5,1,"line 3, field 'latitude': latitude 137.1 outside ±90"
            B3,2025-11-26,37.1,70.5,-4,"line 4, field 'fatalities': negative fatalities -4"

            """)
        XCTAssertEqual(try FrontierBinary.run(["join", bad.path, "--strict", "--format", "csv"]).status, 65)
    }

    func testStandardInputNeedsAFormat() throws {
        let csv = Data("event_id_cnty,event_date,latitude,longitude\nS1,2025-11-26,37.12,70.58\n".utf8)
        let r = try FrontierBinary.run(["join", "-", "--input-format", "csv", "--format", "csv", "--regions", "admin0"], stdin: csv)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "event_id_cnty,event_date,latitude,longitude,region_id,region_country,region_name\nS1,2025-11-26,37.12,70.58,AFG:Afghanistan,AFG,Afghanistan\n")
        XCTAssertEqual(try FrontierBinary.run(["join", "-"], stdin: csv).status, 64, "usage error without --input-format")
    }

    func testSwappedCoordinatesShowUpAsMismatches() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-mm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("in.csv")
        // M1 is right; M2 has latitude and longitude swapped (lands far away); M3 uses ACLED's spelling "Helmand".
        try Data("""
            event_id_cnty,event_date,country,admin1,latitude,longitude
            M1,2025-11-26,Afghanistan,Badakhshan,37.12,70.58
            M2,2025-11-26,Afghanistan,Kabul,69.17,34.53
            M3,2025-11-26,Afghanistan,Helmand,31.58,64.36
            M4,2025-11-26,Afghanistan,Kunar,37.12,70.58

            """.utf8).write(to: input)
        let mm = dir.appendingPathComponent("mm.csv")
        let r = try FrontierBinary.run(["join", input.path, "--format", "csv", "--mismatches", mm.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        // The swapped row lands outside every region yet reports Afghanistan: unmatched, and a mismatch too.
        XCTAssertTrue(r.stderr.contains("mismatched 2:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("unmatched 1"), "the swapped row lands outside every region: \(r.stderr)")
        XCTAssertEqual(try String(contentsOf: mm, encoding: .utf8), """
            line,id,reported_country,reported_admin1,region_id,region_country,region_name,latitude,longitude
            3,M2,Afghanistan,Kabul,,,,69.17,34.53
            5,M4,Afghanistan,Kunar,AFG:Badakhshan,AFG,Badakhshan,37.12,70.58

            """)
    }
}
