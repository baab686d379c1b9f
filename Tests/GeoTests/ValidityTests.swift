import XCTest
@testable import Geo

final class ValidityTests: XCTestCase {
    /// The bow-tie (0 0)-(10 10)-(10 0)-(0 10) crosses itself at (5 5). Its signed halves cancel, so GEOS
    /// computes area 0; repaired, it is two triangles of 25 each.
    func testBowTieIsInvalidAndMakeValidKeepsBothTriangles() throws {
        let ctx = try GEOSContext()
        let bowTie = try Geometry(wkt: "POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))", context: ctx)
        XCTAssertFalse(try bowTie.isValid())
        XCTAssertEqual(try bowTie.validityReason(), "Self-intersection[5 5]")
        XCTAssertEqual(try bowTie.area(), 0)

        let repaired = try bowTie.makeValid()
        XCTAssertTrue(try repaired.isValid())
        XCTAssertEqual(try repaired.validityReason(), "Valid Geometry")
        XCTAssertEqual(repaired.type, .multiPolygon)
        XCTAssertEqual(repaired.numberOfGeometries, 2)
        XCTAssertEqual(try repaired.area(), 50, accuracy: 1e-9)
        for part in try repaired.parts() {
            XCTAssertEqual(try part.area(), 25, accuracy: 1e-9)
        }
    }

    func testValidPolygonIsValid() throws {
        let ctx = try GEOSContext()
        let square = try Geometry(wkt: "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))", context: ctx)
        XCTAssertTrue(try square.isValid())
    }
}
