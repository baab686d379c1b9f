/// How incidents whose date is a range of days (UCDP's `date_start`..`date_end`, ACLED's `time_precision`
/// 2–3) are counted in windows (docs/architecture.md, "Date precision").
public enum DatePrecision: String, CaseIterable, Sendable {
    /// In the window of the range's first day, as if that were the date (a range's only day when exact).
    case start
    /// Not at all when the range spans more than one window; in its window otherwise.
    case exclude
    /// An equal share of the incident (and of its fatalities) on each day of the range, each share counted
    /// in its day's window: fractional counts.
    case spread
}
