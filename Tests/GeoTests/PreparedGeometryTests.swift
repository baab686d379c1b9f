import XCTest
@testable import Geo

final class PreparedGeometryTests: XCTestCase {
    // A 10×10 square with a 2×2 hole at (4..6, 4..6).
    let wkt = "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))"

    func testPointsInsideOnEdgeInHoleAndOutside() throws {
        let ctx = try GEOSContext()
        let prepared = try PreparedGeometry(Geometry(wkt: wkt, context: ctx))
        let inside = Coordinate(x: 2, y: 2)
        let onOuterEdge = Coordinate(x: 10, y: 5)
        let onHoleEdge = Coordinate(x: 5, y: 4)
        let inHole = Coordinate(x: 5, y: 5)
        let outside = Coordinate(x: 11, y: 5)

        XCTAssertTrue(try prepared.contains(inside))
        XCTAssertTrue(try prepared.covers(inside))
        XCTAssertTrue(try prepared.containsProperly(Geometry.point(inside, context: ctx)))

        XCTAssertFalse(try prepared.contains(onOuterEdge), "contains excludes the boundary")
        XCTAssertTrue(try prepared.covers(onOuterEdge), "covers includes the boundary")
        XCTAssertTrue(try prepared.intersects(Geometry.point(onOuterEdge, context: ctx)))
        XCTAssertFalse(try prepared.containsProperly(Geometry.point(onOuterEdge, context: ctx)))

        XCTAssertFalse(try prepared.contains(onHoleEdge))
        XCTAssertTrue(try prepared.covers(onHoleEdge), "a hole's ring is boundary too")

        XCTAssertFalse(try prepared.contains(inHole))
        XCTAssertFalse(try prepared.covers(inHole))
        XCTAssertFalse(try prepared.intersects(Geometry.point(inHole, context: ctx)))

        XCTAssertFalse(try prepared.covers(outside))
    }

    func testPolygonAgainstPolygon() throws {
        let ctx = try GEOSContext()
        let prepared = try PreparedGeometry(Geometry(wkt: wkt, context: ctx))
        let small = try Geometry(wkt: "POLYGON((1 1, 2 1, 2 2, 1 2, 1 1))", context: ctx)
        let overHole = try Geometry(wkt: "POLYGON((3 3, 7 3, 7 7, 3 7, 3 3))", context: ctx)
        XCTAssertTrue(try prepared.contains(small))
        XCTAssertFalse(try prepared.contains(overHole))
        XCTAssertTrue(try prepared.intersects(overHole))
    }

    func testGeometriesFromAnotherContextAreRefused() throws {
        let prepared = try PreparedGeometry(Geometry(wkt: wkt, context: try GEOSContext()))
        let foreign = try Geometry.point(Coordinate(x: 1, y: 1), context: try GEOSContext())
        XCTAssertThrowsError(try prepared.covers(foreign))
    }
}
