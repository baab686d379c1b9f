import Foundation
import XCTest

/// `frontier near` and `frontier buffer` end to end.
final class NearCLITests: XCTestCase {
    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path

    /// Khatlon's representative point lies 43.5057 km from the OpenStreetMap AFG-TJK line and 43.1798 km from
    /// Natural Earth's; Gorno-Badakhshan's 70.5388 and 70.1497 km, beyond 50 km (checked independently: pyproj's
    /// geodesics to points every 2 m along each segment of the committed lines).
    static let khatlonKm = ["openstreetmap": 43.5057, "natural-earth": 43.1798]
    static let gbaoKm = ["openstreetmap": "70.5388", "natural-earth": "70.1497"]

    func testReportedIncidentsNearTheAfghanTajikBorder() throws {
        for (set, km) in Self.khatlonKm {
            let r = try FrontierBinary.run(["near", Self.reported, "--border", "TJK-AFG", "--within", "50km", "--format", "json", "--boundaries", set])
            XCTAssertEqual(r.status, 0, r.stderr)
            let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
            XCTAssertEqual(rows.map { $0["event_id_cnty"] as? String }, ["REPORTED-001", "REPORTED-003", "REPORTED-004"], set)
            XCTAssertEqual(rows.map { $0["distance_km"] as? Double }, [km, km, km], set)
            XCTAssertEqual(rows.map { $0["side"] as? String }, ["TJK", "TJK", "TJK"])
            XCTAssertEqual(rows.first?["region_id"] as? String, "TJK:Khatlon")
            XCTAssertTrue(r.stderr.contains("returned 3 incidents within 50km of AFG-TJK; 3 of them have geo_precision 3"), r.stderr)
            XCTAssertTrue(r.stderr.contains("source: boundaries \(set),"), r.stderr)
        }
    }

    func testCSVHeaderAndEitherBorderOrder() throws {
        for (set, km) in Self.gbaoKm {
            let a = try FrontierBinary.run(["near", Self.reported, "--border", "AFG-TJK", "--within", "80km", "--format", "csv", "--boundaries", set])
            let b = try FrontierBinary.run(["near", Self.reported, "--border", "TJK-AFG", "--within", "49.71mi", "--format", "csv", "--boundaries", set])
            XCTAssertEqual(a.status, 0, a.stderr)
            XCTAssertTrue(a.stdout.hasPrefix("event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,admin1,admin2,location,latitude,longitude,geo_precision,fatalities,notes,source,region_id,region_country,region_name,distance_km,side\n"))
            XCTAssertEqual(a.stdout.components(separatedBy: ",TJK:Gorno-Badakhshan,TJK,Gorno-Badakhshan,\(km),TJK\n").count, 2, set)
            XCTAssertEqual(a.stdout, b.stdout, "80 km = 49.71 mi (to 10 m): the same four incidents")
        }
    }

    func testRegionByAliasInsideCountsAsZero() throws {
        let r = try FrontierBinary.run(["near", Self.reported, "--region", "GBAO", "--within", "10km", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["event_id_cnty"] as? String }, ["REPORTED-002"])
        XCTAssertEqual(rows.first?["distance_km"] as? Double, 0)
    }

    func testACommonMisspellingIsReadAsTheRegionItMeans() throws {
        let r = try FrontierBinary.run(["near", Self.reported, "--region", "Badakshan", "--within", "5km", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("notice: 'Badakshan' is read as AFG:Badakhshan (Badakhshan)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("within 5km of AFG:Badakhshan"), r.stderr)
    }

    func testHelpfulErrors() throws {
        let noUnit = try FrontierBinary.run(["near", Self.reported, "--border", "AFG-TJK", "--within", "25"])
        XCTAssertEqual(noUnit.status, 64)
        XCTAssertTrue(noUnit.stderr.contains("accepted units are m, km, mi, nmi"), noUnit.stderr)
        let misspelled = try FrontierBinary.run(["near", Self.reported, "--region", "Badakshn", "--within", "5km"])
        XCTAssertEqual(misspelled.status, 1)
        XCTAssertTrue(misspelled.stderr.contains("did you mean AFG:Badakhshan"), misspelled.stderr)
        let ambiguous = try FrontierBinary.run(["near", Self.reported, "--region", "Punjab", "--within", "5km"])
        XCTAssertTrue(ambiguous.stderr.contains("IND:Punjab, PAK:Punjab"), ambiguous.stderr)
        let both = try FrontierBinary.run(["near", Self.reported, "--border", "AFG-TJK", "--region", "Khatlon", "--within", "5km"])
        XCTAssertEqual(both.status, 64)
    }

    func testBufferGeoJSONAndWKT() throws {
        let r = try FrontierBinary.run(["buffer", "--border", "AFG-TJK", "--within", "25km", "--side", "TJK"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let feature = try XCTUnwrap((root["features"] as? [[String: Any]])?.first)
        let props = try XCTUnwrap(feature["properties"] as? [String: Any])
        XCTAssertEqual(props["zone"] as? String, "AFG-TJK")
        XCTAssertEqual(props["side"] as? String, "TJK")
        XCTAssertTrue(["Polygon", "MultiPolygon"].contains((feature["geometry"] as? [String: Any])?["type"] as? String ?? ""))
        let wkt = try FrontierBinary.run(["buffer", "--region", "AFG:Badakhshan", "--within", "10km", "--format", "wkt"])
        XCTAssertEqual(wkt.status, 0, wkt.stderr)
        XCTAssertTrue(wkt.stdout.hasPrefix("POLYGON") || wkt.stdout.hasPrefix("MULTIPOLYGON"), String(wkt.stdout.prefix(40)))
        let wrongSide = try FrontierBinary.run(["buffer", "--border", "AFG-TJK", "--within", "25km", "--side", "PAK"])
        XCTAssertEqual(wrongSide.status, 1)
        XCTAssertTrue(wrongSide.stderr.contains("not one of AFG-TJK's countries"), wrongSide.stderr)
    }
}
