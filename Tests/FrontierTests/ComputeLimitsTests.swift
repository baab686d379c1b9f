import Foundation
import XCTest
import Geo
import Frontier
@testable import FrontierBase
@testable import FrontierPlaces
@testable import FrontierPostGIS
@testable import FrontierScan
@testable import FrontierAnalyses

/// The engine's side of issue 25's items 6, 8 and 11: checked sums and the per-incident fatalities
/// ceiling, the O(n log n) Mann-Kendall S against the pairwise definition, the hot-spot work caps, and the
/// buffer ceiling.
final class ComputeLimitsTests: XCTestCase {
    // MARK: - Fatalities (item 6)

    /// Two cells' worth of Int.max / 2 + 1: the sum is refused with a message, not a trap or a wrapped value.
    func testFatalitiesSumPastIntMaxThrowsInsteadOfTrapping() throws {
        var a = Aggregation(window: .day)
        let half = Int.max / 2 + 1
        let day = CivilDate(daysSinceEpoch: 20_000)
        try a.add(region: 0, date: day, fatalities: half)
        XCTAssertThrowsError(try a.add(region: 0, date: day, fatalities: half)) { error in
            XCTAssertEqual("\(error)", "the fatalities counted together add up to more than 9223372036854775807, the largest total a 64-bit count holds")
        }
        // The failed add left the cell as it was.
        XCTAssertEqual(a.cells.values.first, Aggregation.Counts(events: 1, fatalities: half))
        // Renumbering merges cells, checked too.
        var b = Aggregation(window: .day)
        try b.add(region: 0, date: day, fatalities: half)
        try b.add(region: 1, date: day, fatalities: half)
        XCTAssertThrowsError(try b.renumbered([0, 0]))
        var counts = Aggregation.Counts(events: Int.max, fatalities: 0)
        XCTAssertThrowsError(try counts.add(Aggregation.Counts(events: 1))) { error in
            XCTAssertTrue("\(error)".hasPrefix("the incidents counted together"), "\(error)")
        }
    }

