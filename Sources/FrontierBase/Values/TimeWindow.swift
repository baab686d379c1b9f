/// Calendar windows for aggregation (docs/architecture.md, "Time windows"). Windows are whole calendar
/// windows with inclusive start and end; each has an integer ordinal so counters can be dense arrays.
public enum TimeWindow: Equatable, Sendable {
    case day
    /// ISO weeks start on Monday (0); ACLED's weeks on Saturday (5); Sunday is 6.
    case week(start: Int)
    case month
    case quarter
    case year
    /// One window for the whole period: the data's first to last date, or the date filter's range (`span`,
    /// in days since 1970-01-01, known once the data is read: `spanning(_:)`).
    case all(span: ClosedRange<Int>?)
    /// N-day windows anchored at a date (days since 1970-01-01; default the epoch itself).
    case days(Int, anchor: Int)

    /// Parses `day`, `week`, `month`, `quarter`, `year`, `all` or `Nd` (e.g. `14d`).
    public init(parsing text: String, weekStart: String = "monday", anchor: CivilDate? = nil) throws {
        switch text.lowercased() {
        case "day": self = .day
        case "month": self = .month
        case "quarter": self = .quarter
        case "year": self = .year
        case "all": self = .all(span: nil)
        case "week":
            switch weekStart.lowercased() {
            case "monday": self = .week(start: 0)
            case "saturday": self = .week(start: 5)
            case "sunday": self = .week(start: 6)
            default: throw FrontierError.badValue(.weekStart, value: weekStart, reason: "use monday, saturday or sunday")
            }
        default:
            let t = text.lowercased()
            guard t.hasSuffix("d"), let n = Int(t.dropLast()), n > 0 else {
                throw FrontierError.badValue(.window, value: text, reason: "use day, week, month, quarter, year, all or Nd (e.g. 14d)")
            }
            // Window starts must stay printable dates: a century is the longest window that means anything.
            guard n <= 36_525 else {
                throw FrontierError.badValue(.window, value: text, reason: "at most 36525d (a century)")
            }
            self = .days(n, anchor: anchor?.daysSinceEpoch ?? 0)
        }
    }

    /// The window holding a date.
    public func ordinal(of date: CivilDate) -> Int {
        switch self {
        case .day: return date.daysSinceEpoch
        case .week(let start):
            // Days since the first window-start day on or after 1970-01-01 (a Thursday, weekday 3).
            let firstStart = (start - 3 + 7) % 7
            return floorDiv(date.daysSinceEpoch - firstStart, 7)
        case .month: return date.year * 12 + (date.month - 1)
        case .quarter: return date.year * 4 + (date.month - 1) / 3
        case .year: return date.year
        case .all: return 0
        case .days(let n, let anchor): return floorDiv(date.daysSinceEpoch - anchor, n)
        }
    }

    /// First and last day (both inclusive) of window `ordinal`.
    public func bounds(of ordinal: Int) -> (start: CivilDate, end: CivilDate) {
        switch self {
        case .day:
            let d = CivilDate(daysSinceEpoch: ordinal)
            return (d, d)
        case .week(let start):
            let s = ordinal * 7 + (start - 3 + 7) % 7
            return (CivilDate(daysSinceEpoch: s), CivilDate(daysSinceEpoch: s + 6))
        case .month:
            let year = floorDiv(ordinal, 12), month = ordinal - year * 12 + 1
            return (CivilDate(calendarYear: year, month: month, day: 1),
                    CivilDate(calendarYear: year, month: month, day: CivilDate.daysIn(month: month, year: year)))
        case .quarter:
            let year = floorDiv(ordinal, 4), first = (ordinal - year * 4) * 3 + 1
            return (CivilDate(calendarYear: year, month: first, day: 1),
                    CivilDate(calendarYear: year, month: first + 2, day: CivilDate.daysIn(month: first + 2, year: year)))
        case .year:
            return (CivilDate(calendarYear: ordinal, month: 1, day: 1), CivilDate(calendarYear: ordinal, month: 12, day: 31))
        case .all(let span):
            let span = span ?? 0...0
            return (CivilDate(daysSinceEpoch: span.lowerBound), CivilDate(daysSinceEpoch: span.upperBound))
        case .days(let n, let anchor):
            let s = anchor + ordinal * n
            return (CivilDate(daysSinceEpoch: s), CivilDate(daysSinceEpoch: s + n - 1))
        }
    }

    /// `all` made to span a period (days since 1970-01-01); other windows are unchanged.
    public func spanning(_ span: ClosedRange<Int>) -> TimeWindow {
        if case .all = self { return .all(span: span) }
        return self
    }

    /// Windows long enough that the data's first and last ones are usually partly covered (quarter,
    /// year, all): aggregate marks them by default.
    public var isLong: Bool {
        switch self {
        case .quarter, .year, .all: return true
        default: return false
        }
    }

    /// Whether a window with a predecessor (every kind but `all`).
    public var hasPrevious: Bool {
        if case .all = self { return false }
        return true
    }

    private func floorDiv(_ a: Int, _ b: Int) -> Int {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
