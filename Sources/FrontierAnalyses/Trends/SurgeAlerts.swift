/// ACLED-style alerts per region at a date: a surge (the latest week well above the four before), a rising
/// threat (the latest month well above the year before it), and volatility (weeks far above the region's
/// usual). Weeks here are the seven days ending on the date and each seven days before: an alert is about
/// the latest days, whatever weekday the data ends on.
public struct SurgeAlerts: Sendable {
    public struct Thresholds: Sendable {
        /// Surge: the latest week at least this many times the four-week average (2: 100% above).
        public var surgeRatio = 2.0
        /// Rising: the latest four weeks' weekly average at least this many times the twelve months' before.
        public var risingRatio = 2.0
        /// Both only where the four-week average is at least this many events.
        public var minimumAverage = 1.0
        /// Volatility: weeks of the past 52 at least this many standard deviations above their mean.
        public var volatilitySD = 2.0
        /// Volatility: only weeks with at least this many events count. Over sparse data one event is
        /// many standard deviations above a mean of nearly nothing; a single incident is not volatility.
        public var volatileMinimumEvents = 3

        /// ACLED's thresholds unless told otherwise: a surge at twice the four-week average, a rise at twice
        /// the year's weekly average, both from one event a week, volatility at two standard deviations in
        /// weeks of at least three events.
        public init(surgeRatio: Double = 2, risingRatio: Double = 2, minimumAverage: Double = 1, volatilitySD: Double = 2,
                    volatileMinimumEvents: Int = 3) {
            self.surgeRatio = surgeRatio
            self.risingRatio = risingRatio
            self.minimumAverage = minimumAverage
            self.volatilitySD = volatilitySD
            self.volatileMinimumEvents = volatileMinimumEvents
        }
    }

    /// Days before the date that the surge's baseline (the four weeks before the latest) reaches back to.
    public static let surgeBaselineDays = 4 * 7 + 6
    /// Days before the date that the rising threat's baseline (the 52 weeks before the latest four) reaches
    /// back to.
    public static let risingBaselineDays = 55 * 7 + 6

    public struct Row: Sendable, Equatable {
        public var region: Int
        public var eventsWeek: Int
        public var average4w: Double
        /// False too when the baseline reaches before the data (`surgeKnown`).
        public var surge: Bool
        public var monthWeekly: Double
        public var average12mWeekly: Double
        /// False too when the baseline reaches before the data (`risingKnown`).
        public var rising: Bool
        public var volatileWeeks: Int
        /// Whether the four weeks before the latest lie within the data: if not, their zeros are days nobody
        /// counted, and there is no surge to tell (`surge` is false, written empty).
        public var surgeKnown = true
        /// Whether the 52 weeks before the latest four lie within the data, as `surgeKnown`.
        public var risingKnown = true
    }

    /// The first date `asOf` may be for a baseline of `days` days to lie within data from `firstDay`.
    public static func completeFrom(firstDay: Int, baselineDays days: Int) -> Int { firstDay + days }

    /// - Parameters:
    ///   - daily: events per region and day (days since 1970-01-01).
    ///   - asOf: the last day counted.
    ///   - firstDay: the first day the data (or the date filter) covers; a baseline reaching before it is
    ///     insufficient (the row's `surgeKnown`/`risingKnown` false). Nil: every baseline counts as complete.
    /// - Returns: one row per region with incidents in the 56 weeks up to `asOf`, in region order.
    public static func rows(daily: [Int: [Int: Int]], asOf: Int, thresholds t: Thresholds, firstDay: Int? = nil) -> [Row] {
        let surgeKnown = firstDay.map { asOf - surgeBaselineDays >= $0 } ?? true
        let risingKnown = firstDay.map { asOf - risingBaselineDays >= $0 } ?? true
        var result: [Row] = []
        for region in daily.keys.sorted() {
            let days = daily[region] ?? [:]
            // weekly[k]: the seven days ending asOf − 7k.
            var weekly = [Int](repeating: 0, count: 56)
            for (day, n) in days where day <= asOf {
                let k = (asOf - day) / 7
                if k < 56 { weekly[k] += n }
            }
            guard weekly.contains(where: { $0 > 0 }) else { continue }
            let average4w = Double(weekly[1...4].reduce(0, +)) / 4
            let monthWeekly = Double(weekly[0...3].reduce(0, +)) / 4
            let average12m = Double(weekly[4...55].reduce(0, +)) / 52
            let enough = average4w >= t.minimumAverage
            let year = weekly[0...51].map(Double.init)
            let mean = year.reduce(0, +) / 52
            let sd = (year.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 52).squareRoot()
            let minimum = Double(t.volatileMinimumEvents)
            let volatile = sd > 0 ? year.filter { $0 >= mean + t.volatilitySD * sd && $0 >= minimum }.count : 0
            result.append(Row(region: region, eventsWeek: weekly[0], average4w: average4w,
                              surge: surgeKnown && enough && Double(weekly[0]) >= t.surgeRatio * average4w,
                              monthWeekly: monthWeekly, average12mWeekly: average12m,
                              rising: risingKnown && enough && monthWeekly >= t.risingRatio * average12m,
                              volatileWeeks: volatile, surgeKnown: surgeKnown, risingKnown: risingKnown))
        }
        return result
    }
}
