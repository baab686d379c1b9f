import XCTest
@testable import Geo
import Frontier
@testable import FrontierPlaces

/// The certified bounds `Proximity` decides most points by (`SegmentBounds`), checked against the exact
/// distance on the real AFG-TJK line of both boundary sets: a bound that were ever wrong would change which
/// incidents `near` returns, so each is compared with brute force on a few thousand deterministic points —
/// beside segments, within a millimetre either side of the threshold, at and around vertices, and far away.
final class SegmentBoundsTests: XCTestCase {
    private let g = Geodesic.wgs84
    private let within = 25_000.0


    private func line(_ set: BoundarySet) throws -> [[Coordinate]] {
        let borders = try BorderSet.load(geodata: GeoDataLocation(directory: TestSupport.geodata.root, boundaries: set))
        return try borders.border("AFG-TJK").geometry.lines()
    }

    /// What the points are built to test, so each kind can be counted.
    private enum Kind: CaseIterable { case threshold, beside, vertex, far }

    /// Points around `lines`: `within` ± 0.5 mm from the line; perpendicular to a segment at a random place along
    /// it, at random distances up to twice `within`; on and around vertices; far beyond the reach.
    private func points(around lines: [[Coordinate]], count: Int, seed: UInt64) -> [(Coordinate, Kind)] {
        var rng = PropertyTests.Seeded(state: seed)
        let vertices = lines.flatMap { $0 }
        var out: [(Coordinate, Kind)] = []
        while out.count < count {
            let k = Int.random(in: 0..<(vertices.count - 1), using: &rng)
            let (a, b) = (vertices[k], vertices[k + 1])
            guard a != b else { continue }
            let ab = g.inverse(from: a, to: b)
            let at = g.direct(from: a, azimuth: ab.azimuth1, distance: ab.distance * Double.random(in: 0...1, using: &rng))
            let side = Bool.random(using: &rng) ? 90.0 : -90.0
            switch out.count % 6 {
            case 0, 1:
                // Beyond the threshold, then back towards its nearest point q of the line: every point of the
                // geodesic from there to q has q as its nearest point (triangle inequality), so this one is
                // exactly `within` ± 0.5 mm from the line, whatever the line's bends.
                let beyond = g.direct(from: at.coordinate, azimuth: at.azimuth + side,
                                      distance: within + Double.random(in: 1...3_000, using: &rng)).coordinate
                guard let q = lines.map({ g.distance(from: beyond, toLine: $0) }).min(by: { $0.distance < $1.distance }),
                      q.distance > within + 0.001 else { continue }
                let d = within + (Bool.random(using: &rng) ? 0.0005 : -0.0005)
                let back = g.inverse(from: q.nearest, to: beyond).azimuth1
                out.append((g.direct(from: q.nearest, azimuth: back, distance: d).coordinate, .threshold))
            case 2:
                let d = Double.random(in: 0...(2 * within), using: &rng)
                out.append((g.direct(from: at.coordinate, azimuth: at.azimuth + side, distance: d).coordinate, .beside))
            case 3:
                out.append((a, .vertex))
            case 4:
                let d = [1.0, 1_000, within - 0.0005, within + 0.0005][Int.random(in: 0..<4, using: &rng)]
                out.append((g.direct(from: a, azimuth: Double.random(in: 0..<360, using: &rng), distance: d).coordinate, .vertex))
            default:
                let d = Double.random(in: (3 * within)...(400_000), using: &rng)
                out.append((g.direct(from: at.coordinate, azimuth: at.azimuth + side, distance: d).coordinate, .far))
            }
        }
        return out
    }

    /// The brute-force exact distance: every vertex and every segment of every line, solved
    /// (`Geodesic.distance(from:toLine:)`, which uses none of `Proximity`'s bounds or its grid).
    private func bruteForce(_ p: Coordinate, _ lines: [[Coordinate]]) -> Double {
        lines.map { g.distance(from: p, toLine: $0).distance }.min() ?? .infinity
    }

