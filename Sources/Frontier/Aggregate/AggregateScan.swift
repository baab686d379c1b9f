/// An aggregate request with its input open: `scan` knows the columns, the notices and the input's size
/// before any row is read; `run` reads it once and counts.
public final class AggregateScan {
    /// The request answered.
    public let request: AggregateRequest
    /// The opened input.
    public let scan: IncidentScan
    /// Repairs to the regions and names read as another spelling, in the order they arose.
    public let notices: [RequestNotice]
    private let context: GEOSContext
    private var places: CountedPlaces
    private let zone: NearZone?
    /// The border's zone, its sides and the chosen regions: which incidents count, and which regions a fill lists.
    private let focus: CountingFocus
    private let countries: RegionSet?
    private let splitColumn: Int?
    /// The split value of every incident: the input's name, when counting several by source.
    private let splitConstant: String?
    /// With `split` "cross_border": each incident's actors, split by whether one is from across the border.
    private let splitAttribution: ActorAttribution?
    /// Incidents counted otherwise, by id (the request's, until `AggregateSources` sets them from what the
    /// other input counted).
    var adjustments: CountAdjustments?
    /// Whether `count` records the ids it counts (`countedIDs`), for another input's adjustments.
    var recordsCounted = false
    /// The ids counted by the last count, when `recordsCounted`.
    private(set) var countedIDs: Set<String> = []
    /// The incidents the last count left out as another input's report counts them.
    private(set) var skipped = 0
    /// The windows shown when comparing from a start date: the window before the first was read only to compare.
    private let shown: ClosedRange<Int>?

    init(_ request: AggregateRequest) throws {
        self.request = request
        adjustments = request.adjustments
        context = try GEOSContext()
        places = try CountedPlaces(request.places, geodata: request.geodata, context: context)
        var notices = places.notices
        let grid = places.grid
        var query = request.input
        if let grid, !request.chosen.isEmpty || query.filter.namesRegionColumns {
            throw FrontierError.request(.regionsChosenWithGrid(grid: grid.name))
        }
        // Comparing from a start date reads the window before it too; only the windows from the start on are
        // shown, and in the first of them only the days from the start on are counted.
        let window = request.window
        if request.comparesPrevious, query.filter.from != nil || query.filter.to != nil {
            let first = query.filter.from.map { window.ordinal(of: $0) } ?? Int.min
            let last = query.filter.to.map { window.ordinal(of: $0) } ?? Int.max
            shown = first...last
            if query.filter.from != nil { query.filter.from = window.bounds(of: request.comparison.base(of: first, window: window)).start }
        } else {
            shown = nil
        }
        focus = try CountingFocus(near: request.near, chosen: request.chosen, places: places, source: request.places,
                                  geodata: request.geodata, context: context)
        zone = focus.zone
        focus.narrow(&query)
        notices += try focus.notices(places.regions)
        query.requiresDate = true
        // Adjusted incidents are known by their id.
        if request.adjustments != nil { query.keepsIdentity = true }
        // The range columns are read whatever the precision asked: rows spanning windows are counted even
        // when they are counted by their first day.
        query.valuesNeeded = Set((request.split.map { [$0] } ?? []) + DateRangeColumn.names
            + (request.split == ActorAttribution.crossBorderSplit ? ActorAttribution.actorColumns : []))
        // From PostGIS the server locates and counts; listing mismatches needs each row, streamed.
        // Rows counted otherwise by id must arrive one by one, their ids intact.
        query.onServer = request.listsMismatches || request.adjustments != nil ? .locateIfNarrowing : .locateAndCount
        // Rows whose reported place disagrees are flagged only to list them; every row is tested for swapped coordinates.
        let swaps = try request.places.mismatchCheck(geodata: request.geodata)
        let check = request.listsMismatches ? swaps : nil
        countries = focus.countries
        scan = try IncidentScan(query, locating: ScanLocating(regions: places.scanRegions, countries: countries, mismatch: check, grid: grid,
                                                             swaps: swaps))
        splitConstant = request.split == AggregateSources.split ? request.sourceName : nil
        splitAttribution = request.split == ActorAttribution.crossBorderSplit
            ? try ActorAttribution(columns: scan.columns, border: request.near.map { Set($0.border.uppercased().split(separator: "-").map(String.init)) },
                                   geodata: request.geodata)
            : nil
        if let splitAttribution, !splitAttribution.readsActors { notices.append(.noActorColumns(file: scan.name)) }
        splitColumn = try request.split.flatMap { [scan, splitConstant, splitAttribution] name in
            guard splitConstant == nil, splitAttribution == nil else { return nil }
            guard let i = IncidentFields.column(name, in: scan.columns) else {
                throw FrontierError.unknownColumn(file: scan.name, column: name, found: scan.columns)
            }
            return i
        }
        self.notices = notices
    }

