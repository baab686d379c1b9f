/// Counting each event two sources both report once (`aggregate A B --dedupe 10km,1d`): the pairs
/// `frontier match` finds between the two inputs (`MatchRequest`, the same distance, days, taxonomy and
/// least score) count as the first input's incident, the second's report of it left out, with the
/// fatalities `fatalities` chooses.
public struct Dedupe: Sendable {
    /// Which report's fatalities a pair counts with.
    public enum Fatalities: String, CaseIterable, Sendable {
        /// The first input's.
        case a
        /// The second's.
        case b
        /// The higher of the two (by default: a death one source missed is still a death).
        case max
        /// The lower.
        case min

        func choose(_ a: Int, _ b: Int) -> Int {
            switch self {
            case .a: a
            case .b: b
            case .max: Swift.max(a, b)
            case .min: Swift.min(a, b)
            }
        }
    }

    /// The farthest apart two reports of one event may lie.
    public var within: Distance
    /// The most days between them.
    public var days: Int
    /// Whose fatalities a pair counts with.
    public var fatalities: Fatalities

    public init(within: Distance, days: Int, fatalities: Fatalities = .max) {
        self.within = within
        self.days = days
        self.fatalities = fatalities
    }
}

/// How one input's incidents are counted otherwise, by id.
public struct CountAdjustments: Sendable, Equatable {
    /// Incidents not counted: another input's report of the same event counts.
    public var skipped: Set<String> = []
    /// Incidents counted with these fatalities.
    public var fatalities: [String: Int] = [:]

    public init(skipped: Set<String> = [], fatalities: [String: Int] = [:]) {
        self.skipped = skipped
        self.fatalities = fatalities
    }
}
