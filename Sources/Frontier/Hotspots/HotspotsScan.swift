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

    /// Reads the input once, builds the space-time cube over the places that hold incidents and every window
    /// from the filter's first date (else the data's) to its last, and analyses it.
    /// - Parameter events: rejected rows and progress, as they come.
    /// - Returns: the cube's analysis (nil when no incident was counted) with its places and windows, the
    ///   incidents left outside every place, and the scan's summary.
    /// - Throws: the input's read errors; `FrontierError.tooLarge` for a cube past `EmergingHotSpots.maxBins`,
    ///   `.tooMuchWork` for neighbourhoods past the analysis's bounds, `.invalid` for amounts past 2^53.
    public func run(_ events: ScanEvents = ScanEvents()) throws -> HotspotsAnswer {
        let request = self.request
        // Per counted incident: its place (a region, or a cell numbered as met), day and amount.
        var builder = CubeBuilder()
        var outside = 0
        var dates = DateRangeRule(columns: scan.columns, dateColumn: scan.fieldColumns.date, precision: request.datePrecision, window: request.window)
        let summary = try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
            guard let day = s.incident.date else { return }
            if case .excluded = dates.decide(s.incident, day: day) { return }
            guard let place = places.place(of: s) else { outside += 1; return }
            builder.add(location: place, day: day.daysSinceEpoch, amount: request.value.amount(s.incident))
        }
        if let renumbering = try places.finish(countries: countries, context: context) { builder.renumber(renumbering) }
        let made = try builder.cube(window: request.window, from: request.input.filter.from, to: request.input.filter.to,
                                    centre: places.centre(of:))
        var options = EmergingHotSpots.Options(distance: request.distance.metres)
        options.timeLag = request.timeLag
        options.alpha = request.alpha
        return HotspotsAnswer(request: request, summary: summary, regions: places.regions, outside: outside,
                              analysis: try made.map { try EmergingHotSpots(cube: $0.cube, options: options) },
                              locationRegions: made?.locations ?? [], firstWindow: made?.first ?? 0, dateRanges: dates.counts)
    }
}
