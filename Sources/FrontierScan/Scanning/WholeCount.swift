import FrontierBase

/// What an aggregate adds up for one kept incident counted whole in a cell without band or split value:
/// its region and window as the small integers the flat counts are indexed by, and its fatalities. Worked
/// out on the scan's worker threads (`IncidentScan.run(counting:)`, for the aggregate's plain case), so the
/// thread that counts only adds. It lives beside the scan so the scan's generic code is specialized for it
/// here (across modules it ran unspecialized: a metadata lookup per row).
package struct WholeCount: Sendable {
    /// The region's index (-1: outside every region); `Int32.min`: not counted.
    package var region: Int32
    /// The window's ordinal (`TimeWindow.ordinal`).
    package var window: Int32
    package var fatalities: Int
    package var weight: Int

    /// Nothing counted (no date, or a day before the shown start read only for comparing).
    static let none = WholeCount(region: .min, window: 0, fatalities: 0, weight: 0)

    package var counted: Bool { region != .min }

    /// The count of `s` in windows of `window`. `from`, `firstShown`: when comparing from a start date, a day
    /// before `from` counts only in windows before the first shown (it was read for the comparison).
    /// Borrowing: an initializer takes its arguments owned, which copied the incident for it.
    package init(_ s: borrowing ScannedIncident, window: TimeWindow, from: CivilDate?, firstShown: Int?) {
        guard let day = s.incident.date else { self = .none; return }
        let ordinal = window.ordinal(of: day)
        if let from, let firstShown, day < from, ordinal >= firstShown { self = .none; return }
        self.init(region: Int32(s.region ?? -1), window: Int32(ordinal), fatalities: s.incident.fatalities, weight: s.incident.weight)
    }

    private init(region: Int32, window: Int32, fatalities: Int, weight: Int) {
        self.region = region
        self.window = window
        self.fatalities = fatalities
        self.weight = weight
    }
}
