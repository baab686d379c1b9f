/// Counts incidents and fatalities per region × window (× distance band × split value): the aggregation
/// hot path.
///
/// Memory is proportional to the cells that occur (regions × windows × bands × split values; the flat
/// arrays of `DenseCounts` to the regions and windows met, at most `DenseCounts.maxCells`), never to incidents.
import FrontierBase
import FrontierPlaces

public struct Aggregation {
    public struct Key: Hashable, Sendable {
        /// Region index in the RegionSet (regions are sorted by id); -1 for unmatched incidents.
        public var region: Int32
        public var window: Int32
        /// Index of the distance band (nearest first); 0 without bands.
        public var band: Int32
        /// Index into `splitValues`; 0 when not splitting.
        public var split: Int32
    }

    public struct Counts: Sendable, Equatable {
        /// Whole incidents (and their fatalities) counted in the cell.
        public var events = 0
        public var fatalities = 0
        /// The shares of incidents whose dates span several windows, spread over the days of their range
        /// (docs/architecture.md, "Date precision"): fractions of an event and of its fatalities, in
        /// addition to the whole counts; zero unless the count spreads.
        public var eventShare = 0.0
        public var fatalityShare = 0.0
        public init(events: Int = 0, fatalities: Int = 0, eventShare: Double = 0, fatalityShare: Double = 0) {
            self.events = events
            self.fatalities = fatalities
            self.eventShare = eventShare
            self.fatalityShare = fatalityShare
        }

        /// Events with the shares spread in: a whole number unless the count spreads.
        public var weightedEvents: Double { Double(events) + eventShare }
        /// Fatalities with the shares spread in.
        public var weightedFatalities: Double { Double(fatalities) + fatalityShare }

        /// The events as written: a whole number, or with spread shares a fraction (`Aggregation.count`).
        public var eventsValue: PropertyValue { Aggregation.count(events, eventShare) }
        /// The fatalities as written.
        public var fatalitiesValue: PropertyValue { Aggregation.count(fatalities, fatalityShare) }

        /// Adds `other`'s counts; a total that would not fit a 64-bit integer is an error, never a trap or a
        /// wrapped number. (Rows are capped at `Incident.maxFatalities`, so only trillions of rows get here.)
        public mutating func add(_ other: Counts) throws {
            // Both checked before either changes: a refused add leaves the counts as they were.
            (events, fatalities) = (try Self.sum(events, other.events, of: "incidents"), try Self.sum(fatalities, other.fatalities, of: "fatalities"))
            eventShare += other.eventShare
            fatalityShare += other.fatalityShare
        }

        /// `a + b`, checked.
        public static func sum(_ a: Int, _ b: Int, of what: String) throws -> Int {
            let (total, overflow) = a.addingReportingOverflow(b)
            if overflow {
                throw FrontierError.invalid(file: "", reason: "the \(what) counted together add up to more than \(Int.max), the largest total a 64-bit count holds")
            }
            return total
        }
    }

    /// A count as written: whole, or with a share of spread events rounded to 4 decimals (an event spread over
    /// 3 days counts 0.3333 a day; rounding keeps sums of shares free of binary noise such as
    /// 0.30000000000000004), an integer again when the shares add up to whole events.
    public static func count(_ whole: Int, _ share: Double) -> PropertyValue {
        guard share != 0 else { return .int(Int64(whole)) }
        let value = ((Double(whole) + share) * 10_000).rounded() / 10_000
        return value == value.rounded() && abs(value) < 1e15 ? .int(Int64(value)) : .double(value)
    }

    public let window: TimeWindow
    /// Every cell with its counts (built for the asking: `forEachCell` visits them without a dictionary).
    public var cells: [Key: Counts] {
        get {
            var all: [Key: Counts] = [:]
            forEachCell { all[$0] = $1 }
            return all
        }
        set {
            sparse = newValue
            dense = DenseCounts()
            densePaused = true
        }
    }
    /// Calls `body` with every cell and its counts, in no particular order, holding nothing more (`cells`
    /// builds a dictionary of them: a daily count's is megabytes, for a caller that only adds them up).
    /// - Throws: whatever `body` throws.
    public func forEachCell(_ body: (Key, Counts) throws -> Void) rethrows {
        try dense.forEach { region, window, events, fatalities in
            // The whole counts are held in one place; a cell spread into also has shares in `sparse`.
            let key = Key(region: region, window: window, band: 0, split: 0)
            var counts = sparse[key] ?? Counts()
            (counts.events, counts.fatalities) = (events, fatalities)
            try body(key, counts)
        }
        for (key, counts) in sparse where key.band != 0 || key.split != 0 || !dense.holds(region: key.region, window: key.window) {
            try body(key, counts)
        }
    }