    /// Reads the input once, each kept incident counted whole in its region and window (`WholeCount`).
    private func countWhole(in aggregation: inout Aggregation, _ events: ScanEvents) throws -> ScanSummary {
        let (window, from, firstShown) = (request.window, request.input.filter.from, shown?.lowerBound)
        return try scan.run(onReject: events.onReject, onProgress: events.onProgress,
                            counting: { WholeCount($0, window: window, from: from, firstShown: firstShown) }) { count in
            guard count.counted else { return }
            try aggregation.add(region: count.region, window: count.window, fatalities: count.fatalities, weight: count.weight)
        }
    }

    /// What a scan counted, before an answer is made of it.
    private struct Counted {
        var aggregation: Aggregation
        var summary: ScanSummary
        var dateRanges: DateRangeCounts?
    }

    /// Reads the input once and counts.
    /// - Parameter events: rejected rows, mismatches (when the request lists them) and progress, as they come.
    /// - Returns: the rows, ordered and cut as asked, with the windows, the period the data covers and the
    ///   scan's summary.
    /// - Throws: the input's read errors, `FrontierError.tooLarge` for a filled table past
    ///   `Aggregation.maxFilledRows`, and whatever `events.onMismatch` throws.
    public func run(_ events: ScanEvents = ScanEvents()) throws -> AggregateAnswer {
        try answer(try count(events))
    }

    /// Reads the input once and counts, leaving the answer to be made once the other parts of a larger input
    /// are counted too (`finish(_:)` of the parts added together: `PartialCounts.adding`).
    /// - Parameter events: as `run`'s.
    /// - Returns: the part's cells by place id, its scan's summary and its date-range counts.
    /// - Throws: the input's read errors, and whatever `events.onMismatch` throws.
    public func partial(_ events: ScanEvents = ScanEvents()) throws -> PartialCounts {
        let counted = try count(events)
        let aggregation = counted.aggregation
        let cells = aggregation.cells.map { key, counts in
            PartialCounts.Cell(place: places.partialPlace(key.region >= 0 ? Int(key.region) : nil), window: Int(key.window),
                               band: Int(key.band), split: aggregation.splitValues.isEmpty ? nil : aggregation.splitValues[Int(key.split)],
                               counts: counts)
        }
        return PartialCounts(cells: cells, summary: counted.summary, dateRanges: counted.dateRanges)
    }

    /// The answer from the counts of every part of the input, added together (`PartialCounts.adding`), by
    /// the same rules `run` applies to one scan's counts.
    /// - Throws: `FrontierError.invalid` for a cell naming a place the request's regions do not hold, or one
    ///   no count of this request could have made (`PartialCounts.check`); `.tooLarge` for a filled table past
    ///   `Aggregation.maxFilledRows`.
    public func finish(_ whole: PartialCounts) throws -> AggregateAnswer {
        try whole.check(PartialCounts.Shape(window: request.window, years: request.input.years, bands: zone?.bands.count ?? 0,
                                            splits: request.split != nil))
        var aggregation = Aggregation(window: request.window)
        for cell in whole.cells {
            try aggregation.add(cell.counts, region: try places.place(of: cell.place), window: cell.window, band: cell.band, split: cell.split)
        }
        return try answer(Counted(aggregation: aggregation, summary: whole.summary, dateRanges: whole.dateRanges))
    }

