import XCTest
import Geo
import Frontier
@testable import FrontierFormats
@testable import FrontierPlaces

/// The tie rule (docs/architecture.md, "The tie rule"): a point belongs to the region that covers it
/// (boundary included); where several do, to the one with the smallest region_id.
final class RegionLocateTests: XCTestCase {
    func testSharedEdgeAndThreeRegionCornerGoToTheSmallestID() throws {
        let ctx = try GEOSContext()
        // Three squares: C on the left, A top-right, B bottom-right. They meet at (1, 1).
        let regions = try [
            Region(id: "C", country: "", name: "C", geometry: Geometry(wkt: "POLYGON((0 0, 1 0, 1 2, 0 2, 0 0))", context: ctx)),
            Region(id: "A", country: "", name: "A", geometry: Geometry(wkt: "POLYGON((1 1, 2 1, 2 2, 1 2, 1 1))", context: ctx)),
            Region(id: "B", country: "", name: "B", geometry: Geometry(wkt: "POLYGON((1 0, 2 0, 2 1, 1 1, 1 0))", context: ctx)),
        ]
        let set = try RegionSet(regions: regions, context: ctx)
        func locate(_ x: Double, _ y: Double) throws -> String? {
            try set.locate(Coordinate(x: x, y: y)).map { set.regions[$0].id }
        }
        XCTAssertEqual(try locate(0.5, 0.5), "C")
        XCTAssertEqual(try locate(1.5, 1.5), "A")
        XCTAssertEqual(try locate(1.5, 0.5), "B")
        XCTAssertEqual(try locate(1, 0.5), "B", "edge shared by B and C")
        XCTAssertEqual(try locate(1.5, 1), "A", "edge shared by A and B")
        XCTAssertEqual(try locate(1, 1), "A", "corner of A, B and C")
        XCTAssertEqual(try locate(2, 2), "A", "outer corner is covered")
        XCTAssertNil(try locate(2.0000001, 1))
        XCTAssertNil(try locate(-5, 40))
    }

    func testRealSharedProvinceEdge() throws {
        let ctx = try GEOSContext()
        let set = try RegionSet.load(.admin1, geodata: TestSupport.geodata, context: ctx)
        let badakhshan = try XCTUnwrap(set.region(id: "AFG:Badakhshan"))
        let takhar = try XCTUnwrap(set.region(id: "AFG:Takhar"))
        // A vertex both provinces' rings share lies on their common edge.
        let bVertices = Set(try badakhshan.geometry.parts().flatMap { try $0.exteriorRing() })
        let tVertices = try takhar.geometry.parts().flatMap { try $0.exteriorRing() }
        let shared = try XCTUnwrap(tVertices.first { bVertices.contains($0) }, "the provinces share vertices")
        XCTAssertEqual(try set.locate(shared).map { set.regions[$0].id }, "AFG:Badakhshan")
        // And each province's representative point is its own.
        for region in [badakhshan, takhar] {
            let p = try region.geometry.pointOnSurface().coordinates()[0]
            XCTAssertEqual(try set.locate(p).map { set.regions[$0].id }, region.id)
        }
        XCTAssertNil(try set.locate(Coordinate(lon: 10, lat: 50)), "Europe is outside every region")
    }

    func testReportedIncidentsLieInTheRegionTheyName() throws {
        let ctx = try GEOSContext()
        let set = try RegionSet.load(.admin1, geodata: TestSupport.geodata, context: ctx)
        let text = try String(contentsOf: TestSupport.geodata.file("incidents-reported.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { csvFields(String($0)) }
        let header = lines[0]
        let (lat, lon, admin1, precision) = (header.firstIndex(of: "latitude")!, header.firstIndex(of: "longitude")!,
                                             header.firstIndex(of: "admin1")!, header.firstIndex(of: "geo_precision")!)
        XCTAssertEqual(lines.count - 1, 4)
        for row in lines.dropFirst() {
            let p = Coordinate(lon: try XCTUnwrap(Double(row[lon])), lat: try XCTUnwrap(Double(row[lat])))
            XCTAssertEqual(try set.locate(p).map { set.regions[$0].id }, "TJK:" + row[admin1])
            XCTAssertEqual(row[precision], "3", "region-level points are precision 3")
        }
    }
}