    /// The whole counts of cells without band or split value, flat (`DenseCounts`).
    private var dense = DenseCounts()
    /// Set once `cells` is replaced: every later count goes to `sparse`, so a cell is never in both.
    private var densePaused = false
    /// The other cells, and the spread shares of every cell.
    private var sparse: [Key: Counts] = [:]
    /// Distinct values of the field counts are split by (`add`'s `split`), in first-seen order (index =
    /// Key.split).
    public private(set) var splitValues: [String] = []
    private var splitIndex: [String: Int32] = [:]

    public init(window: TimeWindow) {
        self.window = window
    }

    /// Counts one incident, or `weight` alike incidents whose fatalities add up to `fatalities`; an error when
    /// a cell's total would overflow.
    public mutating func add(region: Int?, date: CivilDate, fatalities: Int, band: Int? = nil, split: String? = nil, weight: Int = 1) throws {
        let key = Key(region: Int32(region ?? -1), window: Int32(window.ordinal(of: date)), band: Int32(band ?? 0), split: splitKey(split))
        if key.band == 0, key.split == 0, !densePaused,
           try dense.add(region: key.region, window: key.window, events: weight, fatalities: fatalities) { return }
        try sparse[key, default: Counts()].add(Counts(events: weight, fatalities: fatalities))
    }

    /// Counts one incident (or `weight` alike) without band or split value in the cell of `region` (-1:
    /// unmatched) and the window of ordinal `window` (`TimeWindow.ordinal`), as `add(region:date:…)` does: for
    /// a caller that worked the cell out on another thread.
    package mutating func add(region: Int32, window: Int32, fatalities: Int, weight: Int) throws {
        if !densePaused, try dense.add(region: region, window: window, events: weight, fatalities: fatalities) { return }
        try sparse[Key(region: region, window: window, band: 0, split: 0), default: Counts()].add(Counts(events: weight, fatalities: fatalities))
    }

    /// Counts one incident (or `weight` alike) that may have happened on any of `days` (days since
    /// 1970-01-01): an equal share on each day, each window getting the shares of its days (docs/architecture.md,
    /// "Date precision"). A range inside one window counts there whole, as `add(region:date:…)` does.
    public mutating func spread(region: Int?, days: ClosedRange<Int>, fatalities: Int, band: Int? = nil, split: String? = nil, weight: Int = 1) throws {
        let first = window.ordinal(of: CivilDate(daysSinceEpoch: days.lowerBound))
        let last = window.ordinal(of: CivilDate(daysSinceEpoch: days.upperBound))
        guard first != last else {
            return try add(region: region, date: CivilDate(daysSinceEpoch: days.lowerBound), fatalities: fatalities, band: band, split: split, weight: weight)
        }
        var key = Key(region: Int32(region ?? -1), window: 0, band: Int32(band ?? 0), split: splitKey(split))
        let length = Double(days.count)
        for w in first...last {
            let (start, end) = window.bounds(of: w)
            let overlap = min(end.daysSinceEpoch, days.upperBound) - max(start.daysSinceEpoch, days.lowerBound) + 1
            guard overlap > 0 else { continue }
            let share = Double(overlap) / length
            key.window = Int32(w)
            try sparse[key, default: Counts()].add(Counts(eventShare: Double(weight) * share, fatalityShare: Double(fatalities) * share))
        }
    }

    /// Adds a cell's counts as counted elsewhere (another part of the same input), whole counts and spread
    /// shares alike, to the cell of `region` (nil: unmatched), the window of ordinal `window`, `band` and `split`.
    /// - Throws: `FrontierError.invalid` when the cell's total would pass a 64-bit count.
    public mutating func add(_ counts: Counts, region: Int?, window: Int, band: Int = 0, split: String? = nil) throws {
        let key = Key(region: Int32(region ?? -1), window: Int32(window), band: Int32(band), split: splitKey(split))
        var rest = counts
        // Whole counts go where `add(region:date:…)` puts them, shares to the dictionary, as `spread` puts them.
        if key.band == 0, key.split == 0, !densePaused,
           try dense.add(region: key.region, window: key.window, events: counts.events, fatalities: counts.fatalities) {
            (rest.events, rest.fatalities) = (0, 0)
            if rest.eventShare == 0 && rest.fatalityShare == 0 { return }
        }
        try sparse[key, default: Counts()].add(rest)
    }

