#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Exact distance from a point to a geodesic segment (and to a polyline of them) on the ellipsoid.
///
/// PROJ (GeographicLib's C port) has no point-to-geodesic-segment routine, so this solves it.
/// The segment a→b is the shortest geodesic between its ends, parametrized by the distance `s`
/// from `a` (`direct(from: a, azimuth: azi1, distance: s)`). The distance from `p` to the point
/// X(s) is smallest where the geodesic X→p leaves the segment at 90°, so each step:
///
/// 1. measures `r = |X p|` and the angle θ at X between the segment and the direction to `p`
///    (one `inverse`, exact);
/// 2. moves along the segment by the foot of the perpendicular of the *spherical* right triangle
///    with hypotenuse r and angle θ: Δ = R·atan2(sin(r/R)·cos θ, cos(r/R)) (Napier's rule
///    tan(Δ/R) = tan(r/R)·cos θ, which is also the foot in the gnomonic projection centred at X);
/// 3. clamps s to [0, L].
///
/// The fixed point is exact on the ellipsoid (Δ = 0 exactly when θ = 90°, whatever R is); R only
/// sets how fast it is reached. On the sphere one step is exact; on WGS84 each step shrinks the
/// error by several orders of magnitude.
///
/// Cost: `inverse(a, b)`, `inverse(a, p)`, `inverse(b, p)`; the step taken at both ends decides
/// whether an end is the answer (foot outside the segment: done) and otherwise gives the first
/// guess, after which one or two evaluations (`direct` + `inverse`) are needed for segments up to a
/// few hundred km and points up to 100 km away (measured; up to 7 for continent-sized cases).
/// Iteration stops once a further step could lower the distance by less than 0.1 µm and move the
/// nearest point by less than 0.1 mm. The answer is always a genuine point of the segment with its
/// exact geodesic distance (the converged point, or an end if that is nearer). If it has not
/// converged after 40 steps (never seen) a golden-section search over the whole segment takes over.
extension Geodesic {
    /// The nearest point of a geodesic segment (or polyline) to a query point.
    public struct SegmentDistance: Sendable, Equatable {
        /// Geodesic distance in metres from the query point to `nearest`.
        public var distance: Double
        /// The nearest point of the segment (an endpoint when the foot of the perpendicular falls outside).
        public var nearest: Coordinate
        /// Position of `nearest` along its segment by length, 0 at the segment's first vertex, 1 at its last.
        /// For a polyline this is local to segment `segment`.
        public var fraction: Double
        /// Index of the segment holding `nearest`: 0 for a single segment, `i` for `line[i]`→`line[i+1]`.
        public var segment: Int

        public init(distance: Double, nearest: Coordinate, fraction: Double, segment: Int = 0) {
            self.distance = distance
            self.nearest = nearest
            self.fraction = fraction
            self.segment = segment
        }
    }

    /// Shortest geodesic distance from `p` to the geodesic segment between `a` and `b`, endpoints included.
    ///
    /// Exact to well under a millimetre (sub-micrometre in practice) for the segments and distances
    /// of a border (hundreds of kilometres); it stays correct, with more steps, for longer ones.
    /// A degenerate segment (`a == b`) is a point.
    public func distance(from p: Coordinate, toSegment a: Coordinate, _ b: Coordinate) -> SegmentDistance {
        nearestPoint(to: p, a: a, b: b, ab: inverse(from: a, to: b),
                     fromA: inverse(from: a, to: p), fromB: inverse(from: b, to: p)).result
    }

    /// The same, with the three inverse solutions a caller already has: `ab` = `inverse(a, b)`, `fromA` =
    /// `inverse(a, p)`, `fromB` = `inverse(b, p)` (a point near many segments meets each vertex once).
    public func distance(from p: Coordinate, toSegment a: Coordinate, _ b: Coordinate,
                         ab: Inverse, fromA: Inverse, fromB: Inverse) -> SegmentDistance {
        nearestPoint(to: p, a: a, b: b, ab: ab, fromA: fromA, fromB: fromB).result
    }

