import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPostGIS

/// Source profiles, precision scales, delimiter detection and distance lists, against the layouts'
/// own documentation (UCDP GED codebook: where_prec 1–7, type_of_violence 1–3).
final class SourceProfileTests: XCTestCase {
    func testUCDPIsRecognisedOnlyBeyondDoubt() {
        let ged = "id,relid,year,type_of_violence,where_prec,adm_1,latitude,longitude,country,date_start,date_end,best".split(separator: ",").map(String.init)
        XCTAssertEqual(SourceProfile.detect(header: ged), .ucdp)
        XCTAssertNil(SourceProfile.detect(header: ged + ["event_id_cnty"]), "ACLED's id column: not UCDP's layout")
        XCTAssertNil(SourceProfile.detect(header: ["id", "date_start", "best", "latitude", "longitude"]), "no where_prec: could be anything")
    }

    func testFieldFlagsOverrideTheProfile() {
        let f = SourceProfile.ucdp.fields(IncidentFields.Given(fatalities: "high"))
        XCTAssertEqual([f.id, f.date, f.fatalities, f.admin1, f.geoPrecision, f.eventType], ["id", "date_start", "high", "adm_1", "where_prec", "type_of_violence"])
        XCTAssertEqual(SourceProfile.acled.fields(), IncidentFields())
    }

    func testWherePrecMapsOntoGeoPrecision() {
        let mapped = (0...8).map { PrecisionScale.ucdp.geoPrecision($0) }
        XCTAssertEqual(mapped.map { $0.precision }, [nil, 1, 1, 2, 3, 3, 3, 3, nil])
        XCTAssertEqual(mapped.map { $0.countryLevel }, [false, false, false, false, false, false, true, true, false])
        XCTAssertEqual(PrecisionScale.acled.geoPrecision(3).precision, 3)
        XCTAssertEqual(SourceProfile.ucdp.eventTypeLabel("3"), "One-sided violence")
        XCTAssertEqual(SourceProfile.acled.eventTypeLabel("3"), "3")
    }

    func testDelimiterIsTheOneTheHeaderLineShowsMostOfOutsideQuotes() {
        func detect(_ s: String) -> Character { Character(UnicodeScalar(CSVChunker.detectDelimiter(in: Array(s.utf8), from: 0))) }
        XCTAssertEqual(detect("a;b;c\n1,5;2;3\n"), ";")
        XCTAssertEqual(detect("a\tb\tc\n"), "\t")
        XCTAssertEqual(detect("a,b,c\n"), ",")
        XCTAssertEqual(detect("\"x;y;z\",b,c\n"), ",", "separators inside quotes do not count")
        XCTAssertEqual(detect("single\n"), ",", "none: a comma")
    }

    func testDistanceListsAndBands() throws {
        let bands = try Distance.list(parsing: "50km,10km,25km,10km")
        XCTAssertEqual(bands.map(\.metres), [10_000, 25_000, 50_000], "sorted, repeats dropped")
        XCTAssertThrowsError(try Distance.list(parsing: "10km,"))
        XCTAssertEqual(try Distance.list(parsing: "1mi,2km").map(\.metres), [1609.344, 2000])
    }
}
