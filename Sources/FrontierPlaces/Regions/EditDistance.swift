/// How far apart two spellings are: the one measure behind every "did you mean" (a border id, a region
/// name, a value a condition asked for that no row holds).
package enum EditDistance {
    /// Insertions, deletions and substitutions (of characters) turning `a` into `b`.
    package static func levenshtein(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// Up to `count` of `candidates` nearest to `text`, compared as `RegionAliases.normalize` reads them (so
    /// case, accents and punctuation cost nothing), nearest first, ties in text order.
    package static func nearest(to text: String, among candidates: [String], count: Int = 3) -> [String] {
        let key = RegionAliases.normalize(text)
        return candidates.map { (EditDistance.levenshtein(key, RegionAliases.normalize($0)), $0) }
            .sorted { $0 < $1 }.prefix(count).map(\.1)
    }
}
