import XCTest
@testable import Geo

final class GeometryTests: XCTestCase {
    func testWKTRoundTripAndMeasures() throws {
        let ctx = try GEOSContext()
        let g = try Geometry(wkt: "POLYGON((0 0, 4 0, 4 3, 0 3, 0 0))", context: ctx)
        XCTAssertEqual(g.type, .polygon)
        XCTAssertEqual(try g.area(), 12)
        XCTAssertEqual(try g.length(), 14)
        XCTAssertEqual(try g.envelope(), Envelope(minX: 0, minY: 0, maxX: 4, maxY: 3))
        XCTAssertEqual(try g.wkt(precision: 0), "POLYGON ((0 0, 4 0, 4 3, 0 3, 0 0))")
        XCTAssertEqual(try g.boundary().type, .lineString)
        XCTAssertEqual(try g.boundary().length(), 14)
    }

    func testWKBRoundTrip() throws {
        let ctx = try GEOSContext()
        let g = try Geometry(wkt: "MULTILINESTRING((0 0, 1 1), (2 2, 3 5.5))", context: ctx)
        let bytes = try g.wkb()
        XCTAssertEqual(bytes.first, 1, "little-endian")
        XCTAssertEqual(bytes.count, 1 + 4 + 4 + 2 * (1 + 4 + 4 + 2 * 16))
        let back = try Geometry(wkb: bytes, context: ctx)
        XCTAssertTrue(try back.equalsExact(g))
    }

    func testMalformedWKTThrowsGEOSReason() throws {
        let ctx = try GEOSContext()
        XCTAssertThrowsError(try Geometry(wkt: "POLYGON((0 0, 1 1", context: ctx)) { error in
            guard case GeoError.geos(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("ParseException"), message)
        }
        XCTAssertThrowsError(try Geometry(wkt: "CIRCLE(0 0, 1)", context: ctx))
    }

    func testMalformedWKBThrowsGEOSReason() throws {
        let ctx = try GEOSContext()
        // A WKB point header that promises 16 bytes of coordinates but has only 3: refused before GEOS reads it.
        XCTAssertThrowsError(try Geometry(wkb: [1, 1, 0, 0, 0, 1, 2, 3], context: ctx)) { error in
            XCTAssertEqual(error as? GeoError, .wkb("1 point does not fit in the 3 bytes left at byte 5"))
        }
        // Well-formed for the check, refused by GEOS: a polygon ring of one point.
        XCTAssertThrowsError(try Geometry(wkb: [1, 3, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0] + [UInt8](repeating: 0, count: 16), context: ctx)) { error in
            guard case GeoError.geos(let message) = error else { return XCTFail("\(error)") }
            XCTAssertFalse(message.isEmpty)
        }
        XCTAssertThrowsError(try Geometry(wkb: [], context: ctx)) { error in
            XCTAssertEqual(error as? GeoError, .geos("WKB input is empty"))
        }
        XCTAssertThrowsError(try Geometry(wkb: [1, 99, 0, 0, 0], context: ctx), "unknown geometry type")
    }

    func testConstructionAndAccess() throws {
        let ctx = try GEOSContext()
        let outer = [Coordinate(x: 0, y: 0), Coordinate(x: 10, y: 0), Coordinate(x: 10, y: 10), Coordinate(x: 0, y: 10), Coordinate(x: 0, y: 0)]
        let hole = [Coordinate(x: 4, y: 4), Coordinate(x: 4, y: 6), Coordinate(x: 6, y: 6), Coordinate(x: 6, y: 4), Coordinate(x: 4, y: 4)]
        let p = try Geometry.polygon(exterior: outer, holes: [hole], context: ctx)
        XCTAssertEqual(try p.area(), 96)
        XCTAssertEqual(try p.exteriorRing(), outer)
        XCTAssertEqual(try p.interiorRings(), [hole])
        let multi = try Geometry.collection(.multiPolygon, [p, p], context: ctx)
        XCTAssertEqual(multi.numberOfGeometries, 2)
        XCTAssertEqual(try multi.parts().count, 2)
        XCTAssertEqual(try p.area(), 96, "parts stay usable after building a collection")
        XCTAssertThrowsError(try Geometry.polygon(exterior: [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 1)], context: ctx))
        XCTAssertThrowsError(try p.coordinates())
    }

    func testOverlayOperations() throws {
        let ctx = try GEOSContext()
        let a = try Geometry(wkt: "POLYGON((0 0, 2 0, 2 2, 0 2, 0 0))", context: ctx)
        let b = try Geometry(wkt: "POLYGON((1 0, 3 0, 3 2, 1 2, 1 0))", context: ctx)
        XCTAssertEqual(try a.intersection(b).area(), 2)
        XCTAssertEqual(try a.union(b).area(), 6)
        XCTAssertEqual(try a.difference(b).area(), 2)
        // The shared edge of two touching squares, merged into one line.
        let c = try Geometry(wkt: "POLYGON((2 0, 4 0, 4 2, 2 2, 2 0))", context: ctx)
        let shared = try a.boundary().intersection(c.boundary()).lineMerge()
        XCTAssertEqual(try shared.length(), 2)
        XCTAssertEqual(try Geometry.collection(.multiPolygon, [a, c], context: ctx).unaryUnion().area(), 8)
    }

    func testSimplifyAndDensify() throws {
        let ctx = try GEOSContext()
        let line = try Geometry(wkt: "LINESTRING(0 0, 1 0.01, 2 0, 3 0.01, 4 0)", context: ctx)
        XCTAssertEqual(try line.simplify(tolerance: 0.1, preserveTopology: false).coordinates().count, 2)
        XCTAssertEqual(try line.simplify(tolerance: 0.1).coordinates().count, 2)
        let long = try Geometry(wkt: "LINESTRING(0 0, 10 0)", context: ctx)
        XCTAssertEqual(try long.densify(tolerance: 1).coordinates().count, 11)
    }

    func testGEOSVersionIsReported() {
        XCTAssertTrue(GEOSContext.version.hasPrefix("3."), GEOSContext.version)
    }
}