    func testBoundedSearchDecidesAsTheExactDistanceOnAFGTJK() throws {
        for (set, count) in [(BoundarySet.naturalEarth, 2_400), (.openStreetMap, 700)] {
            let lines = try line(set)
            let proximity = Proximity(lines: lines, within: Distance(metres: within))
            var exactScratch = Proximity.Scratch(), boundScratch = Proximity.Scratch()
            var seen: [Kind: (inside: Int, outside: Int)] = [:]
            var nearThreshold = (inside: 0, outside: 0)
            var farSolves = 0, deepInsideSolves = 0, deepInside = 0
            for (p, kind) in points(around: lines, count: count, seed: set == .naturalEarth ? 28 : 29) {
                let brute = bruteForce(p, lines)
                let inside = brute <= within
                let exact = proximity.distance(to: p, scratch: &exactScratch)
                let solvedBefore = boundScratch.solved
                let bounded = proximity.reaches(p, scratch: &boundScratch)
                let solved = boundScratch.solved - solvedBefore
                XCTAssertEqual(exact != nil, inside, "\(set) \(kind) \(p): \(brute) m")
                XCTAssertEqual(bounded != nil, inside, "\(set) \(kind) \(p): \(brute) m (bounded)")
                if let exact {
                    // The same segments solved the same way: the same number, to the bit.
                    XCTAssertEqual(exact, brute, "\(set) \(kind) \(p)")
                }
                if let bounded {
                    XCTAssertGreaterThanOrEqual(bounded, brute - 1e-6, "\(set) \(kind) \(p): an upper bound")
                    XCTAssertLessThanOrEqual(bounded, within, "\(set) \(kind) \(p)")
                }
                seen[kind, default: (0, 0)].inside += inside ? 1 : 0
                seen[kind, default: (0, 0)].outside += inside ? 0 : 1
                if abs(brute - within) <= 0.001 { if inside { nearThreshold.inside += 1 } else { nearThreshold.outside += 1 } }
                // Decided by the bounds alone: beyond the reach by more than twice the bulge of the longest
                // segment (48 km on Natural Earth's line: 52 m), and well inside (the upper bound is 0.34%
                // above the chord, plus twice the bulge).
                if brute > within + 250 { farSolves += solved }
                if brute < within * 0.995 - 250 { deepInside += 1; deepInsideSolves += solved }
            }
            // Every kind was met on the side it was built for, and the threshold from both sides within a millimetre.
            XCTAssertGreaterThan(nearThreshold.inside, count / 20, "\(set): points within 1 mm inside")
            XCTAssertGreaterThan(nearThreshold.outside, count / 20, "\(set): points within 1 mm outside")
            XCTAssertGreaterThan(seen[.vertex]?.inside ?? 0, count / 10, "\(set): at and around vertices")
            XCTAssertGreaterThan(seen[.far]?.outside ?? 0, count / 10, "\(set): far points")
            XCTAssertGreaterThan(deepInside, count / 10, "\(set): points well inside")
            XCTAssertEqual(farSolves, 0, "\(set): points beyond the undecided band are never solved")
            XCTAssertEqual(deepInsideSolves, 0, "\(set): points well inside are decided without solving")
        }
    }

    /// The exact search solves about one segment per point within reach: the bounds put the others beyond the
    /// best distance, and a point nearest a vertex does not solve the second segment meeting there.
    func testExactSearchSolvesAboutOneSegmentPerPointWithinReach() throws {
        for set in BoundarySet.allCases {
            let lines = try line(set)
            let proximity = Proximity(lines: lines, within: Distance(metres: within))
            var scratch = Proximity.Scratch()
            var reached = 0, solves = 0
            for (p, _) in points(around: lines, count: 300, seed: 7) {
                let before = scratch.solved
                if proximity.distance(to: p, scratch: &scratch) != nil {
                    reached += 1
                    solves += scratch.solved - before
                }
            }
            XCTAssertGreaterThan(reached, 150, "\(set)")
            XCTAssertLessThan(Double(solves), Double(reached) * 1.1, "\(set): \(solves) solves for \(reached) points")
        }
    }

