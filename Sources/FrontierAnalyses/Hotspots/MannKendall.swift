import Foundation

/// The Mann-Kendall test for a monotonic trend in a series (Mann 1945; Kendall 1975), as pymannkendall's
/// `original_test` computes it: S = Σ_{i<j} sign(x_j − x_i); Var(S) = [n(n−1)(2n+5) − Σ_g t_g(t_g−1)(2t_g+5)]/18
/// over the groups of tied values; Z = (S − 1)/√Var(S) for S > 0, (S + 1)/√Var(S) for S < 0, else 0;
/// two-sided p from the standard normal.
///
/// S is found in O(n log n), not by visiting the n(n−1)/2 pairs (a daily series over two centuries has
/// 73,000 windows, 2.7 billion pairs): of the pairs i < j, Q have x_i > x_j (the strict inversions, counted
/// while merge-sorting the series), T are tied (the runs of equal values in the sorted series, which the
/// variance needs anyway), and the rest rise, so S = (pairs − T − Q) − Q. The series must hold no NaN (a
/// Gi* z never is one).
public struct MannKendall: Sendable, Equatable {
    public let s: Double
    public let variance: Double
    public let z: Double
    public let p: Double

    public init(_ x: [Double]) {
        let n = x.count
        var sorted = x
        let falling = Self.sortCountingInversions(&sorted)
        var tiedPairs = 0
        let nn = Double(n)
        var variance = nn * (nn - 1) * (2 * nn + 5)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && sorted[end] == sorted[start] { end += 1 }
            let t = end - start
            if t > 1 {
                tiedPairs += t * (t - 1) / 2
                let tt = Double(t)
                variance -= tt * (tt - 1) * (2 * tt + 5)
            }
            start = end
        }
        variance /= 18
        let s = Double(n * (n - 1) / 2 - tiedPairs - 2 * falling)
        let z: Double
        if variance <= 0 { z = 0 } else if s > 0 { z = (s - 1) / variance.squareRoot() } else if s < 0 { z = (s + 1) / variance.squareRoot() } else { z = 0 }
        self.s = s
        self.variance = variance
        self.z = z
        p = erfc(abs(z) / 2.0.squareRoot())
    }

    /// Sorts `values` ascending (a stable bottom-up merge sort) and returns how many pairs i < j had
    /// values[i] > values[j]: when a right-hand value is strictly below the left run's head, it is below
    /// every value left in that run. Equal values are taken from the left first, so ties are not counted.
    static func sortCountingInversions(_ values: inout [Double]) -> Int {
        let n = values.count
        guard n > 1 else { return 0 }
        var other = values
        var inversions = 0
        var width = 1
        var inOther = false  // whether the latest pass wrote into `other`
        while width < n {
            values.withUnsafeMutableBufferPointer { a in
                other.withUnsafeMutableBufferPointer { b in
                    let (src, dst) = inOther ? (b, a) : (a, b)
                    var lo = 0
                    while lo < n {
                        let mid = min(lo + width, n), hi = min(lo + 2 * width, n)
                        var i = lo, j = mid, k = lo
                        while i < mid && j < hi {
                            if src[j] < src[i] {
                                dst[k] = src[j]; j += 1
                                inversions += mid - i
                            } else {
                                dst[k] = src[i]; i += 1
                            }
                            k += 1
                        }
                        while i < mid { dst[k] = src[i]; i += 1; k += 1 }
                        while j < hi { dst[k] = src[j]; j += 1; k += 1 }
                        lo = hi
                    }
                }
            }
            inOther.toggle()
            width *= 2
        }
        if inOther { values = other }
        return inversions
    }
}
