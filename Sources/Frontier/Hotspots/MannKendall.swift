import Foundation

/// The Mann-Kendall test for a monotonic trend in a series (Mann 1945; Kendall 1975), as pymannkendall's
/// `original_test` computes it: S = Σ_{i<j} sign(x_j − x_i); Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)]/18
/// over the groups of tied values; Z = (S − 1)/√Var(S) for S > 0, (S + 1)/√Var(S) for S < 0, else 0;
/// two-sided p from the standard normal.
public struct MannKendall: Sendable, Equatable {
    public let s: Double
    public let variance: Double
    public let z: Double
    public let p: Double

    public init(_ x: [Double]) {
        let n = x.count
        var s = 0.0
        for i in 0..<n { for j in (i + 1)..<max(i + 1, n) { s += x[j] > x[i] ? 1 : (x[j] < x[i] ? -1 : 0) } }
        var ties: [Double: Int] = [:]
        for v in x { ties[v, default: 0] += 1 }
        let nn = Double(n)
        var variance = nn * (nn - 1) * (2 * nn + 5)
        for t in ties.values where t > 1 { let tt = Double(t); variance -= tt * (tt - 1) * (2 * tt + 5) }
        variance /= 18
        let z: Double
        if variance <= 0 { z = 0 } else if s > 0 { z = (s - 1) / variance.squareRoot() } else if s < 0 { z = (s + 1) / variance.squareRoot() } else { z = 0 }
        self.s = s
        self.variance = variance
        self.z = z
        p = erfc(abs(z) / 2.0.squareRoot())
    }
}
