/// A trends request with its input open: `scan` knows the columns, the notices and the input's size before
/// any row is read; `run` reads it once and computes the alerts.
public final class TrendsScan {
    public let request: TrendsRequest
    /// The opened input.
    public let scan: IncidentScan
    /// Repairs made to the regions as they were loaded, then names read as another spelling and chosen
    /// regions the zone does not reach, in order.
    public let notices: [RequestNotice]
    private let context: GEOSContext
    private var places: CountedPlaces

    init(_ request: TrendsRequest) throws {
        self.request = request
        context = try GEOSContext()
        places = try CountedPlaces(request.places, geodata: request.geodata, context: context)
        var query = request.input
        // Near a border, on its sides, in the chosen regions: the incidents aggregate would count.
        let focus = try CountingFocus(near: request.near, chosen: request.chosen, places: places, source: request.places,
                                      geodata: request.geodata, context: context)
        focus.narrow(&query)
        notices = places.notices + (try focus.notices(places.regions))
        query.requiresDate = true
        query.valuesNeeded = []
        scan = try IncidentScan(query, locating: ScanLocating(regions: places.scanRegions, countries: focus.countries, grid: places.grid,
                                                             swaps: request.places.mismatchCheck(geodata: request.geodata)))
    }

    /// Reads the input once, counts the incidents per place and day, and computes each place's alerts at
    /// the request's date (else the last date counted).
    /// - Parameter events: rejected rows and progress, as they come.
    /// - Returns: one row per place with incidents in the 56 weeks up to that date, in place order, with the
    ///   date and the scan's summary.
    /// - Throws: the input's read errors; for a grid, those of loading GeoData's countries (which label the
    ///   cells).
    public func run(_ events: ScanEvents = ScanEvents()) throws -> TrendsAnswer {
        var daily: [Int: [Int: Int]] = [:]
        var last: Int?
        let summary = try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
            guard let day = s.incident.date?.daysSinceEpoch, let place = places.place(of: s) else { return }
            daily[place, default: [:]][day, default: 0] += 1
            if last.map({ day > $0 }) ?? true { last = day }
        }
        let geodata = request.geodata
        if let renumbering = try places.finish(countries: RegionSet.load(.admin0, geodata: geodata.location(), context: context), context: context) {
            daily = renumbering.rekeyed(daily, place: \.self) { $0.merge($1, uniquingKeysWith: +) }
        }
        let asOf = request.asOf ?? last.map(CivilDate.init(daysSinceEpoch:))
        // The data begin on their first day, or later where the date filter starts later: weeks before that
        // were not counted, and a baseline reaching into them is insufficient.
        let firstDay = [summary.firstDay, request.input.filter.from?.daysSinceEpoch].compactMap { $0 }.max()
        let rows = asOf.map { SurgeAlerts.rows(daily: daily, asOf: $0.daysSinceEpoch, thresholds: request.thresholds, firstDay: firstDay) } ?? []
        return TrendsAnswer(request: request, summary: summary, regions: places.regions, asOf: asOf, rows: rows,
                            firstDay: firstDay.map(CivilDate.init(daysSinceEpoch:)))
    }
}
