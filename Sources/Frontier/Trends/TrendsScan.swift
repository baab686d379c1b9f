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

    /// What a scan counted: incidents per place and day, and the last day counted.
    private struct Counted {
        var daily: [Int: [Int: Int]]
        var last: Int?
        var summary: ScanSummary
    }

    /// Reads the input once, counts the incidents per place and day, and computes each place's alerts at
    /// the request's date (else the last date counted).
    /// - Parameter events: rejected rows and progress, as they come.
    /// - Returns: one row per place with incidents in the 56 weeks up to that date, in place order, with the
    ///   date and the scan's summary.
    /// - Throws: the input's read errors; for a grid, those of loading GeoData's countries (which label the
    ///   cells).
    public func run(_ events: ScanEvents = ScanEvents()) throws -> TrendsAnswer {
        try answer(try count(events))
    }

    /// Reads the input once and counts, leaving the alerts to be computed once the other parts of a larger
    /// input are counted too (`finish(_:)` of the parts added together: `PartialCounts.adding`).
    /// - Returns: the incidents per place and day (a cell's window is its day), and the scan's summary.
    /// - Throws: the input's read errors.
    public func partial(_ events: ScanEvents = ScanEvents()) throws -> PartialCounts {
        let counted = try count(events)
        let cells = counted.daily.flatMap { place, days in
            days.map { day, n in
                PartialCounts.Cell(place: places.partialPlace(place), window: day, counts: Aggregation.Counts(events: n), firstDay: day, lastDay: day)
            }
        }
        return PartialCounts(cells: cells, summary: counted.summary)
    }

    /// The alerts from the counts of every part of the input, added together (`PartialCounts.adding`), by
    /// the same rules `run` applies to one scan's counts.
    /// - Throws: `FrontierError.invalid` for a cell naming a place the request's regions do not hold, or one
    ///   no count of this request could have made (`PartialCounts.check`); as `run`.
    public func finish(_ whole: PartialCounts) throws -> TrendsAnswer {
        try whole.check(PartialCounts.Shape(window: .day, years: request.input.years, keepsDays: true))
        var daily: [Int: [Int: Int]] = [:]
        var last: Int?
        for cell in whole.cells {
            guard let place = try places.place(of: cell.place) else { continue }
            daily[place, default: [:]][cell.window, default: 0] += cell.counts.events
            if last.map({ cell.window > $0 }) ?? true { last = cell.window }
        }
        return try answer(Counted(daily: daily, last: last, summary: whole.summary))
    }

    /// Reads the input once, counting the incidents in a place per place and day.
    private func count(_ events: ScanEvents) throws -> Counted {
        var daily: [Int: [Int: Int]] = [:]
        var last: Int?
        let summary = try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
            guard let day = s.incident.date?.daysSinceEpoch, let place = places.place(of: s) else { return }
            daily[place, default: [:]][day, default: 0] += 1
            if last.map({ day > $0 }) ?? true { last = day }
        }
        return Counted(daily: daily, last: last, summary: summary)
    }

    /// The alerts over what was counted (a grid's cells made regions).
    private func answer(_ counted: Counted) throws -> TrendsAnswer {
        var daily = counted.daily
        let summary = counted.summary
        let geodata = request.geodata
        if let renumbering = try places.finish(countries: RegionSet.load(.admin0, geodata: geodata.location(), context: context), context: context) {
            daily = renumbering.rekeyed(daily, place: \.self) { $0.merge($1, uniquingKeysWith: +) }
        }
        let asOf = request.asOf ?? counted.last.map(CivilDate.init(daysSinceEpoch:))
        // The data begin on their first day, or later where the date filter starts later: weeks before that
        // were not counted, and a baseline reaching into them is insufficient.
        let firstDay = [summary.firstDay, request.input.filter.from?.daysSinceEpoch].compactMap { $0 }.max()
        let rows = asOf.map { SurgeAlerts.rows(daily: daily, asOf: $0.daysSinceEpoch, thresholds: request.thresholds, firstDay: firstDay) } ?? []
        return TrendsAnswer(request: request, summary: summary, regions: places.regions, asOf: asOf, rows: rows,
                            firstDay: firstDay.map(CivilDate.init(daysSinceEpoch:)))
    }
}
