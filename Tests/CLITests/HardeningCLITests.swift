import Foundation
import XCTest

/// Hostile input and faults (issue "Hardened"): each case first reproduced a trap, a silent loss or a wrong
/// exit code; each now gives a clear message, the documented exit code, and loses nothing.
final class HardeningCLITests: FolderTestCase {




    private let header = "event_id_cnty,event_date,latitude,longitude,fatalities,country,admin1\n"
    private var twoRows: String { header + "A1,2025-11-26,37.12,70.58,1,Afghanistan,Badakhshan\nA2,2025-11-27,38.54,68.78,2,Tajikistan,Dushanbe\n" }

    private func polygonLayer(_ ring: String, crs: String? = nil) -> String {
        let crsMember = crs.map { ",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"\($0)\"}}" } ?? ""
        return """
            {"type":"FeatureCollection"\(crsMember),"features":[{"type":"Feature","properties":{"region_id":"R1","region_name":"R"},\
            "geometry":{"type":"Polygon","coordinates":[[\(ring)]]}}]}
            """
    }

    // MARK: - Region files

    func testRegionFilesMustBeLonLat() throws {
        let incidents = try write(twoRows, "i.csv")
        let metres = try write(polygonLayer("[7800000,4400000],[7900000,4400000],[7900000,4500000],[7800000,4400000]"), "metres.geojson")
        let lat100 = try write(polygonLayer("[70,30],[71,30],[71,100],[70,30]"), "lat100.geojson")
        let declared = try write(polygonLayer("[70,30],[71,30],[71,31],[70,30]", crs: "urn:ogc:def:crs:EPSG::3857"), "declared.geojson")
        let wide = try write(polygonLayer("[-179,0],[179,0],[179,1],[-179,0]"), "wide.geojson")
        for command in [["join", incidents], ["aggregate", incidents, "--window", "month"], ["map", incidents, "--out", path("m.html")], ["regions"]] {
            try run(command + ["--regions", metres], 1, says: "metres.geojson feature 1 (R1): coordinates outside longitude -180…180 / latitude -90…90")
            try run(command + ["--regions", lat100], 1, says: "y 30…100")
            try run(command + ["--regions", declared], 1, says: "declares the CRS urn:ogc:def:crs:EPSG::3857")
            try run(command + ["--regions", wide], 1, says: "crossing the antimeridian is not supported")
        }
        try run(["near", incidents, "--regions", lat100, "--region", "R1", "--within", "5km"], 1, says: "latitude -90…90")
        try run(["join", incidents, "--regions", metres], 1, says: "name it with --regions-crs (e.g. EPSG:3857)")
        // Named, the CRS is transformed with PROJ: x 7,800,000 m in Web Mercator is 70.0686°E (x / 111,319.49 m).
        let transformed = try run(["regions", "--regions", metres, "--regions-crs", "EPSG:3857", "--format", "csv"], 0)
        XCTAssertTrue(transformed.stdout.contains(",70.0685922,36.7189204,70.9669074,37.4356072"), transformed.stdout)
        let inside = try write(header + "A1,2025-11-26,37.0,70.5,1,,\n", "inside.csv")
        let joined = try run(["join", inside, "--regions", metres, "--regions-crs", "EPSG:3857", "--format", "csv"], 0)
        XCTAssertTrue(joined.stdout.contains(",R1,,R\n"), joined.stdout)
        try run(["join", incidents, "--regions-crs", "EPSG:3857"], 64, says: "--regions-crs applies to a region file")
    }

