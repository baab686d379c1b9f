extension PartialCounts {
    /// What a request's own counts could hold: its window (or days), its bands, whether it splits, and
    /// whether its cells keep their first and last day. Counts handed in from elsewhere are checked against it
    /// before they are finished, so cells no count of this request could have made (from another request,
    /// edited, or corrupted on the way) are refused, never answered from.
    struct Shape {
        /// The windows the cells' ordinals count (for trends, `.day`).
        var window: TimeWindow
        /// The years a day may fall in (the request's `years`).
        var years: ClosedRange<Int>
        /// How many distance bands (0 or 1: none).
        var bands = 0
        var splits = false
        var keepsDays = false
    }

    /// - Throws: `FrontierError.invalid` naming the first cell that does not fit `shape`.
    func check(_ shape: Shape) throws {
        for (n, cell) in cells.enumerated() {
            func refuse(_ why: String) -> FrontierError {
                FrontierError.invalid(file: "the counts to finish", reason: "cell \(n + 1) \(why)")
            }
            let c = cell.counts
            guard c.events >= 0, c.fatalities >= 0, c.eventShare >= 0, c.fatalityShare >= 0, c.eventShare.isFinite, c.fatalityShare.isFinite else {
                throw refuse("has a negative or non-finite count")
            }
            // An ordinal within Int32 and a window starting in the plausible years: no count makes any other.
            guard let ordinal = Int32(exactly: cell.window),
                  shape.years.contains(shape.window.bounds(of: Int(ordinal)).start.year) else {
                throw refuse("has window \(cell.window), which starts outside the years \(shape.years.lowerBound)-\(shape.years.upperBound)")
            }
            guard cell.band >= 0, cell.band < max(1, shape.bands) else { throw refuse("has band \(cell.band) of \(max(1, shape.bands))") }
            guard (cell.split != nil) == shape.splits else {
                throw refuse(shape.splits ? "has no split value, and the request splits" : "has a split value, and the request does not split")
            }
            if shape.keepsDays {
                guard let first = cell.firstDay, let last = cell.lastDay, first <= last,
                      shape.window.ordinal(of: CivilDate(daysSinceEpoch: first)) == cell.window,
                      shape.window.ordinal(of: CivilDate(daysSinceEpoch: last)) == cell.window else {
                    throw refuse("has no first and last day within its window")
                }
            }
        }
    }
}
