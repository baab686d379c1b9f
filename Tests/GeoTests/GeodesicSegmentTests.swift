import XCTest
@testable import Geo

/// Point-to-geodesic-segment distance on WGS84. Expected values are built with `direct` (a point
/// dropped perpendicular to the segment is at exactly that distance), checked against brute force,
/// and pinned against Python GeographicLib.
final class GeodesicSegmentTests: XCTestCase {
    let g = Geodesic.wgs84

    /// 56 km, about the length of a long border edge.
    let shortA = Coordinate(lon: 69.0, lat: 37.2), shortB = Coordinate(lon: 69.6, lat: 37.35)
    /// 330 km, far longer than any edge of the border data.
    let longA = Coordinate(lon: 67.8, lat: 36.9), longB = Coordinate(lon: 71.1, lat: 38.3)

    /// Reproducible uniform numbers in [0, 1).
    struct LCG {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
    }

    /// The point at distance `s` from `a` along the geodesic a→b, with the forward azimuth there.
    func along(_ a: Coordinate, _ b: Coordinate, _ s: Double) -> (coordinate: Coordinate, azimuth: Double) {
        g.direct(from: a, azimuth: g.inverse(from: a, to: b).azimuth1, distance: s)
    }

    // MARK: 1. Perpendicular offsets

    /// A geodesic leaving the segment at 90° at X makes X a stationary point of the distance, and the
    /// only one on the segment for these sizes, so the distance is exactly the offset.
    func testPerpendicularOffsetsAreTheDistance() {
        for (a, b) in [(shortA, shortB), (longA, longB)] {
            let length = g.inverse(from: a, to: b).distance
            for t in [0.05, 0.3, 0.5, 0.77, 0.95] {
                let x = along(a, b, t * length)
                for d in [1_000.0, 10_000, 25_000, 50_000] {
                    for side in [90.0, -90.0] {
                        let p = g.direct(from: x.coordinate, azimuth: x.azimuth + side, distance: d).coordinate
                        let r = g.distance(from: p, toSegment: a, b)
                        XCTAssertEqual(r.distance, d, accuracy: 1e-3, "t \(t) d \(d) side \(side) L \(length)")
                        XCTAssertEqual(r.fraction, t, accuracy: 1e-3 / length)
                        XCTAssertLessThan(g.inverse(from: r.nearest, to: x.coordinate).distance, 1e-3)
                    }
                }
            }
        }
    }

    // MARK: 2. Beyond an end

    func testPointsBeyondAnEndAreNearestToThatEnd() {
        for (a, b) in [(shortA, shortB), (longA, longB)] {
            let ab = g.inverse(from: a, to: b)
            // Behind a: leave a backwards (azimuth1 + 180), turned by up to 89.9° from the line.
            for turn in [0.0, 45, -60, 89.9, -89.9] {
                for d in [100.0, 20_000, 90_000] {
                    let p = g.direct(from: a, azimuth: ab.azimuth1 + 180 + turn, distance: d).coordinate
                    let r = g.distance(from: p, toSegment: a, b)
                    XCTAssertEqual(r.distance, g.inverse(from: a, to: p).distance, "behind a, turn \(turn) d \(d)")
                    XCTAssertEqual(r.nearest, a)
                    XCTAssertEqual(r.fraction, 0)
                }
            }
            // Past b: continue forward (azimuth2), turned by up to 89.9°.
            for turn in [0.0, 30, -75, 89.9, -89.9] {
                for d in [100.0, 20_000, 90_000] {
                    let p = g.direct(from: b, azimuth: ab.azimuth2 + turn, distance: d).coordinate
                    let r = g.distance(from: p, toSegment: a, b)
                    XCTAssertEqual(r.distance, g.inverse(from: b, to: p).distance, "past b, turn \(turn) d \(d)")
                    XCTAssertEqual(r.nearest, b)
                    XCTAssertEqual(r.fraction, 1)
                }
            }
        }
    }

    // MARK: 3. On the segment