    /// The index of a split value, numbered in first-seen order (0 when not splitting).
    private mutating func splitKey(_ split: String?) -> Int32 {
        guard let split else { return 0 }
        if let i = splitIndex[split] { return i }
        let s = Int32(splitValues.count)
        splitIndex[split] = s
        splitValues.append(split)
        return s
    }

    /// The same counts with their regions renumbered (cells numbered as met, made into regions in id order
    /// after the scan); the unmatched row keeps no region.
    /// - Throws: `FrontierError.invalid` when cells moved onto one another add up past a 64-bit count.
    public func renumbered(_ renumbering: PlaceRenumbering) throws -> Aggregation {
        var copy = self
        copy.cells = try renumbering.rekeyed(cells, place: \.region) { try $0.add($1) }
        return copy
    }

    public struct Row: Equatable, Sendable {
        public var region: Int?
        public var window: Int
        /// The band's index (nearest first), when counting by distance band.
        public var band: Int?
        public var split: String?
        public var counts: Counts
        /// The same region's (band's, split value's) counts in the window before, when comparing.
        public var previous: Counts?

        /// The change in events from the window compared with, in percent, to one decimal; nil when that
        /// window had none (or nothing is compared): a rise from nothing has no percentage (`eventChange`
        /// says `new`).
        public var changePercent: Double? {
            guard case .percent(let p)? = eventChange else { return nil }
            return p
        }

        /// The change in events from the window compared with: a percentage, `new` for a rise from none, or
        /// nothing (none before and none now); nil when nothing is compared.
        public var eventChange: Change? {
            previous.map { Change(from: $0.weightedEvents, to: counts.weightedEvents) }
        }

        /// The change in fatalities, as `eventChange`.
        public var fatalityChange: Change? {
            previous.map { Change(from: $0.weightedFatalities, to: counts.weightedFatalities) }
        }

        /// Events now less events in the window compared with (negative for a fall); nil when nothing is compared.
        public var change: Double? {
            previous.map { counts.weightedEvents - $0.weightedEvents }
        }
    }

    /// How a count changed from one window to another.
    public enum Change: Equatable, Sendable {
        /// The change in percent of the earlier count, to one decimal.
        case percent(Double)
        /// A rise from none: no percentage, but new activity, never to be hidden as a blank.
        case new
        /// None before and none now.
        case unchanged

        public init(from before: Double, to now: Double) {
            if before > 0 {
                self = .percent(((now - before) / before * 1000).rounded() / 10)
            } else {
                self = now > 0 ? .new : .unchanged
            }
        }
    }

    /// Which rows `rows(_:)` gives.
    public struct Layout {
        /// Every listed region gets every window of the period, zero rows included.
        public var fillRegions: [Int]?
        /// The windows the input covers (ordinals), filled as well as those that hold incidents.
        public var period: ClosedRange<Int>?
        public var includeUnmatched = false
        /// How many distance bands the counts are split into (0 or 1: none).
        public var bands = 0
        /// Each row carries the counts of the window it is compared with (`comparison`); a window whose base
        /// had incidents gets a row even when it has none (a fall to zero is a change).
        public var comparesPrevious = false
        /// Which window each is compared with: the one before (default) or the same window a year before.
        public var comparison = WindowComparison.previous
        /// Only rows of these windows are given (the earlier ones were read for comparison).
        public var shown: ClosedRange<Int>?
        /// The first window read: windows whose base lies before it have no previous counts (nil, not
        /// zero: nothing is known of them).
        public var readFrom: Int?
        public init() {}
    }

    /// The most rows a filled table may have: dates centuries apart would otherwise fill memory.
    public static let maxFilledRows = 5_000_000

    /// Rows sorted by region, window, split value; with `fillRegions`, every listed region gets every
    /// window from the first to the last seen, zero rows included.
    public func rows(fillRegions: [Int]? = nil, includeUnmatched: Bool = false) throws -> [Row] {
        var layout = Layout()
        layout.fillRegions = fillRegions
        layout.includeUnmatched = includeUnmatched
        return try rows(layout)
    }

