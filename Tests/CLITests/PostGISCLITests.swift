import Foundation
import XCTest

/// The same commands over a PostGIS table, against a private PostgreSQL cluster started for this class
/// (`PostgresCluster`): every output byte for byte as from the CSV and from a GeoPackage store, the import
/// contract (idempotent, --sync, --strict, one transaction even when the server goes away), and one-line
/// errors that never print the password.
final class PostGISCLITests: FolderTestCase {
    nonisolated(unsafe) private static var shared: PostgresCluster?
    private var cluster: PostgresCluster!

    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path
    static let tricky = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tricky.csv").path

    override func setUpWithError() throws {
        try super.setUpWithError()
        if Self.shared == nil { Self.shared = try PostgresCluster() }
        cluster = Self.shared
    }

    override class func tearDown() {
        shared?.stop()
        shared = nil
        super.tearDown()
    }

    @discardableResult
    private func frontier(_ args: [String], status: Int32 = 0) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(args)
        XCTAssertEqual(r.status, status, "frontier \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    /// The counts an import reports on its last line ("inserted 3, updated 1, unchanged 0, deleted 1").
    private func counts(_ r: FrontierBinary.Result) -> String {
        guard let line = r.stderr.split(separator: "\n").last(where: { $0.contains("inserted") }),
              let start = line.range(of: "inserted"), let end = line.range(of: " in ") else { return r.stderr }
        return String(line[start.lowerBound..<end.lowerBound])
    }

    func testEveryCommandAnswersFromPostGISAsFromTheCSVAndTheStore() throws {
        let csv = path("s.csv"), store = path("s.gpkg"), table = cluster.url(table: "answers")
        try frontier(["synth", "--count", "3000", "--seed", "11", "--out", csv])
        try frontier(["import", csv, "--store", store])
        XCTAssertEqual(counts(try frontier(["import", csv, "--db", table])), "inserted 3000, updated 0, unchanged 0")
        let questions: [[String]] = [
            ["join", "--format", "csv"],
            ["join", "--regions", "admin0", "--format", "geojson"],
            ["join", "--where", "event_type=Battles", "--columns", "event_id_cnty,event_date,fatalities", "--format", "csv"],
            ["near", "--border", "AFG-TJK", "--within", "10km,25km,50km", "--format", "csv"],
            ["near", "--region", "AFG:Badakhshan", "--within", "20km", "--from", "2025-01-01", "--format", "csv"],
            ["aggregate", "--window", "week", "--format", "csv"],
            ["aggregate", "--window", "month", "--from", "2024-06-01", "--to", "2025-05-31", "--near", "AFG-PAK", "--within", "25km", "--format", "csv"],
            ["aggregate", "--regions", "grid:10km", "--window", "quarter", "--compare", "previous", "--format", "csv"],
            ["hotspots", "--regions", "grid:10km", "--window", "month", "--distance", "15km", "--summary", "--format", "csv"],
            ["trends", "--format", "csv"],
        ]
        for q in questions {
            let fromCSV = try frontier([q[0], csv] + q.dropFirst())
            let fromStore = try frontier([q[0], store] + q.dropFirst())
            let fromTable = try frontier([q[0], table] + q.dropFirst())
            XCTAssertGreaterThan(fromCSV.stdout.split(separator: "\n").count, 1, q.joined(separator: " "))
            XCTAssertEqual(fromTable.stdout, fromCSV.stdout, q.joined(separator: " "))
            XCTAssertEqual(fromStore.stdout, fromCSV.stdout, q.joined(separator: " "))
            XCTAssertEqual(fromTable.stderr, fromStore.stderr, q.joined(separator: " "))
        }
        // The map draws the same: its page differs only where it names its source, and (from a store or a
        // table, which read only the rows in the zone's box) in how many rows it read.
        var pages: [[String]] = []
        for (input, name) in [(csv, "s.csv"), (store, "s.gpkg"), (table, "frontier?table=answers")] {
            let out = path("map-\(pages.count).html")
            try frontier(["map", input, "--near", "AFG-TJK", "--within", "25km", "--window", "month", "--out", out])
            pages.append(try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: name, with: "SOURCE")
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
        XCTAssertEqual(pages[2], pages[1])
        XCTAssertEqual(pages[1].filter { !$0.contains("meta source") }, pages[0].filter { !$0.contains("meta source") })
        XCTAssertEqual(pages[0].filter { $0.contains("meta source") }.count, 1)
    }

    func testHostileValuesRoundTripAndReimportIsANoOp() throws {
        let table = cluster.url(table: "tricky"), store = path("t.gpkg")
        try frontier(["import", Self.tricky, "--store", store])
        let first = try frontier(["import", Self.tricky, "--db", table])
        let again = try frontier(["import", Self.tricky, "--db", table])
        XCTAssertTrue(counts(first).hasPrefix("inserted "), first.stderr)
        XCTAssertTrue(counts(again).hasPrefix("inserted 0, updated 0, unchanged "), again.stderr)
        // As from the store (which, like the table, gives back values, not the file's quoting or BOM).
        XCTAssertEqual(try frontier(["join", table, "--format", "csv"]).stdout, try frontier(["join", store, "--format", "csv"]).stdout)
        XCTAssertEqual(try frontier(["join", table, "--format", "geojson"]).stdout, try frontier(["join", store, "--format", "geojson"]).stdout)
        // The rows are real PostGIS points in EPSG:4326 with typed columns a GIS client can query.
        XCTAssertEqual(try cluster.psql("frontier", "SELECT DISTINCT ST_SRID(geom) || ' ' || GeometryType(geom) FROM tricky"), "4326 POINT")
        XCTAssertEqual(try cluster.psql("frontier", "SELECT count(*) FROM tricky WHERE ST_X(geom) <> longitude OR ST_Y(geom) <> latitude"), "0")
    }

    /// A newer export: a changed row is updated, a new one inserted, one gone is deleted with --sync; the
    /// table then reads as the GeoPackage store given the same imports. --strict with a bad row, and --sync
    /// from an export missing most rows, change nothing.
    func testUpdatesSyncStrictAndMassDeleteAsTheStore() throws {
        let table = cluster.url(table: "exports"), store = path("e.gpkg")
        let header = "event_id_cnty,event_date,latitude,longitude,fatalities,event_type\n"
        let v1 = try write(header + "A1,2025-01-02,37.1,70.2,1,Battles\nA2,2025-01-03,37.2,70.3,0,Riots\nA3,2025-01-04,37.3,70.4,2,Battles\n", "v1.csv")
        let v2 = try write(header + "A1,2025-01-02,37.1,70.2,5,Battles\nA3,2025-01-04,37.3,70.4,2,Battles\nA4,2025-01-05,37.4,70.5,1,Protests\n", "v2.csv")
        for target in [["--db", table], ["--store", store]] {
            XCTAssertEqual(counts(try frontier(["import", v1] + target)), "inserted 3, updated 0, unchanged 0")
            XCTAssertEqual(counts(try frontier(["import", v2, "--sync"] + target)), "inserted 1, updated 1, unchanged 1, deleted 1")
        }
        XCTAssertEqual(try frontier(["join", table, "--format", "csv"]).stdout, try frontier(["join", store, "--format", "csv"]).stdout)
        let before = try frontier(["join", table, "--format", "csv"]).stdout

        let bad = try write(header + "A5,2025-01-06,37.5,70.6,1,Battles\nA6,not-a-date,37.6,70.7,1,Battles\n", "bad.csv")
        try frontier(["import", bad, "--db", table, "--strict"], status: 65)
        let few = try write(header + "A4,2025-01-05,37.4,70.5,1,Protests\n", "few.csv")
        let refused = try frontier(["import", few, "--db", table, "--sync"], status: 1)
        XCTAssertTrue(refused.stderr.contains("--allow-mass-delete"), refused.stderr)
        XCTAssertEqual(try frontier(["join", table, "--format", "csv"]).stdout, before)
    }

    /// The server stopped in the middle of a COPY: the import fails with one line saying so, and after a
    /// restart the table holds exactly what it held before.
    func testServerGoneMidImportLeavesTheTableAsItWas() throws {
        let table = cluster.url(table: "interrupted"), big = path("big.csv")
        try frontier(["import", Self.reported, "--db", table])
        try frontier(["synth", "--count", "300000", "--seed", "5", "--out", big])
        let process = Process()
        process.executableURL = FrontierBinary.url
        process.arguments = ["import", big, "--db", table]
        let errURL = URL(fileURLWithPath: path("import.err"))
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Stop the server once the COPY is under way (rows are on their way, nothing is committed).
        var copying = false
        for _ in 0..<600 where !copying {
            copying = (try? cluster.psql("frontier", "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY%'")) == "1"
            if !copying { usleep(50_000) }
        }
        XCTAssertTrue(copying, "the import never started its COPY")
        try cluster.stopImmediately()
        process.waitUntilExit()
        try err.close()
        try cluster.start()
        let message = try String(contentsOf: errURL, encoding: .utf8)
        XCTAssertEqual(process.terminationStatus, 1, message)
        XCTAssertTrue(message.contains("Error: postgresql://frontier:***@127.0.0.1:\(cluster.port)/frontier?table=interrupted:"), message)
        XCTAssertFalse(message.contains(cluster.password), message)
        XCTAssertEqual(try cluster.psql("frontier", "SELECT count(*) FROM interrupted"), "4")
        XCTAssertEqual(try frontier(["join", table, "--format", "csv"]).stdout, try frontier(["join", Self.reported, "--format", "csv"]).stdout)
    }

    func testConnectionFaultsAreOneLineErrorsWithoutThePassword() throws {
        try frontier(["db", "init", "--db", cluster.url(table: "present")])
        try cluster.psql("postgres", "DROP DATABASE IF EXISTS nogis")
        try cluster.psql("postgres", "CREATE DATABASE nogis")
        let cases: [(url: String, says: String)] = [
            (cluster.url(table: "incidents", password: "wrong-secret"), "password authentication failed for user \"frontier\""),
            ("postgresql://frontier:wrong-secret@127.0.0.1:1/frontier?table=incidents", "Connection refused"),
            (cluster.url(table: "incidents", db: "nogis"), "the PostGIS extension is missing from this database"),
            (cluster.url(table: "never_made"), "has no table never_made: create it with `frontier db init --db URL`"),
            (cluster.url(table: "x;DROP TABLE y"), "is not a table name"),
        ]
        for c in cases {
            let r = try frontier(["aggregate", c.url, "--window", "month"], status: 1)
            XCTAssertTrue(r.stderr.contains(c.says), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertFalse(r.stderr.contains("wrong-secret") || r.stderr.contains(cluster.password), r.stderr)
            XCTAssertTrue(r.stderr.contains(":***@"), r.stderr)
        }
    }

    /// `db init` makes the table and loads the boundaries as reference tables, once; on the server they
    /// hold what Frontier knows (Badakhshan touches the AFG-TJK line, Khatlon lies in Tajikistan).
    func testDbInitLoadsTheBoundariesOnce() throws {
        let table = cluster.url(table: "initialized")
        let first = try frontier(["db", "init", "--db", table])
        XCTAssertTrue(first.stdout.contains("table initialized ready (0 incidents)"), first.stdout)
        XCTAssertFalse(first.stdout.contains(cluster.password))
        let again = try frontier(["db", "init", "--db", table])
        XCTAssertTrue(again.stdout.contains("kept the"), again.stdout)
        XCTAssertEqual(try cluster.psql("frontier", "SELECT count(*) FROM frontier_regions WHERE layer = 'admin1'"),
                       String(try frontier(["regions", "--regions", "admin1", "--format", "csv"]).stdout.split(separator: "\n").count - 1))
        XCTAssertEqual(try cluster.psql("frontier", """
            SELECT ST_Intersects(r.geom, b.geom) FROM frontier_regions r, frontier_borders b
            WHERE r.region_id = 'AFG:Badakhshan' AND b.border_id = 'AFG-TJK'
            """), "t")
        XCTAssertEqual(try cluster.psql("frontier", """
            SELECT c.region_id FROM frontier_regions p JOIN frontier_regions c ON c.layer = 'admin0'
            AND ST_Covers(c.geom, ST_PointOnSurface(p.geom)) WHERE p.region_id = 'TJK:Khatlon'
            """), "TJK:Tajikistan")
        XCTAssertEqual(try cluster.psql("frontier", "SELECT indexdef LIKE '%USING gist (geom)%' FROM pg_indexes WHERE tablename = 'initialized' AND indexname = 'initialized_geom_idx'"), "t")
    }

    /// aggregate and join answered on the server (located with ST_Covers and the smallest region_id, counted
    /// in groups), checked against Frontier's own answers from the CSV and the store on rows chosen to be hard:
    /// points on vertices two provinces share (the tie rule), points outside every region (counted as the
    /// table's rows minus the located ones), reported places that disagree with the located region.
    func testAggregateAndJoinAnsweredOnTheServerAsFrontierAnswers() throws {
        let csv = path("hard.csv"), store = path("hard.gpkg"), table = cluster.url(table: "pushdown")
        try frontier(["db", "init", "--db", table])
        let shared = try cluster.psql("frontier", """
            SELECT ST_X(d.geom) || ',' || ST_Y(d.geom) FROM frontier_regions a, LATERAL ST_DumpPoints(a.geom) d, frontier_regions b
            WHERE a.layer = 'admin1' AND b.layer = 'admin1' AND a.region_id > b.region_id AND a.region_id LIKE 'AFG:%'
            AND b.geom && d.geom AND ST_Covers(b.geom, d.geom) ORDER BY 1 LIMIT 40
            """).split(separator: "\n").map(String.init)
        XCTAssertEqual(shared.count, 40, "vertices two Afghan provinces share")
        try frontier(["synth", "--count", "2000", "--seed", "5", "--out", csv])
        var text = try String(contentsOfFile: csv, encoding: .utf8)
        for (k, point) in shared.enumerated() {
            let lonLat = point.split(separator: ",")
            text += "TIE\(k),2025-0\(k % 9 + 1)-1\(k % 10),2025,Battles,Armed clash,A,B,Afghanistan,Nowhere,x,\(lonLat[1]),\(lonLat[0]),1,\(k),test,tie\n"
        }
        // Fatalities written as unknown (issue 27, item 10): counted as events on the server as in Frontier.
        for (k, word) in ["NA", "unknown", " n/a", "-"].enumerated() {
            text += "UNKNOWN\(k),2025-05-1\(k),2025,Battles,Armed clash,A,B,Tajikistan,Khatlon,x,37.844177,69.150368,1,\(word),test,unknown\n"
        }
        for k in 0..<25 {
            text += "OUT\(k),2024-1\(k % 3)-0\(k % 9 + 1),2024,Protests,Peaceful protest,A,,Chad,Ennedi,x,\(15 + Double(k) / 10),\(20 + k),\(k % 3 + 1),\(k % 4),test,outside\n"
        }
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        try frontier(["import", csv, "--store", store])
        try frontier(["import", csv, "--db", table])
        let questions: [[String]] = [
            ["aggregate", "--window", "week", "--include-unmatched"],
            ["aggregate", "--window", "week", "--week-start", "saturday", "--split", "event_type"],
            ["aggregate", "--window", "14d", "--anchor", "2024-01-03", "--max-geo-precision", "2"],
            ["aggregate", "--window", "month", "--region", "Badakhshan", "--region", "Khatlon", "--fill"],
            ["aggregate", "--window", "year", "--compare", "previous", "--from", "2025-03-01", "--sort", "change"],
            ["aggregate", "--regions", "admin0", "--window", "all", "--where", "event_type=battles", "--include-unmatched"],
            ["aggregate", "--window", "day", "--where", "region_country=TJK", "--to", "2025-06-30", "--format", "json"],
            ["join", "--where", "region_country=AFG", "--format", "csv"],
            ["join", "--regions", "admin0", "--where", "region_id=TJK:Tajikistan", "--where", "region_id=UZB:Uzbekistan"],
        ]
        for q in questions {
            let name = q.joined(separator: " ")
            let fromCSV = try frontier([q[0], csv] + q.dropFirst())
            let fromStore = try frontier([q[0], store] + q.dropFirst())
            let fromTable = try frontier([q[0], table] + q.dropFirst())
            XCTAssertGreaterThan(fromCSV.stdout.split(separator: "\n").count, 2, name)
            XCTAssertEqual(fromTable.stdout, fromCSV.stdout, name)
            XCTAssertEqual(fromStore.stdout, fromCSV.stdout, name)
            XCTAssertFalse(fromTable.stderr.contains("located in Frontier"), "\(name): \(fromTable.stderr)")
            if q[0] == "aggregate" {
                // The same summary: rows read, unmatched, mismatched (counted per group on the server); where
                // regions are named, the server sends only theirs, and "read" counts what Frontier received.
                let narrowed = q.contains("--region") || q.contains { $0.hasPrefix("region_") }
                let summary = { (text: String) in narrowed ? text.replacingOccurrences(of: #"read \d+, "#, with: "", options: .regularExpression) : text }
                XCTAssertEqual(summary(fromTable.stderr), summary(fromStore.stderr), name)
                if q == questions[0] {
                    XCTAssertTrue(fromTable.stderr.contains("; fatalities unknown for 4 (NA, N/A, - or unknown: counted as events, not in fatalities)\n"),
                                  "\(name): \(fromTable.stderr)")
                }
            }
        }
        XCTAssertTrue(try frontier(["aggregate", csv, "--window", "all", "--include-unmatched"]).stdout.contains(",,,2024-"), "the outside rows count")

        // The server's polygons are the ones used: moved, they change the answer; told apart by their
        // fingerprint, they are not used (Frontier locates, and says so).
        let week = ["aggregate", table, "--window", "week"]
        let right = try frontier(week).stdout
        _ = try cluster.psql("frontier", "UPDATE frontier_regions SET geom = ST_Translate(geom, 0.5, 0) WHERE region_id = 'AFG:Badakhshan'")
        XCTAssertNotEqual(try frontier(week).stdout, right, "a moved Badakhshan on the server moves the counts")
        _ = try cluster.psql("frontier", "UPDATE frontier_store SET value = 'stale' WHERE table_name = 'frontier_regions' AND key = 'fingerprint:admin1'")
        let stale = try frontier(week)
        XCTAssertEqual(stale.stdout, right)
        XCTAssertTrue(stale.stderr.contains("located in Frontier, not on the server: frontier_regions holds another admin1"), stale.stderr)
        let reloaded = try frontier(["db", "init", "--db", table])
        XCTAssertTrue(reloaded.stdout.contains("frontier_regions: loaded 141 regions, replacing 141 from other GeoData, kept the 9 already there"), reloaded.stdout)
        let again = try frontier(week)
        XCTAssertEqual(again.stdout, right)
        XCTAssertFalse(again.stderr.contains("located in Frontier"), again.stderr)
    }
}
