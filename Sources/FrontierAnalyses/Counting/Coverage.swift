/// The days an answer covers: the date filter's range where given, else the input's first and last date. A
/// window reaching outside them is partial: its count is of fewer days than the window has, and a short
/// last week must not read as a fall (docs/architecture.md, "Time windows").
import FrontierBase
import FrontierScan
public struct Coverage: Sendable, Equatable {
    /// First and last day covered, in days since 1970-01-01.
    public let days: ClosedRange<Int>

    public init(days: ClosedRange<Int>) {
        self.days = days
    }

    /// Nil when the input holds no dated row and no range was given.
    public init?(from: CivilDate?, to: CivilDate?, summary: ScanSummary) {
        guard let first = from?.daysSinceEpoch ?? summary.firstDay, let last = to?.daysSinceEpoch ?? summary.lastDay,
              first <= last else { return nil }
        days = first...last
    }

    public func isPartial(start: CivilDate, end: CivilDate) -> Bool {
        start.daysSinceEpoch < days.lowerBound || end.daysSinceEpoch > days.upperBound
    }

    /// The ordinals of the windows that overlap the covered days.
    public func windows(_ window: TimeWindow) -> ClosedRange<Int> {
        window.ordinal(of: CivilDate(daysSinceEpoch: days.lowerBound))...window.ordinal(of: CivilDate(daysSinceEpoch: days.upperBound))
    }
}
