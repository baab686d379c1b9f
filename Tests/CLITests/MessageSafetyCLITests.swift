import Foundation
import XCTest

/// What a message may carry (issue "Hardened, second pass", items 12 and 13 and the lower items on messages):
/// values from files and flags reach the terminal escaped, never as control; a password never leaves the
/// URL it was typed in; a damaged store is named as damaged.
final class MessageSafetyCLITests: FolderTestCase {

    private let header = "event_id_cnty,event_date,latitude,longitude,fatalities\n"

    /// No byte a terminal obeys (ESC, CSI, other C0/C1 controls, bidi overrides) anywhere in `text`, but
    /// its own line breaks.
    private func assertNoControl(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
        let bad = text.unicodeScalars.filter { s in
            (s.value < 0x20 && s != "\n") || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
        }
        XCTAssertTrue(bad.isEmpty, "control characters \(bad.map { String($0.value, radix: 16) }) in: \(text)", file: file, line: line)
    }

    /// The sweep's case: a quoted latitude holding ESC[2J, a newline and a fake all-clear line.
    func testLatitudeWithEscapeAndNewlineIsShownEscaped() throws {
        let hostile = "\"\u{1B}[2J\nrejected nothing: all good\""
        let csv = try write(header + "A1,2025-11-26,37.12,70.58,1\nA2,2025-11-26,\(hostile),70.58,1\n", "esc.csv")
        let r = try run(["aggregate", csv, "--window", "month"], 0)
        assertNoControl(r.stderr)
        XCTAssertTrue(r.stderr.contains("bad number '\\u{1B}[2J\\nrejected nothing: all good'"), r.stderr)
        XCTAssertFalse(r.stderr.split(separator: "\n").contains { $0.hasPrefix("rejected nothing") }, r.stderr)
    }

    /// Header names echoed by the missing-columns error, and an id echoed as a duplicate.
    func testHeaderNamesAndIdsAreShownEscaped() throws {
        let csv = try write("id\u{1B}]0;owned\u{07},when\n1,2\n", "hdr.csv")
        let r = try run(["join", csv], 1)
        assertNoControl(r.stderr)
        XCTAssertTrue(r.stderr.contains("id\\u{1B}]0;owned\\u{7}"), r.stderr)
        let dup = try write(header + "\"D\u{1B}[31m\",2025-11-26,37.12,70.58,1\n\"D\u{1B}[31m\",2025-11-26,37.12,70.58,1\n", "dup.csv")
        let d = try run(["join", dup], 0)
        assertNoControl(d.stderr)
        XCTAssertTrue(d.stderr.contains("duplicate id 'D\\u{1B}[31m'"), d.stderr)
    }

    /// A file name with a newline and a bidi override, in the notice of a rejected row.
    func testFileNamesAreShownEscaped() throws {
        let name = "x\n\u{202E}vsc.csv"
        let csv = try write(header + "A1,2025-11-26,95,70.58,1\nA2,2025-11-26,37.12,70.58,1\n", name)
        let r = try run(["join", csv], 0)
        assertNoControl(r.stderr)
        XCTAssertTrue(r.stderr.contains("x\\n\\u{202E}vsc.csv:2: field 'latitude': latitude 95 outside ±90"), r.stderr)
    }

