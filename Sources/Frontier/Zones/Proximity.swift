import Geo

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
        var candidates: [Int32] = []
        return distance(to: p, scratch: &candidates)
    }

    /// The same, reusing a caller's scratch array (no allocation per point in a loop).
    public func distance(to p: Coordinate, scratch: inout [Int32]) -> Double? {
        index.candidates(near: p, into: &scratch)
        var best = Double.infinity
        for i in scratch {
            let s = index.segments[Int(i)]
            let d = Geodesic.wgs84.distance(from: p, toSegment: s.a, s.b).distance
            if d < best { best = d }
        }
        return best <= within.metres ? best : nil
    }
}
