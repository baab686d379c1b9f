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

        /// ACLED's thresholds unless told otherwise: a surge at twice the four-week average, a rise at twice
        /// the year's weekly average, both from one event a week, volatility at two standard deviations.
        public init(surgeRatio: Double = 2, risingRatio: Double = 2, minimumAverage: Double = 1, volatilitySD: Double = 2) {
            self.surgeRatio = surgeRatio
            self.risingRatio = risingRatio
            self.minimumAverage = minimumAverage
            self.volatilitySD = volatilitySD
        }
    }

    public struct Row: Sendable, Equatable {
        public var region: Int
        public var eventsWeek: Int
        public var average4w: Double
        public var surge: Bool
        public var monthWeekly: Double
        public var average12mWeekly: Double
        public var rising: Bool
        public var volatileWeeks: Int
    }

    /// `daily`: events per region and day (days since 1970-01-01); `asOf`: the last day counted.
    public static func rows(daily: [Int: [Int: Int]], asOf: Int, thresholds t: Thresholds) -> [Row] {
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
            let volatile = sd > 0 ? year.filter { $0 >= mean + t.volatilitySD * sd }.count : 0
            result.append(Row(region: region, eventsWeek: weekly[0], average4w: average4w,
                              surge: enough && Double(weekly[0]) >= t.surgeRatio * average4w,
                              monthWeekly: monthWeekly, average12mWeekly: average12m,
                              rising: enough && monthWeekly >= t.risingRatio * average12m,
                              volatileWeeks: volatile))
        }
        return result
    }
}