    func testPointsOnTheSegmentAreAtZero() {
        for (a, b) in [(shortA, shortB), (longA, longB)] {
            let length = g.inverse(from: a, to: b).distance
            for t in [0.0, 1e-9, 0.001, 0.25, 0.5, 0.9, 0.999_999, 1] {
                let p = along(a, b, t * length).coordinate
                let r = g.distance(from: p, toSegment: a, b)
                XCTAssertLessThan(r.distance, 1e-6, "t \(t)")
                XCTAssertEqual(r.fraction, t, accuracy: 1e-6 / length + 1e-12)
            }
            XCTAssertEqual(g.distance(from: a, toSegment: a, b).distance, 0)
            XCTAssertEqual(g.distance(from: b, toSegment: a, b).distance, 0)
        }
    }

    func testDegenerateSegmentIsAPoint() {
        let p = Coordinate(lon: 69.4, lat: 37.5)
        let r = g.distance(from: p, toSegment: shortA, shortA)
        XCTAssertEqual(r.distance, g.inverse(from: shortA, to: p).distance)
        XCTAssertEqual(r.nearest, shortA)
        XCTAssertEqual(g.distance(from: shortA, toSegment: shortA, shortA).distance, 0)
    }

    // MARK: 4. Brute force

    /// Independent truth: sample the segment every 10 m, then every 1 cm around the best sample.
    /// Sampling overstates the minimum by at most step²/(8·d) + (for d ≪ step) step/2, here < 0.1 mm
    /// for d ≥ 1 m; the solver's answer must never be above a sample and at most that much below.
    func testMatchesBruteForceOnA200KmSegment() {
        let a = Coordinate(lon: 68.2, lat: 37.0)
        let ab0 = g.direct(from: a, azimuth: 62, distance: 200_000)
        let b = ab0.coordinate
        let ab = g.inverse(from: a, to: b)
        func f(_ s: Double, _ p: Coordinate) -> Double {
            g.inverse(from: g.direct(from: a, azimuth: ab.azimuth1, distance: s).coordinate, to: p).distance
        }
        var rng = LCG(state: 2025)
        for _ in 0..<12 {
            // A point within 100 km of a point of the segment (or of its extension by 20 km).
            let x = g.direct(from: a, azimuth: ab.azimuth1, distance: -20_000 + rng.next() * 240_000).coordinate
            let p = g.direct(from: x, azimuth: rng.next() * 360, distance: 1 + rng.next() * 99_999).coordinate
            let coarse = 10.0, fine = 0.01
            var bestS = 0.0, best = Double.infinity
            for i in 0...Int(ab.distance / coarse) {
                let s = min(Double(i) * coarse, ab.distance)
                let d = f(s, p)
                if d < best { best = d; bestS = s }
            }
            best = min(best, f(ab.distance, p))
            let centre = bestS
            for i in -1_000...1_000 {
                let s = min(max(centre + Double(i) * fine, 0), ab.distance)
                best = min(best, f(s, p))
            }
            let r = g.distance(from: p, toSegment: a, b)
            XCTAssertLessThanOrEqual(r.distance, best + 1e-6, "p \(p)")
            XCTAssertGreaterThanOrEqual(r.distance, best - 1e-4, "p \(p)")
            XCTAssertEqual(r.distance, best, accuracy: 0.01)
            XCTAssertEqual(r.distance, g.inverse(from: r.nearest, to: p).distance, accuracy: 1e-9, "distance is to nearest")
        }
    }

    // MARK: Pinned against GeographicLib

    /// Computed with Python geographiclib 2.1 (`Geodesic.WGS84`, independent of PROJ):
    /// `line = InverseLine(a, b)`, f(s) = `Inverse(line.Position(s), p)['s12']`. The distance is the
    /// minimum of f over 20,001 even samples of [0, L], refined by golden-section search on the
    /// bracketing samples to |Δs| < 1e-9 m. The distance is flat there (a few mm move it by 1e-10 m),
    /// so the nearest point comes from bisecting the 90° condition, cos(line azimuth at X − azimuth
    /// X→p) = 0, on the same bracket; f there agrees with the golden-section minimum to 1e-6 m.
    func testPinnedAgainstGeographicLib() {
        let short = g.distance(from: Coordinate(lon: 69.31, lat: 37.41), toSegment: shortA, shortB)
        XCTAssertEqual(short.distance, 13986.970213, accuracy: 1e-4)
        XCTAssertEqual(short.fraction * 55757.133347, 0.595610374763 * 55757.133347, accuracy: 2e-4)
        XCTAssertEqual(short.nearest.lon, 69.3570795883, accuracy: 2e-9)
        XCTAssertEqual(short.nearest.lat, 37.2897083499, accuracy: 2e-9)

        let long = g.distance(from: Coordinate(lon: 69.9, lat: 37.2), toSegment: longA, longB)
        XCTAssertEqual(long.distance, 59662.167839, accuracy: 1e-4)
        XCTAssertEqual(long.fraction * 330221.420191, 0.545452119982 * 330221.420191, accuracy: 2e-4)
        XCTAssertEqual(long.nearest.lon, 69.5846508476, accuracy: 2e-9)
        XCTAssertEqual(long.nearest.lat, 37.6751288735, accuracy: 2e-9)
    }

