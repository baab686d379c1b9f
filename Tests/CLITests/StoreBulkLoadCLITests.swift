import Foundation
import XCTest

/// A new store is bulk-loaded beside its name and takes the name only once complete: what it holds is what
/// the row-by-row import stores, it is a valid GeoPackage with every index, and no failure or interruption
/// leaves a store (or, but for SIGKILL, a file) behind.
final class StoreBulkLoadCLITests: FolderTestCase {
    @discardableResult
    private func frontier(_ args: [String], status: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(args)
        XCTAssertEqual(r.status, status, "frontier \(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        return r
    }

    private func sqlite(_ store: String, _ sql: String) throws -> String {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 (Debian sqlite3) is not installed: `make test` installs it")
        return try ExternalTool.run("/usr/bin/sqlite3", [store, sql]).output
    }

    /// The files in the test's folder, sorted.
    private func folder() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }

    /// 30,000 rows: the R-tree holds each row's point in a box around it, the indexes are SQLite's own (the
    /// unique id index refuses a repeated id as it always did), the extent is the rows', the rows are in input
    /// order, and nothing but the store is left beside the input.
    func testANewStoreIsCompleteAndValid() throws {
        let csv = path("s.csv"), store = path("s.gpkg")
        try frontier(["synth", "--count", "30000", "--seed", "9", "--out", csv])
        try frontier(["import", csv, "--store", store])
        XCTAssertEqual(try folder(), ["s.csv", "s.gpkg"])
        XCTAssertEqual(try sqlite(store, "PRAGMA integrity_check;"), "ok\n")
        XCTAssertEqual(try sqlite(store, "SELECT rtreecheck('rtree_incidents_geom');"), "ok\n")
        XCTAssertEqual(try sqlite(store, "PRAGMA journal_mode;"), "delete\n")
        XCTAssertEqual(try sqlite(store, "SELECT count(*), min(fid), max(fid) FROM incidents;"), "30000|1|30000\n")
        XCTAssertEqual(try sqlite(store, "SELECT count(*) FROM rtree_incidents_geom;"), "30000\n")
        XCTAssertEqual(try sqlite(store, """
            SELECT count(*) FROM incidents i JOIN rtree_incidents_geom r ON r.id = i.fid
            WHERE r.minx <= i.longitude AND i.longitude <= r.maxx AND r.miny <= i.latitude AND i.latitude <= r.maxy;
            """), "30000\n", "every row's point is in its R-tree box")
        XCTAssertEqual(try sqlite(store, """
            SELECT (SELECT min(longitude) FROM incidents) = min_x AND (SELECT max(longitude) FROM incidents) = max_x
               AND (SELECT min(latitude) FROM incidents) = min_y AND (SELECT max(latitude) FROM incidents) = max_y
            FROM gpkg_contents WHERE table_name = 'incidents';
            """), "1\n")
        // The schema in the order stores have always listed it.
        XCTAssertEqual(try sqlite(store, "SELECT type || ' ' || name FROM sqlite_master WHERE tbl_name = 'incidents' ORDER BY rowid;"), """
            table incidents
            index sqlite_autoindex_incidents_1
            trigger rtree_incidents_geom_update1
            trigger rtree_incidents_geom_update2
            trigger rtree_incidents_geom_update3
            trigger rtree_incidents_geom_update4
            trigger rtree_incidents_geom_delete
            trigger rtree_incidents_geom_insert
            index incidents_event_date

            """)
        XCTAssertEqual(try sqlite(store, "SELECT sql FROM sqlite_master WHERE name = 'incidents_event_date';"),
                       "CREATE INDEX incidents_event_date ON incidents (event_date)\n")
        // Rows in input order.
        let ids = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").dropFirst().prefix(5)
            .map { String($0.split(separator: ",")[0]) }
        XCTAssertEqual(try sqlite(store, "SELECT event_id FROM incidents WHERE fid <= 5 ORDER BY fid;"), ids.joined(separator: "\n") + "\n")
        // The unique id index is the table's own constraint (on a copy without the insert trigger, whose ST_*
        // functions the shell lacks).
        let copy = path("copy.gpkg")
        try FileManager.default.copyItem(atPath: store, toPath: copy)
        let repeated = try sqlite(copy, "DROP TRIGGER rtree_incidents_geom_insert; INSERT INTO incidents (geom, event_id, event_date, latitude, longitude, row_hash) SELECT geom, event_id, event_date, latitude, longitude, row_hash FROM incidents WHERE fid = 7;")
        XCTAssertTrue(repeated.contains("UNIQUE constraint failed: incidents.event_id"), repeated)
        XCTAssertEqual(try sqlite(copy, "INSERT INTO incidents (geom, event_id, event_date, latitude, longitude, row_hash) SELECT geom, 'new', event_date, latitude, longitude, row_hash FROM incidents WHERE fid = 7; SELECT count(*) FROM incidents;"), "30001\n")
        // The GeoPackage triggers are live after the load: GDAL-style edits keep the R-tree right.
        _ = try sqlite(store, "DELETE FROM incidents WHERE fid = 3;")
        XCTAssertEqual(try sqlite(store, "SELECT count(*) FROM rtree_incidents_geom WHERE id = 3;"), "0\n")
    }

