/// Classes for shading counts (regions, bins): upper bounds chosen by a stated method over the distinct
/// non-zero values, so equal values always share a class and every drawn value lies in exactly one.
import FrontierBase
public struct ClassBreaks: Equatable, Sendable {
    public enum Method: String, CaseIterable, Sendable {
        /// Fisher–Jenks natural breaks: the grouping of the sorted values that minimises the spread within
        /// classes (what a skewed count needs: one busy cell does not drag ordinary ones into the top class).
        case natural
        /// Equal numbers of values per class.
        case quantiles

        public var description: String {
            switch self {
            case .natural: return "natural breaks (Fisher–Jenks)"
            case .quantiles: return "quantiles"
            }
        }
    }

    /// Inclusive class bounds, ascending and disjoint: class k holds lower[k]...upper[k].
    public let lower: [Int]
    public let upper: [Int]
    public let method: Method

    public var count: Int { upper.count }

    /// Classes for `values` (zeros are not classed: they are drawn as "none").
    public init(_ values: [Int], classes wanted: Int, method: Method) {
        self.method = method
        var counts: [Int: Int] = [:]
        for v in values where v > 0 { counts[v, default: 0] += 1 }
        let distinct = counts.keys.sorted()
        let k = max(1, min(wanted, distinct.count))
        var uppers: [Int]
        if distinct.isEmpty {
            uppers = []
        } else if method == .natural {
            uppers = ClassBreaks.fisher(distinct, weights: distinct.map { Double(counts[$0] ?? 0) }, classes: k)
        } else {
            // The value at each k-quantile of all values (repeats counted), kept distinct.
            let all = distinct.flatMap { Array(repeating: $0, count: counts[$0] ?? 0) }
            uppers = []
            for i in 1...k {
                let q = all[min(all.count - 1, (all.count * i + k - 1) / k - 1)]
                if uppers.last.map({ q > $0 }) ?? true { uppers.append(q) }
            }
            if let top = distinct.last, uppers.last != top { uppers.append(top) }
        }
        upper = uppers
        var lowers: [Int] = []
        for (i, u) in uppers.enumerated() {
            // The smallest value present above the previous bound (labels name real values, not gaps).
            let previous = i == 0 ? 0 : uppers[i - 1]
            lowers.append(distinct.first { $0 > previous } ?? u)
        }
        lower = lowers
    }

    /// The class holding `value` (nil for zero or below: no class).
    public func index(of value: Int) -> Int? {
        guard value > 0 else { return nil }
        return upper.firstIndex { value <= $0 } ?? (upper.isEmpty ? nil : upper.count - 1)
    }

    /// "1–17", "18", "1,000–3,878".
    public func label(_ k: Int) -> String {
        lower[k] == upper[k] ? NumberFormat.grouped(upper[k]) : "\(NumberFormat.grouped(lower[k]))–\(NumberFormat.grouped(upper[k]))"
    }

    /// Fisher's exact optimal partition of sorted distinct values (with multiplicities) into `k` classes
    /// by least within-class squared deviation; dynamic programming over prefix sums, O(k·n²).
    static func fisher(_ v: [Int], weights w: [Double], classes k: Int) -> [Int] {
        let n = v.count
        if k >= n { return v }
        var sw = [0.0], swx = [0.0], swxx = [0.0]
        for i in 0..<n {
            let x = Double(v[i])
            sw.append(sw[i] + w[i]); swx.append(swx[i] + w[i] * x); swxx.append(swxx[i] + w[i] * x * x)
        }
        // Squared deviation of values i..<j about their weighted mean.
        func ssd(_ i: Int, _ j: Int) -> Double {
            let ww = sw[j] - sw[i]
            guard ww > 0 else { return 0 }
            let s = swx[j] - swx[i]
            return max(0, (swxx[j] - swxx[i]) - s * s / ww)
        }
        // cost[c][j]: the best cost of the first j values in c classes; cut[c][j]: where the last class starts.
        var cost = [[Double]](repeating: [Double](repeating: .infinity, count: n + 1), count: k + 1)
        var cut = [[Int]](repeating: [Int](repeating: 0, count: n + 1), count: k + 1)
        cost[0][0] = 0
        for c in 1...k {
            for j in c...n {
                for i in (c - 1)..<j where cost[c - 1][i] < .infinity {
                    let total = cost[c - 1][i] + ssd(i, j)
                    if total < cost[c][j] { cost[c][j] = total; cut[c][j] = i }
                }
            }
        }
        var uppers: [Int] = []
        var j = n
        for c in stride(from: k, through: 1, by: -1) {
            uppers.append(v[j - 1])
            j = cut[c][j]
        }
        return uppers.reversed()
    }
}
