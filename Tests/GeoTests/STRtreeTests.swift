import XCTest
@testable import Geo

final class STRtreeTests: XCTestCase {
    /// A 20×20 grid of unit boxes with gaps; every query must return exactly the boxes a brute-force
    /// closed-envelope test finds.
    func testQueryReturnsExactlyTheIntersectingEnvelopes() throws {
        let ctx = try GEOSContext()
        let tree = try STRtree(context: ctx)
        var boxes: [Envelope] = []
        for i in 0..<20 {
            for j in 0..<20 {
                let e = Envelope(minX: Double(i) * 1.5, minY: Double(j) * 1.5,
                                 maxX: Double(i) * 1.5 + 1, maxY: Double(j) * 1.5 + 1)
                boxes.append(e)
                XCTAssertEqual(try tree.insert(Geometry.rectangle(e, context: ctx)), boxes.count - 1)
            }
        }
        let queries = [
            Envelope(minX: 0.2, minY: 0.2, maxX: 0.3, maxY: 0.3),       // inside one box
            Envelope(minX: 1.1, minY: 1.1, maxX: 1.4, maxY: 1.4),       // in a gap: nothing
            Envelope(minX: 1.0, minY: 0, maxX: 1.5, maxY: 0.5),         // touches two boxes' edges
            Envelope(minX: 3, minY: 3, maxX: 9.2, maxY: 7.7),           // a block
            Envelope(minX: -5, minY: -5, maxX: 100, maxY: 100),         // everything
            Envelope(minX: 50, minY: 50, maxX: 60, maxY: 60),           // far away
        ]
        for q in queries {
            let expected = boxes.indices.filter { boxes[$0].intersects(q) }
            XCTAssertEqual(try tree.query(q), expected, "query \(q)")
        }
        XCTAssertEqual(try tree.query(queries[0]), [0])
        XCTAssertEqual(try tree.query(queries[1]), [])
        XCTAssertEqual(try tree.query(queries[2]).count, 2)
        XCTAssertEqual(try tree.query(queries[4]).count, 400)
    }

    func testInsertAfterQueryIsRefused() throws {
        let ctx = try GEOSContext()
        let tree = try STRtree(context: ctx)
        try tree.insert(Geometry.point(Coordinate(x: 0, y: 0), context: ctx))
        _ = try tree.query(Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1))
        XCTAssertThrowsError(try tree.insert(Geometry.point(Coordinate(x: 1, y: 1), context: ctx)))
    }

    func testNearest() throws {
        let ctx = try GEOSContext()
        let tree = try STRtree(context: ctx)
        XCTAssertNil(try tree.nearest(to: Geometry.point(Coordinate(x: 0, y: 0), context: ctx)))
        try tree.insert(Geometry(wkt: "LINESTRING(0 10, 10 10)", context: ctx))
        try tree.insert(Geometry(wkt: "LINESTRING(20 0, 20 10)", context: ctx))
        try tree.insert(Geometry(wkt: "POINT(5 -3)", context: ctx))
        XCTAssertEqual(try tree.nearest(to: Geometry.point(Coordinate(x: 5, y: 1), context: ctx)), 2)
        XCTAssertEqual(try tree.nearest(to: Geometry.point(Coordinate(x: 5, y: 8), context: ctx)), 0)
        XCTAssertEqual(try tree.nearest(to: Geometry.point(Coordinate(x: 18, y: 5), context: ctx)), 1)
    }
}
