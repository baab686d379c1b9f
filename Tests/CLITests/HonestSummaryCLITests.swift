import Foundation
import XCTest

/// Issue 27, items 2, 3, 8 and 10: what every reading command says after its scan so an answer cannot
/// mislead: a `--where` value no row holds, rows with latitude and longitude swapped, most rows outside every
/// region, incidents placed only at a region's point or a country's, and fatalities given as unknown.
final class HonestSummaryCLITests: FolderTestCase {
    private var reported: String { HonestSummaryFixture.reported }

    /// Each reading command's arguments after the input (`out` for the map's file).
    private func commands(out: String) -> [(String, [String])] {
        [
            ("join", ["--format", "csv"]),
            ("near", ["--border", "AFG-TJK", "--within", "75km", "--format", "csv"]),
            ("aggregate", ["--window", "month", "--format", "csv"]),
            ("hotspots", ["--distance", "100km"]),
            ("trends", []),
            ("map", ["--window", "month", "--out", out]),
        ]
    }

    // MARK: - item 2: a --where value no row holds

    /// `--where event_type=Battle` on the reported incidents (whose values say "Battles") answered 0 rows
    /// with exit 0 and no word; every reading command now names the value and the nearest values read.
    func testWhereEventTypeBattleOnIncidentsReportedSuggestsBattles() throws {
        let notice = "notice: --where event_type=Battle matched no row of \(reported): nearest of the 3 values of event_type read: "
            + "'Battles', 'Explosions/Remote violence', 'Violence against civilians'\n"
        for (command, args) in commands(out: path("m.html")) {
            let r = try run([command, reported] + args + ["--where", "event_type=Battle"], 0)
            XCTAssertTrue(r.stderr.contains(notice), "\(command): \(r.stderr)")
        }
        // A value that does match (in any case) is quiet, and so is another field's value that matches even when
        // the first field's did not (every row's values are read, whatever the other conditions decide).
        let quiet = try run(["aggregate", reported, "--window", "month", "--where", "event_type=battles", "--format", "csv"], 0)
        XCTAssertFalse(quiet.stderr.contains("matched no row"), quiet.stderr)
        XCTAssertTrue(quiet.stdout.hasSuffix("\nTJK:Khatlon,TJK,Khatlon,2026-01-01,2026-01-31,2,7\n"), quiet.stdout)
        let two = try run(["join", reported, "--where", "event_type=Battle", "--where", "country=tajikistan", "--where", "country=Narnia",
                           "--format", "csv"], 0)
        XCTAssertEqual(lines(two.stderr, "notice: --where"), [
            String(notice.dropLast()),
            "notice: --where country=Narnia matched no row of \(reported): nearest of the 1 value of country read: 'Tajikistan'",
        ])
    }

    /// A free-text column past the values the scan keeps still gets its notice, without a guess.
    func testWhereOnAFreeTextColumnOf600ValuesSaysSoWithoutSuggesting() throws {
        let file = try write(HonestSummaryFixture.freeText(), "notes.csv")
        let r = try run(["join", file, "--where", "notes=note number 601", "--format", "csv"], 0)
        XCTAssertTrue(r.stderr.contains("notice: --where notes=note number 601 matched no row of \(file): notes holds too many distinct values "
                                        + "to suggest the nearest\n"), r.stderr)
        let found = try run(["join", file, "--where", "notes=Note Number 600", "--format", "csv"], 0)
        XCTAssertFalse(found.stderr.contains("matched no row"), found.stderr)
    }

    // MARK: - item 3: swapped latitude and longitude

