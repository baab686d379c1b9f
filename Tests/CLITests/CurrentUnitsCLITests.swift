import Foundation
import XCTest
import Frontier

/// Issue 32 at the command line, each beside the engine asked in this process: today's provinces with their
/// ISO 3166-2 codes (`--region-code`), old names and codes as `--region` and `--where region_code=`, and
/// points in the former F.A.T.A. joined to Khyber Pakhtunkhwa. Codes are pycountry 26.2.16's.
final class CurrentUnitsCLITests: RequestParityCase {
    /// Bajaur and North Waziristan (F.A.T.A. agencies until 2018), Khujand (Sughd's capital), Gharm (the
    /// Districts of Republican Subordination), Hyderabad (Telangana's capital since 2014).
    private func places() throws -> String {
        try write("""
            event_id_cnty,event_date,latitude,longitude,fatalities,country,admin1
            PAK1,2025-03-02,34.68,71.50,2,Pakistan,Khyber Pakhtunkhwa
            PAK2,2025-03-09,32.98,70.10,1,Pakistan,F.A.T.A.
            TJK1,2025-04-01,40.2826,69.6220,0,Tajikistan,Sughd
            TJK2,2025-04-02,39.0227,70.3680,0,Tajikistan,Districts of Republican Subordination
            IND1,2025-05-01,17.385,78.4867,0,India,Telangana

            """, "places.csv")
    }

    func testPakistansProvincesWithCodesAsListedAndAsTheEngineAnswers() throws {
        let printed = try cli(["regions", "--country", "PAK", "--region-code", "--format", "csv"]).stdout
        let lines = printed.split(separator: "\n").map { $0.split(separator: ",").prefix(4).joined(separator: ",") }
        XCTAssertEqual(lines, [
            "region_id,region_country,region_name,region_code",
            "PAK:Azad Jammu and Kashmir,PAK,Azad Jammu and Kashmir,PK-JK",
            "PAK:Balochistan,PAK,Balochistan,PK-BA",
            "PAK:Gilgit-Baltistan,PAK,Gilgit-Baltistan,PK-GB",
            "PAK:Islamabad Capital Territory,PAK,Islamabad Capital Territory,PK-IS",
            "PAK:Khyber Pakhtunkhwa,PAK,Khyber Pakhtunkhwa,PK-KP",
            "PAK:Punjab,PAK,Punjab,PK-PB",
            "PAK:Sindh,PAK,Sindh,PK-SD",
        ])
        var request = RegionsRequest(country: "PAK")
        request.regionCode = true
        XCTAssertEqual(try csv(request.answer().table), printed)
        // Without the flag, the contract's columns as they were.
        XCTAssertTrue(try cli(["regions", "--country", "PAK", "--format", "csv"]).stdout
            .hasPrefix("region_id,region_country,region_name,area_km2,min_lon,min_lat,max_lon,max_lat\n"))
    }

    func testJoinPutsTheFormerFATAInKhyberPakhtunkhwaAndReportsNoMismatchForItsOldName() throws {
        let input = try places()
        let mismatches = path("mismatches.csv")
        let r = try cli(["join", input, "--region-code", "--format", "csv", "--mismatches", mismatches])
        XCTAssertEqual(r.stdout, """
            event_id_cnty,event_date,latitude,longitude,fatalities,country,admin1,region_id,region_country,region_name,region_code
            PAK1,2025-03-02,34.68,71.50,2,Pakistan,Khyber Pakhtunkhwa,PAK:Khyber Pakhtunkhwa,PAK,Khyber Pakhtunkhwa,PK-KP
            PAK2,2025-03-09,32.98,70.10,1,Pakistan,F.A.T.A.,PAK:Khyber Pakhtunkhwa,PAK,Khyber Pakhtunkhwa,PK-KP
            TJK1,2025-04-01,40.2826,69.6220,0,Tajikistan,Sughd,TJK:Sughd,TJK,Sughd,TJ-SU
            TJK2,2025-04-02,39.0227,70.3680,0,Tajikistan,Districts of Republican Subordination,TJK:Districts of Republican Subordination,TJK,Districts of Republican Subordination,TJ-RA
            IND1,2025-05-01,17.385,78.4867,0,India,Telangana,IND:Telangana,IND,Telangana,IN-TS

            """)
        XCTAssertFalse(r.stderr.contains("mismatched"), r.stderr)
        XCTAssertEqual(try String(contentsOfFile: mismatches, encoding: .utf8).split(separator: "\n").count, 1, "the header alone")
        var request = JoinRequest(input: query(input))
        request.regionCode = true
        let join = try request.open()
        var rows: [(incident: Incident, appended: [PropertyValue])] = []
        _ = try join.run { rows.append(($0.incident, $0.appended)) }
        XCTAssertEqual(try csv(table(join.columns, rows)), r.stdout)
    }

