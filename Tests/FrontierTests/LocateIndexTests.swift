import XCTest
import Geo
@testable import Frontier

/// The cell index must give exactly the answer of plain prepared-geometry lookups, for every point.
final class LocateIndexTests: XCTestCase {
    /// A million points: half uniform over the extent, half within a few km of region boundaries (where the
    /// index has to fall back to GEOS), plus points exactly on shared vertices.
    func testAMillionPointsAgreeWithPreparedGeometryLookups() throws {
        let regions = try RegionSet.load(.admin1, geodata: TestSupport.geodata)
        let index = try regions.buildLocateIndex()
        XCTAssertGreaterThan(index.insideCells, 100)
        XCTAssertGreaterThan(index.boundaryLeaves, 100)

        var state: UInt64 = 0x5EED
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var vertices: [Coordinate] = []
        for id in ["AFG:Badakhshan", "TJK:Khatlon", "PAK:F.A.T.A.", "IRN:Razavi Khorasan"] {
            for polygon in try XCTUnwrap(regions.region(id: id)).geometry.polygons() {
                vertices += try polygon.exteriorRing()
            }
        }
        let b = index.bounds
        var mismatches = 0, inside = 0
        for i in 0..<1_000_000 {
            let p: Coordinate
            switch i % 4 {
            case 0, 1: p = Coordinate(x: b.minX + next() * (b.maxX - b.minX), y: b.minY + next() * (b.maxY - b.minY))
            case 2:
                let v = vertices[Int(next() * Double(vertices.count))]
                p = Coordinate(x: v.x + (next() - 0.5) * 0.1, y: v.y + (next() - 0.5) * 0.1)
            default: p = vertices[i % vertices.count]
            }
            let fast = try regions.locate(p), exact = try regions.locateExactly(p)
            if fast != exact { mismatches += 1 }
            if fast != nil { inside += 1 }
        }
        XCTAssertEqual(mismatches, 0)
        XCTAssertGreaterThan(inside, 300_000)
    }

    /// Root cells computed by division can round across an edge when the extent starts below zero; the
    /// point must still reach the cell that holds it, and so the smallest-id rule.
    func testPointOnASharedEdgeNearARootCellBoundary() throws {
        let ctx = try GEOSContext()
        let x = 60.0.nextDown
        let left = try Geometry.polygon(exterior: [Coordinate(x: -10, y: 0), Coordinate(x: x, y: 0), Coordinate(x: x, y: 1),
                                                   Coordinate(x: -10, y: 1), Coordinate(x: -10, y: 0)], context: ctx)
        let right = try Geometry.polygon(exterior: [Coordinate(x: x, y: 0), Coordinate(x: 70, y: 0), Coordinate(x: 70, y: 1),
                                                    Coordinate(x: x, y: 1), Coordinate(x: x, y: 0)], context: ctx)
        let set = try RegionSet(regions: [Region(id: "A:left", country: "", name: "left", geometry: left),
                                          Region(id: "B:right", country: "", name: "right", geometry: right)], context: ctx)
        try set.buildLocateIndex()
        for p in [Coordinate(x: x, y: 0.5), Coordinate(x: x, y: 0), Coordinate(x: 60, y: 0.5), Coordinate(x: 59.5, y: 1)] {
            XCTAssertEqual(try set.locate(p), try set.locateExactly(p), "\(p)")
        }
        XCTAssertEqual(try set.locate(Coordinate(x: x, y: 0.5)).map { set.regions[$0].id }, "A:left")
    }

    func testPointsOutsideTheExtentAreOutside() throws {
        let regions = try RegionSet.load(.admin0, geodata: TestSupport.geodata)
        let index = try regions.buildLocateIndex()
        XCTAssertEqual(index.lookup(Coordinate(lon: -100, lat: 40)), .outside)
        XCTAssertEqual(try regions.locate(Coordinate(lon: 69.17, lat: 34.53)).map { regions.regions[$0].id }, "AFG:Afghanistan")
    }
}
