import Foundation
import XCTest
import Frontier

/// One store holding ACLED's and UCDP's rows (issue 33, item 1): each source imported under its own layout,
/// its ids unique within it, read back as one input per source; `map` and `import` over several inputs; a
/// layout given per input (`--profile NAME:FILE`).
final class StoreSourcesCLITests: RequestParityCase {
    private func ucdp() throws -> String { try write(SeveralSourcesCLITests.ucdpText, "ucdp.csv") }

    /// A file or store as the command line reads it, its format told from its name.
    private func input(_ path: String) -> IncidentQuery { IncidentQuery(path: path, format: InputFormat(path: path) ?? .csv) }

    private func sqlite(_ store: String, _ sql: String) throws -> String {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "sqlite3 (Debian sqlite3) is not installed: `make test` installs it")
        return try ExternalTool.run("/usr/bin/sqlite3", [store, sql]).output
    }

    /// The store answers as the two files do, byte for byte: `aggregate store --split source` is
    /// `aggregate reported.csv ucdp.csv --split source`, since each source keeps its file's name.
    func testOneStoreHoldsBothLayoutsAndAnswersAsTheirFiles() throws {
        let other = try ucdp()
        let store = path("both.gpkg")
        let imported = try run(["import", MatchCLITests.reported, other, "--store", store], 0)
        XCTAssertTrue(imported.stderr.contains("notice: \(store) now holds 2 sources (incidents-reported.csv, ucdp.csv), each read under its own layout"),
                      imported.stderr)
        XCTAssertTrue(imported.stderr.contains("\(other): read 4, rejected 0: inserted 4"), imported.stderr)
        let asked = ["aggregate", "--window", "month", "--split", "source", "--format", "csv"]
        let fromStore = try cli([asked[0], store] + asked.dropFirst())
        let fromFiles = try cli([asked[0], MatchCLITests.reported, other] + asked.dropFirst())
        XCTAssertEqual(fromStore.stdout, fromFiles.stdout)
        XCTAssertTrue(fromStore.stdout.contains("TJK:Khatlon,TJK,Khatlon,2026-01-01,2026-01-31,2,5,ucdp.csv\n"), fromStore.stdout)
        XCTAssertTrue(fromStore.stderr.contains("ucdp.csv: read 4, rejected 0"), fromStore.stderr)
        XCTAssertEqual(try cli(["join", store]).stdout, try cli(["join", MatchCLITests.reported, other]).stdout)

        // Each row carries its source's number; the store says it holds two, schema 2.
        XCTAssertEqual(try sqlite(store, "SELECT frontier_source, count(*) FROM incidents GROUP BY 1; SELECT value FROM frontier_store WHERE key = 'schema_version';"),
                       "1|4\n2|4\n2\n")
        let info = try cli(["store", "info", store]).stdout
        XCTAssertTrue(info.contains("by source\n  incidents-reported.csv  4\n  ucdp.csv  4\n"), info)

        // The engine: the store stands for its two sources, named as imported, and counts as the CLI does.
        XCTAssertEqual(try IncidentStore.openForReading(store).sources.map(\.name), ["incidents-reported.csv", "ucdp.csv"])
        let sources = try NamedInput.expanding([NamedInput(name: "both.gpkg", query: input(store))])
        XCTAssertEqual(sources.map(\.name), ["incidents-reported.csv", "ucdp.csv"])
        let request = AggregateRequest(input: input(store), window: try TimeWindow(parsing: "month"), split: "source")
        XCTAssertEqual(try csv(try request.open(sources: sources).run().answer.table), fromStore.stdout)
        // Read as one input, the store says why it cannot be: each source has its own names.
        XCTAssertThrowsError(try request.open()) { error in
            XCTAssertTrue("\(error)".contains("holds 2 sources (incidents-reported.csv, ucdp.csv), each with its own layout: read them as several inputs"), "\(error)")
        }
    }

    /// `match both.gpkg` pairs the store's two sources, as `match` pairs their files.
    func testMatchPairsTheTwoSourcesOfAStore() throws {
        let other = try ucdp()
        let store = path("both.gpkg")
        try run(["import", MatchCLITests.reported, other, "--store", store], 0)
        let fromStore = try run(["match", store, "--format", "csv"], 0)
        XCTAssertEqual(fromStore.stdout, try cli(["match", MatchCLITests.reported, other, "--format", "csv"]).stdout)
        XCTAssertEqual(fromStore.stdout.split(separator: "\n").count, 4, fromStore.stdout)
        XCTAssertTrue(fromStore.stderr.contains("\(store) (ucdp.csv): read 4, rejected 0"), fromStore.stderr)
        try run(["import", MatchCLITests.reported, "--store", path("one.gpkg")], 0)
        try run(["match", path("one.gpkg")], 64, says: "match pairs two sources: \(path("one.gpkg")) holds one; give b")
        try run(["match", MatchCLITests.reported], 64, says: "match pairs two sources: give b, or a .gpkg store holding two")
    }

    /// GDAL reads the rebuilt table: every feature, with the source number as an attribute.
    func testGDALReadsAStoreOfTwoSources() throws {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: "/usr/bin/ogrinfo"), "ogrinfo (Debian gdal-bin) is not installed: `make test` installs it")
        let store = path("both.gpkg")
        try run(["import", MatchCLITests.reported, try ucdp(), "--store", store], 0)
        let info = try ExternalTool.run("/usr/bin/ogrinfo", ["-so", store, "incidents"]).output
        XCTAssertTrue(info.contains("Feature Count: 8"), info)
        XCTAssertTrue(info.contains("frontier_source: Integer"), info)
    }

    /// Ids are unique per source: `1` in each is two rows. Importing a source again changes nothing; a sync
    /// deletes only within the source it imports into.
    func testIdsAreUniquePerSourceAndSyncStaysWithinOne() throws {
        let store = path("s.gpkg")
        let a = try write("event_id_cnty,event_date,latitude,longitude\n1,2025-12-01,37.84,69.15\n", "a.csv")
        let b = try write("id,date_start,date_end,latitude,longitude,best\n1,2025-12-02,2025-12-02,37.84,69.15,1\n", "b.csv")
        try run(["import", a, "--store", store], 0)
        try run(["import", b, "--store", store, "--profile", "ucdp"], 0, says: "inserted 1")
        try run(["import", b, "--store", store, "--profile", "ucdp"], 0, says: "unchanged 1")
        XCTAssertEqual(try sqlite(store, "SELECT frontier_source, event_id FROM incidents ORDER BY fid;"), "1|1\n2|1\n")
        // The same layout under another file name joins b's source; --sync then deletes b's id 1 alone.
        let b2 = try write("id,date_start,date_end,latitude,longitude,best\n2,2025-12-03,2025-12-03,37.84,69.15,1\n", "b2.csv")
        try run(["import", b2, "--store", store, "--profile", "ucdp", "--sync"], 0, says: "inserted 1, updated 0, unchanged 0, deleted 1")
        XCTAssertEqual(try sqlite(store, "SELECT frontier_source, event_id FROM incidents ORDER BY fid;"), "1|1\n2|2\n")
        // A name given chooses the source: rows of another layout under it are refused, as one layout's store always did.
        try run(["import", a, "--store", store, "--source-name", "b.csv"], 1,
                says: "holds the id in column 'id', but \(a) calls it 'event_id_cnty': rename the column or use another store")
        // A third layout under a name the store has already: refused, not put under the other's names. (With
        // b's layout it would go to b's source: without a name given, the layout chooses.)
        try FileManager.default.createDirectory(atPath: path("elsewhere"), withIntermediateDirectories: true)
        let sameName = try write("event_id_cnty,event_date,lat,lon\n9,2025-12-03,37.84,69.15\n", "elsewhere/a.csv")
        try run(["import", sameName, "--store", store, "--lat-field", "lat", "--lon-field", "lon"], 1,
                says: "holds a source named 'a.csv' with the latitude in 'latitude', but \(sameName) calls it 'lat': import it under another source name")
    }

    /// What one input may have and a store of several sources may not is said, not ignored; one source is read
    /// alone by its name, exactly as its file.
    func testAStoreOfSeveralSourcesRefusesOneInputsFlagsAndReadsOneByName() throws {
        let other = try ucdp()
        let store = path("both.gpkg")
        try run(["import", MatchCLITests.reported, other, "--store", store], 0)
        try run(["aggregate", store, "--window", "all", "--rejects", path("r.csv")], 64, says: "a store holding several sources is read as one input per source")
        try run(["join", store, "--source-name", "x"], 64, says: "--source-name names each of several inputs")
        let one = try run(["aggregate", store, "--store-source", "ucdp.csv", "--window", "month", "--format", "csv"], 0)
        XCTAssertEqual(one.stdout, try cli(["aggregate", other, "--window", "month", "--format", "csv"]).stdout)
        let request = AggregateRequest(input: { var q = input(store); q.storeSource = "ucdp.csv"; return q }(), window: try TimeWindow(parsing: "month"))
        XCTAssertEqual(try csv(try request.open().run().table), one.stdout)
        try run(["aggregate", store, "--store-source", "acled", "--window", "all"], 1,
                says: "holds no source named 'acled': its sources are incidents-reported.csv, ucdp.csv")
        try run(["aggregate", other, "--store-source", "ucdp.csv", "--window", "all"], 64, says: "--store-source picks one source of a store read: no input here is a store")
        try run(["aggregate", store, "--profile", "ucdp:\(store)", "--window", "all"], 64, says: "--profile applies to CSV and GeoJSON")
        try run(["aggregate", path("one.gpkg"), "--window", "all", "--dedupe", "10km,1d"], 1)
        try run(["import", MatchCLITests.reported, "--store", path("one.gpkg")], 0)
        try run(["aggregate", path("one.gpkg"), "--window", "all", "--dedupe", "10km,1d"], 64, says: "--dedupe pairs the events of two inputs")
        // Importing again into the store of two says which source took the rows.
        try run(["import", other, "--store", store], 0, says: "the rows went into \(store)'s source 'ucdp.csv' (one of 2), whose layout they have")
    }

    /// Several inputs with --sync are refused (two of one layout share a source: the second's sync would delete
    /// the first's rows); one named input keeps --rejects.
    func testImportOfSeveralRefusesSyncAndOneNamedInputKeepsRejects() throws {
        let store = path("s.gpkg")
        try run(["import", MatchCLITests.reported, try ucdp(), "--store", store, "--sync"], 64, says: "--sync deletes what one export no longer has")
        try run(["import", MatchCLITests.reported, "--store", store, "--source-name", "mine", "--rejects", path("r.csv")], 0)
        XCTAssertEqual(try IncidentStore.openForReading(store).sources.map(\.name), ["mine"])
    }

    /// Adding a second source rebuilds the table: an index of the caller's own on it is said, not dropped.
    func testAnIndexOfTheCallersOwnIsNotDroppedByTheRebuild() throws {
        let store = path("s.gpkg")
        try run(["import", MatchCLITests.reported, "--store", store], 0)
        _ = try sqlite(store, "CREATE INDEX my_country ON incidents (country);")
        try run(["import", try ucdp(), "--store", store], 1, says: "has an index or trigger of its own on incidents ('my_country')")
        XCTAssertEqual(try sqlite(store, "SELECT count(*) FROM incidents; SELECT value FROM frontier_store WHERE key = 'schema_version';"), "4\n1\n")
    }

    /// `map A B` draws both inputs; the store of both draws the same page, byte for byte.
    func testMapDrawsSeveralInputsAsTheirStore() throws {
        let other = try ucdp()
        let store = path("both.gpkg")
        try run(["import", MatchCLITests.reported, other, "--store", store], 0)
        let files = try run(["map", MatchCLITests.reported, other, "--out", path("files.svg")], 0)
        XCTAssertTrue(files.stderr.contains("2 inputs: mapped 8 incidents as points → \(path("files.svg"))"), files.stderr)
        XCTAssertTrue(files.stderr.contains("ucdp.csv: read 4, rejected 0"), files.stderr)
        try run(["map", store, "--out", path("store.svg")], 0)
        let drawn = try String(contentsOfFile: path("files.svg"), encoding: .utf8)
        XCTAssertEqual(drawn, try String(contentsOfFile: path("store.svg"), encoding: .utf8))

        // As the command asks: its default window, and the legend pointing to `frontier trends`.
        let request = MapRequest(input: query(MatchCLITests.reported), window: .month, format: .svg, alertLegendSuffix: " (frontier trends)")
        let answer = try request.open(sources: [NamedInput(name: "incidents-reported.csv", query: query(MatchCLITests.reported)),
                                                NamedInput(name: "ucdp.csv", query: query(other))]).run()
        XCTAssertEqual(answer.summaries.map(\.read), [4, 4])
        XCTAssertEqual(answer.mapped, 8)
        XCTAssertEqual(answer.text, drawn)
        XCTAssertEqual(answer.report.sourceLine, "incidents-reported.csv, ucdp.csv, 8 rows read, 0 rejected, 8 mapped")
    }

    /// `import A B` imports each in turn; the first failure stops there, the inputs before it stored.
    func testImportOfSeveralStopsAtTheFirstFailure() throws {
        let store = path("s.gpkg")
        let bad = try write("event_id_cnty,event_date,latitude,longitude\nX1,2025-12-01,37.84,69.15\nX2,not a date,37.84,69.15\n", "bad.csv")
        let r = try run(["import", MatchCLITests.reported, bad, try ucdp(), "--store", store, "--strict"], 65)
        XCTAssertTrue(r.stderr.contains("note: \(MatchCLITests.reported) stored; \(bad), \(path("ucdp.csv")) not"), r.stderr)
        XCTAssertEqual(try sqlite(store, "SELECT count(*) FROM incidents;"), "4\n")
    }

    /// `--profile ucdp:FILE` reads that input with UCDP's layout (no detection notice), the others as they are.
    func testProfileGivenForOneInput() throws {
        let other = try ucdp()
        let given = try run(["aggregate", MatchCLITests.reported, other, "--profile", "ucdp:\(other)", "--window", "month", "--format", "csv"], 0)
        XCTAssertFalse(given.stderr.contains("has UCDP GED's columns"), given.stderr)
        let detected = try run(["aggregate", MatchCLITests.reported, other, "--window", "month", "--format", "csv"], 0)
        XCTAssertEqual(given.stdout, detected.stdout)
        try run(["aggregate", MatchCLITests.reported, other, "--profile", "acled:\(other)", "--window", "all"], 1, says: "no 'event_date' column")
        try run(["aggregate", MatchCLITests.reported, "--profile", "ucdp:\(other)", "--window", "all"], 64, says: "which is not among the inputs")
        try run(["aggregate", other, "--profile", "ucdp", "--profile", "acled", "--window", "all"], 64, says: "--profile is given twice for every input")
        try run(["aggregate", other, "--profile", "gdelt:\(other)", "--window", "all"], 64)
    }
}
