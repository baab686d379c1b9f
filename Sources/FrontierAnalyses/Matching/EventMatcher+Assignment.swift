/// Choosing pairs one to one within each cluster of candidates.
extension EventMatcher {
    /// The candidate pairs split into clusters: pairs linked through a shared event (union-find over the
    /// events of both sides), in the order of their first pair.
    static func clusters(_ edges: [MatchPair], aCount: Int) -> [[MatchPair]] {
        var parent: [Int: Int] = [:]
        func find(_ x: Int) -> Int {
            var r = x
            while let p = parent[r], p != r { r = p }
            var y = x
            while let p = parent[y], p != r { parent[y] = r; y = p }
            return r
        }
        // A's events are 0..<aCount, B's are shifted past them.
        for e in edges {
            let (u, v) = (e.a, aCount + e.b)
            if parent[u] == nil { parent[u] = u }
            if parent[v] == nil { parent[v] = v }
            let (ru, rv) = (find(u), find(v))
            if ru != rv { parent[max(ru, rv)] = min(ru, rv) }
        }
        var index: [Int: Int] = [:]
        var result: [[MatchPair]] = []
        for e in edges {
            let root = find(e.a)
            if let k = index[root] { result[k].append(e) } else { index[root] = result.count; result.append([e]) }
        }
        return result
    }

    /// The pairs of one cluster: the assignment of highest total score when the cluster's smaller side has at
    /// most `exactLimit` events, else by descending score (ties: the first source's, then the second's index).
    static func assign(_ cluster: [MatchPair], exactLimit: Int) -> (pairs: [MatchPair], exact: Bool) {
        if cluster.count == 1 { return (cluster, true) }
        let rows = Array(Set(cluster.map(\.a))).sorted(), cols = Array(Set(cluster.map(\.b))).sorted()
        guard min(rows.count, cols.count) <= exactLimit else { return (greedy(cluster), false) }
        let transposed = rows.count > cols.count
        let (n, m) = transposed ? (cols.count, rows.count) : (rows.count, cols.count)
        let rowOf = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        let colOf = Dictionary(uniqueKeysWithValues: cols.enumerated().map { ($1, $0) })
        // Cost −score for a candidate, 0 for no pair: the least total cost is the greatest total score, and a
        // row "assigned" to a non-candidate stays unpaired.
        var cost = [[Double]](repeating: [Double](repeating: 0, count: m), count: n)
        var edgeAt: [Int: MatchPair] = [:]
        for e in cluster {
            let (r, c) = (rowOf[e.a]!, colOf[e.b]!)
            let (i, j) = transposed ? (c, r) : (r, c)
            cost[i][j] = -e.score
            edgeAt[i * m + j] = e
        }
        let assignment = hungarian(cost, n: n, m: m)
        let pairs = assignment.enumerated().compactMap { i, j in edgeAt[i * m + j] }
        return (pairs, true)
    }

    /// Pairs by descending score, each event once.
    static func greedy(_ cluster: [MatchPair]) -> [MatchPair] {
        var usedA = Set<Int>(), usedB = Set<Int>()
        var pairs: [MatchPair] = []
        for e in cluster.sorted(by: { ($0.score, -$0.a, -$0.b) > ($1.score, -$1.a, -$1.b) }) where !usedA.contains(e.a) && !usedB.contains(e.b) {
            usedA.insert(e.a)
            usedB.insert(e.b)
            pairs.append(e)
        }
        return pairs
    }

    /// The column of each row in a least-cost assignment of `n` rows to distinct columns of `m ≥ n`
    /// (Kuhn–Munkres with potentials, O(n²m)).
    static func hungarian(_ cost: [[Double]], n: Int, m: Int) -> [Int] {
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: m + 1)
        var p = [Int](repeating: 0, count: m + 1), way = [Int](repeating: 0, count: m + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: m + 1)
            var used = [Bool](repeating: false, count: m + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity, j1 = 0
                for j in 1...m where !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...m {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var column = [Int](repeating: -1, count: n)
        for j in 1...m where p[j] != 0 { column[p[j] - 1] = j - 1 }
        return column
    }
}