    /// A region whose id holds an escape sequence and whose ring crosses itself: the repair notice.
    func testRegionIdsInRepairNoticesAreShownEscaped() throws {
        let layer = try write("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"region_id":"R\\u001b[2J","region_name":"Bow"},\
            "geometry":{"type":"Polygon","coordinates":[[[70,37],[71,38],[71,37],[70,38],[70,37]]]}}]}
            """, "bow.geojson")
        let r = try run(["regions", "--regions", layer, "--format", "csv"], 0)
        assertNoControl(r.stderr)
        XCTAssertTrue(r.stderr.contains("(R\\u{1B}[2J): Self-intersection"), r.stderr)
    }

    /// A command's own error quoting an output path: a newline in the path cannot start a line of its own.
    func testOutputPathsInErrorsAreShownEscaped() throws {
        let csv = try write(header + "A1,2025-11-26,37.12,70.58,1\n", "a.csv")
        let r = try run(["join", csv, "--out", path("no\nsuch: all good/o.csv")], 1)
        assertNoControl(r.stderr)
        XCTAssertTrue(r.stderr.contains("no\\nsuch: all good/o.csv"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    }

    /// An argument-parser error echoes the flag's value: printed escaped too.
    func testUsageErrorsEchoValuesEscaped() throws {
        let r = try run(["aggregate", "x.csv", "--window", "\u{1B}[2Jweek"], 64)
        assertNoControl(r.stderr)
        XCTAssertTrue(r.stderr.contains("\\u{1B}[2Jweek"), r.stderr)
    }

    /// libpq's URI parser quoted the URL, password included: `invalid percent-encoded token: "s3%zzcret"`.
    func testPostgresURLsWithBadPartsNeverPrintThePassword() throws {
        for url in ["postgresql://u:s3%zzcret@h/db?table=t", "postgresql://u:s3cret@[::1:1/db?table=t"] {
            let r = try run(["join", url], 1)
            XCTAssertFalse(r.stderr.contains("s3"), r.stderr)
            XCTAssertTrue(r.stderr.contains("postgresql://u:***@"), r.stderr)
            XCTAssertTrue(r.stderr.contains("is not a PostgreSQL URL"), r.stderr)
        }
    }

    /// A connection refused on a port nothing listens on: libpq's message, no password in it.
    func testRefusedConnectionNamesNoPassword() throws {
        let r = try run(["join", "postgresql://u:hunter2secret@127.0.0.1:1/db?table=t&connect_timeout=2"], 1)
        XCTAssertFalse(r.stderr.contains("hunter2"), r.stderr)
        XCTAssertTrue(r.stderr.contains("cannot connect"), r.stderr)
    }

    // MARK: - Damage named as damage

    private func sqlite(_ store: String, _ sql: String) throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"),
                          "the sqlite3 shell (Debian sqlite3) is not installed: `make test` installs it")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [store, sql]
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
    }

    /// A store whose layout row was damaged said "holds no incidents yet"; one whose frontier_store was
    /// emptied said "use a newer frontier".
    func testDamagedStoreLayoutIsNamedAsDamage() throws {
        let csv = try write(header + "A1,2025-11-26,37.12,70.58,1\n", "a.csv")
        let layout = path("layout.gpkg"), emptied = path("emptied.gpkg"), lost = path("lost.gpkg")
        for store in [layout, emptied, lost] { try run(["import", csv, "--store", store], 0) }
        try sqlite(layout, "UPDATE frontier_store SET value = '{\"columns\":' WHERE key = 'layout';")
        try sqlite(emptied, "DELETE FROM frontier_store;")
        try sqlite(lost, "DELETE FROM frontier_store WHERE key = 'layout';")
        let cases = [(layout, "is damaged: the layout row of its frontier_store table is not the JSON an import writes"),
                     (emptied, "is damaged: its frontier_store table has no schema_version row"),
                     (lost, "is damaged: it holds incidents but its frontier_store table has no layout row")]
        for (store, message) in cases {
            for args in [["join", store], ["aggregate", store, "--window", "month"], ["import", csv, "--store", store]] {
                let r = try run(args, 1)
                XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
                XCTAssertFalse(r.stderr.contains("holds no incidents yet") || r.stderr.contains("newer frontier"), r.stderr)
            }
        }
    }

    /// A null region_id said "no key field 'region_id' (fields: region_id, …)", contradicting itself.
    func testNullRegionIdIsNamedAsNull() throws {
        let layer = try write("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"region_id":null,"region_name":"R"},\
            "geometry":{"type":"Polygon","coordinates":[[[70,37],[71,37],[71,38],[70,37]]]}}]}
            """, "null.geojson")
        let r = try run(["regions", "--regions", layer], 1)
        XCTAssertTrue(r.stderr.contains("feature 1: its key field 'region_id' is null; every region needs an id; choose the key with --region-key"), r.stderr)
    }

    /// Thousands of --where values were compared by a list scan per region, and an error listed them all:
    /// the matching value is found, and a miss names ten of them. (Parsing 5,000 repeated flags is
    /// swift-argument-parser's own quadratic cost, about 1.7 s in a release build; 1,000 keep this test short.)
    func testThousandWhereValuesSelectTheOneThatMatches() throws {
        let csv = try write(header + "A1,2025-11-26,37.12,70.58,1\nA2,2025-11-26,38.54,68.78,2\n", "w.csv")
        var args = ["join", csv, "--format", "csv"]
        for i in 0..<1_000 { args += ["--where", "region_id=NOPE\(i)"] }
        let r = try run(args + ["--where", "region_id=TJK:Dushanbe"], 0)
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 2, r.stdout)
        XCTAssertTrue(r.stdout.contains("A2,"), r.stdout)
        let miss = try run(args, 1)
        XCTAssertTrue(miss.stderr.contains("no region has region_id 'NOPE0' or 'NOPE1' or"), miss.stderr)
        XCTAssertTrue(miss.stderr.contains("'NOPE9' (or 990 more); region_id is one of: AFG:Badakhshan"), miss.stderr)
    }
}
