import Geo
import FrontierBase

/// Emerging Hot Spot Analysis over a space-time cube: Gi* per bin, significance corrected by the false
/// discovery rate, the Mann-Kendall trend of each location's z-series and its pattern class.
public struct EmergingHotSpots: Sendable {
    public struct Options: Sendable {
        /// Neighbours: locations whose centres lie within this many metres (geodesic, itself included).
        public var distance: Double
        /// Windows before a bin that count as its neighbours too.
        public var timeLag = 1
        /// The significance level of hot and cold bins (after the correction) and of the trend.
        public var alpha = 0.05
        public init(distance: Double) { self.distance = distance }
    }

    public let cube: SpaceTimeCube
    public let gi: GetisOrdGiStar.Result
    /// ArcGIS's Gi_Bin per bin: −3…3.
    public let bins: [Int8]
    public let trends: [MannKendall]
    public let patterns: [EmergingPattern]
    /// Per location: windows significantly hot, and cold, at `alpha`.
    public let hotWindows: [Int]
    public let coldWindows: [Int]

    /// The most bins a cube may have (locations × windows): beyond it memory, not the answer, runs out.
    public static let maxBins = 50_000_000
    /// The most (location, candidate) pairs the neighbour search may test: a chord, then (for those within
    /// reach) a bound or a geodesic, some 10–30 ns a pair, and 4 bytes a neighbour kept. A 100 km
    /// neighbourhood of 10 km cells over a 1M-incident synth file tests 35 million; 100 million stays
    /// within seconds and 400 MB even when every pair is a neighbour. Beyond it the distance makes (nearly)
    /// every location a neighbour of every other: the work grows with the square of the locations and
    /// tells nothing local.
    public static let maxNeighbourCandidates = 100_000_000
    /// The most neighbour values Gi* may sum (neighbours of every location × windows × (time lag + 1)),
    /// about 2 ns each here: the 35-million-pair case above over 157 weeks is 3.3 billion, seven seconds;
    /// the bound is some twenty.
    public static let maxNeighbourhoodSums = 10_000_000_000

    /// The analysis; an error, before the work, when the neighbour search or the Gi* sums would pass
    /// their bounds.
    public init(cube: SpaceTimeCube, options: Options) throws {
        self.cube = cube
        let distance = Distance(metres: options.distance)
        let candidates = cube.neighbourCandidates(within: options.distance)
        if candidates > Self.maxNeighbourCandidates {
            throw FrontierError.tooMuchWork(what: "neighbourhoods of \(cube.locations) locations within \(distance)", count: candidates,
                                            limit: Self.maxNeighbourCandidates, growth: .neighbourPairs)
        }
        let neighbours = cube.neighbours(within: options.distance)
        let sums = Self.neighbourhoodSums(neighbours: neighbours, steps: cube.steps, timeLag: options.timeLag)
        if sums > Self.maxNeighbourhoodSums {
            let pairs = neighbours.reduce(0) { $0 + $1.count }
            throw FrontierError.tooMuchWork(what: "Gi* over \(pairs) neighbour pairs, \(cube.steps) windows and a time lag of \(options.timeLag)",
                                            count: sums, limit: Self.maxNeighbourhoodSums, growth: .neighbourhoodSums)
        }
        gi = GetisOrdGiStar.compute(cube, neighbours: neighbours, timeLag: options.timeLag)
        bins = FalseDiscoveryRate.bins(z: gi.z, p: gi.p)
        let level = FalseDiscoveryRate.level(alpha: options.alpha)
        var trends: [MannKendall] = [], patterns: [EmergingPattern] = [], hot: [Int] = [], cold: [Int] = []
        for i in 0..<cube.locations {
            let range = (i * cube.steps)..<((i + 1) * cube.steps)
            let significant = bins[range].map { abs(Int($0)) >= level ? ($0 > 0 ? 1 : -1) : 0 }
            let trend = MannKendall(Array(gi.z[range]))
            trends.append(trend)
            patterns.append(EmergingPattern.classify(bins: significant, trend: trend, alpha: options.alpha))
            hot.append(significant.filter { $0 > 0 }.count)
            cold.append(significant.filter { $0 < 0 }.count)
        }
        self.trends = trends
        self.patterns = patterns
        hotWindows = hot
        coldWindows = cold
    }

    /// How many values Gi* sums: each location's neighbours in each window and the lagged ones before it
    /// (which the first windows lack); saturates at Int.max.
    static func neighbourhoodSums(neighbours: [[Int32]], steps: Int, timeLag: Int) -> Int {
        let lag = min(max(0, timeLag), max(0, steps - 1))
        // Windows t = 0…steps−1 each sum min(t, lag) + 1 windows.
        let windowSums = steps * (lag + 1) - lag * (lag + 1) / 2
        var total = 0
        for n in neighbours {
            let (product, o1) = n.count.multipliedReportingOverflow(by: windowSums)
            let (sum, o2) = total.addingReportingOverflow(product)
            if o1 || o2 { return .max }
            total = sum
        }
        return total
    }
}
