import XCTest
import Geo
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPlaces

/// `near`'s distances against points built with `Geodesic.direct` at known distances from real border lines.
final class ProximityTests: XCTestCase {
    let g = Geodesic.wgs84
    var borders: BorderSet!
    /// Both boundary sets: Natural Earth's long straight segments and OpenStreetMap's river bends.
    var sets: [BoundarySet: BorderSet] = [:]

    override func setUpWithError() throws {
        borders = try BorderSet.load(geodata: TestSupport.geodata)
        for set in BoundarySet.allCases {
            sets[set] = try BorderSet.load(geodata: GeoDataLocation(directory: TestSupport.geodata.root, boundaries: set))
        }
    }

    private func line(_ id: String, in set: BoundarySet = .default) throws -> [Coordinate] {
        try XCTUnwrap(sets[set]).border(id).geometry.coordinates()
    }

    /// True when every segment other than `skip` is provably farther from `p` than `limit`, using only
    /// geodesic inverse/direct (independent of the segment algorithm under test): by the triangle inequality
    /// a segment of length L with ends at d1, d2 is at least (d1 + d2 − L) / 2 away; where that bound is not
    /// enough, the segment is sampled every 20 m and is at least (nearest sample − 10 m) away.
    private func othersFarther(than limit: Double, from p: Coordinate, in coords: [Coordinate], skip: Set<Int>) -> Bool {
        for j in 0..<(coords.count - 1) where !skip.contains(j) {
            let seg = g.inverse(from: coords[j], to: coords[j + 1])
            let bound = (g.inverse(from: p, to: coords[j]).distance + g.inverse(from: p, to: coords[j + 1]).distance - seg.distance) / 2
            if bound > limit { continue }
            var s = 0.0
            while s <= seg.distance + 20 {
                let q = g.direct(from: coords[j], azimuth: seg.azimuth1, distance: min(s, seg.distance)).coordinate
                if g.inverse(from: p, to: q).distance - 10 <= limit { return false }
                s += 20
            }
        }
        return true
    }

    func testPerpendicularPointsAtKnownDistancesOnAFGTJKAndAFGPAK() throws {
        for set in BoundarySet.allCases {
        for borderID in ["AFG-TJK", "AFG-PAK"] {
            let coords = try line(borderID, in: set)
            for d in [1_000.0, 10_000, 25_000, 50_000] {
                let inside = Proximity(lines: [coords], within: Distance(metres: d))
                let wide = Proximity(lines: [coords], within: Distance(metres: d + 1_000))
                var checked = 0
                for i in 1..<(coords.count - 2) where checked < 6 {
                    let a = coords[i], b = coords[i + 1]
                    let inv = g.inverse(from: a, to: b)
                    guard inv.distance > 1_000 else { continue }
                    let foot = g.direct(from: a, azimuth: inv.azimuth1, distance: inv.distance * 0.4)
                    for side in [-90.0, 90.0] {
                        let far = g.direct(from: foot.coordinate, azimuth: foot.azimuth + side, distance: d + 5).coordinate
                        guard othersFarther(than: d + 10, from: far, in: coords, skip: [i]) else { continue }
                        for (offset, shouldBeIn) in [(-5.0, true), (5.0, false)] {
                            let p = g.direct(from: foot.coordinate, azimuth: foot.azimuth + side, distance: d + offset).coordinate
                            XCTAssertEqual(inside.distance(to: p) != nil, shouldBeIn, "\(borderID) seg \(i) d \(d) side \(side) offset \(offset)")
                            XCTAssertEqual(try XCTUnwrap(wide.distance(to: p)), d + offset, accuracy: 1.0, "\(borderID) seg \(i) d \(d)")
                        }
                        checked += 1
                    }
                }
                // OpenStreetMap's bends leave few segments whose perpendicular at 50 km is nearest to them.
                let enough = set == .openStreetMap && d >= 50_000 ? 1 : 4
                XCTAssertGreaterThanOrEqual(checked, enough, "\(set) \(borderID): enough constructed points at \(d) m")
            }
        }
        }
    }