    /// Shortest geodesic distance from `p` to a polyline whose edges are geodesics.
    ///
    /// `fraction` is local to the segment `segment` (`line[segment]`→`line[segment + 1]`). A one-vertex
    /// line is a point (`segment` 0, `fraction` 0). An empty line is infinitely far (`distance` is
    /// `.infinity`, `nearest` is `p`, `segment` is -1).
    ///
    /// Cost: one `inverse` per vertex and per segment, then the iterative solve only for segments whose
    /// lower bound can still beat the best distance so far. The bound is the triangle inequality:
    /// the point X at distance s along a segment of length L, with ends at distances dA, dB from p,
    /// has |pX| ≥ max(dA − |aX|, dB − |Xb|) ≥ max(dA − s, dB − (L − s)) ≥ (dA + dB − L)/2,
    /// so skipping a segment whose bound is not below the best distance is provably safe.
    /// Hot paths over long lines should narrow the candidate segments first (a planar prefilter that
    /// only widens the candidate set) and call `distance(from:toSegment:_:)` on those.
    public func distance(from p: Coordinate, toLine line: [Coordinate]) -> SegmentDistance {
        guard let first = line.first else {
            return SegmentDistance(distance: .infinity, nearest: p, fraction: 0, segment: -1)
        }
        guard line.count > 1 else {
            return SegmentDistance(distance: inverse(from: first, to: p).distance, nearest: first, fraction: 0)
        }
        let toP = line.map { inverse(from: $0, to: p) }
        let count = line.count - 1
        // The best vertex is already an answer.
        var bestVertex = 0
        for i in 1..<line.count where toP[i].distance < toP[bestVertex].distance { bestVertex = i }
        var best = bestVertex < count
            ? SegmentDistance(distance: toP[bestVertex].distance, nearest: line[bestVertex], fraction: 0, segment: bestVertex)
            : SegmentDistance(distance: toP[bestVertex].distance, nearest: line[bestVertex], fraction: 1, segment: count - 1)

        let edges = (0..<count).map { inverse(from: line[$0], to: line[$0 + 1]) }
        // Slack for rounding in the inverse solutions (nanometres) so that the bound stays conservative.
        let slack = 1e-6
        let bounds = (0..<count).map {
            let bound = (toP[$0].distance + toP[$0 + 1].distance - edges[$0].distance) / 2 - slack
            return bound.isNaN ? .infinity : bound  // keeps the sort's ordering valid on NaN input
        }
        for i in (0..<count).sorted(by: { bounds[$0] < bounds[$1] }) {
            guard bounds[i] < best.distance else { break }
            var r = nearestPoint(to: p, a: line[i], b: line[i + 1], ab: edges[i], fromA: toP[i], fromB: toP[i + 1]).result
            if r.distance < best.distance {
                r.segment = i
                best = r
            }
        }
        return best
    }

    /// Signed distance along a segment from X to the foot of the perpendicular from p, given `toP` =
    /// `inverse(X, p)` and the segment's azimuth at X: the step of the spherical right triangle (this type's
    /// note). Radius of the comparison sphere: only the convergence rate depends on it, not the answer.
    static func footStep(_ toP: Inverse, _ lineAzimuth: Double) -> Double {
        let radius = 6_371_008.8
        let cosTheta = cos((toP.azimuth1 - lineAzimuth) * .pi / 180)
        let sigma = toP.distance / radius
        return radius * atan2(sin(sigma) * cosTheta, cos(sigma))
    }

    /// True when one end's inverse solution (`from` = `inverse(end, p)`, the end `a` when `atA`) already
    /// shows that `distance(from:toSegment:_:ab:fromA:fromB:)` answers with an end, whose distance is then
    /// the lesser of `fromA` and `fromB`: the segment has no length, `p` lies on that end, or the foot of the
    /// perpendicular stepped from that end falls behind it. The solver's own tests, on one end's solution, so
    /// a caller that has solved only that end knows the segment's answer is no less than min(that end's
    /// distance, the other end's). False whenever a NaN leaves it unsure.
    package static func endsDecide(from: Inverse, ab: Inverse, atA: Bool) -> Bool {
        guard !from.distance.isNaN, !ab.distance.isNaN else { return false }
        guard ab.distance > 0, from.distance > 0 else { return true }
        return atA ? !(footStep(from, ab.azimuth1) > 0) : !(footStep(from, ab.azimuth2) < 0)
    }

