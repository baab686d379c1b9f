import ArgumentParser
import Foundation
import Frontier

struct HotspotsCommand: EngineCommand, ReadsGeoData, WritesCSV, WritesRows {
    static let configuration = CommandConfiguration(
        commandName: "hotspots",
        abstract: "Where it is getting worse: Emerging Hot Spot Analysis (Gi* per cell and window, trends, 17 patterns).",
        discussion: """
        Builds the space-time cube of incident counts (--value fatalities to weigh by fatalities) over the \
        locations that hold at least one incident in the period (cells of --regions grid:10km, PRIO-GRID \
        cells with --regions priogrid, or regions) and every window from --from to --to (or the data's \
        first to last date), empty windows included. A bin's neighbours are the locations whose centres lie \
        within --distance of its own (geodesic, itself included) in the same window and the --time-lag \
        windows before; weights are binary. Getis-Ord Gi* z uses the mean and population standard deviation \
        of all bins; p is two-sided normal; significance is corrected for multiple testing with the false \
        discovery rate (Benjamini-Hochberg), as ArcGIS does, and reported as bin -3..3 (99/95/90% cold..hot, \
        0 not significant).

        One row per bin: region_id, window_start, window_end, events, gi_z, gi_p, bin. With --summary, one \
        row per location: region_id, region_country (of the cell's centre), pattern, trend_z, trend_p \
        (Mann-Kendall on its z-series, tie-corrected, continuity-corrected), hot_windows, cold_windows. \
        pattern is one of ArcGIS's 17 Emerging Hot Spot classes (New, Consecutive, Intensifying, Persistent, \
        Diminishing, Sporadic, Oscillating, Historical hot or cold spot; No Pattern Detected): "90%" means \
        at least 90% of the windows significant at --alpha (default 0.05), a trend is significant at --alpha \
        too.

        --date-precision exclude leaves out incidents dated by a range of days (UCDP's date_start..date_end, \
        ACLED's time_precision 2 = the ISO week, 3 = the month of event_date) that spans more than one \
        window; start (default) counts each in the window of its first day. A closing line says how many \
        span windows. spread is for aggregate: bins hold whole incidents.

        --near AFG-TJK --within 50km analyses only the incidents within that geodesic distance of the border, \
        inside its two countries unless --side or --any-country; --region Badakhshan (repeatable) only those \
        located in the named regions: the same incidents as `aggregate` counts with those flags, and the \
        same answer as `frontier near … --border AFG-TJK --within 50km | frontier hotspots - …`.

        --format geojson (or --out h.geojson) writes a FeatureCollection for a map of the patterns: one \
        Feature per location with its polygon (the grid cell's outline or the region's polygon) and the \
        --summary columns as properties (region_id, region_country, pattern, trend_z, trend_p, hot_windows, \
        cold_windows). Several inputs (hotspots a.csv b.csv) are counted into one cube, each with its own \
        layout and id check.

        Examples:
          frontier hotspots GeoData/incidents-reported.csv --regions grid:50km --window month --distance 100km
          frontier hotspots GeoData/incidents-reported.csv --regions priogrid --window month --distance 60km --summary
          frontier hotspots GeoData/incidents-reported.csv --regions admin1 --window week --distance 300km --time-lag 0
          frontier hotspots GeoData/incidents-reported.csv --regions admin1 --window month --distance 300km --date-precision exclude
          frontier hotspots GeoData/incidents-reported.csv --near AFG-TJK --within 50km --side TJK --regions grid:10km --distance 15km --summary
          frontier hotspots GeoData/incidents-reported.csv --near AFG-TJK --within 50km --distance 300km --out hotspots.geojson
        """
    )

    enum Value: String, ExpressibleByArgument { case events, fatalities }

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var several: SeveralInputsOptions
    @OptionGroup var stores: StoreSourceOptions
    @OptionGroup var regionOptions: RegionOptions

    @Option(help: "day, week, month, quarter, year or Nd: the cube's time step.")
    var window: String = "month"

    @Option(help: "First day of a week: monday (ISO, default), saturday (ACLED) or sunday.")
    var weekStart: String = "monday"

    @Option(parsing: .unconditional, help: ArgumentHelp("Neighbourhood: locations whose centres lie within this geodesic distance (e.g. 15km).", valueName: "distance"))
    var distance: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Windows before a bin that are part of its neighbourhood (0: space only).", valueName: "n"))
    var timeLag = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Significance level for hot and cold bins and for trends: 0.10, 0.05 or 0.01.", valueName: "alpha"))
    var alpha = 0.05