    func testPointsWhoseNearestPartIsAVertex() throws {
        let coords = try line("AFG-TJK")
        var checked = 0
        for i in stride(from: 10, to: coords.count - 10, by: 7) {
            let v = coords[i]
            let toPrev = g.inverse(from: v, to: coords[i - 1]).azimuth1
            let toNext = g.inverse(from: v, to: coords[i + 1]).azimuth1
            // Straight away from the bisector of the two segments: both make an angle of at least 90° with it.
            var bisector = (toPrev + toNext) / 2
            if abs(toPrev - toNext) > 180 { bisector += 180 }
            let d = 3_000.0
            let p = g.direct(from: v, azimuth: bisector + 180, distance: d).coordinate
            if !othersFarther(than: d + 10, from: p, in: coords, skip: [i - 1, i]) { continue }
            let got = try XCTUnwrap(Proximity(lines: [coords], within: Distance(metres: 10_000)).distance(to: p))
            XCTAssertEqual(got, d, accuracy: 0.01, "vertex \(i)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 5)
    }

    /// A line bending back on itself: P is 20,000 m from one arm and 20,003 m from the other, 40 km apart.
    /// Only an exact ellipsoidal method picks the right arm at the right distance.
    func testNearlyEquidistantFromTwoDistantPartsOfABendingLine() throws {
        let p = Coordinate(lon: 70.2, lat: 37.6)
        let az = 30.0
        let f1 = g.direct(from: p, azimuth: az, distance: 20_000)
        let f2 = g.direct(from: p, azimuth: az + 180, distance: 20_003)
        func arm(_ foot: (coordinate: Coordinate, azimuth: Double)) -> (Coordinate, Coordinate) {
            (g.direct(from: foot.coordinate, azimuth: foot.azimuth - 90, distance: 60_000).coordinate,
             g.direct(from: foot.coordinate, azimuth: foot.azimuth + 90, distance: 60_000).coordinate)
        }
        let (a1, b1) = arm(f1), (a2, b2) = arm(f2)
        // Arm 1, across to the far end of arm 2, back along arm 2: a U whose bottom is 60 km from P.
        let bending = [a1, b1, a2, b2]
        let got = try XCTUnwrap(Proximity(lines: [bending], within: Distance(metres: 25_000)).distance(to: p))
        XCTAssertEqual(got, 20_000, accuracy: 0.01)
        let other = try XCTUnwrap(Proximity(lines: [[a2, b2]], within: Distance(metres: 25_000)).distance(to: p))
        XCTAssertEqual(other, 20_003, accuracy: 0.01)
    }

    func testPrefilterBoxesNeverExcludeAPointWithinReach() throws {
        // Points exactly at the reach in every direction around a long diagonal segment stay candidates.
        let a = Coordinate(lon: 68, lat: 37), b = Coordinate(lon: 69.5, lat: 38.2)
        let reach = 50_000.0
        let box = SegmentIndex.reachBox(a, b, length: g.inverse(from: a, to: b).distance, reach: reach)
        let inv = g.inverse(from: a, to: b)
        for t in stride(from: 0.0, through: 1.0, by: 0.125) {
            let on = g.direct(from: a, azimuth: inv.azimuth1, distance: inv.distance * t)
            for az in stride(from: 0.0, to: 360, by: 15) {
                XCTAssertTrue(box.contains(g.direct(from: on.coordinate, azimuth: az, distance: reach).coordinate), "t \(t) az \(az)")
            }
        }
    }

    func testDistanceUnits() throws {
        XCTAssertEqual(try Distance(parsing: "25km").metres, 25_000)
        XCTAssertEqual(try Distance(parsing: "500 m").metres, 500)
        XCTAssertEqual(try Distance(parsing: "10mi").metres, 16_093.44, accuracy: 1e-9)
        XCTAssertEqual(try Distance(parsing: "2nmi").metres, 3_704)
        XCTAssertThrowsError(try Distance(parsing: "25")) { error in
            XCTAssertTrue("\(error)".contains("accepted units are m, km, mi, nmi"), "\(error)")
        }
        XCTAssertThrowsError(try Distance(parsing: "-3km"))
    }
}

/// A region zone counts its whole inside as distance 0, even where overlapping layers locate a point in
/// another region (the covers test), and measures outside points to its boundary.
final class RegionZoneTests: XCTestCase {
    func testInsideTheZoneRegionIsZeroEvenWhenLocatedElsewhere() throws {
        let ctx = try GEOSContext()
        let a = try Geometry(wkt: "POLYGON((70 36, 71 36, 71 37, 70 37, 70 36))", context: ctx)
        let b = try Geometry(wkt: "POLYGON((70.5 36, 72 36, 72 37, 70.5 37, 70.5 36))", context: ctx)
        let regions = try RegionSet(regions: [Region(id: "X:A", country: "X", name: "A", geometry: a),
                                              Region(id: "X:B", country: "X", name: "B", geometry: b)], context: ctx)
        let zone = try NearZone(region: 0, of: regions, within: Distance(parsing: "1km"))
        var scratch = Proximity.Scratch()
        let overlap = Coordinate(x: 70.75, y: 36.5)
        // Located in B (as an overlapping layer may), yet inside A: in the zone at distance 0.
        XCTAssertEqual(try zone.distance(to: overlap, located: 1, regions: regions, scratch: &scratch), 0)
        // Inside B only, 0.5° of longitude east of A's edge (about 44.7 km at 36.5°N): outside a 1 km zone.
        XCTAssertNil(try zone.distance(to: Coordinate(x: 71.5, y: 36.5), located: 1, regions: regions, scratch: &scratch))
        // 500 m east of A's east edge, measured along the parallel: in the zone at about that distance.
        let east = Geodesic.wgs84.direct(from: Coordinate(x: 71, y: 36.5), azimuth: 90, distance: 500).coordinate
        let d = try XCTUnwrap(zone.distance(to: east, located: 1, regions: regions, scratch: &scratch))
        XCTAssertEqual(d, 500, accuracy: 1)
    }
}

/// The pruned search (`Proximity`) gives the brute-force answer (`Geodesic.distance(from:toLine:)` over every
/// segment of the line) for points placed 5 m either side of the threshold: beside segments on both sides,
/// and all around vertices, where neighbouring segments compete.
final class ProximityPruningTests: XCTestCase {
    func testPrunedSearchAgreesWithBruteForceAroundTheThreshold() throws {
        // Natural Earth's long segments put points beyond the threshold beside a segment; OpenStreetMap's
        // bends (1,861 vertices) put most of them nearer to another part of the line: fewer beyond.
        for (set, beyond) in [(BoundarySet.naturalEarth, 40), (.openStreetMap, 5)] {
            try prunedSearchAgreesWithBruteForce(set: set, beyondAtLeast: beyond)
        }
    }

    private func prunedSearchAgreesWithBruteForce(set: BoundarySet, beyondAtLeast: Int) throws {
        let g = Geodesic.wgs84
        let borders = try BorderSet.load(geodata: GeoDataLocation(directory: TestSupport.geodata.root, boundaries: set))
        let lines = try borders.border("AFG-TJK").geometry.lines()
        let within = 25_000.0
        let proximity = Proximity(lines: lines, within: Distance(metres: within))
        var scratch = Proximity.Scratch()
        var points: [Coordinate] = []
        for line in lines {
            let stride = max(1, line.count / 40)
            for k in Swift.stride(from: 0, to: line.count - 1, by: stride) {
                let ab = g.inverse(from: line[k], to: line[k + 1])
                let mid = g.direct(from: line[k], azimuth: ab.azimuth1, distance: ab.distance / 2)
                for side in [-90.0, 90.0] {
                    for d in [within - 5, within + 5] {
                        points.append(g.direct(from: mid.coordinate, azimuth: mid.azimuth + side, distance: d).coordinate)
                    }
                }
                for azimuth in Swift.stride(from: 0.0, to: 360, by: 45) {
                    for d in [within - 5, within + 5] { points.append(g.direct(from: line[k], azimuth: azimuth, distance: d).coordinate) }
                }
            }
        }
        var inside = 0, outside = 0
        for p in points {
            let brute = lines.map { g.distance(from: p, toLine: $0).distance }.min() ?? .infinity
            let pruned = proximity.distance(to: p, scratch: &scratch)
            if brute <= within {
                inside += 1
                let d = try XCTUnwrap(pruned, "\(p) is \(brute) m from the line")
                XCTAssertEqual(d, brute, accuracy: 1e-6, "\(p)")
            } else {
                outside += 1
                XCTAssertNil(pruned, "\(p) is \(brute) m from the line")
            }
        }
        // Both sides of the threshold were exercised.
        // (Points beyond the threshold at a vertex are often nearer to a neighbouring segment: fewer.)
        XCTAssertGreaterThan(inside, 400, "\(set): points within")
        XCTAssertGreaterThan(outside, beyondAtLeast, "\(set): points beyond")
    }

    /// The chord is never longer than the geodesic (what makes the pruning certified), and close to it.
    func testChordIsALowerBoundOnTheGeodesic() {
        let g = Geodesic.wgs84
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let a = Coordinate(lon: Double.random(in: 55...80, using: &rng), lat: Double.random(in: 25...45, using: &rng))
            let d = [1.0, 100, 25_000, 300_000][Int.random(in: 0..<4, using: &rng)] * Double.random(in: 0...1, using: &rng)
            let b = g.direct(from: a, azimuth: Double.random(in: 0..<360, using: &rng), distance: d).coordinate
            let geodesic = g.inverse(from: a, to: b).distance
            let chord = Geodesic.chord(g.cartesian(a), g.cartesian(b))
            XCTAssertLessThanOrEqual(chord, geodesic + 1e-8, "\(a) → \(b)")
            // Shorter by about d³/(24R²) (R ≥ 6,335 km, the smallest meridian radius of curvature).
            XCTAssertLessThanOrEqual(geodesic - chord, pow(geodesic, 3) / (24 * 6_335_000 * 6_335_000) * 1.01 + 1e-6)
        }
    }
}
