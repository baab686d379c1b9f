import XCTest
import Geo
@testable import FrontierAnalyses

/// `EventMatcher` on cases worked out by hand: distances are pyproj's `Geod(ellps="WGS84").inv` on the same
/// points, scores the documented formula (0.45 distance, 0.35 days, 0.1 types, 0.1 fatalities; a day apart
/// at --days 1 keeps ¾ of the days' weight).
final class EventMatcherTests: XCTestCase {
    private func event(_ id: String, _ lon: Double, _ lat: Double, days: ClosedRange<Int>, classes: EventClasses? = [.stateBased, .nonState],
                       fatalities: Int = 0) -> MatchEvent {
        MatchEvent(id: id, coordinate: Coordinate(lon: lon, lat: lat), days: days, type: id, classes: classes, fatalities: fatalities)
    }

    /// 0.05° of longitude at 37°N is 4,450.5835 m; one day apart within --days 1.
    func testAPairWithinReachHasTheHandComputedDistanceAndScore() throws {
        let matcher = EventMatcher(within: 10_000, days: 1)
        let r = matcher.match([event("a", 70, 37, days: 100...100, fatalities: 4)], [event("b", 70.05, 37, days: 101...101, fatalities: 2)])
        let pair = try XCTUnwrap(r.pairs.first)
        XCTAssertEqual(pair.metres, 4_450.5835, accuracy: 0.001)
        XCTAssertEqual(pair.daysApart, 1)
        let expected = 0.45 * (1 - 4_450.5835 / 10_000) + 0.35 * (1 - 1.0 / 4) + 0.1 * 1 + 0.1 * (1 - 2.0 / 4)
        XCTAssertEqual(pair.score, expected, accuracy: 1e-7, "the distance above is pyproj's to 0.1 mm")
        XCTAssertEqual(r.unmatchedA, [])
        XCTAssertEqual(r.unmatchedB, [])
    }

    /// 0.1° of longitude (8,901.2 m) is within 10 km and beyond 8.9 km; two days is beyond --days 1.
    func testTheDistanceAndDayLimitsAreInclusiveAndExact() {
        let a = [event("a", 70, 37, days: 100...100)]
        XCTAssertEqual(EventMatcher(within: 8_901.2, days: 1).match(a, [event("b", 70.1, 37, days: 100...100)]).pairs.count, 1)
        XCTAssertEqual(EventMatcher(within: 8_901.1, days: 1).match(a, [event("b", 70.1, 37, days: 100...100)]).pairs.count, 0)
        XCTAssertEqual(EventMatcher(within: 10_000, days: 1).match(a, [event("b", 70, 37, days: 102...102)]).pairs.count, 0)
        XCTAssertEqual(EventMatcher(within: 10_000, days: 2).match(a, [event("b", 70, 37, days: 102...102)]).pairs.count, 1)
    }

    /// 8,878.27 m (0.08° of latitude at 37°N) and a day apart, 4 and 0 dead: 0.45 × 0.1122 + 0.2625 + 0.1 + 0
    /// = 0.413, under the default least score: no pair; with none asked, a pair of that score.
    func testAPairUnderTheLeastScoreIsNoPair() throws {
        let a = [event("a", 70, 37, days: 100...100, fatalities: 4)], b = [event("b", 70, 37.08, days: 101...101)]
        XCTAssertEqual(EventMatcher(within: 10_000, days: 1).match(a, b).pairs.count, 0)
        var lenient = EventMatcher(within: 10_000, days: 1)
        lenient.minScore = 0
        let pair = try XCTUnwrap(lenient.match(a, b).pairs.first)
        XCTAssertEqual(pair.score, 0.45 * (1 - 8_878.2714 / 10_000) + 0.2625 + 0.1, accuracy: 1e-7)
    }

    /// UCDP dates an event by a range: days 95…99 lies one day from day 100 (a pair at --days 1), 95…98 two.
    func testADateRangeCountsFromItsNearerEnd() {
        let a = [event("a", 70, 37, days: 100...100)]
        let matcher = EventMatcher(within: 10_000, days: 1)
        XCTAssertEqual(matcher.match(a, [event("b", 70, 37, days: 95...99)]).pairs.first?.daysApart, 1)
        XCTAssertEqual(matcher.match(a, [event("b", 70, 37, days: 95...98)]).pairs.count, 0)
        XCTAssertEqual(matcher.match(a, [event("b", 70, 37, days: 90...120)]).pairs.first?.daysApart, 0)
    }

    /// Across the antimeridian: 179.99°E and 179.99°W at 10°N are 2,192.7873 m apart.
    func testPairsAcrossTheAntimeridianAreFound() throws {
        let r = EventMatcher(within: 10_000, days: 0).match([event("a", 179.99, 10, days: 5...5)], [event("b", -179.99, 10, days: 5...5)])
        XCTAssertEqual(try XCTUnwrap(r.pairs.first).metres, 2_192.7873, accuracy: 0.001)
    }

    /// A protest (unarmed) is never a battle; a type the taxonomy does not know may be anything, at half the
    /// type's weight.
    func testTypesMustShareAClassAndAnUnknownTypeWeighsHalf() throws {
        let here = [event("a", 70, 37, days: 1...1, classes: [.unarmed])]
        XCTAssertEqual(EventMatcher(within: 10_000, days: 0).match(here, [event("b", 70, 37, days: 1...1, classes: [.stateBased])]).pairs.count, 0)
        let unknown = EventMatcher(within: 10_000, days: 0).match(here, [event("b", 70, 37, days: 1...1, classes: nil)])
        XCTAssertEqual(try XCTUnwrap(unknown.pairs.first).score, 0.45 + 0.35 + 0.05 + 0.1, accuracy: 1e-12)
    }