    /// The reported incidents with latitude and longitude swapped (all four north of 69°N): `aggregate`
    /// said "unmatched 4; counted 4 incidents in 0 rows" and nothing else; every command now says where the
    /// rows would lie swapped, and that most rows lie outside every region.
    func testSwappedIncidentsReportedGiveOneNoticeInEveryCommand() throws {
        let file = try write(HonestSummaryFixture.swappedReported(), "swapped.csv")
        let swapped = "notice: 4 rows of \(file) would lie in TJK:Khatlon, TJK:Gorno-Badakhshan with latitude and longitude swapped "
            + "(check which column holds which; --lat-field and --lon-field name them)\n"
        let most = "warning: 4 of the 4 incidents kept lie outside every region: check the coordinates, and the regions (--regions)\n"
        for (command, args) in commands(out: path("m.html")) {
            let r = try run([command, file] + args, 0)
            XCTAssertTrue(r.stderr.contains(swapped), "\(command): \(r.stderr)")
            // near keeps none of them (they are far from the border): none kept, none outside.
            XCTAssertEqual(r.stderr.contains(most), command != "near", "\(command): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("swapped latitude/longitude?"), "\(command): \(r.stderr)")
        }
        // The same rows the right way round: no notice.
        let right = try run(["aggregate", reported, "--window", "month"], 0)
        XCTAssertFalse(right.stderr.contains("swapped") || right.stderr.contains("warning:"), right.stderr)
    }

    /// Points simply outside the bundled regions (Chad, and a row reporting no country in the Atlantic) are
    /// unmatched, never "swapped".
    func testPointsOutsideTheRegionsGetNoSwapHint() throws {
        let file = try write("""
            event_id_cnty,event_date,country,latitude,longitude,fatalities
            C1,2025-11-02,Chad,12.1,15.0,0
            C2,2025-11-03,,40.0,-30.0,0
            T1,2025-11-04,Tajikistan,37.844177,69.150368,0

            """, "outside.csv")
        let r = try run(["aggregate", file, "--window", "all", "--format", "csv"], 0)
        XCTAssertFalse(r.stderr.contains("swapped"), r.stderr)
        XCTAssertTrue(r.stderr.contains("warning: 2 of the 3 incidents kept lie outside every region"), r.stderr)
    }

    /// The UCDP sample's rows reporting another place than the one they lie in (one on Kashmir's Line of
    /// Control; two on the old F.A.T.A./K.P. line, which today's Khyber Pakhtunkhwa no longer splits) were
    /// told "swapped latitude/longitude?"; swapped they lie nowhere, so no command says so, while join still
    /// counts the Line of Control row as mismatched (the two others lie in today's Khyber Pakhtunkhwa).
    func testUCDPLineOfControlRowsGetNoSwapHint() throws {
        let ucdp = try HonestSummaryFixture.requireUCDP()
        for (command, args) in commands(out: path("m.html")) {
            let r = try run([command, ucdp] + args, 0)
            XCTAssertFalse(r.stderr.contains("swapped"), "\(command): \(r.stderr)")
            XCTAssertFalse(r.stderr.contains("warning:"), "\(command): \(r.stderr)")
        }
        let join = try run(["join", ucdp, "--format", "csv"], 0)
        XCTAssertTrue(join.stderr.contains("mismatched 1: reported country/admin1 differ from the located region; list them with --mismatches FILE\n"),
                      join.stderr)
    }

    // MARK: - item 8: precision in the open

    /// Two UCDP rows placed only at country level (where_prec 6, at 33°N 65°E) were counted as a province
    /// without a word; every counting command's summary now says how many are region- or country-level.
    func testUCDPCountryLevelRowsAreStatedInEveryCountingSummary() throws {
        let file = try write(HonestSummaryFixture.ucdpCountryLevel, "ucdp.csv")
        let clause = "; 2 kept incidents have geo_precision 3 (placed at a region's representative point; 2 only at country level; "
            + "--max-geo-precision 2 drops them)\n"
        for (command, args) in commands(out: path("m.html")) where command != "near" {
            let r = try run([command, file] + args, 0)
            XCTAssertTrue(r.stderr.contains(clause), "\(command): \(r.stderr)")
        }
        let aggregate = try run(["aggregate", file, "--window", "all", "--format", "csv"], 0)
        XCTAssertTrue(aggregate.stderr.contains("read 3, rejected 0, unmatched 0; counted 3 incidents in 2 rows" + clause), aggregate.stderr)
        // near states it in its own words, as before.
        let near = try run(["near", file, "--region", "AFG:Hilmand", "--within", "300km", "--format", "csv"], 0)
        XCTAssertTrue(near.stderr.contains("2 of them have geo_precision 3 (placed at a region's representative point; 2 only at country level)"),
                      near.stderr)
        XCTAssertFalse(near.stderr.contains("kept incidents have geo_precision"), near.stderr)
        // --max-geo-precision 2 drops them, and the clause goes with them.
        let exact = try run(["aggregate", file, "--window", "all", "--max-geo-precision", "2", "--format", "csv"], 0)
        XCTAssertTrue(exact.stderr.contains("read 3, rejected 0, unmatched 0; counted 1 incidents in 1 rows\n"), exact.stderr)
    }

    /// The UCDP sample's two where_prec 6 rows are visible in aggregate's summary.
    func testUCDPSampleAggregateNamesItsTwoCountryLevelRows() throws {
        let ucdp = try HonestSummaryFixture.requireUCDP()
        let r = try run(["aggregate", ucdp, "--window", "all", "--format", "csv"], 0)
        XCTAssertTrue(r.stderr.contains("read 200, rejected 0, unmatched 0; counted 200 incidents in 39 rows; 32 kept incidents have geo_precision 3 "
                                        + "(placed at a region's representative point; 2 only at country level; --max-geo-precision 2 drops them)\n"),
                      r.stderr)
    }

    /// Every counting command shows --max-geo-precision in its help.
    func testMaxGeoPrecisionIsInTheHelpOfEveryCountingCommand() throws {
        for command in ["join", "near", "aggregate", "hotspots", "trends", "map"] {
            let r = try run([command, "--help"], 0)
            XCTAssertTrue(r.stdout.contains("--max-geo-precision <n>"), "\(command): \(r.stdout)")
        }
    }

    // MARK: - item 10: unknown fatalities

    /// `fatalities=NA` rejected the row while an empty value counted 0: NA, N/A, -, unknown (any case,
    /// spaces around) now keep the event, count no fatalities for it, and the summary says how many.
    func testFatalitiesNAIsCountedAsAnEventWithUnknownFatalities() throws {
        let file = try write(HonestSummaryFixture.unknownFatalities, "na.csv")
        let clause = "; fatalities unknown for 4 (NA, N/A, - or unknown: counted as events, not in fatalities)\n"
        let r = try run(["aggregate", file, "--window", "month", "--format", "csv"], 0)
        XCTAssertEqual(r.stdout, "region_id,region_country,region_name,window_start,window_end,events,fatalities\n"
                       + "TJK:Khatlon,TJK,Khatlon,2025-11-01,2025-11-30,6,3\n")
        XCTAssertTrue(r.stderr.contains("read 6, rejected 0, unmatched 0; counted 6 incidents in 1 rows" + clause), r.stderr)
        for (command, args) in commands(out: path("m.html")) {
            let c = try run([command, file] + args, 0)
            XCTAssertTrue(c.stderr.contains(clause), "\(command): \(c.stderr)")
        }
        // Through a GeoPackage store: the unknown values stay unknown.
        let store = path("na.gpkg")
        let imported = try run(["import", file, "--store", store], 0)
        XCTAssertTrue(imported.stderr.contains(clause), imported.stderr)
        let fromStore = try run(["aggregate", store, "--window", "month", "--format", "csv"], 0)
        XCTAssertEqual(fromStore.stdout, r.stdout)
        XCTAssertTrue(fromStore.stderr.contains(clause), fromStore.stderr)
        // Any other word is still a bad number.
        let bad = try write("event_id_cnty,event_date,latitude,longitude,fatalities\nB1,2025-11-02,37.8,69.1,many\n", "bad.csv")
        try run(["join", bad], 1, says: "bad number 'many'")
    }

    /// GeoJSON properties say the same: "NA" is unknown, null is 0.
    func testFatalitiesNAInGeoJSONIsUnknown() throws {
        let file = try write("""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[69.150368,37.844177]},"properties":{"event_id_cnty":"G1","event_date":"2025-11-02","fatalities":"NA"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[69.150368,37.844177]},"properties":{"event_id_cnty":"G2","event_date":"2025-11-03","fatalities":null}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[69.150368,37.844177]},"properties":{"event_id_cnty":"G3","event_date":"2025-11-04","fatalities":5}}
            ]}
            """, "na.geojson")
        let r = try run(["aggregate", file, "--window", "month", "--format", "csv"], 0)
        XCTAssertTrue(r.stdout.hasSuffix("TJK:Khatlon,TJK,Khatlon,2025-11-01,2025-11-30,3,5\n"), r.stdout)
        XCTAssertTrue(r.stderr.contains("; fatalities unknown for 1 (NA, N/A, - or unknown: counted as events, not in fatalities)\n"), r.stderr)
    }

    /// The stderr lines starting with `prefix`.
    private func lines(_ stderr: String, _ prefix: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }
}
