import XCTest
@testable import Geo

final class BufferTests: XCTestCase {
    /// A 10 km buffer made in a local azimuthal equidistant CRS centred on the point is a 128-gon whose
    /// area is within 0.1% of π·10² km² (the inscribed polygon's deficit is 1 − sin(2π/128)·128/2π ≈ 0.04%).
    func testTenKilometreBufferAreaInALocalMetricCRS() throws {
        let ctx = try GEOSContext()
        let centre = Coordinate(lon: 70.5, lat: 37.5)
        let local = "+proj=aeqd +lat_0=\(centre.lat) +lon_0=\(centre.lon) +datum=WGS84 +units=m"
        let t = try Transformer(from: "EPSG:4326", to: local)
        let p = try t.transform(centre)
        XCTAssertEqual(p.x, 0, accuracy: 1e-6)
        let buffer = try Geometry.point(p, context: ctx).buffer(distance: 10_000, quadrantSegments: 32)
        let areaKm2 = try buffer.area() / 1e6
        XCTAssertEqual(areaKm2, Double.pi * 100, accuracy: Double.pi * 100 * 0.001)
        XCTAssertLessThan(areaKm2, Double.pi * 100, "an inscribed polygon is smaller than its circle")

        // Brought back to lon/lat, the ring's geodesic area agrees too: the local CRS really was metric.
        var ring = try buffer.exteriorRing()
        XCTAssertEqual(ring.count, 129)
        XCTAssertEqual(t.transform(&ring, direction: .inverse), 0)
        let geodesicKm2 = abs(Geodesic.wgs84.polygonArea(ring: ring).area) / 1e6
        XCTAssertEqual(geodesicKm2, areaKm2, accuracy: areaKm2 * 0.0001)
    }

    func testDefaultQuadrantSegmentsFallShortByAboutTwoThirdsOfAPercent() throws {
        let ctx = try GEOSContext()
        let area = try Geometry.point(Coordinate(x: 0, y: 0), context: ctx).buffer(distance: 1).area()
        XCTAssertEqual(1 - area / Double.pi, 0.0064, accuracy: 0.0002)
    }

    func testMitreJoinKeepsSquareCorners() throws {
        let ctx = try GEOSContext()
        let square = try Geometry(wkt: "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))", context: ctx)
        let grown = try square.buffer(distance: 1, joinStyle: .mitre)
        XCTAssertEqual(try grown.area(), 144, accuracy: 1e-9)
        XCTAssertEqual(try grown.envelope(), Envelope(minX: -1, minY: -1, maxX: 11, maxY: 11))
    }
}
