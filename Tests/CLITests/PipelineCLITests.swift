import Foundation
import XCTest

/// One incident pipeline for every command: the same field flags, filters and checks mean the same thing in
/// join, near, aggregate, map and import (each command × each option group), on a renamed-column file, on
/// the real UCDP sample, and for any number of threads.
final class PipelineCLITests: FolderTestCase {



    /// Rows of simple CSV (no quoted commas in the columns these tests read).
    private func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// region_id → (events, fatalities) from aggregate's CSV, summed over windows.
    private func totals(aggregateCSV text: String) -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for r in rows(text).dropFirst() { out[r[0], default: [0, 0]][0] += Int(r[5])!; out[r[0], default: [0, 0]][1] += Int(r[6])! }
        return out
    }

    private func run(_ args: [String], _ expectStatus: Int32 = 0, file: StaticString = #filePath, line: UInt = #line) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(args)
        XCTAssertEqual(r.status, expectStatus, "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        return r
    }

    // MARK: - Every command × the field flags

    /// The same five incidents, once under ACLED's names and once under other names with the field flags.
    private let acled = """
        event_id_cnty,event_date,latitude,longitude,fatalities,event_type
        A1,2025-11-26,37.12,70.58,1,Battles
        A2,2025-11-27,38.54,68.78,2,Explosions/Remote violence
        A3,2025-12-01,37.40,69.90,3,Battles
        A4,2025-12-03,36.70,71.10,0,Riots
        A5,2026-01-02,34.52,69.17,5,Battles

        """
    private var renamed: String {
        acled.replacingOccurrences(of: "event_id_cnty,event_date,latitude,longitude,fatalities",
                                   with: "eid,day,lat_deg,lon_deg,deaths")
    }
    private let flags = ["--id-field", "eid", "--date-field", "day", "--lat-field", "lat_deg", "--lon-field", "lon_deg",
                         "--fatalities-field", "deaths"]

    func testEveryCommandReadsRenamedColumnsLikeTheDefaults() throws {
        let a = try write(acled, "acled.csv"), b = try write(renamed, "renamed.csv")
        // join and near: same region columns, same distances; the input columns keep their own names.
        for args in [["join"], ["near", "--border", "AFG-TJK", "--within", "100km"]] {
            let (command, rest) = (args[0], Array(args.dropFirst()))
            let x = try run([command, a] + rest + ["--format", "csv"])
            let y = try run([command, b] + rest + flags + ["--format", "csv"])
            XCTAssertEqual(rows(x.stdout).map { Array($0.dropFirst(5)) }, rows(y.stdout).map { Array($0.dropFirst(5)) }, args[0])
            XCTAssertGreaterThan(rows(x.stdout).count, 2, args[0])
        }
        // aggregate: identical tables, fatalities from the renamed column.
        let x = try run(["aggregate", a, "--window", "month", "--format", "csv"])
        let y = try run(["aggregate", b, "--window", "month", "--format", "csv"] + flags)
        XCTAssertEqual(x.stdout, y.stdout)
        XCTAssertEqual(totals(aggregateCSV: y.stdout)["AFG:Badakhshan"], [2, 1])  // A1 and A4
        XCTAssertEqual(totals(aggregateCSV: y.stdout)["AFG:Kabul"], [1, 5])
        // map: the same incidents mapped.
        let mx = try run(["map", a, "--out", path("a.html")]), my = try run(["map", b, "--out", path("b.html")] + flags)
        XCTAssertTrue(my.stderr.contains("mapped 5 incidents"), my.stderr)
        XCTAssertTrue(mx.stderr.contains("mapped 5 incidents"), mx.stderr)
        // import: the mapping becomes the store's; the store reads back without the flags.
        _ = try run(["import", b, "--store", path("s.gpkg")] + flags)
        let z = try run(["aggregate", path("s.gpkg"), "--window", "month", "--format", "csv"])
        XCTAssertEqual(z.stdout, x.stdout, "fatalities come back from the store's typed column")
    }

    func testFiltersMeanTheSameInJoinNearAggregateAndMap() throws {
        let a = try write(acled, "acled.csv")
        let filter = ["--from", "2025-11-27", "--to", "2025-12-31", "--where", "event_type=Battles"]
        let join = try run(["join", a, "--format", "csv"] + filter)
        XCTAssertEqual(rows(join.stdout).dropFirst().map { $0[0] }, ["A3"])
        let near = try run(["near", a, "--border", "AFG-TJK", "--within", "300km", "--format", "csv"] + filter)
        XCTAssertEqual(rows(near.stdout).dropFirst().map { $0[0] }, ["A3"])
        let agg = try run(["aggregate", a, "--window", "month", "--format", "csv"] + filter)
        XCTAssertEqual(rows(agg.stdout).dropFirst().map { [$0[0], $0[5], $0[6]] }, [["AFG:Takhar", "1", "3"]])
        let map = try run(["map", a, "--out", path("m.html")] + filter)
        XCTAssertTrue(map.stderr.contains("mapped 1 incidents"), map.stderr)
        let precision = try run(["join", try write("event_id_cnty,event_date,latitude,longitude,geo_precision\nP1,2025-01-01,37.1,70.5,3\nP2,2025-01-01,37.1,70.5,1\n", "p.csv"),
                                 "--max-geo-precision", "2", "--format", "csv"])
        XCTAssertEqual(rows(precision.stdout).dropFirst().map { $0[0] }, ["P2"])
        let unknown = try run(["join", a, "--where", "nope=1"], 1)
        XCTAssertTrue(unknown.stderr.contains("no column 'nope'"), unknown.stderr)
    }

    func testRejectsStrictAndMismatchesWorkInEveryReadingCommand() throws {
        let input = try write("""
            event_id_cnty,event_date,latitude,longitude,fatalities,country,admin1
            B1,2025-11-26,37.12,70.58,1,Afghanistan,Badakhshan
            B2,2025-11-27,137.1,68.78,0,Tajikistan,Khatlon
            B3,2025-11-28,70.58,37.12,0,Afghanistan,Badakhshan

            """, "bad.csv")
        let commands: [[String]] = [
            ["join", input], ["near", input, "--border", "AFG-TJK", "--within", "5000km"],
            ["aggregate", input, "--window", "month"], ["map", input, "--out", path("m.html")],
            ["import", input, "--store", path("s.gpkg")],
        ]
        for command in commands {
            let name = command[0]
            let rejects = path("\(name)-rejects.csv"), mismatches = path("\(name)-mismatches.csv")
            let r = try run(command + ["--rejects", rejects, "--mismatches", mismatches])
            XCTAssertTrue(r.stderr.contains("rejected \(input):3: field 'latitude': latitude 137.1 outside ±90"), "\(name): \(r.stderr)")
            let rejected = try String(contentsOfFile: rejects, encoding: .utf8)
            XCTAssertTrue(rejected.contains("B2,2025-11-27,137.1"), "\(name): \(rejected)")
            // B3 swapped latitude and longitude: it lands outside every region or in a region that is not Badakhshan.
            XCTAssertTrue(FileManager.default.fileExists(atPath: mismatches), name)
            let strict = try run(command + ["--strict"], 65)
            XCTAssertTrue(strict.stderr.contains("rejected"), name)
            try? FileManager.default.removeItem(atPath: path("s.gpkg"))
        }
    }

    func testEveryRowRejectedIsAnErrorWithTheReasons() throws {
        let input = try write("event_id_cnty,event_date,latitude,longitude\nC1,11/27/2025,37.1,70.5\nC2,11/28/2025,37.1,70.5\n", "dates.csv")
        for command in [["join", input], ["aggregate", input, "--window", "month"], ["near", input, "--border", "AFG-TJK", "--within", "25km"]] {
            let r = try run(command, 1)
            XCTAssertTrue(r.stderr.contains("every row of \(input) was rejected (2 unparseable date in 'event_date')"), r.stderr)
            _ = try run(command + ["--strict"], 65)
        }
    }

    func testMissingColumnsAreSaidOnce() throws {
        let input = try write("id,date_start,latitude,longitude,best\n1,2025-11-26,37.12,70.58,4\n", "ucdp.csv")
        let r = try run(["aggregate", input, "--date-field", "date_start", "--window", "month", "--format", "csv"])
        XCTAssertTrue(r.stderr.contains("no 'event_id_cnty' column: duplicate ids are not detected"), r.stderr)
        XCTAssertTrue(r.stderr.contains("no 'fatalities' column: fatalities count as 0"), r.stderr)
        XCTAssertTrue(r.stdout.contains("AFG:Badakhshan,AFG,Badakhshan,2025-11-01,2025-11-30,1,0"), r.stdout)
        let mapped = try run(["aggregate", input, "--date-field", "date_start", "--id-field", "id", "--fatalities-field", "best", "--window", "month", "--format", "csv"])
        XCTAssertFalse(mapped.stderr.contains("notice"), mapped.stderr)
        XCTAssertTrue(mapped.stdout.contains("2025-11-01,2025-11-30,1,4"), mapped.stdout)
    }

    func testDuplicateIdsAreNamedInEveryCommand() throws {
        let input = try write("eid,event_date,latitude,longitude\nD7,2025-11-26,37.12,70.58\nD7,2025-11-27,37.12,70.58\n", "dup.csv")
        for command in [["join", input], ["aggregate", input, "--window", "month"]] {
            let r = try run(command + ["--id-field", "eid"])
            XCTAssertTrue(r.stderr.contains("rejected \(input):3: field 'eid': duplicate id 'D7'"), r.stderr)
        }
    }

    func testOutputExtensionsFrontierCannotWriteAreUsageErrors() throws {
        let input = try write(acled, "acled.csv")
        let r = try run(["join", input, "--out", path("x.gpkg")], 64)
        XCTAssertTrue(r.stderr.contains("cannot write a GeoPackage (.gpkg) as --out"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("x.gpkg")))
        // Named as a workbook, CSV would mislead whoever opens it: --format does not override the name.
        _ = try run(["join", input, "--out", path("x.xlsx"), "--format", "csv"], 64)
        _ = try run(["aggregate", input, "--window", "month", "--out", path("y.xlsx")], 64)
        // A name no format has (x.out) takes the format --format gives.
        _ = try run(["join", input, "--out", path("x.out"), "--format", "csv"], 0)
    }

    /// Output, rejections and counts are byte-identical for any number of threads, with bad rows and
    /// quoted newlines across chunk edges (chunks are 1 MiB: the file is several).
    func testAnswersAreTheSameForAnyThreadCount() throws {
        var text = "event_id_cnty,event_date,latitude,longitude,fatalities,notes\n"
        for i in 0..<40_000 {
            let lat = 35.0 + Double(i % 400) * 0.01, lon = 66.0 + Double(i % 700) * 0.01
            switch i % 997 {
            case 5: text += "E\(i),2025-13-40,\(lat),\(lon),1,bad date\n"
            case 9: text += "E\(i - 9),2025-01-01,\(lat),\(lon),1,duplicate\n"
            default: text += "E\(i),2025-0\(1 + i % 9)-1\(i % 10),\(lat),\(lon),\(i % 4),\"a note, with \"\"quotes\"\"\nover two lines\"\n"
            }
        }
        let input = try write(text, "big.csv")
        for command in [["join", input], ["near", input, "--border", "AFG-TJK", "--within", "60km"], ["aggregate", input, "--window", "week"]] {
            let one = try run(command + ["--threads", "1", "--format", "csv"])
            let three = try run(command + ["--threads", "3", "--format", "csv"])
            XCTAssertEqual(one.stdout, three.stdout, command[0])
            XCTAssertEqual(one.stderr, three.stderr, command[0])
            XCTAssertTrue(one.stderr.contains("read 40000, rejected 82"), "\(command[0]): \(one.stderr)")
        }
    }

    /// `--crs` through the parallel scan: each worker transforms every chunk it parses (the file spans
    /// several chunks) and lands where the same point in lon/lat does. (70.5 E, 37.5 N) is (632589.0702,
    /// 4151398.0376) in UTM 42N, as cs2cs prints it.
    func testProjectedInputLandsWhereItsLonLatTwinDoes() throws {
        var utm = "event_id_cnty,event_date,x,y\n", lonlat = "event_id_cnty,event_date,latitude,longitude\n"
        for i in 0..<30_000 {
            utm += "U\(i),2025-11-26,632589.0702,4151398.0376\n"
            lonlat += "U\(i),2025-11-26,37.5,70.5\n"
        }
        let projected = try write(utm, "utm.csv"), plain = try write(lonlat, "lonlat.csv")
        let expected = try run(["join", plain, "--format", "csv"])
        let regionOf = { (text: String) in Set(self.rows(text).dropFirst().map { $0.suffix(3).joined(separator: ",") }) }
        XCTAssertEqual(regionOf(expected.stdout).count, 1)
        for threads in ["1", "2"] {
            let r = try run(["join", projected, "--crs", "EPSG:32642", "--lat-field", "y", "--lon-field", "x", "--threads", threads, "--format", "csv"])
            XCTAssertEqual(regionOf(r.stdout), regionOf(expected.stdout), "--threads \(threads)")
            XCTAssertTrue(r.stderr.contains("read 30000, rejected 0"), r.stderr)
        }
    }

    // MARK: - The real UCDP sample

    private var ucdp: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.deletingLastPathComponent().appendingPathComponent("shared/realdata/ucdp_ged_afghanistan_region.csv").path
        return FileManager.default.fileExists(atPath: file) ? file : nil
    }

    func testUCDPSampleGivesOneAnswerInEveryCommand() throws {
        guard let sample = ucdp else { throw XCTSkip("../shared/realdata/ucdp_ged_afghanistan_region.csv is absent: the UCDP check needs the shared sample") }
        let ucdpFlags = ["--id-field", "id", "--date-field", "date_start", "--fatalities-field", "best"]
        let join = try run(["join", sample, "--format", "json"] + ucdpFlags)
        let joined = try JSONSerialization.jsonObject(with: Data(join.stdout.utf8)) as! [[String: Any]]
        var byRegion: [String: [Int]] = [:]
        for row in joined {
            let best = (row["best"] as? NSNumber)?.intValue ?? 0
            byRegion[row["region_id"] as? String ?? "", default: [0, 0]][0] += 1
            byRegion[row["region_id"] as? String ?? "", default: [0, 0]][1] += best
        }
        byRegion[""] = nil
        XCTAssertGreaterThan(byRegion.values.map { $0[1] }.reduce(0, +), 0, "UCDP's best is counted")
        let agg = try run(["aggregate", sample, "--window", "month", "--format", "csv"] + ucdpFlags)
        XCTAssertEqual(totals(aggregateCSV: agg.stdout), byRegion)
        // The store keeps the mapping: the typed fatalities column holds best, and aggregate needs no flags.
        _ = try run(["import", sample, "--store", path("u.gpkg")] + ucdpFlags)
        let fromStore = try run(["aggregate", path("u.gpkg"), "--window", "month", "--format", "csv"])
        XCTAssertEqual(fromStore.stdout, agg.stdout)
        // near keeps the region each row was joined to.
        let near = try run(["near", sample, "--border", "AFG-TJK", "--within", "50km", "--format", "json"] + ucdpFlags)
        let nearRows = try JSONSerialization.jsonObject(with: Data(near.stdout.utf8)) as! [[String: Any]]
        let joinedRegion = Dictionary(uniqueKeysWithValues: joined.map { ("\($0["id"]!)", $0["region_id"] as? String ?? "") })
        for row in nearRows { XCTAssertEqual(row["region_id"] as? String, joinedRegion["\(row["id"]!)"]) }
        let map = try run(["map", sample, "--out", path("u.html")] + ucdpFlags)
        XCTAssertTrue(map.stderr.contains("mapped \(joined.count) incidents"), map.stderr)
    }

    // MARK: - Engine errors become messages with the command line's hints

    /// The engine names no flags; each message here is the engine's text plus the flag that fixes it.
    func testEngineErrorsNameTheFlagThatFixesThem() throws {
        let incidents = try write(acled, "acled.csv")
        let layer = try write("""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"code":"X1","name":"Box"},"geometry":{"type":"Polygon","coordinates":[[[68,36],[72,36],[72,39],[68,39],[68,36]]]}}
            ]}
            """, "boxes.geojson")
        // Values checked before any work are usage errors (64); the rest fail the run (1).
        let cases: [([String], Int32, String)] = [
            (["aggregate", incidents, "--window", "fortnight"], 64,
             "--window: 'fortnight' is not a window: use day, week, month, quarter, year, all or Nd (e.g. 14d)"),
            (["map", incidents, "--window", "week", "--week-start", "friday", "--out", path("m.html")], 64,
             "--week-start: 'friday' is not a week start: use monday, saturday or sunday"),
            (["near", incidents, "--border", "AFG-TJK", "--within", "25"], 64,
             "--within: '25' is not a distance: it has no unit"),
            (["join", incidents, "--regions", layer], 1,
             "boxes.geojson feature 1: no key field 'region_id' (fields: code, name); choose the key with --region-key"),
            (["join", incidents, "--geodata", path("nowhere")], 1,
             "does not exist or holds no admin0.geojson (named by --geodata)"),
            (["near", incidents, "--border", "AFG-TJZ", "--within", "10km"], 1,
             "no border 'AFG-TJZ' in the bundled data; did you mean AFG-TJK, AFG-TKM?"),
        ]
        for (args, status, message) in cases {
            let r = try run(args, status)
            XCTAssertTrue(r.stderr.contains(message), "\(args.joined(separator: " ")): \(r.stderr)")
        }
    }

    /// A column is found by name the same way everywhere: exactly, else ignoring case. The map's tooltips,
    /// --where and --split find `EID`/`Event_Type` as the field flags do.
    func testColumnNamesAreMatchedAlikeInEveryUse() throws {
        let upper = try write(acled.replacingOccurrences(of: "event_id_cnty,event_date,latitude,longitude,fatalities,event_type",
                                                         with: "EID,Event_Date,Latitude,Longitude,Fatalities,Event_Type"), "upper.csv")
        _ = try run(["map", upper, "--id-field", "eid", "--date-field", "event_date", "--out", path("m.html")])
        let html = try String(contentsOfFile: path("m.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("<title>A1 · 2025-11-26 · Battles · 1 fatalities"), "tooltip with id and type")
        let join = try run(["join", upper, "--id-field", "eid", "--date-field", "event_date", "--where", "event_type=Battles", "--format", "csv"])
        XCTAssertEqual(rows(join.stdout).dropFirst().map { $0[0] }, ["A1", "A3", "A5"])
        let agg = try run(["aggregate", upper, "--id-field", "eid", "--date-field", "event_date", "--window", "month",
                           "--split", "event_type", "--format", "csv"])
        XCTAssertTrue(agg.stdout.contains("Battles"), agg.stdout)
    }
}
