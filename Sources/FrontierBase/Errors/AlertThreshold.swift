/// One of the thresholds that decide the early-warning alerts (`SurgeAlerts.Thresholds`): named in a
/// `RequestProblem` when its value is out of range.
public enum AlertThreshold: String, Sendable, Equatable, CaseIterable {
    /// How many times the four-week average the latest week must reach to be a surge.
    case surgeRatio = "surge ratio"
    /// How many times the previous twelve months' weekly average the latest month's must reach to be rising.
    case risingRatio = "rising ratio"
    /// How many standard deviations above the year's weekly mean make a week volatile.
    case volatilitySD = "volatility standard deviations"
    /// The four-week average below which no surge or rise is reported.
    case minimumAverage = "minimum average"
    /// The fewest events a week needs to count as volatile.
    case volatileMinimumEvents = "minimum events of a volatile week"
}
