/// What an aggregate made of incidents dated by a range of days (docs/architecture.md, "Date precision"):
/// the column read, how many counted incidents span more than one window, and what became of them.
public struct DateRangeCounts: Sendable, Equatable {
    /// The input column the ranges come from (`date_end`, `time_precision`).
    public var column: String
    /// How they were counted.
    public var precision: DatePrecision
    /// Incidents (kept by the filters) whose range spans more than one window.
    public var spanning = 0
    /// Of those, the ones left out (`exclude`).
    public var excluded = 0
    /// Incidents whose column value is no range from their date (empty, unreadable, an end before the
    /// start): counted on their date alone.
    public var unreadable = 0

    public init(column: String, precision: DatePrecision) {
        self.column = column
        self.precision = precision
    }
}

extension DateRangeCounts {
    /// The counts of several parts or inputs added up, under the first one's column and precision; nil when
    /// none had a range column.
    public static func adding(_ parts: [DateRangeCounts?]) -> DateRangeCounts? {
        var sum: DateRangeCounts?
        for case let r? in parts {
            var s = sum ?? DateRangeCounts(column: r.column, precision: r.precision)
            s.spanning += r.spanning
            s.excluded += r.excluded
            s.unreadable += r.unreadable
            sum = s
        }
        return sum
    }
}