    /// Each point's lower and upper bounds bracket its exact distance to each of the segments nearest it (where a
    /// wrong bound would matter), on both lines.
    func testBoundsBracketTheExactDistanceToEachSegment() throws {
        for set in BoundarySet.allCases {
            let lines = try line(set)
            let index = SegmentIndex(lines: lines, reach: within)
            var checked = 0
            for (p, _) in points(around: lines, count: 200, seed: 11) {
                let xyz = g.cartesian(p)
                let chords = index.segments.map { Geodesic.chord(xyz, $0.aXYZ) }
                let nearest = chords.indices.sorted { chords[$0] < chords[$1] }.prefix(6)
                for i in nearest {
                    let s = index.segments[i]
                    let exact = g.distance(from: p, toSegment: s.a, s.b).distance
                    let toChord = SegmentBounds.chordDistanceSquared(xyz, a: s.aXYZ, chord: s.chord,
                                                                     inverseChordSquared: s.inverseChordSquared).squareRoot()
                    let lower = SegmentBounds.lower(toA: Geodesic.chord(xyz, s.aXYZ), toB: Geodesic.chord(xyz, s.bXYZ),
                                                    length: s.ab.distance, toChord: toChord, bulge: s.bulge)
                    let upper = SegmentBounds.upper(toChord: toChord, bulge: s.bulge)
                    XCTAssertLessThanOrEqual(lower, exact, "\(set) segment \(i) \(p)")
                    XCTAssertGreaterThanOrEqual(upper, exact, "\(set) segment \(i) \(p)")
                    // Tight: short by at most twice the bulge and the chord's shortfall (d³/24R², R ≥ 6,335 km);
                    // long by at most the upper bound's 0.34% of that and the same.
                    let shortfall = pow(exact, 3) / (24 * 6_335_000 * 6_335_000) * 1.01
                    XCTAssertLessThanOrEqual(exact - lower, 2 * s.bulge + shortfall + 0.01, "\(set) segment \(i) \(p)")
                    XCTAssertLessThanOrEqual(upper - exact, (exact + 2 * s.bulge) * 0.0035 + 2 * s.bulge + shortfall + 0.01,
                                             "\(set) segment \(i) \(p)")
                    checked += 1
                }
            }
            XCTAssertEqual(checked, 1_200)
        }
    }

    /// The bulge bounds how far a geodesic strays from its chord, and is close to the true stray (the
    /// sagitta, about L²/8R, against √(L² − c²)/2 ≈ L²/6.9R).
    func testBulgeHoldsTheGeodesicAndIsNearlyTight() {
        for (a, azimuth, length) in [(Coordinate(lon: 68, lat: 37), 60.0, 50_000.0), (Coordinate(lon: 71.5, lat: 38.4), 170, 1_000),
                                     (Coordinate(lon: 0, lat: 0), 90, 200_000), (Coordinate(lon: 20, lat: 70), 10, 120_000)] {
            let b = g.direct(from: a, azimuth: azimuth, distance: length).coordinate
            let ab = g.inverse(from: a, to: b)
            let aXYZ = g.cartesian(a), chord = g.cartesian(b) - aXYZ
            let chordSquared = (chord * chord).sum()
            let bulge = SegmentBounds.bulge(length: ab.distance, chord: chordSquared.squareRoot())
            var stray = 0.0
            for k in 0...200 {
                let x = g.cartesian(g.direct(from: a, azimuth: ab.azimuth1, distance: ab.distance * Double(k) / 200).coordinate)
                stray = max(stray, SegmentBounds.chordDistanceSquared(x, a: aXYZ, chord: chord, inverseChordSquared: 1 / chordSquared).squareRoot())
            }
            XCTAssertLessThanOrEqual(stray, bulge, "\(length) m")
            XCTAssertGreaterThan(stray, bulge * (length < 10_000 ? 0.3 : 0.75), "\(length) m: \(stray) against \(bulge)")
        }
        // A point (no length) strays nowhere beyond the rounding allowance.
        XCTAssertLessThan(SegmentBounds.bulge(length: 0, chord: 0), 1e-6)
    }

