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
    /// cubes around a centre hold every neighbour); each is then measured exactly.
    public func neighbours(within distance: Double) -> [[Int32]] {
        let g = Geodesic.wgs84
        let xyz = centres.map { g.cartesian($0) }
        struct Key: Hashable { var x, y, z: Int }
        func key(_ p: SIMD3<Double>) -> Key { Key(x: Int((p.x / distance).rounded(.down)), y: Int((p.y / distance).rounded(.down)), z: Int((p.z / distance).rounded(.down))) }
        var buckets: [Key: [Int32]] = [:]
        for (i, p) in xyz.enumerated() { buckets[key(p), default: []].append(Int32(i)) }
        var result: [[Int32]] = []
        result.reserveCapacity(centres.count)
        for (i, p) in xyz.enumerated() {
            let k = key(p)
            var found: [Int32] = []
            for dx in -1...1 { for dy in -1...1 { for dz in -1...1 {
                for j in buckets[Key(x: k.x + dx, y: k.y + dy, z: k.z + dz)] ?? [] {
                    if Int(j) == i || (Geodesic.chord(p, xyz[Int(j)]) <= distance && g.inverse(from: centres[i], to: centres[Int(j)]).distance <= distance) {
                        found.append(j)
                    }
                }
            } } }
            result.append(found.sorted())
        }
        return result
    }
}