    /// Rows sorted by region (id order, unmatched first), window, band, split value.
    public func rows(_ layout: Layout) throws -> [Row] {
        // Made once: `cells` joins the flat counts and the dictionary each time it is asked for.
        let cells = self.cells
        let splitting = !splitValues.isEmpty
        let banding = layout.bands > 1
        func row(_ key: Key, _ counts: Counts) -> Row {
            Row(region: key.region >= 0 ? Int(key.region) : nil, window: Int(key.window), band: banding ? Int(key.band) : nil,
                split: splitting ? splitValues[Int(key.split)] : nil, counts: counts)
        }
        var keys = Set(cells.keys.filter { $0.region >= 0 || layout.includeUnmatched })
        // The windows seen (unmatched incidents included: they are part of the period), widened to the period.
        var windows = cells.isEmpty ? nil : Int(cells.keys.map(\.window).min() ?? 0)...Int(cells.keys.map(\.window).max() ?? 0)
        if let period = layout.period {
            windows = windows.map { min($0.lowerBound, period.lowerBound)...max($0.upperBound, period.upperBound) } ?? period
        }
        if let fillRegions = layout.fillRegions, let windows {
            let splits = splitting ? splitValues.count : 1
            let bands = max(1, layout.bands)
            let (count, overflow) = windows.count.multipliedReportingOverflow(by: max(1, fillRegions.count * splits * bands))
            if overflow || count > Self.maxFilledRows {
                throw FrontierError.tooLarge(what: "a filled table of \(fillRegions.count) regions × \(windows.count) windows"
                                             + (bands > 1 ? " × \(bands) bands" : "") + (splitting ? " × \(splits) values" : ""),
                                             count: overflow ? Int.max : count, limit: Self.maxFilledRows)
            }
            for r in fillRegions { for w in windows { for b in 0..<bands { for s in 0..<splits {
                keys.insert(Key(region: Int32(r), window: Int32(w), band: Int32(b), split: Int32(s)))
            } } } }
        }
        if layout.comparesPrevious, let windows {
            for key in Array(keys) {
                for following in layout.comparison.following(Int(key.window), window: window) where following <= windows.upperBound {
                    var next = key
                    next.window = Int32(following)
                    keys.insert(next)
                }
            }
        }
        var result: [Row] = []
        result.reserveCapacity(keys.count)
        for key in inRegionOrder(keys) {
            if let shown = layout.shown, !shown.contains(Int(key.window)) { continue }
            var r = row(key, cells[key] ?? Counts())
            if layout.comparesPrevious {
                var before = key
                before.window = Int32(layout.comparison.base(of: Int(key.window), window: window))
                if layout.readFrom.map({ Int(before.window) >= $0 }) ?? true { r.previous = cells[before] ?? Counts() }
            }
            result.append(r)
        }
        return result
    }

    /// The keys in the order of their rows (`inRegionOrder`): a row's region, window, band and split value
    /// are its key's (an unmatched key's region is -1, and without bands or a split both indices are 0), so
    /// sorting the small keys orders the rows. Sorting the rows themselves, some hundred bytes each, was a
    /// fifth of the time a DataFrame's aggregate spent after the scan.
    private func inRegionOrder(_ keys: Set<Key>) -> [Key] {
        let values = splitValues
        return keys.sorted { a, b in
            if a.region != b.region { return a.region < b.region }
            if a.window != b.window { return a.window < b.window }
            if a.band != b.band { return a.band < b.band }
            return values.isEmpty ? false : values[Int(a.split)] < values[Int(b.split)]
        }
    }

    /// Region (id order, unmatched first), window, band, split value.
    public static func inRegionOrder(_ a: Row, _ b: Row) -> Bool {
        let ra = a.region ?? -1, rb = b.region ?? -1
        if ra != rb { return ra < rb }
        if a.window != b.window { return a.window < b.window }
        if (a.band ?? 0) != (b.band ?? 0) { return (a.band ?? 0) < (b.band ?? 0) }
        return (a.split ?? "") < (b.split ?? "")
    }

    /// The orders an aggregate's rows can be asked in; ties keep region order.
    public enum Order: String, CaseIterable, Sendable {
        case region, events, change

        public func sorted(_ rows: [Row]) -> [Row] {
            switch self {
            case .region: return rows
            case .events:
                return rows.sorted { a, b in
                    a.counts.weightedEvents != b.counts.weightedEvents ? a.counts.weightedEvents > b.counts.weightedEvents : Aggregation.inRegionOrder(a, b)
                }
            case .change:
                // A rise from none first (no percentage, but the newest trouble), then the largest rise,
                // then rows with nothing to compare; ties by events, then region order.
                func tier(_ r: Row) -> Int {
                    if r.eventChange == .new { return 0 }
                    return r.changePercent == nil ? 2 : 1
                }
                return rows.sorted { a, b in
                    let (ta, tb) = (tier(a), tier(b))
                    if ta != tb { return ta < tb }
                    if ta == 1, let x = a.changePercent, let y = b.changePercent, x != y { return x > y }
                    let (ea, eb) = (a.counts.weightedEvents, b.counts.weightedEvents)
                    return ea != eb ? ea > eb : Aggregation.inRegionOrder(a, b)
                }
            }
        }
    }
}
