import Foundation

/// Getis-Ord Gi* for every bin of a space-time cube (Getis & Ord 1992; Ord & Getis 1995), as ArcGIS's
/// Emerging Hot Spot Analysis computes it: the neighbours of bin (i, t) are the locations within the
/// distance of i (i itself included) in window t and in the `timeLag` windows before it; weights are
/// binary; the mean x̄ and the population standard deviation s are over all n bins of the cube:
///
///   z = (Σ_j w_ij x_j − x̄ W_i) / (s · √[(n Σ_j w_ij² − W_i²) / (n − 1)]),   W_i = Σ_j w_ij
///
/// and p is two-sided from the standard normal. With one window and no lag this is esda's
/// `G_Local(star=True)` on binary weights.
public enum GetisOrdGiStar {
    public struct Result: Sendable {
        /// z and p per bin, indexed location * steps + t.
        public var z: [Double]
        public var p: [Double]
    }

    public static func compute(_ cube: SpaceTimeCube, neighbours: [[Int32]], timeLag: Int) -> Result {
        let n = Double(cube.values.count)
        let mean = cube.values.reduce(0, +) / n
        let variance = max(0, cube.values.reduce(0) { $0 + $1 * $1 } / n - mean * mean)
        let s = variance.squareRoot()
        var z = [Double](repeating: 0, count: cube.values.count)
        var p = [Double](repeating: 1, count: cube.values.count)
        guard s > 0, n > 1 else { return Result(z: z, p: p) }  // every bin equal: nothing stands out
        for i in 0..<cube.locations {
            for t in 0..<cube.steps {
                var sum = 0.0, w = 0.0
                for lag in 0...max(0, timeLag) where t - lag >= 0 {
                    for j in neighbours[i] {
                        sum += cube.value(location: Int(j), step: t - lag)
                        w += 1
                    }
                }
                let denominator = s * ((n * w - w * w) / (n - 1)).squareRoot()
                let k = i * cube.steps + t
                z[k] = denominator > 0 ? (sum - mean * w) / denominator : 0
                p[k] = erfc(abs(z[k]) / 2.0.squareRoot())
            }
        }
        return Result(z: z, p: p)
    }
}