    // MARK: 5. Polylines

    /// Two parts of a bent line, ~70 km apart, both about 50 km from p. The ellipsoid and a sphere
    /// disagree on which is nearer: part N (running north, p 50,150 m to its east) looks nearer on a
    /// sphere, because at 37° N a sphere of mean radius shortens east-west distances by ~0.24% and
    /// lengthens north-south ones by ~0.22%; part E (running east, p 50,000 m to its north) is nearer.
    func testBentLinePicksTheTrulyNearestPart() {
        let p = Coordinate(lon: 69.5, lat: 37.4)
        // Part N: the foot is 50,150 m due west (p is east of it), the part runs north-south through it.
        let footN = g.direct(from: p, azimuth: 270, distance: 50_150)
        let north = g.direct(from: footN.coordinate, azimuth: footN.azimuth + 90, distance: 30_000).coordinate
        let south = g.direct(from: footN.coordinate, azimuth: footN.azimuth - 90, distance: 30_000).coordinate
        // Part E: the foot is 50,000 m due south, the part runs east-west through it.
        let footE = g.direct(from: p, azimuth: 180, distance: 50_000)
        let west = g.direct(from: footE.coordinate, azimuth: footE.azimuth + 90, distance: 30_000).coordinate
        let east = g.direct(from: footE.coordinate, azimuth: footE.azimuth - 90, distance: 30_000).coordinate
        // Down part N, south-east to part E (≥ 56 km from p), then east along part E.
        let line = [north, south, west, east]

        let r = g.distance(from: p, toLine: line)
        XCTAssertEqual(r.distance, 50_000, accuracy: 1e-3)
        XCTAssertEqual(r.segment, 2)
        XCTAssertEqual(r.fraction, 0.5, accuracy: 1e-6)
        XCTAssertLessThan(g.inverse(from: r.nearest, to: footE.coordinate).distance, 1e-3)
        XCTAssertEqual(g.distance(from: p, toSegment: north, south).distance, 50_150, accuracy: 1e-3)
        XCTAssertGreaterThan(g.distance(from: p, toSegment: south, west).distance, 56_000)
        let perSegment = zip(line, line.dropFirst()).map { g.distance(from: p, toSegment: $0, $1).distance }
        XCTAssertEqual(r.distance, perSegment.min())

        // The spherical cross-track distance ranks the parts the other way round.
        func crossTrack(_ p: Coordinate, _ a: Coordinate, _ b: Coordinate) -> Double {
            let radius = 6_371_008.8, rad = Double.pi / 180
            func bearing(_ x: Coordinate, _ y: Coordinate) -> Double {
                atan2(sin((y.lon - x.lon) * rad) * cos(y.lat * rad),
                      cos(x.lat * rad) * sin(y.lat * rad) - sin(x.lat * rad) * cos(y.lat * rad) * cos((y.lon - x.lon) * rad))
            }
            let d13 = acos(sin(a.lat * rad) * sin(p.lat * rad)
                           + cos(a.lat * rad) * cos(p.lat * rad) * cos((p.lon - a.lon) * rad))
            return abs(asin(sin(d13) * sin(bearing(a, p) - bearing(a, b)))) * radius
        }
        XCTAssertLessThan(crossTrack(p, north, south), crossTrack(p, west, east) - 50)
    }

