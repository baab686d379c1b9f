/// Significance of many local tests at once, corrected for multiple testing with the false discovery
/// rate (Benjamini & Hochberg 1995), as ArcGIS's hot spot tools do: with the m p-values sorted, the
/// largest k with p_(k) ≤ k/m · α sets the cut-off; every test with p ≤ p_(k) is significant at 1 − α.
public enum FalseDiscoveryRate {
    /// The p-value cut-off at level α (nil: nothing is significant).
    public static func cutoff(_ p: [Double], alpha: Double) -> Double? {
        let sorted = p.sorted()
        let m = Double(sorted.count)
        var cut: Double?
        for (k, value) in sorted.enumerated() where value <= Double(k + 1) / m * alpha { cut = value }
        return cut
    }

    /// ArcGIS's Gi_Bin: ±3 significant at 99%, ±2 at 95%, ±1 at 90% (after the correction), 0 not
    /// significant; the sign is z's. One byte a bin: a 5M-row grid cube has 600,000.
    public static func bins(z: [Double], p: [Double]) -> [Int8] {
        let cuts = [0.01, 0.05, 0.10].map { cutoff(p, alpha: $0) }
        return zip(z, p).map { z, p in
            for (level, cut) in zip([3, 2, 1] as [Int8], cuts) {
                if let cut, p <= cut, z != 0 { return z > 0 ? level : -level }
            }
            return 0
        }
    }

    /// The bin level that counts as significant at confidence 1 − α (0.10 → 1, 0.05 → 2, 0.01 → 3).
    public static func level(alpha: Double) -> Int { alpha <= 0.01 ? 3 : (alpha <= 0.05 ? 2 : 1) }
}