    /// With Natural Earth's older units, the same rows fall in F.A.T.A., Leninabad and the pre-2014 Andhra
    /// Pradesh; the codes are those the units still have. Two rows are mismatches there: Bajaur reported as
    /// Khyber Pakhtunkhwa lies in that set's F.A.T.A., Hyderabad reported as Telangana in its Andhra Pradesh.
    func testTheNaturalEarthSetKeepsItsUnits() throws {
        let r = try cli(["join", try places(), "--boundaries", "natural-earth", "--region-code", "--columns", "event_id_cnty", "--format", "csv"])
        XCTAssertTrue(r.stderr.contains("mismatched 2:"), r.stderr)
        XCTAssertEqual(r.stdout, """
            event_id_cnty,region_id,region_country,region_name,region_code
            PAK1,PAK:F.A.T.A.,PAK,F.A.T.A.,
            PAK2,PAK:F.A.T.A.,PAK,F.A.T.A.,
            TJK1,TJK:Leninabad,TJK,Leninabad,TJ-SU
            TJK2,TJK:Tadzhikistan Territories,TJK,Tadzhikistan Territories,TJ-RA
            IND1,IND:Andhra Pradesh,IND,Andhra Pradesh,IN-AP

            """)
    }

    func testOldNamesAndCodesChooseTodaysUnits() throws {
        let input = try places()
        let byOldName = try cli(["aggregate", input, "--window", "all", "--region", "F.A.T.A.", "--format", "csv"])
        XCTAssertTrue(byOldName.stderr.contains("notice: 'F.A.T.A.' is read as PAK:Khyber Pakhtunkhwa (Khyber Pakhtunkhwa)"), byOldName.stderr)
        XCTAssertEqual(byOldName.stdout, """
            region_id,region_country,region_name,window_start,window_end,events,fatalities,partial
            PAK:Khyber Pakhtunkhwa,PAK,Khyber Pakhtunkhwa,2025-03-02,2025-05-01,2,3,false

            """)
        XCTAssertEqual(try cli(["aggregate", input, "--window", "all", "--region", "pk-kp", "--format", "csv"]).stdout, byOldName.stdout)
        let whereCode = try cli(["join", input, "--where", "region_code=TJ-SU", "--columns", "event_id_cnty", "--format", "csv"])
        XCTAssertEqual(whereCode.stdout, "event_id_cnty,region_id,region_country,region_name\nTJK1,TJK:Sughd,TJK,Sughd\n")
        try run(["join", input, "--where", "region_code=XX-ZZ"], 1, says: "no region has region_code 'XX-ZZ'")
        // Countries answer to their alpha-2 code; a layer without codes says so rather than list nothing.
        XCTAssertEqual(try cli(["aggregate", input, "--regions", "admin0", "--region", "pk", "--window", "all", "--region-code", "--format", "csv"]).stdout,
                       "region_id,region_country,region_name,region_code,window_start,window_end,events,fatalities,partial\n"
                       + "PAK:Pakistan,PAK,Pakistan,PK,2025-03-02,2025-05-01,2,3,false\n")
        let layer = try write("""
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"region_id":"box"},
            "geometry":{"type":"Polygon","coordinates":[[[60,30],[75,30],[75,42],[60,42],[60,30]]]}}]}
            """, "layer.geojson")
        try run(["join", input, "--regions", layer, "--where", "region_code=PK-KP"], 1, says: "these regions carry no region_code")
    }

    /// near and aggregate write the code after the region triple too, as the engine answers.
    func testNearAndAggregateWriteTheCodeAfterTheRegion() throws {
        let input = try places()
        let near = try cli(["near", input, "--border", "AFG-PAK", "--within", "100km", "--region-code", "--columns", "event_id_cnty",
                            "--format", "csv"])
        let lines = near.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "event_id_cnty,region_id,region_country,region_name,region_code,distance_km,side")
        XCTAssertEqual(lines.dropFirst().map { $0.split(separator: ",").prefix(5).joined(separator: ",") },
                       ["PAK1,PAK:Khyber Pakhtunkhwa,PAK,Khyber Pakhtunkhwa,PK-KP", "PAK2,PAK:Khyber Pakhtunkhwa,PAK,Khyber Pakhtunkhwa,PK-KP"])
        var nearRequest = NearRequest(input: query(input), target: .border("AFG-PAK"), within: [Distance(metres: 100_000)],
                                      columns: ["event_id_cnty"])
        nearRequest.regionCode = true
        let scan = try nearRequest.open()
        var rows: [(incident: Incident, appended: [PropertyValue])] = []
        _ = try scan.run { rows.append(($0.incident, $0.appended)) }
        XCTAssertEqual(try csv(table(scan.columns, rows)), near.stdout)

        let printed = try cli(["aggregate", input, "--window", "all", "--region-code", "--format", "csv"]).stdout
        XCTAssertEqual(printed.split(separator: "\n").first, "region_id,region_country,region_name,region_code,window_start,window_end,events,fatalities,partial")
        XCTAssertTrue(printed.contains("\nTJK:Sughd,TJK,Sughd,TJ-SU,2025-03-02,2025-05-01,1,0,false\n"), printed)
        var aggregate = AggregateRequest(input: query(input), window: try TimeWindow(parsing: "all"))
        aggregate.regionCode = true
        XCTAssertEqual(try csv(aggregate.open().run().table), printed)
    }
}
