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
        public init() {}
    }

    /// Rounding in the inverse solutions is nanometres: this slack keeps the lower bounds conservative.
    static let slack = 1e-6

    /// The same, with a caller's scratch. The exact solve is the costly part, so it runs only where it can
    /// decide the answer. Each candidate segment first gets the triangle-inequality lower bound
    /// (dA + dB − L)/2 (proved in `Geodesic.distance(from:toLine:)`), with the vertex distances dA, dB
    /// replaced by their chords (straight lines through the earth, never longer: `Geodesic.cartesian`), so
    /// the bound stays a bound and costs no geodesic solution. Segments are then solved exactly in order of
    /// that bound, stopping at the first bound beyond `within` or not below the best distance found. A
    /// point out of reach costs a few multiplications per candidate; one in reach, one or two solves.
    public func distance(to p: Coordinate, scratch: inout Scratch) -> Double? {
        index.candidates(near: p, into: &scratch.candidates)
        guard !scratch.candidates.isEmpty else { return nil }
        scratch.vertices.removeAll(keepingCapacity: true)
        scratch.fromVertex.removeAll(keepingCapacity: true)
        scratch.bounds.removeAll(keepingCapacity: true)
        let limit = within.metres
        let xyz = Geodesic.wgs84.cartesian(p)
        for (n, i) in scratch.candidates.enumerated() {
            let s = index.segments[Int(i)]
            let bound = (Geodesic.chord(xyz, s.aXYZ) + Geodesic.chord(xyz, s.bXYZ) - s.ab.distance) / 2 - Self.slack
            // NaN (degenerate input) is kept and solved first: no bound decides it.
            if !(bound > limit) { scratch.bounds.append((bound.isNaN ? -.infinity : bound, Int32(n))) }
        }
        guard !scratch.bounds.isEmpty else { return nil }
        // The smallest bound is solved first; only the candidates whose bound lies below that distance can
        // be nearer, and usually they are few: sorting just those, not every candidate, was a tenth of `near`
        // on the OpenStreetMap line's dense segments. The answer is the least exact distance either way.
        var first = 0
        for k in scratch.bounds.indices where scratch.bounds[k].bound < scratch.bounds[first].bound { first = k }
        var best = solve(scratch.bounds[first].candidate, p, &scratch)
        let firstCandidate = scratch.bounds[first].candidate
        scratch.bounds.removeAll { $0.bound >= best || $0.candidate == firstCandidate }
        scratch.bounds.sort { $0.bound < $1.bound }
        for (bound, n) in scratch.bounds {
            guard bound < best else { break }
            best = min(best, solve(n, p, &scratch))
        }
        return best <= limit ? best : nil
    }

    /// The exact distance from `p` to candidate `n`'s segment.
    private func solve(_ n: Int32, _ p: Coordinate, _ scratch: inout Scratch) -> Double {
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
