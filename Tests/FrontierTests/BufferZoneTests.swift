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

/// The pieces of a line are buffered on several threads (`BufferZone.bufferPieces`): the polygons, hence the
/// union and the output, are those of one thread to the bit, and an error is the first failing piece's.
final class BufferPiecesTests: XCTestCase {
    func testEveryThreadCountGivesTheSamePolygonsToTheBit() throws {
        let context = try GEOSContext()
        let border = try BorderSet.load(geodata: TestSupport.geodata, context: context).border("AFG-TJK")
        let pieces = try border.geometry.lines().flatMap { BufferZone.pieces(of: $0) }
        XCTAssertEqual(pieces.count, 23, "the 1,861-vertex line in pieces of at most 60 km")
        let one = try BufferZone.bufferPieces(pieces, metres: 25_000, context: context, workers: 1).map { try $0.wkb() }
        for workers in [2, 3, 8, 40] {
            let many = try BufferZone.bufferPieces(pieces, metres: 25_000, context: context, workers: workers).map { try $0.wkb() }
            XCTAssertEqual(many, one, "\(workers) threads")
        }
        // The union drawn from them, as `around` draws it, in every format's bytes.
        let zone = try BufferZone.around(lines: border.geometry.lines(), within: Distance(metres: 25_000), context: context)
        let sequential = try Geometry.union(of: one.map { try Geometry(wkb: $0, context: context) }, context: context)
        XCTAssertEqual(try zone.wkb(), try sequential.wkb())
    }

    func testTheFirstFailingPieceInLineOrderIsTheError() throws {
        let context = try GEOSContext()
        // Pieces 0, 1, 3 and 5 are drawn; 2 and 4 reach the North Pole (at 89.5° and 89.7°): piece 2's error,
        // whichever thread meets which first.
        let ok = [Coordinate(lon: 70, lat: 37), Coordinate(lon: 70.2, lat: 37.1)]
        let pole = { (lat: Double) in [Coordinate(lon: 10, lat: lat), Coordinate(lon: 11, lat: lat)] }
        let pieces = [ok, ok, pole(89.5), ok, pole(89.7), ok]
        for workers in [1, 2, 3, 6] {
            XCTAssertThrowsError(try BufferZone.bufferPieces(pieces, metres: 100_000, context: context, workers: workers)) { error in
                XCTAssertTrue("\(error)".contains("89.5° latitude reaches the North Pole"), "\(workers) threads: \(error)")
            }
        }
    }
}
