import XCTest
@testable import Geo

/// Reference values from `cs2cs -f "%.6f" EPSG:4326 EPSG:32642` (Debian proj-bin, input latitude first).
final class TransformerTests: XCTestCase {
    let pinned: [(lonlat: Coordinate, utm: Coordinate)] = [
        (Coordinate(lon: 70.5, lat: 37.5), Coordinate(x: 632589.070206, y: 4151398.037587)),
        (Coordinate(lon: 69.1833, lat: 34.5167), Coordinate(x: 516824.188964, y: 3819464.314616)),  // Kabul
        (Coordinate(lon: 68.7864, lat: 38.5358), Coordinate(x: 481383.747201, y: 4265287.481662)),  // Dushanbe
    ]

    func testLonLatToUTM42NMatchesCs2csToOneMillimetre() throws {
        let t = try Transformer(from: "EPSG:4326", to: "EPSG:32642")
        var points = pinned.map(\.lonlat)
        XCTAssertEqual(t.transform(&points), 0)
        for (got, want) in zip(points, pinned.map(\.utm)) {
            XCTAssertEqual(got.x, want.x, accuracy: 0.001)
            XCTAssertEqual(got.y, want.y, accuracy: 0.001)
        }
    }

    func testInverseReturnsTheInputToANanodegree() throws {
        let t = try Transformer(from: "EPSG:4326", to: "EPSG:32642")
        var points = pinned.map(\.utm)
        XCTAssertEqual(t.transform(&points, direction: .inverse), 0)
        for (got, want) in zip(points, pinned.map(\.lonlat)) {
            XCTAssertEqual(got.lon, want.lon, accuracy: 1e-9)
            XCTAssertEqual(got.lat, want.lat, accuracy: 1e-9)
        }
    }

    func testParallelArraysGiveTheSameAnswerAsCoordinates() throws {
        let t = try Transformer(from: "EPSG:4326", to: "EPSG:32642")
        var xs = pinned.map(\.lonlat.lon), ys = pinned.map(\.lonlat.lat)
        XCTAssertEqual(t.transform(x: &xs, y: &ys), 0)
        XCTAssertEqual(xs[1], 516824.188964, accuracy: 0.001)
        XCTAssertEqual(ys[1], 3819464.314616, accuracy: 0.001)
    }

    func testSinglePointForm() throws {
        let t = try Transformer(from: "EPSG:4326", to: "EPSG:32642")
        let p = try t.transform(Coordinate(lon: 70.5, lat: 37.5))
        XCTAssertEqual(p.x, 632589.0702, accuracy: 0.001)
        XCTAssertEqual(p.y, 4151398.0376, accuracy: 0.001)
    }

    func testUnknownCRSThrowsPROJsMessage() {
        XCTAssertThrowsError(try Transformer(from: "EPSG:4326", to: "EPSG:999999")) { error in
            guard case GeoError.proj(let message) = error else { return XCTFail("expected a PROJ error, got \(error)") }
            XCTAssertTrue(message.contains("999999"), "PROJ's message should name the code: \(message)")
        }
    }

    func testUntransformablePointsAreCountedNotHidden() throws {
        let t = try Transformer(from: "EPSG:4326", to: "EPSG:32642")
        var points = [Coordinate(lon: 70.5, lat: 37.5), Coordinate(lon: 70.5, lat: 137.5)]
        XCTAssertEqual(t.transform(&points), 1)
        XCTAssertTrue(points[0].x.isFinite)
        XCTAssertFalse(points[1].x.isFinite)
        XCTAssertThrowsError(try t.transform(Coordinate(lon: 70.5, lat: 137.5)))
    }

    func testVersionIsReported() {
        XCTAssertTrue(ProjContext.version.hasPrefix("9."), ProjContext.version)
    }

    /// The pipeline made without proj.db is the one PROJ itself makes from the two CRSs: bit for bit the same
    /// numbers, both ways, for buffer's equidistant projection and the map's conic, over the region's grid.
    func testAProjectionFromLonLatWithoutTheDatabaseIsBitForBitPROJsOwn() throws {
        for projection in ["+proj=aeqd +lat_0=37.5 +lon_0=70 +datum=WGS84 +units=m +no_defs",
                           "+proj=aea +lat_1=30.00 +lat_2=40.00 +lat_0=35.00 +lon_0=68.00 +datum=WGS84 +units=m"] {
            let searched = try Transformer(from: Transformer.lonLatWGS84, to: projection)
            let direct = try Transformer(fromLonLatTo: projection)
            var points: [Coordinate] = []
            for i in 0..<60 { for j in 0..<60 { points.append(Coordinate(lon: 60 + Double(i) * 0.37, lat: 25 + Double(j) * 0.29)) } }
            var a = points, b = points
            XCTAssertEqual(searched.transform(&a), 0)
            XCTAssertEqual(direct.transform(&b), 0)
            XCTAssertEqual(a, b, projection)
            XCTAssertEqual(searched.transform(&a, direction: .inverse), 0)
            XCTAssertEqual(direct.transform(&b, direction: .inverse), 0)
            XCTAssertEqual(a, b, projection)
        }
        XCTAssertTrue(try Transformer(fromLonLatTo: "+proj=aeqd +lat_0=37 +lon_0=70 +ellps=WGS84").context.usesDatabase == false)
        XCTAssertThrowsError(try Transformer(fromLonLatTo: "+proj=nosuch +ellps=WGS84")) { error in
            // PROJ's own words on the projection, not its note that the database is missing.
            XCTAssertFalse("\(error)".contains("proj.db"), "\(error)")
            XCTAssertTrue("\(error)".contains("nosuch") || "\(error)".lowercased().contains("unknown"), "\(error)")
        }
        for notWGS84 in ["+proj=aeqd +lat_0=37 +lon_0=70 +units=m", "+proj=aeqd +lat_0=37 +lon_0=70 +datum=NAD27",
                         "+proj=aeqd +lat_0=37 +lon_0=70 +ellps=WGS84 +towgs84=1,2,3"] {
            XCTAssertThrowsError(try Transformer(fromLonLatTo: notWGS84), notWGS84)
        }
    }

    /// A context without the database makes PROJ strings only: a CRS by its EPSG code needs proj.db, and is
    /// an error there, while the same request in an ordinary context succeeds.
    func testAContextWithoutTheDatabaseRefusesACRSByCode() throws {
        XCTAssertThrowsError(try Transformer(from: "EPSG:4326", to: "EPSG:32642", context: ProjContext.withoutDatabase()))
        XCTAssertNoThrow(try Transformer(from: "EPSG:4326", to: "EPSG:32642", context: ProjContext()))
    }
}
