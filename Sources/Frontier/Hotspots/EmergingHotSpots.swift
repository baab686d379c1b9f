import Geo

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
    public let bins: [Int]
    public let trends: [MannKendall]
    public let patterns: [EmergingPattern]
    /// Per location: windows significantly hot, and cold, at `alpha`.
    public let hotWindows: [Int]
    public let coldWindows: [Int]

    /// The most bins a cube may have (locations × windows): beyond it memory, not the answer, runs out.
    public static let maxBins = 50_000_000

    public init(cube: SpaceTimeCube, options: Options) {
        self.cube = cube
        let neighbours = cube.neighbours(within: options.distance)
        gi = GetisOrdGiStar.compute(cube, neighbours: neighbours, timeLag: options.timeLag)
        bins = FalseDiscoveryRate.bins(z: gi.z, p: gi.p)
        let level = FalseDiscoveryRate.level(alpha: options.alpha)
        var trends: [MannKendall] = [], patterns: [EmergingPattern] = [], hot: [Int] = [], cold: [Int] = []
        for i in 0..<cube.locations {
            let range = (i * cube.steps)..<((i + 1) * cube.steps)
            let significant = bins[range].map { abs($0) >= level ? ($0 > 0 ? 1 : -1) : 0 }
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
}
