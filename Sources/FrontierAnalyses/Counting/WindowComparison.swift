import FrontierBase

/// Which earlier window each window's counts are compared with (docs/architecture.md, "Comparing windows"):
/// the one just before it, or the same window a year before, for activity that follows the seasons.
public enum WindowComparison: String, CaseIterable, Sendable {
    /// The window just before.
    case previous
    /// The same window a year before: the same month, quarter or date of the year before; for weeks, the
    /// week 52 weeks (364 days) before, which starts on the same weekday and always exists (an ISO week 53
    /// has no twin in most years); for N-day windows, 365 / N windows before when N divides 365.
    case previousYear = "previous-year"

    /// Whether windows of this kind have the earlier window this comparison asks for: never one window over
    /// all the data; a year before only for windows that tile a year (N-day windows with N dividing 365).
    public func applies(to window: TimeWindow) -> Bool {
        switch (self, window) {
        case (_, .all): return false
        case (.previousYear, .days(let n, _)): return 365 % n == 0
        default: return true
        }
    }

    /// The window `ordinal` is compared with. Days: the same date a year before; 29 February, which most
    /// years lack, with 28 February.
    public func base(of ordinal: Int, window: TimeWindow) -> Int {
        guard self == .previousYear else { return ordinal - 1 }
        switch window {
        case .day:
            let d = CivilDate(daysSinceEpoch: ordinal)
            let day = min(d.day, CivilDate.daysIn(month: d.month, year: d.year - 1))
            return CivilDate(calendarYear: d.year - 1, month: d.month, day: day).daysSinceEpoch
        case .week: return ordinal - 52
        case .month: return ordinal - 12
        case .quarter: return ordinal - 4
        case .year, .all: return ordinal - 1
        case .days(let n, _): return ordinal - 365 / n
        }
    }

    /// The windows compared with window `ordinal` (those whose `base` it is): a window whose base had
    /// incidents gets a row even when it has none, since a fall to zero is a change.
    public func following(_ ordinal: Int, window: TimeWindow) -> [Int] {
        guard self == .previousYear, case .day = window else {
            // Every other kind shifts by a whole number of windows: the one window that many after.
            return [ordinal + (ordinal - base(of: ordinal, window: window))]
        }
        let d = CivilDate(daysSinceEpoch: ordinal)
        var next: [Int] = []
        if let same = CivilDate(year: d.year + 1, month: d.month, day: d.day) { next.append(same.daysSinceEpoch) }
        // 28 February is also the base of the 29th that follows it in a leap year.
        if d.month == 2, d.day == 28, let leap = CivilDate(year: d.year + 1, month: 2, day: 29) { next.append(leap.daysSinceEpoch) }
        return next
    }
}
