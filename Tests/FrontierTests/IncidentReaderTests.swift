import Foundation
import XCTest
import Geo
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierScan

final class IncidentReaderTests: XCTestCase {
    var dir: URL!
    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// What a command reads from `text` written to `name`: the one scan every command runs (for CSV, the
    /// chunker and a reader per chunk), with `configure` setting the query as a command's options would.
    private func read(_ text: String, name: String = "in.csv", format: InputFormat = .csv, configure: (inout IncidentQuery) -> Void = { _ in })
        throws -> (incidents: [Incident], rejections: [Rejection], summary: ScanSummary, scan: IncidentScan) {
        let url = dir.appendingPathComponent(name)
        try TestSupport.write(text, to: url)
        var query = IncidentQuery(path: url.path, format: format)
        configure(&query)
        let scan = try IncidentScan(query)
        var rejections: [Rejection] = []
        var incidents: [Incident] = []
        let summary = try scan.run(onReject: { rejections.append($0) }) { incidents.append($0.incident) }
        return (incidents, rejections, summary, scan)
    }

    /// Every rejection reason (docs/architecture.md, "Rejections"), each on a known line, with the good rows
    /// all kept.
    func testEveryRejectionReasonWithItsLineAndNothingLost() throws {
        let text = """
        event_id_cnty,event_date,latitude,longitude,fatalities,notes
        G1,2025-11-26,37.1,70.5,1,good
        B1,2025-11-26,abc,70.5,1,bad number
        B2,2025-11-26,137.1,70.5,1,latitude out of range
        B3,2025-11-26,37.1,-190,1,longitude out of range
        B4,2025-11-26,NaN,70.5,1,nan
        B5,2025-11-26,,70.5,1,empty
        B6,2025-13-45,37.1,70.5,1,impossible date
        B7,someday,37.1,70.5,1,unparseable date
        B8,2025-11-26,37.1,70.5,-4,negative fatalities
        G1,2025-11-27,37.2,70.6,0,duplicate id
        G2,26 November 2025,37.3,70.7,,"good, with ""quotes"" and
        a newline"
        G3,2025-11-28,37.4,70.8,2,good again
        """
        let (incidents, rejections, summary, _) = try read(text)
        XCTAssertEqual(incidents.map(\.id), ["G1", "G2", "G3"])
        XCTAssertEqual(incidents.map(\.line), [2, 12, 14])
        XCTAssertEqual(summary.read, 12, "12 records (G2 spans two lines)")
        XCTAssertEqual(summary.rejected, 9)
        let got = rejections.map { "\($0.line) \($0.field): \($0.reason)" }
        XCTAssertEqual(got, [
            "3 latitude: bad number 'abc'",
            "4 latitude: latitude 137.1 outside ±90",
            "5 longitude: longitude -190 outside ±180",
            "6 latitude: NaN",
            "7 latitude: empty coordinates",
            "8 event_date: impossible date '2025-13-45'",
            "9 event_date: unparseable date 'someday' (expected 2025-11-26 or 26 November 2025)",
            "10 fatalities: negative fatalities -4",
            "11 event_id_cnty: duplicate id 'G1'",
        ], "\(got)")
        XCTAssertEqual(rejections[0].values, ["B1", "2025-11-26", "abc", "70.5", "1", "bad number"], "rejected rows are kept whole")
        XCTAssertEqual(incidents[1].fatalities, 0, "an empty fatalities field counts as 0")
        XCTAssertEqual(incidents[1].date?.description, "2025-11-26")
    }

    func testHexadecimalAndWordsAreNotNumbers() throws {
        let (incidents, rejections, _, _) = try read("""
            event_id_cnty,event_date,latitude,longitude,fatalities
            H1,2025-11-26,37.1,70.5,0x10
            H2,2025-11-26,0x25,70.5,1
            H3,2025-11-26,37.1,inf,1
            H4,2025-11-26,3.71e1,70.5,1

            """)
        XCTAssertEqual(rejections.map(\.reason), ["bad number '0x10'", "bad number '0x25'", "coordinates are not finite"])
        XCTAssertEqual(incidents.map(\.id), ["H4"])
        XCTAssertEqual(incidents.first?.coordinate.lat, 37.1)
    }

    func testReorderedColumnsAndFieldFlags() throws {
        let (incidents, rejections, _, _) = try read("longitude,best,id,latitude,date_start\n70.5,4,99,37.5,2020-05-01\n") {
            $0.fields = IncidentFields(id: "id", date: "date_start", fatalities: "best")
        }
        XCTAssertTrue(rejections.isEmpty)
        XCTAssertEqual(incidents.first?.coordinate, Coordinate(lon: 70.5, lat: 37.5))
        XCTAssertEqual(incidents.first?.fatalities, 4)
        XCTAssertEqual(incidents.first?.id, "99")
    }

