/// A counting question's counts over one part of its input (a Spark partition, one of several files), kept
/// so that the parts can be added together and the answer made once, by the engine's own rules, from their
/// sum (`AggregateScan.finish(_:)`, `HotspotsScan.finish(_:)`, `TrendsScan.finish(_:)`): fills, comparisons,
/// partial windows and the analyses are worked out over the whole, never per part.
///
/// Cells name their place by id (a region's, or a grid cell's numbers), never by the index one scan gave it,
/// so parts counted by different processes add up.
public struct PartialCounts: Sendable, Equatable {
    /// Where a cell's incidents lie.
    public enum Place: Hashable, Sendable {
        /// A region, by id.
        case region(String)
        /// A cell of the request's grid.
        case cell(Grid.Cell)
        /// Outside every region (or beyond the grid's CRS).
        case none
    }

    /// One cell's counts: a place, a window, a distance band and a split value.
    public struct Cell: Sendable, Equatable {
        /// Where its incidents lie.
        public var place: Place
        /// The window's ordinal (`TimeWindow.ordinal(of:)` of the request's window; for trends, the day's
        /// number since 1970-01-01).
        public var window: Int
        /// The distance band's index, nearest first; 0 without bands.
        public var band: Int
        /// The value of the column counts are split by; nil when not splitting.
        public var split: String?
        /// Whole counts and spread shares (for hot spots, `events` counts incidents and `fatalities` their
        /// fatalities when the cube holds them).
        public var counts: Aggregation.Counts
        /// The first and last day (since 1970-01-01) of the incidents counted in the cell; nil where the
        /// question keeps none per cell (an aggregate: its window and the summary's period say enough).
        public var firstDay: Int?
        public var lastDay: Int?

        /// A cell with its key, counts and (where kept) days; see the properties.
        public init(place: Place, window: Int, band: Int = 0, split: String? = nil, counts: Aggregation.Counts, firstDay: Int? = nil, lastDay: Int? = nil) {
            self.place = place
            self.window = window
            self.band = band
            self.split = split
            self.counts = counts
            self.firstDay = firstDay
            self.lastDay = lastDay
        }

        /// What cells are added together by: everything but the counts and days.
        struct Key: Hashable {
            var place: Place
            var window: Int
            var band: Int
            var split: String?
        }

        var key: Key { Key(place: place, window: window, band: band, split: split) }
    }

    /// The part's cells, one per key, in no particular order.
    public var cells: [Cell]
    /// What the part's scan read.
    public var summary: ScanSummary
    /// What became of the part's incidents dated by a range of days; nil when its input has no range column.
    public var dateRanges: DateRangeCounts?

    /// Counts of one part; see the properties.
    public init(cells: [Cell], summary: ScanSummary, dateRanges: DateRangeCounts? = nil) {
        self.cells = cells
        self.summary = summary
        self.dateRanges = dateRanges
    }

    /// The parts added together, as one scan of their inputs would have counted: cells of the same key
    /// summed (their days widened), the summaries merged (`ScanSummary.merged`), the date-range counts added.
    /// - Throws: `FrontierError.invalid` when a cell's total passes a 64-bit count.
    public static func adding(_ parts: [PartialCounts]) throws -> PartialCounts {
        var order: [Cell.Key] = []
        var sums: [Cell.Key: Cell] = [:]
        for cell in parts.lazy.flatMap(\.cells) {
            let key = cell.key
            if var sum = sums[key] {
                try sum.counts.add(cell.counts)
                sum.firstDay = [sum.firstDay, cell.firstDay].compactMap { $0 }.min()
                sum.lastDay = [sum.lastDay, cell.lastDay].compactMap { $0 }.max()
                sums[key] = sum
            } else {
                sums[key] = cell
                order.append(key)
            }
        }
        return PartialCounts(cells: order.compactMap { sums[$0] }, summary: .merged(parts.map(\.summary)),
                             dateRanges: .adding(parts.map(\.dateRanges)))
    }
}
