import ArgumentParser
import Frontier

/// `--date-precision start|exclude|spread`: how an incident dated by a range of days is counted in windows.
enum DatePrecisionChoice: String, ExpressibleByArgument, CaseIterable {
    case start, exclude, spread

    /// The closing line about incidents dated by a range (nil when the input has no range column and the
    /// default was kept): how many span more than one window and what became of them. `spreads`: whether
    /// the command offers `spread` (aggregate), which the line then suggests.
    static func note(_ ranges: DateRangeCounts?, asked: DatePrecision, spreads: Bool = true) -> String? {
        guard let ranges else {
            return asked == .start ? nil
                : "--date-precision \(asked.rawValue): the input has no date_end or time_precision column: every incident counts on its date"
        }
        let n = ranges.spanning
        let incidents = "\(n) counted incident\(n == 1 ? "" : "s")"
        var line = "date ranges (\(ranges.column)): "
        switch (ranges.precision, n) {
        case (_, 0): line += "no incident spans more than one window"
        case (.start, _):
            line += "\(incidents) span\(n == 1 ? "s" : "") more than one window; counted in the window of the range's first day "
                + (spreads ? "(--date-precision exclude leaves them out, spread divides them over their days)" : "(--date-precision exclude leaves them out)")
        case (.exclude, _): line += "\(n) incident\(n == 1 ? "" : "s") spanning more than one window left out (--date-precision exclude)"
        case (.spread, _):
            line += "\(incidents) span\(n == 1 ? "s" : "") more than one window; spread evenly over the days of the range "
                + "(--date-precision spread): counts are fractions"
        }
        if ranges.unreadable > 0 { line += "; \(ranges.unreadable) with no readable range counted on their date" }
        return line
    }
}