    func testMissingCoordinateColumnsListWhatWasFound() {
        XCTAssertThrowsError(try read("id,lat,lon\n1,2,3\n")) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("no 'latitude' or 'longitude' column; columns found: id, lat, lon"), text)
            // The engine names the fields; the command line adds its flags (PipelineCLITests).
            guard case FrontierError.missingColumns(_, let fields, _, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(fields, [.latitude, .longitude])
        }
    }

    func testGeoJSONAndGeoJSONLWithRecordSeparators() throws {
        let feature = { (id: String, x: Double, y: Double) in
            "{\"type\":\"Feature\",\"properties\":{\"event_id_cnty\":\"\(id)\",\"event_date\":\"2025-11-26\",\"fatalities\":2},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(x),\(y)]}}"
        }
        let hex = "{\"type\":\"Feature\",\"properties\":{\"event_id_cnty\":\"H\",\"event_date\":\"2025-11-26\",\"fatalities\":\"0x10\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[70.5,37.5]}}"
        let fc = "{\"type\":\"FeatureCollection\",\"features\":[\(feature("A", 70.5, 37.5)),\(feature("B", 70.6, 95)),\(hex)]}"
        let (a, ra, _, scanA) = try read(fc, name: "in.geojson", format: .geojson)
        XCTAssertEqual(a.map(\.id), ["A"])
        XCTAssertEqual(ra.map(\.reason), ["latitude 95 outside ±90", "bad number '0x10'"], "the CSV path's number rules")
        XCTAssertEqual(scanA.columns, ["event_date", "event_id_cnty", "fatalities"])
        XCTAssertEqual(a[0].values[2], .int(2), "numbers stay numbers")

        let seq = "\u{1E}\(feature("C", 70.1, 37.1))\n\u{1E}\(feature("D", 70.2, 37.2))\nnot json\n{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}}\n"
        let (b, rb, _, _) = try read(seq, name: "in.geojsonl", format: .geojsonl)
        XCTAssertEqual(b.map(\.id), ["C", "D"])
        XCTAssertEqual(rb.map { "\($0.line): \($0.reason)" }, ["3: not valid JSON: expected 'null', found 'o' (column 2)", "4: geometry is a LineString, not a Point"])
    }

    func testProjectedInputIsTransformedWithPROJ() throws {
        // cs2cs reference: (70.5 E, 37.5 N) = (632589.070206, 4151398.037587) in UTM 42N.
        let (incidents, _, _, _) = try read("event_id_cnty,event_date,latitude,longitude\nU1,2025-01-01,4151398.037587,632589.070206\n") {
            $0.crs = "EPSG:32642"
        }
        XCTAssertEqual(incidents[0].coordinate.lon, 70.5, accuracy: 1e-8)
        XCTAssertEqual(incidents[0].coordinate.lat, 37.5, accuracy: 1e-8)
    }

    func testRealUCDPSample() throws {
        let path = TestSupport.repositoryRoot.appendingPathComponent("../shared/realdata/ucdp_ged_afghanistan_region.csv").standardizedFileURL.path
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path),
                          "../shared/realdata/ucdp_ged_afghanistan_region.csv is absent (it lives beside the checkout, not in it)")
        var query = IncidentQuery(path: path, format: .csv)
        query.fields = IncidentFields(id: "id", date: "date_start", fatalities: "best")
        let scan = try IncidentScan(query)
        var rejected = 0
        let regions = try RegionSet.load(.admin0, geodata: TestSupport.geodata)
        let precisionIndex = try XCTUnwrap(scan.columns.firstIndex(of: "where_prec"))
        let countryIndex = try XCTUnwrap(scan.columns.firstIndex(of: "country"))
        var count = 0, preciseAfghan = 0
        let summary = try scan.run(onReject: { _ in rejected += 1 }) { scanned in
            let i = scanned.incident
            count += 1
            if i.values[countryIndex].text == "Afghanistan", ["1", "2"].contains(i.values[precisionIndex].text) {
                preciseAfghan += 1
                XCTAssertEqual(try regions.locate(i.coordinate).map { regions.regions[$0].country }, "AFG", "UCDP id \(i.id)")
            }
        }
        XCTAssertEqual(count, 200, "every row of the sample is read")
        XCTAssertEqual(summary.read, 200)
        XCTAssertEqual(rejected, 0)
        XCTAssertEqual(preciseAfghan, 57)
    }
}