    /// The reader rejects a row above the per-incident ceiling with its line and field, keeps the one at it.
    func testRowWith1000001FatalitiesIsRejectedAtItsLine() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("in.csv")
        try TestSupport.write("id,event_date,latitude,longitude,fatalities\nA,2025-11-26,37,70,1000000\nB,2025-11-26,37,70,1000001\n", to: url)
        var rejections: [Rejection] = []
        var incidents: [Incident] = []
        _ = try IncidentScan(IncidentQuery(path: url.path, format: .csv)).run(onReject: { rejections.append($0) }) { incidents.append($0.incident) }
        XCTAssertEqual(incidents.map(\.fatalities), [1_000_000])
        XCTAssertEqual(rejections.map(\.line), [3])
        XCTAssertEqual(rejections.first?.field, "fatalities")
        XCTAssertEqual(rejections.first?.problem, .fatalitiesAboveCeiling(1_000_001, limit: 1_000_000))
        XCTAssertEqual(rejections.first?.reason, "fatalities 1000001 above the ceiling of 1000000 for one incident")
    }

    /// A space-time cube's Double bins are exact only up to 2^53 in all: beyond it the builder refuses.
    func testCubeWhoseAmountsPass2To53IsRefused() throws {
        var builder = CubeBuilder(window: .day)
        builder.add(location: 0, day: 20_000, amount: 9_007_199_254_740_992)
        builder.add(location: 0, day: 20_001, amount: 1_000_000)
        XCTAssertThrowsError(try builder.cube(from: nil, to: nil, centre: { _ in Coordinate(lon: 70, lat: 37) })) { error in
            XCTAssertTrue("\(error)".contains("the most a space-time cube holds exactly"), "\(error)")
        }
    }

    // MARK: - Hot spots (item 8)

    /// The definition, pair by pair, as the engine computed it before: the oracle for the O(n log n) S.
    private func pairwiseMannKendall(_ x: [Double]) -> (s: Double, variance: Double, z: Double, p: Double) {
        let n = x.count
        var s = 0.0
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { s += x[j] > x[i] ? 1 : (x[j] < x[i] ? -1 : 0) } }
        var ties: [Double: Int] = [:]
        for v in x { ties[v, default: 0] += 1 }
        let nn = Double(n)
        var variance = nn * (nn - 1) * (2 * nn + 5)
        for t in ties.values where t > 1 { let tt = Double(t); variance -= tt * (tt - 1) * (2 * tt + 5) }
        variance /= 18
        let z: Double
        if variance <= 0 { z = 0 } else if s > 0 { z = (s - 1) / variance.squareRoot() } else if s < 0 { z = (s + 1) / variance.squareRoot() } else { z = 0 }
        return (s, variance, z, erfc(abs(z) / 2.0.squareRoot()))
    }

    /// 2,000 random series (lengths 0–300; values from 2, 5 or 1,000 levels, so from all tied to nearly
    /// distinct, with −0.0 beside 0.0): the merge-sort S, the tie-corrected variance, z and p equal the
    /// pairwise ones exactly.
    func testMannKendallEqualsThePairwiseDefinitionOnRandomSeriesWithTies() {
        var seedState: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {  // splitmix64, so a failure can be replayed from its seed
            seedState &+= 0x9E37_79B9_7F4A_7C15
            var z = seedState
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for seed in 0..<2000 {
            let n = Int(next() % 301)
            let levels = [2, 5, 1000][seed % 3]
            let x = (0..<n).map { _ -> Double in
                let v = Double(Int(next() % UInt64(levels))) - Double(levels / 2)
                return v == 0 && next() % 2 == 0 ? -0.0 : v / 7
            }
            let fast = MannKendall(x), slow = pairwiseMannKendall(x)
            XCTAssertEqual(fast.s, slow.s, "S, seed \(seed), n \(n)")
            XCTAssertEqual(fast.variance, slow.variance, "Var(S), seed \(seed)")
            XCTAssertEqual(fast.z, slow.z, "z, seed \(seed)")
            XCTAssertEqual(fast.p, slow.p, "p, seed \(seed)")
        }
    }

    /// Two incidents two centuries apart by day are one location's 73,049-window series: 2.7 billion pairs
    /// took 4.5 s; sorted, a few milliseconds (asserted by value, not by time: S is the one rise).
    func testMannKendallOfA73049DaySeriesWithTwoEvents() {
        var x = [Double](repeating: 0, count: 73_049)
        x[0] = 1
        x[73_048] = 1
        let m = MannKendall(x)
        // Pairs (first, middle) fall 73,047 times; (middle, last) rise 73,047 times; (first, last) tie.
        XCTAssertEqual(m.s, 0)
        XCTAssertEqual(m.z, 0)
        let n = 73_049.0, t = 73_047.0
        XCTAssertEqual(m.variance, (n * (n - 1) * (2 * n + 5) - t * (t - 1) * (2 * t + 5) - 2 * 1 * 9) / 18)
    }

    private func cube(_ centres: [Coordinate], steps: Int) -> SpaceTimeCube {
        var c = SpaceTimeCube(centres: centres, steps: steps)
        for i in centres.indices { c.add(Double(i % 3), location: i, step: i % steps) }
        return c
    }

    /// At 20,000 km every location is every other's candidate: 10,200 locations are 104 million pairs,
    /// over the bound of 100 million; the count is known before any pair is measured.
    func testNeighbourSearchAt20000kmIsCountedBeforeItRuns() throws {
        let centres = (0..<10_200).map { Coordinate(lon: 60 + Double($0 % 100) * 0.1, lat: 30 + Double($0 / 100) * 0.1) }
        let c = cube(centres, steps: 2)
        XCTAssertEqual(c.neighbourCandidates(within: 20_000_000), 104_040_000)
        XCTAssertThrowsError(try EmergingHotSpots(cube: c, options: .init(distance: 20_000_000))) { error in
            guard case FrontierError.tooMuchWork(_, let count, let limit, .neighbourPairs) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(count, 104_040_000)
            XCTAssertEqual(limit, EmergingHotSpots.maxNeighbourCandidates)
            XCTAssertEqual("\(error)", "neighbourhoods of 10200 locations within 20000km would need 104040000 location pairs to test; at most 100000000 are done")
        }
        // At 1 km (cells 10 km apart) each location is its own only neighbour, and the candidates are few.
        XCTAssertLessThan(c.neighbourCandidates(within: 1000), 10_200 * 27)
        XCTAssertEqual(c.neighbours(within: 1000).map(\.count), Array(repeating: 1, count: 10_200))
    }

    /// The Gi* sums are counted from the neighbour lists before they are added up: 1,000 locations all
    /// neighbours of each other (a million pairs) over 6,000 windows with a lag of 1 are 11,999 million sums.
    func testGiStarSumsAreCountedBeforeTheyRun() throws {
        let centres = (0..<1000).map { Coordinate(lon: 70 + Double($0 % 50) * 0.01, lat: 35 + Double($0 / 50) * 0.01) }
        let c = cube(centres, steps: 6000)
        XCTAssertThrowsError(try EmergingHotSpots(cube: c, options: .init(distance: 100_000))) { error in
            guard case FrontierError.tooMuchWork(_, let count, _, .neighbourhoodSums) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(count, 1_000_000 * (6000 * 2 - 1))
        }
        let neighbours: [[Int32]] = [[0, 1], [0, 1, 2], [1, 2]]
        XCTAssertEqual(EmergingHotSpots.neighbourhoodSums(neighbours: neighbours, steps: 4, timeLag: 1), 7 * (4 + 3))
        XCTAssertEqual(EmergingHotSpots.neighbourhoodSums(neighbours: neighbours, steps: 4, timeLag: 100), 7 * (1 + 2 + 3 + 4))
        XCTAssertEqual(EmergingHotSpots.neighbourhoodSums(neighbours: neighbours, steps: 1, timeLag: 0), 7)
    }

    /// A distance far below a metre used to make a centre's cube number overflow an Int (a trap); only
    /// centres at the same place are neighbours then.
    func testNeighboursWithinATinyDistanceAreTheSamePlaceOnly() {
        let c = cube([Coordinate(lon: 70, lat: 35), Coordinate(lon: 70, lat: 35), Coordinate(lon: 71, lat: 35)], steps: 2)
        XCTAssertEqual(c.neighbours(within: 1e-300), [[0, 1], [0, 1], [2]])
    }

    /// The neighbour search accepts a pair on `distanceUpperBound(chord:)` without solving the geodesic:
    /// on 20,000 random pairs (from metres to antipodes, poles included) the bound is never below the
    /// geodesic, and for pairs within 100 km it is at most 0.35% above the chord.
    func testGeodesicUpperBoundFromTheChordHolds() {
        let g = Geodesic.wgs84
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        for k in 0..<20_000 {
            let a = Coordinate(lon: uniform() * 360 - 180, lat: asin(uniform() * 2 - 1) * 180 / .pi)
            let b: Coordinate
            if k % 2 == 0 {
                b = Coordinate(lon: uniform() * 360 - 180, lat: asin(uniform() * 2 - 1) * 180 / .pi)
            } else {
                b = g.direct(from: a, azimuth: uniform() * 360, distance: pow(10, uniform() * 5.7)).coordinate  // 1 m … 500 km
            }
            let chord = Geodesic.chord(g.cartesian(a), g.cartesian(b))
            let s = g.inverse(from: a, to: b).distance
            let bound = g.distanceUpperBound(chord: chord)
            XCTAssertGreaterThanOrEqual(bound, s, "\(a) → \(b)")
            if s < 100_000 { XCTAssertLessThanOrEqual(bound, chord * 1.0035, "\(a) → \(b)") }
        }
    }

    // MARK: - Buffers (item 11)

    /// At the ceiling (1,000 km) the AFG-TJK zone is still right: every edge vertex and edge midpoint lies
    /// within 0.1% of the distance from the line (measured exactly), and due north of the line's
    /// northernmost vertex a point 1 km short of the distance is inside, 1 km beyond it outside.
    func testAfghanTajikZoneAtTheCeilingHasItsEdgeAtTheDistance() throws {
        let context = try GEOSContext()
        let lines = try BorderSet.load(geodata: TestSupport.geodata, context: context).border("AFG-TJK").geometry.lines()
        let d = BufferZone.maxDistance.metres
        XCTAssertEqual(d, 1_000_000)
        let zone = try BufferZone.around(lines: lines, within: BufferZone.maxDistance, context: context)
        XCTAssertTrue(try zone.isValid())
        let measure = Proximity(lines: lines, within: Distance(metres: d * 1.5))
        var samples = 0, worst = 0.0
        for polygon in try zone.polygons() {
            for ring in [try polygon.exteriorRing()] + (try polygon.interiorRings()) {
                for (a, b) in zip(ring, ring.dropFirst()) {
                    for p in [a, Coordinate(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)] {
                        let got = try XCTUnwrap(measure.distance(to: p), "\(p) is far outside the zone")
                        worst = max(worst, abs(got - d))
                        samples += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(samples, 500)
        XCTAssertLessThan(worst, d * 0.001, "the edge strays \(worst) m")
        let north = try XCTUnwrap(lines.joined().max { $0.lat < $1.lat })
        let prepared = try PreparedGeometry(zone)
        for (offset, inside) in [(-1000.0, true), (1000.0, false)] {
            let probe = Geodesic.wgs84.direct(from: north, azimuth: 0, distance: d + offset).coordinate
            XCTAssertEqual(try prepared.covers(Geometry.point(probe, context: context)), inside, "\(offset) m from the edge at \(probe)")
        }
    }

    /// Beyond the ceiling the engine refuses too (19,000 km drew the complement, 8,000 km failed in GEOS).
    func testZoneBeyondTheCeilingIsRefused() throws {
        let context = try GEOSContext()
        let lines = try BorderSet.load(geodata: TestSupport.geodata, context: context).border("AFG-TJK").geometry.lines()
        for km in [1_000.001, 2_000, 8_000, 19_000] {
            XCTAssertThrowsError(try BufferZone.around(lines: lines, within: Distance(metres: km * 1000), context: context)) { error in
                XCTAssertTrue("\(error)".contains("a drawn zone reaches at most 1000km"), "\(error)")
            }
        }
    }

    /// Within the ceiling a zone may still reach a pole or cross ±180°, which no lon/lat polygon holds: an
    /// error, not a polygon wrapped the wrong way round.
    func testZoneReachingAPoleOrTheAntimeridianIsRefused() throws {
        let context = try GEOSContext()
        let arctic = [[Coordinate(lon: 20, lat: 85), Coordinate(lon: 21, lat: 85.2)]]  // 536 km from the pole
        XCTAssertThrowsError(try BufferZone.around(lines: arctic, within: Distance(metres: 800_000), context: context)) { error in
            XCTAssertTrue("\(error)".contains("of a line at 85.2° latitude reaches the North Pole"), "\(error)")
        }
        XCTAssertNoThrow(try BufferZone.around(lines: arctic, within: Distance(metres: 300_000), context: context))
        let pacific = [[Coordinate(lon: 179.5, lat: -17), Coordinate(lon: 179.7, lat: -17.2)]]
        XCTAssertThrowsError(try BufferZone.around(lines: pacific, within: Distance(metres: 100_000), context: context)) { error in
            XCTAssertTrue("\(error)".contains("crosses the antimeridian"), "\(error)")
        }
        XCTAssertNoThrow(try BufferZone.around(lines: pacific, within: Distance(metres: 10_000), context: context))
    }
}
