import XCTest
@testable import Geo

/// Reference values from GeographicLib (Python `geographiclib` 2.x, `Geodesic.WGS84`), independent of PROJ.
final class GeodesicTests: XCTestCase {
    let g = Geodesic.wgs84

    func testKabulToDushanbe() {
        let r = g.inverse(from: Coordinate(lon: 69.1833, lat: 34.5167), to: Coordinate(lon: 68.7864, lat: 38.5358))
        XCTAssertEqual(r.distance, 447407.988595, accuracy: 0.001)
        XCTAssertEqual(r.azimuth1, -4.439690290, accuracy: 1e-8)
        XCTAssertEqual(r.azimuth2, -4.676068007, accuracy: 1e-8)
    }

    func testNearlyAntipodalLine() {
        let r = g.inverse(from: Coordinate(lon: -0.3, lat: 0.5), to: Coordinate(lon: 179.6, lat: -0.4))
        XCTAssertEqual(r.distance, 19992082.108051, accuracy: 0.001)
        XCTAssertEqual(r.azimuth1, 8.173946689, accuracy: 1e-8)
    }

    func testOneDegreeOfLatitudeMatchesBuildNotes() {
        // BUILD-NOTES: `geod -I` gives 110987.044 m for 37 N → 38 N along 70.5 E.
        let r = g.inverse(from: Coordinate(lon: 70.5, lat: 37), to: Coordinate(lon: 70.5, lat: 38))
        XCTAssertEqual(r.distance, 110987.044311, accuracy: 0.001)
    }

    func testDirect() {
        let r = g.direct(from: Coordinate(lon: 69.1833, lat: 34.5167), azimuth: 10, distance: 500_000)
        XCTAssertEqual(r.coordinate.lat, 38.9498412063, accuracy: 1e-9)
        XCTAssertEqual(r.coordinate.lon, 70.1838987665, accuracy: 1e-9)
        XCTAssertEqual(r.azimuth, 10.598907946, accuracy: 1e-8)
    }

    func testPolygonAreaOfAOneDegreeCell() {
        let ring = [Coordinate(lon: 70, lat: 36), Coordinate(lon: 71, lat: 36), Coordinate(lon: 71, lat: 37),
                    Coordinate(lon: 70, lat: 37), Coordinate(lon: 70, lat: 36)]
        let r = g.polygonArea(ring: ring)
        XCTAssertEqual(r.area, 9941629403.2941, accuracy: 0.01)
        XCTAssertEqual(r.perimeter, 401111.163854, accuracy: 0.001)
        XCTAssertEqual(g.polygonArea(ring: ring.reversed()).area, -9941629403.2941, accuracy: 0.01, "clockwise is negative")
    }

    func testLengthOfAPolylineIsTheSumOfItsGeodesics() {
        let line = [Coordinate(lon: 70.5, lat: 37), Coordinate(lon: 70.5, lat: 38), Coordinate(lon: 70.5, lat: 37)]
        XCTAssertEqual(g.length(of: line), 2 * 110987.044311, accuracy: 0.002)
    }
}
