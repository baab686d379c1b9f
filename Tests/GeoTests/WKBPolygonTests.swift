import XCTest
@testable import Geo

/// `WKBPolygon` writes the bytes GEOS's own writer gives for the same ring, so a polygon parsed from them
/// is the one GEOS would have made, and an answer's WKB is the same whichever made it.
final class WKBPolygonTests: XCTestCase {
    func testTheBytesAreGEOSsForTheSameRing() throws {
        let context = try GEOSContext()
        let rings: [[Coordinate]] = [
            // A unit square.
            [Coordinate(x: 0, y: 0), Coordinate(x: 1, y: 0), Coordinate(x: 1, y: 1), Coordinate(x: 0, y: 1), Coordinate(x: 0, y: 0)],
            // A densified cell near the Panj, with digits that round-trip only as their exact bits, and a -0.0.
            (0..<32).map { k -> Coordinate in
                let t = Double(k) / 32 * 2 * Double.pi
                return Coordinate(x: 70.123456789012345 + 0.05 * cos(t), y: 37.98765432109876 + 0.045 * sin(t))
            } + [Coordinate(x: 70.123456789012345 + 0.05, y: 37.98765432109876)],
            [Coordinate(x: -0.0, y: 0), Coordinate(x: 1e-300, y: 0), Coordinate(x: 1e-300, y: 1e300), Coordinate(x: -0.0, y: 0)],
        ]
        for ring in rings {
            var bytes: [UInt8] = []
            WKBPolygon.append(exterior: ring, to: &bytes)
            XCTAssertEqual(bytes.count, WKBPolygon.size(points: ring.count))
            XCTAssertEqual(bytes, try Geometry.polygon(exterior: ring, context: context).wkb())
            // Read back by GEOS: the same ring, bit for bit.
            let parsed = try bytes.withUnsafeBytes { try Geometry(wkb: $0, context: context) }
            XCTAssertEqual(try parsed.wkb(), bytes)
        }
    }

    /// Two polygons one after the other in a buffer: each slice is a whole polygon.
    func testPolygonsAppendOneAfterAnother() throws {
        let context = try GEOSContext()
        let a = [Coordinate(x: 0, y: 0), Coordinate(x: 2, y: 0), Coordinate(x: 0, y: 2), Coordinate(x: 0, y: 0)]
        let b = [Coordinate(x: 5, y: 5), Coordinate(x: 6, y: 5), Coordinate(x: 6, y: 6), Coordinate(x: 5, y: 6), Coordinate(x: 5, y: 5)]
        var bytes: [UInt8] = []
        WKBPolygon.append(exterior: a, to: &bytes)
        let cut = bytes.count
        WKBPolygon.append(exterior: b, to: &bytes)
        let second = try Array(bytes[cut...]).withUnsafeBytes { try Geometry(wkb: $0, context: context) }
        XCTAssertEqual(try second.area(), 1)
    }
}