    /// Reads the input once, counting each kept incident in its cell.
    private func count(_ events: ScanEvents) throws -> Counted {
        let request = self.request
        let windows = request.window
        let bands = zone?.bands ?? []
        let from = request.input.filter.from
        let regionsAtStart = places.regions
        var aggregation = Aggregation(window: windows)
        var dates = DateRangeRule(columns: scan.columns, dateColumn: scan.fieldColumns.date, precision: request.datePrecision, window: windows)
        // The plain case (whole counts by region and window, no list of mismatches): each incident's cell is
        // worked out on the scan's worker threads and this thread only adds (`WholeCount`). Anything else
        // reads the incidents here.
        let adjustments = self.adjustments, idColumn = scan.fieldColumns.id, records = recordsCounted
        var counted: Set<String> = [], skipping = 0
        let plain = dates.column == nil && splitColumn == nil && splitConstant == nil && splitAttribution == nil && adjustments == nil
            && bands.count <= 1 && places.grid == nil && !request.listsMismatches
        let summary = plain ? try countWhole(in: &aggregation, events) : try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
            guard let day = s.incident.date else { return }
            if let from, let first = shown?.lowerBound, day < from, windows.ordinal(of: day) >= first { return }
            let decision = dates.decide(s.incident, day: day)
            if case .excluded = decision { return }
            if s.mismatched, places.grid == nil { try events.onMismatch(MismatchRow(s, scan: scan, regions: regionsAtStart)) }
            let band = bands.count > 1 ? s.distance.map { zone?.bandIndex(holding: $0) ?? 0 } : nil
            let split = splitColumn.map { s.incident.text($0) } ?? splitConstant ?? splitAttribution.map { attribution in
                // The incident's country: where it lies among the zone's countries, else its region's.
                let country = s.country.flatMap { i in countries?.regions[i].country } ?? places.country(of: s) ?? ""
                return attribution.attribute(s.incident, country: country).crossBorder ? "true" : "false"
            }
            var fatalities = s.incident.fatalities
            if let adjustments {
                let id = s.incident.text(idColumn)
                if adjustments.skipped.contains(id) {
                    skipping += 1
                    return
                }
                if let chosen = adjustments.fatalities[id] { fatalities = chosen }
                if records { counted.insert(id) }
            }
            if case .spread(let spanned) = decision {
                try aggregation.spread(region: places.place(of: s), days: spanned, fatalities: fatalities, band: band,
                                       split: split, weight: s.incident.weight)
            } else {
                try aggregation.add(region: places.place(of: s), date: day, fatalities: fatalities, band: band,
                                    split: split, weight: s.incident.weight)
            }
        }
        countedIDs = counted
        skipped = skipping
        return Counted(aggregation: aggregation, summary: summary, dateRanges: dates.counts)
    }

    /// The answer from what was counted: a grid's cells made regions, the period, fills and comparisons,
    /// the order and the cut.
    private func answer(_ made: Counted) throws -> AggregateAnswer {
        let request = self.request
        var windows = request.window
        let bands = zone?.bands ?? []
        var aggregation = made.aggregation
        let summary = made.summary
        // With a grid, the cells met become the regions; the counts follow them.
        if let index = try places.finish(countries: countries ?? RegionSet.load(.admin0, geodata: request.geodata.location(), context: context),
                                         context: context) {
            aggregation = try aggregation.renumbered(index)
        }
        // The period: the dates asked for (not widened for the comparison), else the data's.
        let coverage = Coverage(from: request.input.filter.from, to: request.input.filter.to, summary: summary)
        if let coverage { windows = windows.spanning(coverage.days) }
        var layout = Aggregation.Layout()
        // Filled, a zone lists only the regions it reaches (on the sides kept): no series where nothing can count.
        layout.fillRegions = request.fill ? try focus.filled(places.regions, grid: places.grid != nil) : nil
        layout.period = coverage.map { $0.windows(windows) }.map { p in shown.map { p.clamped(to: $0) } ?? p }
        layout.includeUnmatched = request.includeUnmatched && scan.regionsAllowed == nil
        layout.bands = bands.count
        layout.comparesPrevious = request.comparesPrevious
        layout.comparison = request.comparison
        layout.shown = shown
        // The window compared with is known when it was read and the data reach it: from the widened start
        // or the data's first day, whichever is later (a window before the data holds days nobody counted,
        // not zero events).
        if let readFrom = [scan.query.filter.from?.daysSinceEpoch, summary.firstDay].compactMap({ $0 }).max() {
            layout.readFrom = windows.ordinal(of: CivilDate(daysSinceEpoch: readFrom))
        }
        var rows = request.order.sorted(try aggregation.rows(layout))
        if let top = request.top { rows = Array(rows.prefix(top)) }
        var countedBefore: Int?
        let ranges = made.dateRanges
        var counted = summary.kept - (ranges?.excluded ?? 0)
        // Shares spread across the first shown window's edge are counted where they fell, to the nearest whole.
        let events = { (keep: (Aggregation.Key) -> Bool) in
            Int(aggregation.cells.filter { keep($0.key) }.values.reduce(0) { $0 + $1.weightedEvents }.rounded())
        }
        if let shown {
            counted = events { shown.contains(Int($0.window)) }
            countedBefore = events { !shown.contains(Int($0.window)) }
        } else if adjustments != nil {
            // Kept incidents another input's report stands for were not counted.
            counted = events { _ in true }
        }
        return AggregateAnswer(request: request, rows: rows, regions: places.regions, windows: windows, bands: bands, coverage: coverage,
                               summary: summary, counted: counted, countedBefore: countedBefore, dateRanges: ranges)
    }
}
