import Geo
import FrontierBase

/// Which points lie within a geodesic distance of some lines (a border, a region's boundary), and how far.
///
/// Distances are exact on the WGS84 ellipsoid: from the point to the nearest point of the line, each
/// segment the geodesic between its vertices (`Geodesic.distance(from:toSegment:)`). A conservative grid
/// prefilter (`SegmentIndex`) skips the segments that cannot be within reach. Plain Swift data: one
/// `Proximity` may serve several threads.
public struct Proximity: Sendable {
    let index: SegmentIndex
    public let within: Distance

    public init(lines: [[Coordinate]], within: Distance) {
        self.within = within
        self.index = SegmentIndex(lines: lines, reach: within.metres)
    }

    /// A lon/lat box holding every point within reach (for an R-tree prefilter); nil when there are no lines.
    public var reachBox: Envelope? { index.bounds }

    /// The geodesic distance in metres when it is at most `within`; nil when farther.
    public func distance(to p: Coordinate) -> Double? {
        var scratch = Scratch()
        return distance(to: p, scratch: &scratch)
    }

    /// Working arrays one thread reuses from point to point (no allocation per point in a loop).
    public struct Scratch {
        var candidates: [Int32] = []
        var vertices: [Int32] = []
        var fromVertex: [Geodesic.Inverse] = []
        var bounds: [(bound: Double, candidate: Int32)] = []
        /// Segments solved exactly so far through this scratch: what the bounds left undecided (for tests).
        package var solved = 0
        public init() {}
    }

    /// The same, with a caller's scratch. The exact solve is the costly part, so it runs only where it can
    /// decide the answer. Each candidate segment is first measured by chords through the earth
    /// (`SegmentBounds`: a few multiplications, no geodesic solution); a point whose every segment lies beyond
    /// `within` by its certified lower bound is out, decided by the bounds alone. Otherwise the segment
    /// nearest by chord is solved exactly, and then those whose lower bound is below the best distance found,
    /// in order of their bounds: the answer is the least exact distance over all candidates whatever the
    /// bounds (a skipped segment's exact distance is no smaller than its bound, hence than the best), so
    /// tighter bounds only skip more. A point out of reach costs a few multiplications per candidate; one in
    /// reach, usually one solve.
    public func distance(to p: Coordinate, scratch: inout Scratch) -> Double? {
        measure(p, exact: true, scratch: &scratch)
    }

    /// Whether `p` lies within `within` of the lines: exactly `distance(to:) != nil`, but the exact distance is
    /// solved only for points the bounds leave undecided, those within `SegmentBounds.upper`'s 0.34% (plus
    /// the segments' bulge) of the threshold. The answer is a number between the point's distance and `within`
    /// (the exact distance, or a certified upper bound on it), nil when beyond.
    public func reaches(_ p: Coordinate, scratch: inout Scratch) -> Double? {
        measure(p, exact: false, scratch: &scratch)
    }