    @Option(help: "events (counts, default) or fatalities: what the cube holds.")
    var value: Value = .events

    @Flag(help: "One row per location (pattern and trend) instead of one per bin.")
    var summary = false

    @Option(help: ArgumentHelp("How an incident dated by a range of days counts: start (its first day's window) or exclude (left out when "
                               + "its range spans windows), e.g. --date-precision exclude.", valueName: "start|exclude"))
    var datePrecision: DatePrecisionChoice = .start

    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var choice: RegionChoiceOptions
    @OptionGroup var nearBorder: NearBorderOptions
    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    @OptionGroup var output: OutputOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { several.files(input) + regionOptions.files + output.files }

    func validate() throws {
        try several.check(input)
        do { try request().validate() } catch FrontierError.request(let problem) { throw ValidationError(Self.message(problem)) }
        if output.resolvedFormat == .geojsonl { throw ValidationError("hotspots writes csv, table, json or geojson") }
        try nearBorder.validateOneDistance()
    }

    /// The engine's request these flags ask; a window or distance that does not parse is a usage error.
    private func request() throws -> HotspotsRequest {
        var query = stores.applied(to: input.query)
        query.filter = filters.filter
        let windows: TimeWindow, radius: Distance
        do { windows = try TimeWindow(parsing: window, weekStart: weekStart) } catch let error as FrontierError { throw ValidationError(Self.message(error)) }
        do { radius = try Distance(parsing: distance) } catch let error as FrontierError { throw ValidationError("--distance: \(error)") }
        return HotspotsRequest(input: query, places: try regionOptions.places, geodata: geodata.choice, window: windows, distance: radius,
                               timeLag: timeLag, alpha: alpha, value: HotspotsValue(rawValue: value.rawValue) ?? .events,
                               rows: summary ? .summary : .bins, datePrecision: DatePrecision(rawValue: datePrecision.rawValue) ?? .start,
                               near: try nearBorder.request, chosen: choice.chosen)
    }

    func execute() throws {
        let sources = try several.sources(input, stores)
        if sources.count > 1 { return try executeSources(sources) }
        let hotspots = try request().open()
        hotspots.notices.forEach(Diagnostics.note)
        let report = try ScanReport(scan: hotspots.scan, input: input, countsFatalities: value == .fatalities, checksMismatches: false)
        let answer = try hotspots.run(report.events())
        let counts = report.counts(answer.summary, locates: answer.request.places.grid == nil)
        try write(answer)
        try report.finish(answer.summary, line: counts + "; " + (answer.analysis == nil ? "no incidents to analyse" : cube(answer)))
    }

    /// Several inputs analysed together: each one's notices, rejections and summary line, then the cube's.
    private func executeSources(_ sources: [NamedInput]) throws {
        let counting = try request().open(sources: sources)
        counting.scans.forEach { $0.notices.forEach(Diagnostics.note) }
        let reports = try counting.scans.map {
            try ScanReport(scan: $0.scan, input: input, countsFatalities: value == .fatalities, checksMismatches: false)
        }
        let (answer, summaries) = try counting.run { reports[$0].events() }
        try write(answer)
        let failure = SeveralInputsOptions.finish(reports, summaries: summaries, names: counting.sources.map(\.name))
        Diagnostics.note("read \(summaries.count) inputs; " + (answer.analysis == nil ? "no incidents to analyse" : cube(answer)))
        if let failure { throw failure }
    }

    /// The answer as asked: GeoJSON features (an empty collection when there is nothing to analyse: one
    /// file a map opens), else the records.
    private func write(_ answer: HotspotsAnswer) throws {
        if let note = DatePrecisionChoice.note(answer.dateRanges, asked: answer.request.datePrecision, spreads: false) { Diagnostics.note(note) }
        if output.resolvedFormat == .geojson { return try output.emit(answer.features()) }
        guard answer.analysis != nil else { return }
        let out = try RecordOutput(output, columns: answer.columns)
        for record in answer.records { try out.write(record) }
        try out.finish()
    }

    /// What the summary line says of the cube: its size, the incidents left out, the patterns found.
    private func cube(_ answer: HotspotsAnswer) -> String {
        let place = answer.request.places.grid == nil ? "region" : "cell"
        let left = answer.outside > 0 ? " (\(answer.outside) incidents outside every \(place) left out)" : ""
        return "a cube of \(answer.locationRegions.count) locations × \(answer.cube?.steps ?? 0) windows\(left): \(answer.hot) hot and \(answer.cold) cold patterns"
    }
}