    /// The bulk load stores, row for row, what the row-by-row import stores: a store started with the first row
    /// and then given the whole file (inserted one by one through the triggers) dumps as the bulk-loaded one,
    /// but for the R-tree's nodes (packed here, grown there) and the time of the last change.
    func testTheBulkLoadStoresWhatTheRowByRowImportStores() throws {
        let csv = path("s.csv")
        try frontier(["synth", "--count", "3000", "--seed", "4", "--out", csv])
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let first = try write(lines[0...1].joined(separator: "\n") + "\n", "first.csv")
        let bulk = path("bulk.gpkg"), byRow = path("byrow.gpkg")
        // One source name for both, as the layout records it.
        try frontier(["import", csv, "--store", bulk, "--source-name", "synth"])
        try frontier(["import", first, "--store", byRow, "--source-name", "synth"])
        let second = try frontier(["import", csv, "--store", byRow])
        XCTAssertTrue(second.stderr.contains("inserted 2999, updated 0, unchanged 1"), second.stderr)
        func content(_ store: String) throws -> String {
            try ExternalTool.run("/usr/bin/sqlite3", [store, ".dump"]).output.split(separator: "\n")
                .filter { line in !["_node", "_parent", "_rowid"].contains { line.contains("rtree_incidents_geom" + $0) } }
                .map { $0.replacingOccurrences(of: #"'\d{4}-\d\d-\d\dT[0-9:.]+Z'"#, with: "'…'", options: .regularExpression) }
                .joined(separator: "\n")
        }
        _ = try sqlite(bulk, "SELECT 1;")  // skips without the shell
        XCTAssertEqual(try content(bulk), try content(byRow))
        XCTAssertEqual(try sqlite(byRow, "SELECT rtreecheck('rtree_incidents_geom');"), "ok\n")
    }

    /// Rejected inputs, a broken record after thousands of good rows, and a write that fails (the file size
    /// limit reached): exit 1, no store, and nothing beside the input.
    func testAFailedImportLeavesNoStoreAndNoFile() throws {
        let good = try write("event_id_cnty,event_date,latitude,longitude\nX1,2025-11-26,37.12,70.58\nX2,2025-13-01,37.12,70.58\n", "good.csv")
        try frontier(["import", good, "--store", path("strict.gpkg"), "--strict"], status: 65)
        let allBad = try write("event_id_cnty,event_date,latitude,longitude\nX1,2025-13-01,37.12,70.58\n", "allbad.csv")
        try frontier(["import", allBad, "--store", path("rejected.gpkg")], status: 1)
        // Strict, 5,000 rows stored before the last is refused.
        var rows = ["event_id_cnty,event_date,latitude,longitude,notes"]
        for k in 0..<5000 { rows.append("M\(k),2025-11-26,37.12,70.58,fine") }
        rows.append("M5000,2025-11-26,37.12,70.58,\"never closed")
        let broken = try write(rows.joined(separator: "\n") + "\n", "broken.csv")
        let r = try frontier(["import", broken, "--store", path("broken.gpkg"), "--strict"], status: 65)
        XCTAssertTrue(r.stderr.contains("broken.csv:5002"), r.stderr)
        XCTAssertEqual(try folder(), ["allbad.csv", "broken.csv", "good.csv"])

        // The process may write 2 MB: the store outgrows that, the write fails (SIGXFSZ ignored, so as an
        // error, as on a full disk), and the import with it.
        let big = path("big.csv")
        try frontier(["synth", "--count", "20000", "--seed", "2", "--out", big])
        let limited = try ExternalTool.run("/bin/bash", ["-c", "trap '' XFSZ; ulimit -f 2048; exec \"$0\" import \"$1\" --store \"$2\"",
                                                         FrontierBinary.url.path, big, path("full.gpkg")])
        XCTAssertEqual(limited.status, 1, limited.output)
        XCTAssertTrue(limited.output.contains("full.gpkg"), limited.output)
        XCTAssertEqual(try folder(), ["allbad.csv", "big.csv", "broken.csv", "good.csv"])
    }

    /// Interrupted by SIGINT, a new store's file goes with the process; killed outright, the file beside stays
    /// (nothing can remove it) but nothing is under the store's name.
    func testAnInterruptedImportLeavesNoStore() throws {
        let big = path("big.csv")
        try frontier(["synth", "--count", "300000", "--seed", "5", "--out", big])
        for signal in [SIGINT, SIGKILL] {
            let store = path("s.gpkg")
            let importer = Process()
            importer.executableURL = FrontierBinary.url
            importer.arguments = ["import", big, "--store", store]
            importer.standardError = FileHandle.nullDevice
            try importer.run()
            let temporary = path(".s.gpkg.\(importer.processIdentifier).tmp")
            // Wait until the rows are going in: the file beside exists and holds more than the empty schema.
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, ((try? FileManager.default.attributesOfItem(atPath: temporary)[.size] as? NSNumber)?.intValue ?? 0) < 1 << 20 {
                Thread.sleep(forTimeInterval: 0.01)
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: store), "nothing under the name while the import runs")
            kill(importer.processIdentifier, signal)
            importer.waitUntilExit()
            XCTAssertEqual(importer.terminationReason, .uncaughtSignal, "the import was interrupted, not finished")
            XCTAssertFalse(FileManager.default.fileExists(atPath: store))
            XCTAssertEqual(try folder(), signal == SIGINT ? ["big.csv"] : [".s.gpkg.\(importer.processIdentifier).tmp", "big.csv"])
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    /// A file that appears under the store's name while the import runs is never replaced: the import fails
    /// and removes its own file.
    func testAStoreThatAppearsMeanwhileIsNotReplaced() throws {
        let big = path("big.csv")
        try frontier(["synth", "--count", "300000", "--seed", "6", "--out", big])
        let store = path("s.gpkg")
        let importer = Process()
        importer.executableURL = FrontierBinary.url
        importer.arguments = ["import", big, "--store", store]
        let errors = Pipe()
        importer.standardError = errors
        try importer.run()
        let temporary = path(".s.gpkg.\(importer.processIdentifier).tmp")
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !FileManager.default.fileExists(atPath: temporary) { Thread.sleep(forTimeInterval: 0.01) }
        try Data("another writer's file".utf8).write(to: URL(fileURLWithPath: store))
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        importer.waitUntilExit()
        XCTAssertEqual(importer.terminationStatus, 1, stderr)
        XCTAssertTrue(stderr.contains("a file of that name appeared while the import ran"), stderr)
        XCTAssertEqual(try String(contentsOfFile: store, encoding: .utf8), "another writer's file")
        XCTAssertEqual(try folder(), ["big.csv", "s.gpkg"])
    }
}
