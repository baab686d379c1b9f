import Foundation
import XCTest

/// `frontier import` and stores as input, end to end, with GDAL as an independent reader.
final class StoreCLITests: FolderTestCase {

    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path
    static let tricky = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tricky.csv").path


    @discardableResult
    private func frontier(_ args: [String], status: Int32 = 0) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(args)
        XCTAssertEqual(r.status, status, "frontier \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    /// The store's content (every table's rows, the schema, the triggers) as SQLite dumps it: what "unchanged"
    /// means. (The file's header bytes also count journal-mode switches, which change no data.)
    private func storeContent(_ p: String) throws -> String {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 (Debian sqlite3) is not installed: `make test` installs it")
        return try run("/usr/bin/sqlite3", [p, ".dump"])
    }

    func testRoundTripEveryFieldAndQueriesEqualTheCSVs() throws {
        let store = path("s.gpkg")
        for input in [Self.reported, Self.tricky] {
            try frontier(["import", input, "--store", store])
            // join on the store prints what join on the CSV prints (the rows of this input, under their names).
            let fromCSV = try frontier(["join", input, "--format", "json"]).stdout
            let fromStore = try frontier(["join", store, "--format", "json"]).stdout
            let csvRows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(fromCSV.utf8)) as? [[String: Any]])
            let storeRows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(fromStore.utf8)) as? [[String: Any]])
            for row in csvRows {
                let id = try XCTUnwrap(row["event_id_cnty"] as? String)
                let stored = try XCTUnwrap(storeRows.first { $0["event_id_cnty"] as? String == id }, id)
                for (key, value) in row {
                    XCTAssertEqual("\(stored[key] ?? "<missing>")", "\(value)", "\(id).\(key)")
                }
            }
        }
        // The reported file alone: byte-identical join, near and aggregate output.
        let only = path("reported.gpkg")
        try frontier(["import", Self.reported, "--store", only])
        for args in [["join"], ["near", "--border", "AFG-TJK", "--within", "50km"], ["aggregate", "--window", "week", "--from", "2025-11-27"]] {
            let a = try frontier([args[0], Self.reported] + args.dropFirst() + ["--format", "csv"]).stdout
            let b = try frontier([args[0], only] + args.dropFirst() + ["--format", "csv"]).stdout
            XCTAssertEqual(a, b, args[0])
        }
    }

    func testReimportIsIdempotentUpdatesAndSync() throws {
        let store = path("s.gpkg")
        let first = try frontier(["import", Self.reported, "--store", store])
        XCTAssertTrue(first.stderr.contains("inserted 4, updated 0, unchanged 0"), first.stderr)
        let before = try storeContent(store)
        let again = try frontier(["import", Self.reported, "--store", store])
        XCTAssertTrue(again.stderr.contains("inserted 0, updated 0, unchanged 4"), again.stderr)
        XCTAssertEqual(try frontier(["store", "info", store]).stdout.contains("incidents   4"), true)
        _ = before
        // A newer export: one row changed, one gone.
        let text = try String(contentsOfFile: Self.reported, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[1] = lines[1].replacingOccurrences(of: ",3,3,\"Tajikistan's", with: ",3,5,\"Tajikistan's")
        XCTAssertTrue(lines[1].contains(",3,5,"), "fixture edit applied")
        lines.remove(at: 4)
        let newer = try write(lines.joined(separator: "\n"), "newer.csv")
        let sync = try frontier(["import", newer, "--store", store, "--sync"])
        XCTAssertTrue(sync.stderr.contains("inserted 0, updated 1, unchanged 2, deleted 1"), sync.stderr)
        let agg = try frontier(["aggregate", store, "--window", "month", "--format", "csv"]).stdout
        XCTAssertTrue(agg.contains("TJK:Khatlon,TJK,Khatlon,2025-11-01,2025-11-30,1,5\n"), agg)
        XCTAssertTrue(agg.contains("TJK:Khatlon,TJK,Khatlon,2026-01-01,2026-01-31,1,4\n"), agg)
    }

    func testHostileNamesAndValuesReachSQLOnlyAsDataAndComeBackUnchanged() throws {
        let header = "event_id_cnty,event_date,latitude,longitude,\"notes\"\"; DROP TABLE incidents;--\",\"a'b\",\"x\"\") OR 1=1\""
        let row = "H1,2025-11-26,37.12,70.58,\"'); DELETE FROM incidents; --\",\"Robert'); DROP TABLE gpkg_contents;--\",\"\"\"quoted\"\"\""
        let input = try write(header + "\n" + row + "\n", "hostile.csv")
        let store = path("s.gpkg")
        try frontier(["import", input, "--store", store])
        try frontier(["import", input, "--store", store])
        // The same values (as JSON: the CSV from the store is quoted minimally, the input was not).
        let back = try frontier(["join", store, "--format", "json"]).stdout
        let direct = try frontier(["join", input, "--format", "json"]).stdout
        XCTAssertEqual(back, direct)
        XCTAssertTrue(back.contains("\"notes\\\"; DROP TABLE incidents;--\":"), back)
        XCTAssertTrue(back.contains("'); DELETE FROM incidents; --"), back)
        let agg = try frontier(["aggregate", store, "--window", "day", "--where", "a'b=Robert'); DROP TABLE gpkg_contents;--", "--format", "csv"]).stdout
        XCTAssertTrue(agg.contains(",2025-11-26,2025-11-26,1,0\n"), agg)
        XCTAssertTrue(try frontier(["store", "info", store]).stdout.contains("incidents   1"))
    }

    func testSyncKeepsRowsRejectedInTheNewExportAndStrictChangesNothing() throws {
        let store = path("s.gpkg")
        let good = try write("event_id_cnty,event_date,latitude,longitude\nX1,2025-11-26,37.12,70.58\nX2,2025-11-27,37.12,70.58\n", "good.csv")
        try frontier(["import", good, "--store", store])
        // X1 is in the new export but its date is broken: rejected, and --sync must not delete the stored X1.
        let newer = try write("event_id_cnty,event_date,latitude,longitude\nX1,2025-13-01,37.12,70.58\nX3,2025-11-28,37.12,70.58\n", "newer.csv")
        let sync = try frontier(["import", newer, "--store", store, "--sync"])
        XCTAssertTrue(sync.stderr.contains("deleted 1"), "only X2 goes: \(sync.stderr)")
        XCTAssertTrue(try frontier(["join", store, "--format", "csv"]).stdout.contains("\nX1,2025-11-26,"))
        let before = try storeContent(store)
        let strict = try frontier(["import", newer, "--store", store, "--strict"], status: 65)
        XCTAssertTrue(strict.stderr.contains("nothing imported, the store is unchanged"), strict.stderr)
        XCTAssertEqual(try storeContent(store), before)
        // A new store whose first import fails (its one row is malformed: a quote never closed) is not left behind.
        let broken = try write("event_id_cnty,event_date,latitude,longitude\nY2,\"open,37.1,70.5\n", "broken.csv")
        try frontier(["import", broken, "--store", path("new.gpkg")], status: 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("new.gpkg")))
        try frontier(["import", newer, "--store", path("strict.gpkg"), "--strict"], status: 65)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("strict.gpkg")))
        // A later input naming the position columns differently is never stored under the others' names: it
        // becomes a source of its own, said so; named as the first source, it is refused.
        let renamed = try write("event_id_cnty,event_date,lat,lon\nZ1,2025-11-26,37.12,70.58\n", "renamed.csv")
        let refused = try frontier(["import", renamed, "--store", store, "--lat-field", "lat", "--lon-field", "lon", "--source-name", "good.csv"], status: 1)
        XCTAssertTrue(refused.stderr.contains("holds the latitude in column 'latitude', but \(renamed) calls it 'lat'"), refused.stderr)
        let added = try frontier(["import", renamed, "--store", store, "--lat-field", "lat", "--lon-field", "lon"])
        XCTAssertTrue(added.stderr.contains("now holds 2 sources (good.csv, renamed.csv)"), added.stderr)
        // An export whose every row is rejected changes nothing, even with --sync: exit 1 with the reasons.
        let allBad = try write("event_id_cnty,event_date,latitude,longitude\nX1,2025-13-01,37.12,70.58\n", "allbad.csv")
        let beforeAllBad = try storeContent(store)
        let failed = try frontier(["import", allBad, "--store", store, "--sync"], status: 1)
        XCTAssertTrue(failed.stderr.contains("every row of \(allBad) was rejected (1 impossible date in 'event_date')"), failed.stderr)
        XCTAssertEqual(try storeContent(store), beforeAllBad)
    }

    func testBadStoresAreClearErrorsAndLeftUntouched() throws {
        let notSQLite = try write(String(repeating: "junk ", count: 400), "junk.gpkg")
        let plain = path("plain.gpkg")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"),
                          "the sqlite3 shell (Debian sqlite3) is not installed: `make test` installs it")
        _ = try run("/usr/bin/sqlite3", [plain, "CREATE TABLE t (x);"])
        let newer = path("newer.gpkg")
        try frontier(["import", Self.reported, "--store", newer])
        _ = try run("/usr/bin/sqlite3", [newer, "UPDATE frontier_store SET value = '99' WHERE key = 'schema_version'; PRAGMA wal_checkpoint(TRUNCATE);"])
        for (file, message) in [(notSQLite, "not a SQLite database file"), (plain, "is a SQLite database but not a GeoPackage"),
                                (newer, "written with store schema 99")] {
            let before = try Data(contentsOf: URL(fileURLWithPath: file))
            for args in [["import", Self.reported, "--store", file], ["join", file], ["store", "info", file]] {
                let r = try frontier(args, status: 1)
                XCTAssertTrue(r.stderr.contains(message), "\(args): \(r.stderr)")
            }
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: file)), before, "\(file) must not change")
        }
    }

    /// The engine says what the file is; the command line adds how a store is made.
    func testAGeoPackageWithoutIncidentsSaysHowAStoreIsMade() throws {
        let other = path("other.gpkg")
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"),
                          "the sqlite3 shell (Debian sqlite3) is not installed: `make test` installs it")
        _ = try run("/usr/bin/sqlite3", [other, "CREATE TABLE gpkg_contents (table_name TEXT); CREATE TABLE frontier_store (key TEXT, value TEXT);"])
        let r = try frontier(["join", other], status: 1)
        XCTAssertEqual(r.stderr, "Error: \(other): is a GeoPackage but not a Frontier incident store (no incidents layer written by frontier import)\n")
    }

    /// Killed half-way, an import leaves the store exactly as it was; a reader meanwhile sees old or new, never half.
    func testKillDuringImportLeavesThePreviousContent() throws {
        let store = path("s.gpkg")
        try frontier(["import", Self.reported, "--store", store])
        let big = path("big.csv")
        try frontier(["synth", "--count", "150000", "--seed", "5", "--out", big])
        let importer = Process()
        importer.executableURL = FrontierBinary.url
        importer.arguments = ["import", big, "--store", store]
        importer.standardError = FileHandle.nullDevice
        try importer.run()
        // Wait until the import is writing (its WAL grows), look at the store from another process, then kill it.
        let wal = store + "-wal"
        var sawReaderState: [String] = []
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber)?.intValue ?? 0
            if size > 4 << 20 { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        let during = try FrontierBinary.run(["store", "info", store])
        sawReaderState.append(during.stdout.contains("incidents   4\n") ? "old" : during.stdout)
        kill(importer.processIdentifier, SIGKILL)
        importer.waitUntilExit()
        XCTAssertEqual(importer.terminationReason, .uncaughtSignal, "the import was killed, not finished")
        XCTAssertEqual(sawReaderState, ["old"], "a reader during the import sees the old state")
        let after = try frontier(["store", "info", store]).stdout
        XCTAssertTrue(after.contains("incidents   4\n"), after)
        let joined = try frontier(["join", store, "--format", "csv"]).stdout
        XCTAssertEqual(joined, try frontier(["join", Self.reported, "--format", "csv"]).stdout, "same rows, same values")
    }

    /// GDAL reads the store as a GeoPackage: count, geometry type, SRS, extent, and the points themselves.
    func testGDALReadsTheStore() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo"),
                          "ogrinfo (Debian gdal-bin) is not installed: `make test` installs it")
        let store = path("s.gpkg")
        try frontier(["import", Self.reported, "--store", store])
        let info = try run("/usr/bin/ogrinfo", ["-so", store, "incidents"])
        XCTAssertTrue(info.contains("Feature Count: 4"), info)
        XCTAssertTrue(info.contains("Geometry: Point"), info)
        XCTAssertTrue(info.contains("ID[\"EPSG\",4326]"), info)
        XCTAssertTrue(info.contains("Extent: (69.150368, 37.844177) - (73.055355, 38.067329)"), info)
        let out = path("out.geojson")
        _ = try run("/usr/bin/ogr2ogr", ["-f", "GeoJSON", out, store, "incidents"])
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let features = try XCTUnwrap(root["features"] as? [[String: Any]])
        XCTAssertEqual(features.count, 4)
        let coords = features.compactMap { ($0["geometry"] as? [String: Any])?["coordinates"] as? [Double] }
        XCTAssertEqual(coords.first, [69.150368, 37.844177])
        XCTAssertEqual((features[1]["properties"] as? [String: Any])?["event_id"] as? String, "REPORTED-002")
    }

    /// A new store's R-tree is bulk-loaded (packed nodes written directly): SQLite's own rtreecheck() finds
    /// it consistent, box queries equal a scan of the coordinates, and near/aggregate read the same from the
    /// store as from the CSV. 30,000 points make three levels (51 cells a node: 589 leaves in 25 slices, 12
    /// inner nodes, the root); the four reported incidents make a root that is a leaf. The date index is rebuilt
    /// after the rows.
    func testBulkLoadedRTreeIsConsistentAndAnswersAsTheRows() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 (Debian sqlite3) is not installed: `make test` installs it")
        let one = path("one.gpkg")
        try frontier(["import", Self.reported, "--store", one, "--strict"])
        XCTAssertEqual(try run("/usr/bin/sqlite3", [one, "SELECT rtreecheck('rtree_incidents_geom');"]), "ok\n")
        let csv = path("s.csv"), store = path("s.gpkg")
        try frontier(["synth", "--count", "30000", "--seed", "3", "--out", csv])
        try frontier(["import", csv, "--store", store])
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "SELECT rtreecheck('rtree_incidents_geom');"]), "ok\n")
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM rtree_incidents_geom;"]), "30000\n")
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM rtree_incidents_geom_node;"]), "602\n")
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'incidents' ORDER BY name;"]),
                       "incidents_event_date\nsqlite_autoindex_incidents_1\n")
        for (minX, minY, maxX, maxY) in [(70.0, 37.0, 71.0, 38.0), (60.5, 29.0, 66.25, 36.5), (68.78, 38.54, 68.79, 38.55), (0.0, 0.0, 1.0, 1.0)] {
            let viaTree = try run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM rtree_incidents_geom WHERE minx <= \(maxX) AND maxx >= \(minX) AND miny <= \(maxY) AND maxy >= \(minY);"])
            let viaRows = try run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM incidents WHERE longitude BETWEEN \(minX) AND \(maxX) AND latitude BETWEEN \(minY) AND \(maxY);"])
            XCTAssertEqual(viaTree, viaRows, "box \(minX) \(minY) \(maxX) \(maxY)")
        }
        let near = ["--border", "AFG-TJK", "--within", "30km", "--format", "csv"]
        XCTAssertEqual(try frontier(["near", store] + near).stdout.split(separator: "\n").count,
                       try frontier(["near", csv] + near).stdout.split(separator: "\n").count)
        XCTAssertEqual(try frontier(["aggregate", store, "--window", "month", "--format", "csv"]).stdout,
                       try frontier(["aggregate", csv, "--window", "month", "--format", "csv"]).stdout)
    }

    /// The store carries the GeoPackage R-tree triggers, so a point GDAL moves or deletes keeps the spatial
    /// index right; after an import the file is in rollback-journal mode with no -wal beside it.
    func testGISEditsKeepTheSpatialIndexRight() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo") && FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"),
                          "ogrinfo and sqlite3 (Debian gdal-bin, sqlite3) are not installed: `make test` installs them")
        let store = path("s.gpkg")
        try frontier(["import", Self.reported, "--store", store])
        XCTAssertFalse(FileManager.default.fileExists(atPath: store + "-wal"))
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "PRAGMA journal_mode;"]), "delete\n")
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'rtree_incidents_geom_%';"]), "6\n")
        // SQLite's R-tree keeps 32-bit floats (rounded outwards): compare to 4 decimals.
        let box = "SELECT printf('%.4f %.4f', minx, miny) FROM rtree_incidents_geom WHERE id = (SELECT fid FROM incidents WHERE event_id = 'REPORTED-001');"
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, box]), "69.1504 37.8442\n")
        // GDAL moves REPORTED-001 onto REPORTED-002's point, then deletes REPORTED-003: the index follows.
        _ = try run("/usr/bin/ogrinfo", [store, "-sql", "UPDATE incidents SET geom = (SELECT geom FROM incidents WHERE event_id = 'REPORTED-002') WHERE event_id = 'REPORTED-001'"])
        _ = try run("/usr/bin/ogrinfo", [store, "-sql", "DELETE FROM incidents WHERE event_id = 'REPORTED-003'"])
        let moved = try run("/usr/bin/sqlite3", [store, "SELECT printf('%.4f %.4f', geom_x, geom_y) FROM (SELECT minx AS geom_x, miny AS geom_y FROM rtree_incidents_geom WHERE id = (SELECT fid FROM incidents WHERE event_id = 'REPORTED-002'));"])
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, box]), moved)
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM rtree_incidents_geom WHERE id NOT IN (SELECT fid FROM incidents);"]), "0\n")
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM rtree_incidents_geom;"]), "3\n")
        // A later import into the edited store re-inserts REPORTED-003 through the same triggers, with
        // Frontier's own ST_* functions.
        try frontier(["import", Self.reported, "--store", store])
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM rtree_incidents_geom;"]), "4\n")
        XCTAssertEqual(try run("/usr/bin/sqlite3", [store, "SELECT count(*) FROM rtree_incidents_geom WHERE id NOT IN (SELECT fid FROM incidents);"]), "0\n")
    }

    private func run(_ tool: String, _ args: [String]) throws -> String {
        try ExternalTool.run(tool, args).output
    }
}
