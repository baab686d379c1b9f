import Foundation
import FrontierBase

/// The input column that says over which days an incident may have happened, and how to read it
/// (docs/architecture.md, "Date precision"): UCDP GED's `date_end` (the range is `date_start`..`date_end`;
/// `date_prec` only classifies its length, so the two dates are read instead), else ACLED's
/// `time_precision`: 1 the day itself, 2 the ISO week (Monday to Sunday) holding the date (ACLED codes a
/// week's events on a day inside it), 3 the calendar month holding the date.
public struct DateRangeColumn: Sendable, Equatable {
    /// What the column holds.
    public enum Kind: Sendable, Equatable {
        /// The range's last day, as a date (UCDP's `date_end`).
        case endDate
        /// ACLED's precision code: 1 day, 2 week, 3 month.
        case acledPrecision
    }

    /// The names looked for, in order; a command reading ranges keeps these columns' values.
    public static let names = ["date_end", "time_precision"]

    public let kind: Kind
    /// The column's position in the input and its name as the input spells it.
    public let index: Int
    public let name: String

    /// The range column among `columns`, or nil when the input has none (every date is then one day).
    /// - Parameter dateColumn: the date column's position, which is never its own range's end.
    public init?(columns: [String], dateColumn: Int?) {
        for (name, kind) in zip(Self.names, [Kind.endDate, .acledPrecision]) {
            if let i = IncidentFields.column(name, in: columns), i != dateColumn {
                self.kind = kind
                index = i
                self.name = columns[i]
                return
            }
        }
        return nil
    }

    /// The days (since 1970-01-01) the incident dated `start` may have happened on, both ends included;
    /// nil when the column's value cannot be read as a range from that date (empty, not a date or a code,
    /// or an end before the start): the incident then counts on its date alone.
    public func days(from start: CivilDate, value: String) -> ClosedRange<Int>? {
        let first = start.daysSinceEpoch
        switch kind {
        case .endDate:
            guard case .success(let end) = CivilDate.parse(Substring(value)), end.daysSinceEpoch >= first else { return nil }
            return first...end.daysSinceEpoch
        case .acledPrecision:
            // Exports write the bare digit; only an odd file pays for trimming.
            switch value.count == 1 ? value : value.trimmingCharacters(in: .whitespaces) {
            case "1": return first...first
            case "2":
                // weekday: 0 Monday … 6 Sunday.
                let monday = first - start.weekday
                return monday...(monday + 6)
            case "3":
                let from = CivilDate(calendarYear: start.year, month: start.month, day: 1).daysSinceEpoch
                return from...(from + CivilDate.daysIn(month: start.month, year: start.year) - 1)
            default: return nil
            }
        }
    }
}
