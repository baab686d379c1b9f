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

    /// The delimiter the chunker takes from the header line, as every command reads CSV.
    private func detect(_ s: String) throws -> Character {
        Character(UnicodeScalar(try CSVChunker(handle: TestSupport.pipe(s), name: "t.csv").delimiter))
    }

    func testDelimiterIsTheOneTheHeaderLineShowsMostOfOutsideQuotes() throws {
        XCTAssertEqual(try detect("a;b;c\n1,5;2;3\n"), ";")
        XCTAssertEqual(try detect("a\tb\tc\n"), "\t")
        XCTAssertEqual(try detect("a,b,c\n"), ",")
        XCTAssertEqual(try detect("\"x;y;z\",b,c\n"), ",", "separators inside quotes do not count")
        XCTAssertEqual(try detect("single\n"), ",", "none: a comma")
        XCTAssertTrue(try CSVChunker(handle: TestSupport.pipe("a;b;c\n"), name: "t.csv").delimiterDetected)
        XCTAssertFalse(try CSVChunker(handle: TestSupport.pipe("a,b,c\n"), name: "t.csv").delimiterDetected, "a comma is no news")
    }

    /// A quote in the middle of a field is the record grammar's error, in delimiter detection too: a
    /// delimiter under which the header is malformed is no candidate, however many times the line shows it.
    /// Counting delimiters outside quotes (a quote anywhere toggling) would count three commas against two
    /// semicolons here and take the comma, under which `a;"b";c` is not a field.
    func testAQuoteInTheMiddleOfAFieldRulesOutThatDelimiter() throws {
        let header = "a;\"b\";c,d,e,f\n1;2;3\n"
        XCTAssertEqual(try detect(header), ";")
        let chunker = try CSVChunker(handle: TestSupport.pipe(header), name: "t.csv")
        XCTAssertEqual(chunker.header.fields, ["a", "b", "c,d,e,f"])
        XCTAssertEqual(try chunker.next().map { String(decoding: $0.bytes, as: UTF8.self) }, "1;2;3\n")
        // Quoted after a ',' the same header reads under the comma, which then splits it most.
        XCTAssertEqual(try detect("a;b,\"c;d\",e,f\n"), ",")
    }

    func testDistanceListsAndBands() throws {
        let bands = try Distance.list(parsing: "50km,10km,25km,10km")
        XCTAssertEqual(bands.map(\.metres), [10_000, 25_000, 50_000], "sorted, repeats dropped")
        XCTAssertThrowsError(try Distance.list(parsing: "10km,"))
        XCTAssertEqual(try Distance.list(parsing: "1mi,2km").map(\.metres), [1609.344, 2000])
    }
}