    /// A zone across the antimeridian: the prefilter may only widen, so a point 1.1 km away on the other
    /// side of ±180° is found, at its geodesic distance.
    func testNearFindsPointsAcrossTheAntimeridian() throws {
        let layer = try write(polygonLayer("[179,1],[180,1],[180,2],[179,2],[179,1]"), "east.geojson")
        let incidents = try write("id,date,lat,lon\nW1,2025-01-01,1.5,-179.99\nW2,2025-01-01,1.5,-179.5\n", "w.csv")
        let r = try run(["near", incidents, "--regions", layer, "--region", "R1", "--within", "20km", "--format", "csv",
                         "--id-field", "id", "--date-field", "date", "--lat-field", "lat", "--lon-field", "lon"], 0)
        let rows = r.stdout.split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.map { String($0.prefix(2)) }, ["W1"], r.stdout)
        // 0.01° of longitude at 1.5°N on WGS84: 1,112.8 m.
        XCTAssertTrue(rows.first?.contains(",1.1128,") ?? false, r.stdout)
    }

    // MARK: - Numbers that would exhaust memory

    func testCapsOnDistanceThreadsWindowsAndDates() throws {
        let incidents = try write(twoRows, "i.csv")
        try run(["near", incidents, "--border", "AFG-TJK", "--within", "1e8km"], 64, says: "more than 20,000 km")
        try run(["buffer", "--border", "AFG-TJK", "--within", "1e12km"], 64, says: "more than 20,000 km")
        try run(["near", incidents, "--border", "AFG-TJK", "--within", "-5km"], 64, says: "'-5km' is not a distance")
        try run(["join", incidents, "--threads", "100000"], 64, says: "--threads must be at most")
        try run(["aggregate", incidents, "--window", "1000000000d"], 64, says: "at most 36525d")
        try run(["join", incidents, "--from", "2026-01-01", "--to", "2025-01-01"], 64, says: "--from 2026-01-01 is after --to 2025-01-01")
        // The largest distance allowed answers: every incident is within 20,000 km of the border.
        let all = try run(["near", incidents, "--border", "AFG-TJK", "--within", "20000km", "--format", "csv"], 0)
        XCTAssertEqual(all.stdout.split(separator: "\n").count, 3)
        // Dates four centuries apart: a filled table would be millions of rows; the map's chart stays small.
        let old = try write(header + "A1,1625-01-01,37.12,70.58,1,,\nA2,2025-01-01,38.54,68.78,2,,\n", "old.csv")
        try run(["aggregate", old, "--window", "day", "--fill"], 0, says: "date 1625-01-01 outside the years 1900–2100 (accept other years with --years")
        try run(["aggregate", old, "--window", "day", "--fill", "--years", "1600-2100"], 1, says: "narrow the dates with --from/--to")
        try run(["map", old, "--window", "day", "--out", path("old.html"), "--years", "1600-2100"], 0)
        try run(["join", old, "--years", "2100-1900"], 64, says: "--years takes two years in order")
        let size = try FileManager.default.attributesOfItem(atPath: path("old.html"))[.size] as? Int ?? 0
        XCTAssertLessThan(size, 2_000_000, "the chart draws the windows with incidents, not every day of 400 years")
    }

    // MARK: - Silent loss

    func testCROnlyLineEndingsAreRead() throws {
        let text = twoRows.replacingOccurrences(of: "\n", with: "\r")
        let file = try write(text, "cr.csv")
        let r = try run(["join", file, "--format", "csv"], 0)
        XCTAssertEqual(r.stdout.split(separator: "\n").map { String($0.prefix(2)) }, ["ev", "A1", "A2"])
        let piped = try run(["aggregate", "-", "--input-format", "csv", "--window", "month", "--format", "csv"], 0, stdin: Data(text.utf8))
        XCTAssertTrue(piped.stderr.contains("read 2, rejected 0"), piped.stderr)
        // A quoted newline in a CR-only file stays inside its field.
        let quoted = try write("id,date,lat,lon\r\"A\r1\",2025-01-01,37.1,70.5\r", "q.csv")
        let q = try run(["join", quoted, "--id-field", "id", "--date-field", "date", "--lat-field", "lat", "--lon-field", "lon", "--format", "json"], 0)
        XCTAssertTrue(q.stdout.contains("\"id\":\"A\\n1\""), q.stdout)
    }

    func testRaggedRowsAreRejectedWithTheirFieldCount() throws {
        let file = try write(twoRows + "A3,2025-11-28,37.1,70.5,0,Afghanistan,Badakhshan,extra\nA4,2025-11-28,37.1\n", "ragged.csv")
        let r = try run(["join", file, "--format", "csv", "--rejects", path("rej.csv")], 0)
        XCTAssertTrue(r.stderr.contains("ragged.csv:4: row: 8 fields where the header has 7"), r.stderr)
        XCTAssertTrue(r.stderr.contains("ragged.csv:5: row: 3 fields where the header has 7"), r.stderr)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 3, "header and the two good rows")
        try run(["import", file, "--store", path("s.gpkg")], 0, says: "read 4, rejected 2: inserted 2")
    }

    func testTextAStoreCannotKeepIsRejectedNotAltered() throws {
        var bytes = Array(header.utf8)
        for id: [UInt8] in [[65, 0, 49], [65, 0, 50], [66, 0xFF, 49], [66, 0xFE, 49], [67, 49]] {
            bytes += id + Array(",2025-11-26,37.12,70.58,1,Afghanistan,Badakhshan\n".utf8)
        }
        let file = try write(bytes, "nul.csv")
        let r = try run(["import", file, "--store", path("s.gpkg")], 0, says: "read 5, rejected 4: inserted 1")
        XCTAssertTrue(r.stderr.contains("nul.csv:2: field 'event_id_cnty': holds a NUL byte"), r.stderr)
        XCTAssertTrue(r.stderr.contains("nul.csv:4: field 'event_id_cnty': holds bytes that are not UTF-8"), r.stderr)
        // join passes the bytes through untouched, keeping the four rows apart.
        let join = try FrontierBinary.run(["join", file, "--format", "csv", "--out", path("out.csv")])
        XCTAssertEqual(join.status, 0, join.stderr)
        let out = try Data(contentsOf: URL(fileURLWithPath: path("out.csv")))
        XCTAssertEqual(out.split(separator: 10).count, 6)
    }

    func testDuplicateColumnNamesCannotReachNamedOutputs() throws {
        let file = try write("event_id_cnty,event_date,latitude,longitude,note,note\nA1,2025-11-26,37.12,70.58,a,b\n", "dup.csv")
        try run(["import", file, "--store", path("s.gpkg")], 1, says: "names the column 'note' twice (columns 5 and 6)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("s.gpkg")), "no store is left behind")
        try run(["join", file, "--format", "json"], 1, says: "names the column 'note' twice")
        let csv = try run(["join", file, "--format", "csv"], 0)
        XCTAssertTrue(csv.stdout.contains("a,b"), "CSV keeps both")
    }

    func testOutputsNeverReplaceTheInput() throws {
        let file = try write(twoRows, "i.csv")
        for args in [["join", file, "--out", file], ["near", file, "--border", "AFG-TJK", "--within", "9km", "--rejects", file],
                     ["aggregate", file, "--window", "month", "--out", dir.appendingPathComponent("./i.csv").path],
                     ["map", file, "--out", file]] {
            try run(args, 64, says: "is the incidents file this command reads")
        }
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), twoRows)
    }

    func testSyncNeverEmptiesAStoreByAccident() throws {
        let store = path("s.gpkg")
        let three = try write(twoRows + "A3,2025-11-28,37.1,70.5,0,Afghanistan,Badakhshan\n", "three.csv")
        try run(["import", three, "--store", store], 0, says: "inserted 3")
        let empty = try write(header, "empty.csv")
        try run(["import", empty, "--store", store, "--sync"], 1, says: "would delete 3 stored incidents and keep 0")
        let one = try write(header + "A1,2025-11-26,37.12,70.58,1,Afghanistan,Badakhshan\n", "one.csv")
        try run(["import", one, "--store", store, "--sync"], 1, says: "--allow-mass-delete")
        let info = try run(["store", "info", store], 0)
        XCTAssertTrue(info.stdout.contains("incidents   3"), info.stdout)
        try run(["import", one, "--store", store, "--sync", "--allow-mass-delete"], 0, says: "deleted 2")
        try run(["import", one, "--store", store, "--allow-mass-delete"], 64, says: "--allow-mass-delete goes with --sync")
    }

    // MARK: - Messages

    func testMessagesBlameTheRightFieldAndReason() throws {
        let file = try write(header + "A1,2025-11-26,37.1,inf,1,,\nA2,2025-11-26,37.1,70.5,99999999999999999999999,,\nA3,2025-11-26,37.1,70.5,1,,\n", "m.csv")
        let r = try run(["join", file, "--format", "csv"], 0)
        XCTAssertTrue(r.stderr.contains("m.csv:2: field 'longitude': coordinates are not finite"), r.stderr)
        XCTAssertTrue(r.stderr.contains("m.csv:3: field 'fatalities': number out of range '99999999999999999999999'"), r.stderr)
        try run(["join", "-", "--input-format", "csv"], 1, says: "is empty: expected a header row", stdin: nil)
        // JSON nested deeper than the reader's ceiling is said to be that, with the feature it is in.
        let deep = try write("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"x\":"
                             + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "},\"geometry\":null}]}", "deep.geojson")
        try run(["join", deep], 1, says: "deep.geojson:1: is not valid JSON: feature 1: arrays and objects nest more than 64 levels deep")
    }

    func testTerminalTablesShowControlCharactersInsteadOfObeyingThem() throws {
        let file = try write(header.replacingOccurrences(of: "admin1\n", with: "admin1,notes\n")
                             + "A1,2025-11-26,37.12,70.58,1,Afghanistan,Badakhshan,\u{1B}[31mred\u{1B}[0m\n", "esc.csv")
        let r = try run(["join", file, "--format", "table"], 0)
        XCTAssertFalse(r.stdout.contains("\u{1B}"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\u{FFFD}[31mred\u{FFFD}[0m"), r.stdout)
    }

    /// A point reporting a covered country yet lying outside every region (swapped latitude/longitude
    /// landing far away) is listed in --mismatches, not only counted as unmatched.
    func testSwappedCoordinatesOutsideEveryRegionAreListedAsMismatches() throws {
        let file = try write(header + "A1,2025-11-26,70.58,37.12,1,Afghanistan,Badakhshan\nA2,2025-11-26,37.12,70.58,1,Afghanistan,Badakhshan\n", "swap.csv")
        let r = try run(["join", file, "--format", "csv", "--mismatches", path("mm.csv")], 0)
        XCTAssertTrue(r.stderr.contains("mismatched 1"), r.stderr)
        let listed = try String(contentsOfFile: path("mm.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(listed.count, 2)
        XCTAssertTrue(listed[1].hasPrefix("2,A1,Afghanistan,Badakhshan,,,,70.58,37.12"), String(listed[1]))
    }

    /// A table streams after its first thousand rows (their widths set the columns) instead of waiting for
    /// the whole input: every row is written once, under one header.
    func testTablesStreamAfterTheirFirstThousandRows() throws {
        let rows = (1...1500).map { "A\($0),2025-11-26,37.12,70.58,\($0 == 1400 ? 1000000 : 1),Afghanistan,Badakhshan" }
        let file = try write(header + rows.joined(separator: "\n") + "\n", "many.csv")
        let r = try run(["join", file, "--format", "table"], 0)
        let lines = r.stdout.split(separator: "\n")
        XCTAssertEqual(lines.count, 1502, "header, rule, 1500 rows")
        XCTAssertEqual(lines.filter { $0.hasPrefix("event_id_cnty") }.count, 1)
        XCTAssertTrue(lines.contains { $0.hasPrefix("A1400 ") && $0.contains(" 1000000 ") }, "a wider value after the sample still prints whole")
    }

    /// Runs `frontier args` with standard output on /dev/full: its exit status and what it said.
    private func runOntoAFullDevice(_ args: [String]) throws -> (status: Int32, message: String) {
        guard let full = FileHandle(forWritingAtPath: "/dev/full") else { throw XCTSkip("no /dev/full here") }
        let p = Process()
        p.executableURL = FrontierBinary.url
        p.arguments = args
        p.standardOutput = full
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, message)
    }

    /// Output to a full device is exit 1 with the reason, for the commands' own writes and for the help
    /// text swift-argument-parser prints (flushed and checked at exit).
    func testAFullStandardOutputIsAnErrorEvenForHelp() throws {
        let file = try write(twoRows, "i.csv")
        for args in [["--help"], ["join", "--help"], ["join", file, "--format", "csv"], ["regions", "--format", "csv"]] {
            let (status, message) = try runOntoAFullDevice(args)
            XCTAssertEqual(status, 1, "\(args): \(message)")
            XCTAssertTrue(message.contains("cannot write standard output: No space left on device"), "\(args): \(message)")
        }
    }

    /// An answer of several blocks, written by its own thread, fails the same way on a full device; into
    /// --out it is written whole.
    func testAFullDeviceFailsAnAnswerOfManyBlocks() throws {
        let notes = String(repeating: "n", count: 200)
        let rows = (1...12_000).map { "A\($0),2025-11-26,37.12,70.58,1,Afghanistan,Badakhshan,\(notes)" }
        let file = try write(String(header.dropLast()) + ",notes\n" + rows.joined(separator: "\n") + "\n", "many.csv")
        let (status, message) = try runOntoAFullDevice(["join", file, "--format", "csv"])
        XCTAssertEqual(status, 1, message)
        XCTAssertTrue(message.contains("cannot write standard output: No space left on device"), message)
        let out = path("joined.csv")
        let r = try run(["join", file, "--format", "csv", "--out", out], 0)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").count, 12_001)
    }
}
