/// The 17 Emerging Hot Spot Analysis categories of a location, from its series of significant hot (+) and
/// cold (−) bins and the Mann-Kendall trend of its Gi* z-series. Definitions as ArcGIS Pro states them
/// ("How Emerging Hot Spot Analysis works", Space Time Pattern Mining toolbox); cold spots mirror hot
/// spots. sfdep's R/emerging-hostpot-classifications.R reads the same definitions (its sporadic class does
/// not require the final window; ArcGIS's text does, and so does this one).
///
/// - New: significant hot in the final window, never significant hot before (nor cold: see Oscillating).
/// - Consecutive: one uninterrupted run of at least two hot windows ending with the final one, never hot
///   (nor cold) before that run, and less than 90% of all windows hot.
/// - Intensifying: hot in at least 90% of the windows including the final one, with a significant rising
///   trend in the clustering's intensity (Mann-Kendall on the z-series).
/// - Persistent: hot in at least 90% of the windows, with no significant trend.
/// - Diminishing: hot in at least 90% of the windows including the final one, with a significant falling trend.
/// - Sporadic: hot in the final window, on-again off-again before, less than 90% hot, never significant cold.
/// - Oscillating: hot in the final window, significant cold in some earlier window, less than 90% hot.
/// - Historical: not hot in the final window, hot in at least 90% of the windows.
public enum EmergingPattern: String, CaseIterable, Sendable {
    case newHot = "New Hot Spot", consecutiveHot = "Consecutive Hot Spot", intensifyingHot = "Intensifying Hot Spot",
         persistentHot = "Persistent Hot Spot", diminishingHot = "Diminishing Hot Spot", sporadicHot = "Sporadic Hot Spot",
         oscillatingHot = "Oscillating Hot Spot", historicalHot = "Historical Hot Spot"
    case newCold = "New Cold Spot", consecutiveCold = "Consecutive Cold Spot", intensifyingCold = "Intensifying Cold Spot",
         persistentCold = "Persistent Cold Spot", diminishingCold = "Diminishing Cold Spot", sporadicCold = "Sporadic Cold Spot",
         oscillatingCold = "Oscillating Cold Spot", historicalCold = "Historical Cold Spot"
    case none = "No Pattern Detected"

    /// `bins`: the location's significance per window (+1 hot, −1 cold, 0 not significant at the chosen
    /// level), oldest first; `trend`: Mann-Kendall of its z-series; `alpha`: the trend's level.
    public static func classify(bins: [Int], trend: MannKendall, alpha: Double) -> EmergingPattern {
        hot(bins, trend: trend, alpha: alpha, sign: 1) ?? hot(bins, trend: trend, alpha: alpha, sign: -1) ?? .none
    }

    /// A hot spot of some kind (New … Historical Hot Spot).
    public var isHot: Bool { rawValue.hasSuffix("Hot Spot") }
    /// A cold spot of some kind (New … Historical Cold Spot).
    public var isCold: Bool { rawValue.hasSuffix("Cold Spot") }

    /// The hot patterns (sign 1), or the cold ones (sign −1) read from the mirrored series.
    private static func hot(_ bins: [Int], trend: MannKendall, alpha: Double, sign: Int) -> EmergingPattern? {
        let n = bins.count
        guard n > 0 else { return nil }
        let isHot = bins.map { $0 * sign > 0 }, isCold = bins.map { $0 * sign < 0 }
        let hotCount = isHot.filter { $0 }.count
        let share = Double(hotCount) / Double(n)
        let finalHot = isHot[n - 1]
        let rising = trend.p <= alpha && trend.z * Double(sign) > 0
        let falling = trend.p <= alpha && trend.z * Double(sign) < 0
        func pick(_ hotCase: EmergingPattern, _ coldCase: EmergingPattern) -> EmergingPattern { sign > 0 ? hotCase : coldCase }
        if share >= 0.9 {
            if !finalHot { return pick(.historicalHot, .historicalCold) }
            if rising { return pick(.intensifyingHot, .intensifyingCold) }
            if falling { return pick(.diminishingHot, .diminishingCold) }
            return pick(.persistentHot, .persistentCold)
        }
        guard finalHot else { return nil }
        // The final run of hot windows, and whether any hot window came before it.
        var runStart = n - 1
        while runStart > 0, isHot[runStart - 1] { runStart -= 1 }
        let hotBefore = isHot[..<runStart].contains(true)
        // A cold spot before makes it oscillating, whatever the hot windows' shape (sfdep reads New and
        // Consecutive as having no significant window of either kind before).
        if isCold[..<(n - 1)].contains(true) { return pick(.oscillatingHot, .oscillatingCold) }
        if hotCount == 1 { return pick(.newHot, .newCold) }
        if !hotBefore && n - runStart >= 2 { return pick(.consecutiveHot, .consecutiveCold) }
        return pick(.sporadicHot, .sporadicCold)
    }
}
