import XCTest
import Geo
import Frontier
@testable import FrontierBase
@testable import FrontierPlaces

/// The drawn zone's edge lies within 0.1% of the requested geodesic distance from the line, sampled at every
/// vertex and every edge midpoint (the midpoint of a lon/lat edge is where a straight edge strays most).
final class BufferZoneTests: XCTestCase {
    func testAfghanTajikZoneEdgeIsAtTheRequestedGeodesicDistance() throws {
        let context = try GEOSContext()
        let border = try BorderSet.load(geodata: TestSupport.geodata, context: context).border("AFG-TJK")
        let lines = try border.geometry.lines()
        for km in [10.0, 25.0] {
            let d = km * 1000
            let zone = try BufferZone.around(lines: lines, within: Distance(metres: d), context: context)
            XCTAssertTrue(try zone.isValid())
            let measure = Proximity(lines: lines, within: Distance(metres: d * 2))
            var samples = 0
            for polygon in try zone.polygons() {
                for ring in [try polygon.exteriorRing()] + (try polygon.interiorRings()) {
                    for (a, b) in zip(ring, ring.dropFirst()) {
                        let mid = Coordinate(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
                        for p in [a, mid] {
                            let got = try XCTUnwrap(measure.distance(to: p), "\(p) is far outside the zone")
                            XCTAssertEqual(got, d, accuracy: d * 0.001, "edge point \(p) for \(km) km")
                            samples += 1
                        }
                    }
                }
            }
            XCTAssertGreaterThan(samples, 1000)
        }
    }

    func testZoneContainsTheLineAndSideKeepsOneCountry() throws {
        let context = try GEOSContext()
        let border = try BorderSet.load(geodata: TestSupport.geodata, context: context).border("AFG-TJK")
        let zone = try BufferZone.around(lines: border.geometry.lines(), within: Distance(metres: 25_000), context: context)
        XCTAssertTrue(try PreparedGeometry(zone).covers(border.geometry))
        let area = try GeodesicMeasure.areaKm2(zone)
        // Roughly 2 × 25 km × 1,145 km, less the overlaps inside bends, plus the two round ends.
        XCTAssertEqual(area, 53_900, accuracy: 1_500)
        let tajikistan = try XCTUnwrap(RegionSet.load(.admin0, geodata: TestSupport.geodata, context: context).region(id: "TJK:Tajikistan"))
        let tajikSide = try zone.intersection(tajikistan.geometry)
        XCTAssertEqual(try GeodesicMeasure.areaKm2(tajikSide) / area, 0.5, accuracy: 0.08, "about half the zone is on each side")
    }
}
