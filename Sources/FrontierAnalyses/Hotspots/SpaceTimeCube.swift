import Geo

/// Counts (or fatalities) per location × window: the space-time cube of Emerging Hot Spot Analysis.
/// Locations are the cells that hold at least one incident in the period; every window from the first to
/// the last is a time step, empty ones included (a zero is data).
public struct SpaceTimeCube: Sendable {
    /// The locations' centres (lon/lat), in location order.
    public let centres: [Coordinate]
    /// Number of windows.
    public let steps: Int
    /// values[location * steps + t].
    public private(set) var values: [Double]

    public init(centres: [Coordinate], steps: Int) {
        self.centres = centres
        self.steps = steps
        values = [Double](repeating: 0, count: centres.count * steps)
    }

    public var locations: Int { centres.count }

    public mutating func add(_ v: Double, location: Int, step: Int) {
        values[location * steps + step] += v
    }

    public func value(location: Int, step: Int) -> Double { values[location * steps + step] }

    /// For each location, the locations whose centres lie within `distance` metres of its own (geodesic,
    /// itself included), in location order. Candidates come from a hash of the centres' earth-centred
    /// coordinates in cubes of side `distance` (a chord is never longer than the geodesic, so the 27
    /// cubes around a centre hold every neighbour); each is then decided exactly, by the chord (too far),
    /// a certified upper bound (near enough) or, in the thin shell between, the geodesic. When the distance
    /// nears the data's extent every location is every other's candidate: `neighbourCandidates` tells
    /// that cost before it is paid.
    public func neighbours(within distance: Double) -> [[Int32]] {
        let g = Geodesic.wgs84
        let grid = CentreGrid(centres, side: distance)
        var result: [[Int32]] = []
        result.reserveCapacity(centres.count)
        for (i, p) in grid.xyz.enumerated() {
            var found: [Int32] = []
            grid.forEachCandidate(of: i) { j in
                if Int(j) == i { found.append(j); return }
                let chord = Geodesic.chord(p, grid.xyz[Int(j)])
                if chord > distance { return }
                if g.distanceUpperBound(chord: chord) <= distance || g.inverse(from: centres[i], to: centres[Int(j)]).distance <= distance {
                    found.append(j)
                }
            }
            result.append(found.sorted())
        }
        return result
    }

    /// How many (location, candidate) pairs `neighbours(within:)` would test, found in time proportional
    /// to the locations (27 bucket sizes each); saturates at Int.max.
    public func neighbourCandidates(within distance: Double) -> Int {
        let grid = CentreGrid(centres, side: distance)
        var total = 0
        for k in grid.keys {
            for dx in -1...1 { for dy in -1...1 { for dz in -1...1 {
                let (sum, overflow) = total.addingReportingOverflow(grid.buckets[CentreGrid.Key(x: k.x + dx, y: k.y + dy, z: k.z + dz)]?.count ?? 0)
                if overflow { return .max }
                total = sum
            } } }
        }
        return total
    }
}

/// Centres hashed by their earth-centred coordinates into cubes of a given side: a location's neighbours
/// within that distance lie in the 27 cubes around its own.
private struct CentreGrid {
    struct Key: Hashable { var x, y, z: Int }
    let xyz: [SIMD3<Double>]
    let keys: [Key]
    let buckets: [Key: [Int32]]

    init(_ centres: [Coordinate], side: Double) {
        let g = Geodesic.wgs84
        xyz = centres.map { g.cartesian($0) }
        // Cubes larger than the distance still hold every neighbour; at least a metre, so that a tiny
        // distance (1e-300m) cannot make a coordinate's cube number overflow an Int.
        let side = max(side, 1)
        keys = xyz.map { p in Key(x: Int((p.x / side).rounded(.down)), y: Int((p.y / side).rounded(.down)), z: Int((p.z / side).rounded(.down))) }
        var buckets: [Key: [Int32]] = [:]
        for (i, k) in keys.enumerated() { buckets[k, default: []].append(Int32(i)) }
        self.buckets = buckets
    }

    func forEachCandidate(of i: Int, _ body: (Int32) -> Void) {
        let k = keys[i]
        for dx in -1...1 { for dy in -1...1 { for dz in -1...1 {
            for j in buckets[Key(x: k.x + dx, y: k.y + dy, z: k.z + dz)] ?? [] { body(j) }
        } } }
    }
}
