/// How a question that counts incidents per window treats those dated by a range of days
/// (docs/architecture.md, "Date precision"): it reads each incident's range from the input's range column,
/// tells whether the range spans more than one window, and keeps the counts of what it decided.
struct DateRangeRule {
    /// What becomes of one incident.
    enum Decision {
        /// Counted whole on its date: an exact date, a range inside one window, or a range counted by its
        /// first day (`start`).
        case whole
        /// Left out: its range spans windows and the request excludes those.
        case excluded
        /// Shared evenly over these days (days since 1970-01-01), which span more than one window.
        case spread(ClosedRange<Int>)
    }

    let column: DateRangeColumn?
    let precision: DatePrecision
    let window: TimeWindow
    /// What was decided so far; nil when the input has no range column.
    private(set) var counts: DateRangeCounts?

    /// - Parameters: the input's columns and its date column (from the opened scan), the precision asked
    ///   and the windows counted in.
    init(columns: [String], dateColumn: Int?, precision: DatePrecision, window: TimeWindow) {
        column = DateRangeColumn(columns: columns, dateColumn: dateColumn)
        self.precision = precision
        self.window = window
        counts = column.map { DateRangeCounts(column: $0.name, precision: precision) }
    }

    /// The decision for a kept incident dated `day` (a grouped row's `weight` incidents alike).
    mutating func decide(_ incident: Incident, day: CivilDate) -> Decision {
        guard let column else { return .whole }
        guard let days = column.days(from: day, value: incident.text(column.index)) else {
            counts?.unreadable += incident.weight
            return .whole
        }
        guard window.ordinal(of: CivilDate(daysSinceEpoch: days.upperBound)) != window.ordinal(of: day) else { return .whole }
        counts?.spanning += incident.weight
        switch precision {
        case .start: return .whole
        case .exclude:
            counts?.excluded += incident.weight
            return .excluded
        case .spread: return .spread(days)
        }
    }
}