    /// A zone that only decides (counting with one band) keeps exactly the points the measuring zone keeps.
    func testADecidingZoneKeepsWhatTheMeasuringZoneKeeps() throws {
        let context = try GEOSContext()
        let border = try BorderSet.load(geodata: TestSupport.geodata, context: context).border("AFG-TJK")
        let measuring = try NearZone(border: border, within: Distance(metres: within))
        var deciding = measuring
        deciding.measuresDistances = false
        var s1 = Proximity.Scratch(), s2 = Proximity.Scratch()
        var kept = 0, wellInside = 0, solvedWellInside = 0
        for (p, _) in points(around: try line(.default), count: 300, seed: 5) {
            let d = try measuring.distance(to: p, located: nil, regions: nil, scratch: &s1)
            let before = s2.solved
            let e = try deciding.distance(to: p, located: nil, regions: nil, scratch: &s2)
            XCTAssertEqual(d != nil, e != nil, "\(p)")
            if let d, let e {
                XCTAssertGreaterThanOrEqual(e, d - 1e-6)
                kept += 1
                if d < within * 0.995 - 250 { wellInside += 1; solvedWellInside += s2.solved - before }
            }
        }
        XCTAssertGreaterThan(kept, 150)
        XCTAssertGreaterThan(wellInside, 50)
        XCTAssertEqual(solvedWellInside, 0, "deciding solves only the points at the edge")
        XCTAssertLessThan(s2.solved, s1.solved / 2)
    }
}

/// The solver's end test, asked of one end (`Geodesic.endsDecide`), says what the full solve answers.
final class SegmentEndTests: XCTestCase {
    func testAnEndThatDecidesMeansTheSolverAnswersWithAnEnd() {
        let g = Geodesic.wgs84
        let a = Coordinate(lon: 70, lat: 37), b = g.direct(from: a, azimuth: 75, distance: 30_000).coordinate
        let ab = g.inverse(from: a, to: b)
        var decidedA = 0, decidedB = 0, interior = 0
        for azimuth in stride(from: 0.0, to: 360, by: 7.5) {
            for origin in [a, b, g.direct(from: a, azimuth: 75, distance: 15_000).coordinate] {
                let p = g.direct(from: origin, azimuth: azimuth, distance: 8_000).coordinate
                let fromA = g.inverse(from: a, to: p), fromB = g.inverse(from: b, to: p)
                let solved = g.distance(from: p, toSegment: a, b, ab: ab, fromA: fromA, fromB: fromB)
                let byA = Geodesic.endsDecide(from: fromA, ab: ab, atA: true)
                let byB = Geodesic.endsDecide(from: fromB, ab: ab, atA: false)
                if byA || byB {
                    XCTAssertEqual(solved.distance, min(fromA.distance, fromB.distance), "\(p)")
                    XCTAssertTrue(solved.fraction == 0 || solved.fraction == 1, "\(p)")
                } else {
                    interior += 1
                }
                decidedA += byA ? 1 : 0
                decidedB += byB ? 1 : 0
            }
        }
        XCTAssertGreaterThan(decidedA, 10)
        XCTAssertGreaterThan(decidedB, 10)
        XCTAssertGreaterThan(interior, 10)
        // A segment without length, and a point on an end, are decided by the ends; a NaN never is.
        let zero = g.inverse(from: a, to: a)
        XCTAssertTrue(Geodesic.endsDecide(from: g.inverse(from: a, to: b), ab: zero, atA: true))
        XCTAssertTrue(Geodesic.endsDecide(from: g.inverse(from: a, to: a), ab: ab, atA: true))
        let nan = Geodesic.Inverse(distance: .nan, azimuth1: 0, azimuth2: 0)
        XCTAssertFalse(Geodesic.endsDecide(from: nan, ab: ab, atA: true))
    }
}
