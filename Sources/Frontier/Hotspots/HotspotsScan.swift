/// A hot-spot request with its input open: `scan` knows the columns, the notices and the input's size
/// before any row is read; `run` reads it once, builds the cube and analyses it.
public final class HotspotsScan {
    public let request: HotspotsRequest
    /// The opened input.
    public let scan: IncidentScan
    /// Repairs made to the regions as they were loaded, then names read as another spelling and chosen
    /// regions the zone does not reach, in order.
    public let notices: [RequestNotice]
    private let context: GEOSContext
    private var places: CountedPlaces
    /// The countries whose ISO3 labels a grid's cells (by the country holding each centre).
    private let countries: RegionSet

    init(_ request: HotspotsRequest) throws {
        self.request = request
        context = try GEOSContext()
        places = try CountedPlaces(request.places, geodata: request.geodata, context: context)
        var query = request.input
        // Near a border, on its sides, in the chosen regions: the incidents aggregate would count.
        let focus = try CountingFocus(near: request.near, chosen: request.chosen, places: places, source: request.places,
                                      geodata: request.geodata, context: context)
        focus.narrow(&query)
        notices = places.notices + (try focus.notices(places.regions))
        countries = try focus.countries ?? RegionSet.load(.admin0, geodata: request.geodata.location(), context: context)
        query.requiresDate = true
        query.valuesNeeded = Set(DateRangeColumn.names)
        scan = try IncidentScan(query, locating: ScanLocating(regions: places.scanRegions, countries: focus.countries, grid: places.grid,
                                                             swaps: request.places.mismatchCheck(geodata: request.geodata)))
    }

    /// What a scan counted, before the cube is built.
    private struct Counted {
        var builder: CubeBuilder
        var outside: Int
        /// The incidents outside every place by window, with their days (only a part's counts need them).
        var outsideCells = CubeBuilder(window: .all(span: nil))
        var summary: ScanSummary
        var dateRanges: DateRangeCounts?
    }

    /// Reads the input once, builds the space-time cube over the places that hold incidents and every window
    /// from the filter's first date (else the data's) to its last, and analyses it.
    /// - Parameter events: rejected rows and progress, as they come.
    /// - Returns: the cube's analysis (nil when no incident was counted) with its places and windows, the
    ///   incidents left outside every place, and the scan's summary.
    /// - Throws: the input's read errors; `FrontierError.tooLarge` for a cube past `EmergingHotSpots.maxBins`,
    ///   `.tooMuchWork` for neighbourhoods past the analysis's bounds, `.invalid` for amounts past 2^53.
    public func run(_ events: ScanEvents = ScanEvents()) throws -> HotspotsAnswer {
        try answer(try count(events))
    }

    /// Reads the input once and counts, leaving the cube to be built once the other parts of a larger input
    /// are counted too (`finish(_:)` of the parts added together: `PartialCounts.adding`).
    /// - Returns: per place and window, the incidents (`events`), their amount when the cube holds
    ///   fatalities (`fatalities`), and their first and last day; the incidents outside every place as
    ///   cells of no place; the scan's summary.
    /// - Throws: the input's read errors.
    public func partial(_ events: ScanEvents = ScanEvents()) throws -> PartialCounts {
        let counted = try count(events)
        let fatalities = request.value == .fatalities
        var cells = counted.builder.cells.map { c in
            PartialCounts.Cell(place: places.partialPlace(c.location), window: c.window,
                               counts: Aggregation.Counts(events: c.incidents, fatalities: fatalities ? Int(c.amount) : 0),
                               firstDay: c.days.lowerBound, lastDay: c.days.upperBound)
        }
        cells += counted.outsideCells.cells.map { c in
            PartialCounts.Cell(place: .none, window: c.window, counts: Aggregation.Counts(events: c.incidents),
                               firstDay: c.days.lowerBound, lastDay: c.days.upperBound)
        }
        return PartialCounts(cells: cells, summary: counted.summary, dateRanges: counted.dateRanges)
    }

    /// The analysis of the counts of every part of the input, added together (`PartialCounts.adding`), by
    /// the same rules `run` applies to one scan's counts.
    /// - Throws: `FrontierError.invalid` for a cell naming a place the request's regions do not hold, or one
    ///   no count of this request could have made (`PartialCounts.check`); the errors of `run`'s analysis.
    public func finish(_ whole: PartialCounts) throws -> HotspotsAnswer {
        try whole.check(PartialCounts.Shape(window: request.window, years: request.input.years, keepsDays: true))
        var builder = CubeBuilder(window: request.window)
        var outside = 0
        for cell in whole.cells {
            guard let place = try places.place(of: cell.place) else { outside += cell.counts.events; continue }
            guard let first = cell.firstDay, let last = cell.lastDay else { continue }  // checked above: every cell has them
            let amount = request.value == .fatalities ? cell.counts.fatalities : cell.counts.events
            builder.add(location: place, days: first...last, amount: Double(amount))
        }
        return try answer(Counted(builder: builder, outside: outside, summary: whole.summary, dateRanges: whole.dateRanges))
    }

    /// Reads the input once: each counted incident's place (a region, or a cell numbered as met), day and amount.
    private func count(_ events: ScanEvents) throws -> Counted {
        let request = self.request
        var builder = CubeBuilder(window: request.window)
        var outside = 0
        var outsideCells = CubeBuilder(window: request.window)
        var dates = DateRangeRule(columns: scan.columns, dateColumn: scan.fieldColumns.date, precision: request.datePrecision, window: request.window)
        let summary = try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
            guard let day = s.incident.date else { return }
            if case .excluded = dates.decide(s.incident, day: day) { return }
            guard let place = places.place(of: s) else {
                outside += 1
                outsideCells.add(location: 0, day: day.daysSinceEpoch, amount: 0)
                return
            }
            builder.add(location: place, day: day.daysSinceEpoch, amount: request.value.amount(s.incident))
        }
        return Counted(builder: builder, outside: outside, outsideCells: outsideCells, summary: summary, dateRanges: dates.counts)
    }

    /// The cube over what was counted (a grid's cells made regions), analysed.
    private func answer(_ counted: consuming Counted) throws -> HotspotsAnswer {
        let request = self.request
        // The bins are let go once the cube holds them, before the analysis (which needs as much memory again)
        // and before a grid's cells are made polygons: any two of the three at once were most of a 5M-row
        // run's peak. A cell's region index is known from its id before its polygon is made.
        var builder = counted.builder
        counted.builder = CubeBuilder(window: request.window)
        if let renumbering = try places.numberCells() { builder.renumber(renumbering) }
        let made = try builder.cube(from: request.input.filter.from, to: request.input.filter.to,
                                    centre: places.centre(of:))
        builder = CubeBuilder(window: request.window)
        var options = EmergingHotSpots.Options(distance: request.distance.metres)
        options.timeLag = request.timeLag
        options.alpha = request.alpha
        let analysis = try made.map { try EmergingHotSpots(cube: $0.cube, options: options) }
        try places.makeCellRegions(countries: countries, context: context)
        return HotspotsAnswer(request: request, summary: counted.summary, regions: places.regions, outside: counted.outside,
                              analysis: analysis, locationRegions: made?.locations ?? [], firstWindow: made?.first ?? 0,
                              dateRanges: counted.dateRanges)
    }
}