    /// A1–B1 scores 0.9, A1–B2 0.85, A2–B1 0.8: by descending score A1 takes B1 and A2 is left (0.9 in all);
    /// the exact assignment pairs A1–B2 and A2–B1 (1.65), as each cluster is assigned.
    func testTheClusterIsAssignedForTheHighestTotalNotGreedily() {
        let edges = [MatchPair(a: 0, b: 0, metres: 0, daysApart: 0, score: 0.9), MatchPair(a: 0, b: 1, metres: 0, daysApart: 0, score: 0.85),
                     MatchPair(a: 1, b: 0, metres: 0, daysApart: 0, score: 0.8)]
        XCTAssertEqual(EventMatcher.greedy(edges).map { [$0.a, $0.b] }, [[0, 0]])
        let exact = EventMatcher.assign(edges, exactLimit: 200)
        XCTAssertTrue(exact.exact)
        XCTAssertEqual(exact.pairs.map { [$0.a, $0.b] }.sorted { $0[0] < $1[0] }, [[0, 1], [1, 0]])
        XCTAssertEqual(EventMatcher.assign(edges, exactLimit: 1).pairs.map { [$0.a, $0.b] }, [[0, 0]], "beyond the limit, by descending score")
    }

    /// The Hungarian assignment's total equals the best of every assignment found by trying them all, on
    /// 300 seeded random clusters of up to 4 × 5 candidates with holes.
    func testTheExactAssignmentIsTheBestOfAllOnRandomClusters() {
        var rng = PropertyTests.Seeded(state: 32)
        for _ in 0..<300 {
            let n = Int.random(in: 1...4, using: &rng), m = Int.random(in: 1...5, using: &rng)
            var edges: [MatchPair] = []
            for i in 0..<n {
                for j in 0..<m where Double.random(in: 0..<1, using: &rng) < 0.7 {
                    edges.append(MatchPair(a: i, b: j, metres: 0, daysApart: 0, score: Double.random(in: 0.01...1, using: &rng)))
                }
            }
            guard !edges.isEmpty else { continue }
            let got = EventMatcher.assign(edges, exactLimit: 200).pairs
            XCTAssertEqual(Set(got.map(\.a)).count, got.count)
            XCTAssertEqual(Set(got.map(\.b)).count, got.count)
            XCTAssertEqual(got.reduce(0) { $0 + $1.score }, Self.bestTotal(edges, from: 0, used: []), accuracy: 1e-9)
        }
    }

    /// The best total score of a one-to-one choice among `edges` (a's from `from` on), by trying every choice.
    private static func bestTotal(_ edges: [MatchPair], from: Int, used: Set<Int>) -> Double {
        let rows = Set(edges.map(\.a))
        guard let top = rows.max(), from <= top else { return 0 }
        var best = bestTotal(edges, from: from + 1, used: used)
        for e in edges where e.a == from && !used.contains(e.b) {
            best = max(best, e.score + bestTotal(edges, from: from + 1, used: used.union([e.b])))
        }
        return best
    }

    /// The grid and day buckets find every pair measuring all pairs finds: 400 × 400 seeded events around the
    /// antimeridian, near the pole (up to 88.5°N) and at 37°N, dated by single days and ranges.
    func testCandidatesAreEveryPairWithinReachAsMeasuringAllPairsFinds() {
        var rng = PropertyTests.Seeded(state: 33)
        let geodesic = Geodesic.wgs84
        for (lon, lat, spread) in [(179.95, 10.0, 0.3), (20.0, 88.2, 0.6), (70.0, 37.0, 0.2)] {
            func draw(_ tag: String, _ k: Int) -> MatchEvent {
                let day = Int.random(in: 0...30, using: &rng)
                let days = Bool.random(using: &rng) ? day...day : day...(day + Int.random(in: 0...5, using: &rng))
                var x = lon + Double.random(in: -spread...spread, using: &rng)
                if x > 180 { x -= 360 }
                let y = min(89.5, lat + Double.random(in: -spread / 4...spread / 4, using: &rng))
                return MatchEvent(id: "\(tag)\(k)", coordinate: Coordinate(lon: x, lat: y), days: days, type: "", classes: nil, fatalities: 0)
            }
            let a = (0..<400).map { draw("a", $0) }, b = (0..<400).map { draw("b", $0) }
            var matcher = EventMatcher(within: 10_000, days: 1)
            matcher.minScore = 0
            let found = Set(matcher.candidates(a, b).map { [$0.a, $0.b] })
            var measured = Set<[Int]>()
            for (i, e) in a.enumerated() {
                for (j, f) in b.enumerated() where e.daysApart(from: f) <= 1 && geodesic.inverse(from: e.coordinate, to: f.coordinate).distance <= 10_000 {
                    measured.insert([i, j])
                }
            }
            XCTAssertEqual(found, measured, "around \(lon), \(lat)")
            XCTAssertGreaterThan(measured.count, 20, "the case holds pairs to find")
        }
    }

    /// Candidates linked through shared events are one cluster; unlinked ones are apart.
    func testClustersAreTheLinkedCandidates() {
        let edges = [MatchPair(a: 0, b: 0, metres: 0, daysApart: 0, score: 1), MatchPair(a: 1, b: 0, metres: 0, daysApart: 0, score: 1),
                     MatchPair(a: 1, b: 1, metres: 0, daysApart: 0, score: 1), MatchPair(a: 2, b: 2, metres: 0, daysApart: 0, score: 1)]
        XCTAssertEqual(EventMatcher.clusters(edges, aCount: 3).map { $0.map { [$0.a, $0.b] } }, [[[0, 0], [1, 0], [1, 1]], [[2, 2]]])
    }
}
