import Foundation
import XCTest
import Frontier

/// `BufferRequest` asked in this process gives the zone `frontier buffer` writes for the same flags, byte for
/// byte (GeoJSON and WKT), and its area lies where the line's length and ends say it must.
final class BufferRequestParityTests: RequestParityCase {
    /// The AFG-TJK line under the default boundaries is 1,314.7 km long (pyproj's `Geod.geometry_length`,
    /// LibraryParityTests) and runs from 67.78816°E 37.17721°N (the Uzbek tripoint) to 74.88986°E 37.23409°N
    /// (the Chinese one).
    private static let lineKm = 1314.7
    private static let ends = (Coordinate(lon: 67.78816, lat: 37.17721), Coordinate(lon: 74.88986, lat: 37.23409))

    /// Great-circle distance on the sphere of the mean radius (6,371 km): a bound's ingredient, not a measurement.
    private func sphereKm(_ a: Coordinate, _ b: Coordinate) -> Double {
        let (p1, p2) = (a.lat * .pi / 180, b.lat * .pi / 180)
        let (dp, dl) = (p2 - p1, (b.lon - a.lon) * .pi / 180)
        let h = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
        return 2 * 6371 * asin(h.squareRoot())
    }

    /// Runs `request` in this process and `frontier buffer` with `flags`; asserts the document is the same.
    private func both(_ request: BufferRequest, _ flags: [String], file: StaticString = #filePath, line: UInt = #line) throws
        -> (answer: BufferAnswer, cli: FrontierBinary.Result) {
        let answer = try request.answer()
        let r = try cli(["buffer"] + flags, file: file, line: line)
        let wkt = flags.contains("wkt")
        let text = wkt ? try answer.geometry.wkt(precision: 7) + "\n" : try RowStreamWriter.text(answer.table, format: .geojson)
        XCTAssertEqual(text, r.stdout, "buffer \(flags.joined(separator: " "))", file: file, line: line)
        return (answer, r)
    }

    private func properties(_ geojson: String) throws -> [String: Any] {
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(geojson.utf8)) as? [String: Any])
        return try XCTUnwrap(((root["features"] as? [[String: Any]])?.first)?["properties"] as? [String: Any])
    }

    /// 25 km around AFG-TJK: at most 2·25·L + π·25² (the area of a curve's neighbourhood is at most that, equal
    /// for a straight line), at least 2·25·|ends| + π·25² (every line across the ends' direction between them
    /// meets the curve, and so crosses 50 km of the zone).
    func testTheZoneAroundTheBorder() throws {
        let within = try Distance(parsing: "25km")
        let (answer, r) = try both(BufferRequest(target: .border("AFG-TJK"), within: within), ["--border", "AFG-TJK", "--within", "25km"])
        let caps = Double.pi * 25 * 25
        let upper = 2 * 25 * Self.lineKm + caps, lower = 2 * 25 * sphereKm(Self.ends.0, Self.ends.1) + caps
        XCTAssertEqual(lower, 33_450, accuracy: 150)
        XCTAssertEqual(upper, 67_698, accuracy: 1)
        XCTAssertGreaterThan(answer.areaKm2, lower)
        XCTAssertLessThan(answer.areaKm2, upper)
        XCTAssertEqual(answer.name, "AFG-TJK")
        XCTAssertNil(answer.side)
        XCTAssertEqual(answer.notices, [])
        let props = try properties(r.stdout)
        XCTAssertEqual(props["zone"] as? String, "AFG-TJK")
        XCTAssertEqual(props["within_km"] as? Double, 25)
        XCTAssertEqual(props["side"] as? String, "")
        XCTAssertEqual(props["area_km2"] as? Double, answer.areaKm2)
    }

    /// --side tjk keeps the Tajik part (named in capitals): about half the zone, and with the Afghan part less
    /// than the whole by what lies in Uzbekistan and China near the line's ends.
    func testOneSideOfTheZone() throws {
        let within = try Distance(parsing: "25km")
        let whole = try BufferRequest(target: .border("AFG-TJK"), within: within).answer()
        let (tajik, r) = try both(BufferRequest(target: .border("AFG-TJK"), within: within, side: "tjk"),
                                  ["--border", "AFG-TJK", "--within", "25km", "--side", "tjk"])
        let (afghan, _) = try both(BufferRequest(target: .border("AFG-TJK"), within: within, side: "AFG"),
                                   ["--border", "AFG-TJK", "--within", "25km", "--side", "AFG"])
        XCTAssertEqual(tajik.side, "TJK")
        XCTAssertEqual(try properties(r.stdout)["side"] as? String, "TJK")
        XCTAssertEqual(tajik.areaKm2 / whole.areaKm2, 0.5, accuracy: 0.08)
        let sides = tajik.areaKm2 + afghan.areaKm2
        XCTAssertLessThan(sides, whole.areaKm2)
        XCTAssertLessThan(whole.areaKm2 - sides, 2 * Double.pi * 25 * 25, "third countries only near the two ends")
    }

    /// A region by its alias as WKT: the notice the command prints, and a zone that holds the region and reaches 10 km beyond it.
    func testARegionByItsAliasAsWKT() throws {
        let request = BufferRequest(target: .region("GBAO"), within: try Distance(parsing: "10km"))
        let (answer, r) = try both(request, ["--region", "GBAO", "--within", "10km", "--format", "wkt"])
        XCTAssertEqual(answer.notices, [.readAs(name: "GBAO", id: "TJK:Gorno-Badakhshan", regionName: "Gorno-Badakhshan")])
        XCTAssertEqual(lines(r.stderr, startingWith: "notice: "), ["notice: 'GBAO' is read as TJK:Gorno-Badakhshan (Gorno-Badakhshan)"])
        XCTAssertEqual(answer.name, "TJK:Gorno-Badakhshan")
        let regions = try RegionSet.load(.admin1, geodata: GeoDataChoice().location(), context: GEOSContext())
        let gbao = try XCTUnwrap(regions.region(id: "TJK:Gorno-Badakhshan"))
        // Its outline lies inside the zone (distance 0 from the boundary), and so does a point 5 km beyond its
        // northernmost vertex (0.045° of latitude is 5.0 km there).
        let zone = try PreparedGeometry(answer.geometry)
        let outline = try gbao.geometry.parts().flatMap { try $0.exteriorRing() }
        XCTAssertTrue(try outline.allSatisfy { try zone.covers($0) })
        let north = try XCTUnwrap(outline.max { $0.lat < $1.lat })
        XCTAssertTrue(try zone.covers(Coordinate(lon: north.lon, lat: north.lat + 0.045)))
        XCTAssertFalse(try zone.covers(Coordinate(lon: north.lon, lat: north.lat + 0.1)), "11 km beyond the northernmost point")
    }
}