    /// The pruned search returns exactly the minimum over all segments, on a zig-zag whose parts crowd p.
    func testLineEqualsMinimumOverItsSegments() {
        var rng = LCG(state: 7)
        var line = [Coordinate(lon: 68.0, lat: 37.0)]
        for i in 0..<40 {
            let azimuth = (i % 2 == 0 ? 70.0 : 250.0) + rng.next() * 40
            line.append(g.direct(from: line[line.count - 1], azimuth: azimuth, distance: 5_000 + rng.next() * 40_000).coordinate)
        }
        line.insert(line[10], at: 10)  // a repeated vertex: a zero-length segment
        for _ in 0..<30 {
            let p = Coordinate(lon: 67.8 + rng.next() * 0.8, lat: 36.8 + rng.next() * 0.6)
            let r = g.distance(from: p, toLine: line)
            let all = (0..<line.count - 1).map { g.distance(from: p, toSegment: line[$0], line[$0 + 1]) }
            let best = all.map(\.distance).min()!
            XCTAssertEqual(r.distance, best, "p \(p)")
            XCTAssertEqual(all[r.segment].distance, r.distance)
            XCTAssertEqual(r.distance, g.inverse(from: r.nearest, to: p).distance, accuracy: 1e-9)
        }
    }

    func testShortLines() {
        let p = Coordinate(lon: 69.4, lat: 37.5)
        XCTAssertEqual(g.distance(from: p, toLine: []).distance, .infinity)
        XCTAssertEqual(g.distance(from: p, toLine: []).segment, -1)
        let one = g.distance(from: p, toLine: [shortA])
        XCTAssertEqual(one.distance, g.inverse(from: shortA, to: p).distance)
        XCTAssertEqual(one.nearest, shortA)
        XCTAssertEqual(g.distance(from: p, toLine: [shortA, shortB]), g.distance(from: p, toSegment: shortA, shortB))
        // Nearest at the last vertex: it belongs to the last segment, at fraction 1.
        let beyond = g.direct(from: shortB, azimuth: g.inverse(from: shortA, to: shortB).azimuth2, distance: 5_000).coordinate
        let last = g.distance(from: beyond, toLine: [shortA, shortB])
        XCTAssertEqual(last.nearest, shortB)
        XCTAssertEqual(last.segment, 0)
        XCTAssertEqual(last.fraction, 1)
    }

    // MARK: Convergence and odd input

    /// The solver needs at most two evaluations inside the segment (after the two endpoint
    /// inverses) for border-sized problems; pins the convergence claim in the source.
    func testConvergesInAFewSteps() {
        var rng = LCG(state: 99)
        var most = 0
        for k in 0..<200 {
            let a = Coordinate(lon: 60 + rng.next() * 15, lat: 29 + rng.next() * 10)
            let b = g.direct(from: a, azimuth: rng.next() * 360, distance: [1_000.0, 20_000, 100_000, 300_000][k % 4]).coordinate
            let ab = g.inverse(from: a, to: b)
            let x = g.direct(from: a, azimuth: ab.azimuth1, distance: rng.next() * ab.distance).coordinate
            let p = g.direct(from: x, azimuth: rng.next() * 360, distance: rng.next() * 100_000).coordinate
            let r = g.nearestPoint(to: p, a: a, b: b, ab: ab, fromA: g.inverse(from: a, to: p), fromB: g.inverse(from: b, to: p))
            most = max(most, r.steps)
        }
        XCTAssertLessThanOrEqual(most, 2)
    }

    func testOddInputDoesNotCrash() {
        let nan = Coordinate(lon: .nan, lat: 37)
        XCTAssertTrue(g.distance(from: nan, toSegment: shortA, shortB).distance.isNaN)
        _ = g.distance(from: shortA, toSegment: nan, shortB)
        _ = g.distance(from: shortA, toLine: [nan, shortB, nan])
        // Across the antimeridian, through a pole, and between nearly antipodal points.
        let across = g.distance(from: Coordinate(lon: 180, lat: 10.3), toSegment: Coordinate(lon: 179.5, lat: 10),
                                Coordinate(lon: -179.5, lat: 10))
        XCTAssertEqual(across.distance, 33_000, accuracy: 1_000)
        XCTAssertEqual(across.fraction, 0.5, accuracy: 0.01)
        let polar = g.distance(from: Coordinate(lon: 10, lat: 89), toSegment: Coordinate(lon: 0, lat: 80), Coordinate(lon: 180, lat: 80))
        XCTAssertLessThan(polar.distance, 112_000)
        let antipodal = g.distance(from: Coordinate(lon: 90, lat: 0.5), toSegment: Coordinate(lon: -0.3, lat: 0.5),
                                   Coordinate(lon: 179.6, lat: -0.4))
        XCTAssertTrue(antipodal.distance.isFinite)
    }
}