    /// The solver behind both entry points. `ab` is `inverse(a, b)`, `fromA`/`fromB` are `inverse(a, p)`
    /// and `inverse(b, p)`. `steps` counts the interior evaluations (0 when an endpoint wins outright).
    func nearestPoint(to p: Coordinate, a: Coordinate, b: Coordinate,
                      ab: Inverse, fromA: Inverse, fromB: Inverse) -> (result: SegmentDistance, steps: Int) {
        let length = ab.distance
        var best = fromA.distance <= fromB.distance
            ? SegmentDistance(distance: fromA.distance, nearest: a, fraction: 0)
            : SegmentDistance(distance: fromB.distance, nearest: b, fraction: 1)
        guard length > 0, best.distance > 0 else { return (best, 0) }

        let step = Self.footStep
        // Where the same step, taken from each end, puts the foot.
        let stepA = step(fromA, ab.azimuth1)
        let stepB = step(fromB, ab.azimuth2)
        // Unless the foot lies forward of `a` and behind `b`, the distance grows inwards from an end
        // (or from both, for far-off points) and the nearer end is the answer (`endsDecide` asks the same
        // of one end).
        guard stepA > 0 && stepB < 0 else { return (best, 0) }

        func clamp(_ s: Double) -> Double { s.isNaN ? 0 : min(max(s, 0), length) }
        func probe(_ s: Double) -> (point: Coordinate, toP: Inverse, azimuth: Double) {
            if s == 0 { return (a, fromA, ab.azimuth1) }
            if s == length { return (b, fromB, ab.azimuth2) }
            let x = direct(from: a, azimuth: ab.azimuth1, distance: s)
            return (x.coordinate, inverse(from: x.coordinate, to: p), x.azimuth)
        }
        func record(_ s: Double, _ point: Coordinate, _ d: Double) {
            if d < best.distance { best = SegmentDistance(distance: d, nearest: point, fraction: s / length) }
        }

        // Start from the estimate made at the nearer end (its step is the shorter extrapolation).
        var s = clamp(fromA.distance <= fromB.distance ? stepA : length + stepB)
        var steps = 0
        let maxSteps = 40
        while steps < maxSteps {
            steps += 1
            let x = probe(s)
            let r = x.toP.distance
            let next = clamp(s + step(x.toP, x.azimuth))
            let move = next - s
            // Planar estimate of what moving by `move` could still gain.
            let cosTheta = cos((x.toP.azimuth1 - x.azimuth) * .pi / 180)
            let gain = r - max(r * r - 2 * move * r * cosTheta + move * move, 0).squareRoot()
            if abs(move) <= 1e-4 && gain <= 1e-7 || move == 0 || r == 0 {
                // Converged. Near the minimum the distance is flat (it changes by δ²/2d), so earlier
                // probes within rounding of it are not preferred: the point that meets the 90° condition is.
                if r <= best.distance { best = SegmentDistance(distance: r, nearest: x.point, fraction: s / length) }
                return (best, steps)
            }
            s = next
        }

        // Not converged: golden-section search over the whole segment (slow, but only a fallback).
        let inv = (5.0.squareRoot() - 1) / 2
        var lo = 0.0, hi = length
        var x1 = hi - inv * (hi - lo), x2 = lo + inv * (hi - lo)
        var p1 = probe(x1), p2 = probe(x2)
        record(x1, p1.point, p1.toP.distance)
        record(x2, p2.point, p2.toP.distance)
        while hi - lo > 1e-6 {
            steps += 1
            if p1.toP.distance < p2.toP.distance {
                hi = x2; x2 = x1; p2 = p1
                x1 = hi - inv * (hi - lo); p1 = probe(x1); record(x1, p1.point, p1.toP.distance)
            } else {
                lo = x1; x1 = x2; p1 = p2
                x2 = lo + inv * (hi - lo); p2 = probe(x2); record(x2, p2.point, p2.toP.distance)
            }
        }
        return (best, steps)
    }
}