    private func measure(_ p: Coordinate, exact: Bool, scratch: inout Scratch) -> Double? {
        index.candidates(near: p, into: &scratch.candidates)
        guard !scratch.candidates.isEmpty else { return nil }
        scratch.vertices.removeAll(keepingCapacity: true)
        scratch.fromVertex.removeAll(keepingCapacity: true)
        scratch.bounds.removeAll(keepingCapacity: true)
        let limit = within.metres
        let xyz = Geodesic.wgs84.cartesian(p)
        // First pass, no square roots: the candidates not beyond reach by their chord bound (`bounds` holds
        // their squared chord distances for now), and the nearest of them by chord.
        var nearest = -1, nearestSquared = Double.infinity
        for (n, i) in scratch.candidates.enumerated() {
            let s = index.segments[Int(i)]
            let squared = SegmentBounds.chordDistanceSquared(xyz, a: s.aXYZ, chord: s.chord, inverseChordSquared: s.inverseChordSquared)
            if squared > s.beyondSquared { continue }
            // NaN (degenerate input) is solved first: no bound decides it.
            let key = squared.isNaN ? -Double.infinity : squared
            scratch.bounds.append((key, Int32(n)))
            if key < nearestSquared || nearest < 0 { (nearest, nearestSquared) = (Int(n), key) }
        }
        guard nearest >= 0 else { return nil }
        if !exact, nearestSquared.isFinite {
            // Within reach when the nearest chord's upper bound says so (any segment's bound is one for the
            // line; the nearest chord gives about the least).
            let s = index.segments[Int(scratch.candidates[nearest])]
            let upper = SegmentBounds.upper(toChord: nearestSquared.squareRoot(), bulge: s.bulge)
            if upper <= limit - SegmentBounds.insideMargin { return upper }
        }
        var best = solve(Int32(nearest), p, &scratch)
        // Second pass: the full lower bound (square roots, and the ends' bound) only for the segments the chord
        // bound cannot already put at `best` or beyond, compared as squares: most of a point's candidates.
        var kept = 0
        for k in scratch.bounds.indices {
            let (key, n) = scratch.bounds[k]
            guard Int(n) != nearest else { continue }
            let s = index.segments[Int(scratch.candidates[Int(n)])]
            let beyond = best + s.bulge + SegmentBounds.slack
            if key > beyond * beyond { continue }
            let bound = SegmentBounds.lower(toA: Geodesic.chord(xyz, s.aXYZ), toB: Geodesic.chord(xyz, s.bXYZ), length: s.ab.distance,
                                            toChord: key.squareRoot(), bulge: s.bulge)
            guard bound.isNaN || bound < best else { continue }
            scratch.bounds[kept] = (bound.isNaN ? -.infinity : bound, n)
            kept += 1
        }
        scratch.bounds.removeLast(scratch.bounds.count - kept)
        // Usually none or a few are left: sorting just those, not every candidate, was a tenth of `near` on the
        // OpenStreetMap line's dense segments.
        scratch.bounds.sort { $0.bound < $1.bound }
        for (bound, n) in scratch.bounds {
            guard bound < best else { break }
            if endsCannotBeat(best, n, xyz, &scratch) { continue }
            best = min(best, solve(n, p, &scratch))
        }
        return best <= limit ? best : nil
    }

    /// True when candidate `n`'s exact distance is known to be no less than `best` without solving it: one of
    /// its ends was solved for an earlier candidate (neighbours share vertices), the solver's own test on that
    /// end (`Geodesic.endsDecide`) says the segment's answer is an end, min(dA, dB), and both ends are at least
    /// `best` away, the unsolved one by its chord (`SegmentBounds`: never longer than the geodesic, less
    /// `slack` for rounding). The typical case is a point nearest a vertex, which both segments meeting there
    /// would otherwise solve. Skipping such a segment leaves the least distance unchanged, to the bit.
    private func endsCannotBeat(_ best: Double, _ n: Int32, _ xyz: SIMD3<Double>, _ scratch: inout Scratch) -> Bool {
        let s = index.segments[Int(scratch.candidates[Int(n)])]
        let fromA = scratch.vertices.lastIndex(of: s.aVertex).map { scratch.fromVertex[$0] }
        let fromB = scratch.vertices.lastIndex(of: s.bVertex).map { scratch.fromVertex[$0] }
        // Each end's distance, or a lower bound on it when unsolved.
        let dA = fromA?.distance ?? Geodesic.chord(xyz, s.aXYZ) - SegmentBounds.slack
        let dB = fromB?.distance ?? Geodesic.chord(xyz, s.bXYZ) - SegmentBounds.slack
        guard dA >= best, dB >= best else { return false }
        if let fromA, Geodesic.endsDecide(from: fromA, ab: s.ab, atA: true) { return true }
        if let fromB, Geodesic.endsDecide(from: fromB, ab: s.ab, atA: false) { return true }
        return false
    }

    /// The exact distance from `p` to candidate `n`'s segment.
    private func solve(_ n: Int32, _ p: Coordinate, _ scratch: inout Scratch) -> Double {
        scratch.solved += 1
        let s = index.segments[Int(scratch.candidates[Int(n)])]
        let fromA = Self.inverse(to: p, vertex: s.aVertex, at: s.a, &scratch)
        let fromB = Self.inverse(to: p, vertex: s.bVertex, at: s.b, &scratch)
        return Geodesic.wgs84.distance(from: p, toSegment: s.a, s.b, ab: s.ab, fromA: fromA, fromB: fromB).distance
    }

    /// `inverse(vertex, p)`, solved once per vertex and point (neighbouring candidates share vertices).
    private static func inverse(to p: Coordinate, vertex: Int32, at c: Coordinate, _ scratch: inout Scratch) -> Geodesic.Inverse {
        if let k = scratch.vertices.lastIndex(of: vertex) { return scratch.fromVertex[k] }
        let solved = Geodesic.wgs84.inverse(from: c, to: p)
        scratch.vertices.append(vertex)
        scratch.fromVertex.append(solved)
        return solved
    }
}
