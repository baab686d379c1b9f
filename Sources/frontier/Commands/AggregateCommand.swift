import ArgumentParser
import Foundation
import Frontier

struct AggregateCommand: EngineCommand, ReadsGeoData, WritesCSV {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Count incidents and fatalities per region and time window.",
        discussion: """
        One row per region × window: region_id, region_country, region_name, window_start, window_end, events, \
        fatalities (+ the --split field), sorted by region_id then window_start. Windows are whole calendar \
        windows, both ends inclusive: day; week (ISO weeks start on Monday; --week-start saturday gives ACLED's \
        weeks); month; quarter; year; all (one window from the first to the last date of the data, or \
        --from/--to); or Nd, N-day windows anchored at 1970-01-01 or at --anchor. --from/--to (inclusive) \
        filter incidents by date; they do not clip windows. A window the data (or --from/--to) covers only in \
        part is flagged: a notice on stderr, and a partial column (true/false) with --partial, which is on \
        with quarter, year, all and --compare. --fill gives every region a complete series over the period \
        of the data, zero rows included, ready to chart.

        --region Badakhshan --region Khatlon counts only the incidents located in those regions (id, unique \
        name or alias; repeatable, any of them); with --fill, exactly their series, zeros included even for \
        a region with no incident. With --near, --fill lists only the regions the zone reaches: those with \
        a point within --within of the border (the geodesic rule each incident is kept by), on the sides kept \
        (--near AFG-TJK --within 50km --fill: AFG's and TJK's 10 provinces, not all 142); with a grid, the \
        cells that hold incidents, as always. --where FIELD=VALUE matches without regard to case, accents or \
        punctuation; repeated on one field it means any of the values, on different fields all of them; it \
        may name region_id, region_country or region_name (the located region).

        --compare previous adds events_prev, fatalities_prev and change_pct (against the window before; \
        empty when that had no incident, all three empty when the window before lies outside the data read), \
        and a row for a window that fell to zero. With --from, the window \
        holding --from is the first shown (counted from --from) and the window before it is read whole for \
        the comparison. --sort events|change|region orders the rows (most first; for change, rises from \
        none first), --top N keeps the first N. The partial column is in csv, json and table output.

        Each incident is located as in `join` (covers, then the smallest region_id on shared edges); \
        incidents outside every region are counted in one `unmatched` line on stderr (and as a row with an \
        empty region with --include-unmatched). --split event_type adds a column, as ACLED's weekly files are \
        split; --near AFG-TJK --within 25km counts only incidents within that geodesic distance of the \
        border, inside its two countries unless --side or --any-country; --within 10km,25km adds a band_km \
        column (the nearest band holding the incident). Rows are read, validated and filtered as in `join` \
        (the same field flags, --where, --rejects, --strict, --mismatches). From a PostGIS table \
        (postgresql://…?table=…), the server locates and counts the incidents in the bundled regions it holds \
        (`frontier db init`) and sends one row per region, day and value read; Frontier makes the windows. \
        The answer is the same byte for byte.

        Examples:
          frontier aggregate GeoData/incidents-reported.csv --window month
          frontier aggregate GeoData/incidents-reported.csv --window week --fill
          frontier aggregate GeoData/incidents-reported.csv --window 14d
          frontier aggregate GeoData/incidents-reported.csv --window month --region Badakhshan --region Khatlon --fill
          frontier aggregate GeoData/incidents-reported.csv --window year --compare previous --sort change --top 5
          frontier aggregate GeoData/incidents-reported.csv --window all --near AFG-TJK --within 10km,25km,50km
          frontier aggregate GeoData/incidents-reported.csv --window month --near AFG-TJK --within 50km --side TJK --fill
        """
    )

    enum Comparison: String, ExpressibleByArgument { case previous }

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var choice: RegionChoiceOptions

    @Option(help: "day, week, month, quarter, year, all or Nd (e.g. 14d).")
    var window: String

    @Option(help: "First day of a week: monday (ISO, default), saturday (ACLED) or sunday.")
    var weekStart: String = "monday"

    @Option(help: ArgumentHelp("Anchor date of Nd windows (default 1970-01-01).", valueName: "date"))
    var anchor: String?

    @OptionGroup var filters: IncidentFilterOptions

    @Flag(help: "Emit zero rows so every region (or each --region) has every window of the data's period; with --near, only the regions the zone reaches on the sides kept (e.g. --near AFG-TJK --within 50km --fill: AFG's and TJK's 10 provinces within 50 km).")
    var fill = false

    @Flag(help: "Add a partial column: true when the data or --from/--to cover only part of the window.")
    var partial = false

    @Option(help: ArgumentHelp("previous: add events_prev, fatalities_prev and change_pct against the window before.", valueName: "previous"))
    var compare: Comparison?

    @Option(help: ArgumentHelp("Order of the rows: region (default), events (most first) or change (a rise from none first, then the largest rise).", valueName: "order"))
    var sort: String = "region"

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep only the first N rows (after --sort).", valueName: "n"))
    var top: Int?

    @Option(help: ArgumentHelp("Also group by this input column (e.g. event_type).", valueName: "field"))
    var split: String?

    @Flag(help: "Add a row with an empty region for incidents outside every region.")
    var includeUnmatched = false

    @OptionGroup var nearBorder: NearBorderOptions

    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    @OptionGroup var output: OutputOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { input.files + regionOptions.files + output.files }

    func validate() throws {
        let windows: TimeWindow
        do { windows = try TimeWindow(parsing: window, weekStart: weekStart) } catch let error as FrontierError { throw ValidationError(Self.message(error)) }
        if let anchor { _ = try IncidentFilterOptions.date(anchor) }
        guard let order = Aggregation.Order(rawValue: sort) else { throw ValidationError("--sort takes region, events or change, not '\(sort)'") }
        if order == .change && compare == nil { throw ValidationError("--sort change needs --compare previous") }
        if compare != nil && !windows.hasPrevious { throw ValidationError("--window all has no window before it to compare with") }
        if let top, top < 1 { throw ValidationError("--top takes a whole number ≥ 1: \(top)") }
        if output.resolvedFormat == .geojsonl { throw ValidationError("aggregate writes csv, table, json or geojson") }
        if output.resolvedFormat == .geojson {
            if split != nil { throw ValidationError("--split has no GeoJSON form: use csv or json") }
            if compare != nil { throw ValidationError("--compare has no GeoJSON form: use csv or json") }
            if sort != "region" || top != nil { throw ValidationError("--sort and --top order rows; GeoJSON has one feature per region: use csv or json") }
            if let within = nearBorder.within, (try? Distance.list(parsing: within).count) ?? 1 > 1 {
                throw ValidationError("distance bands have no GeoJSON form: use csv or json, or one --within")
            }
        }
    }

    /// The engine's request these flags ask.
    private func request() throws -> AggregateRequest {
        var query = input.query
        query.filter = filters.filter
        return AggregateRequest(
            input: query, places: try regionOptions.places, chosen: choice.chosen, geodata: geodata.choice,
            window: try TimeWindow(parsing: window, weekStart: weekStart, anchor: anchor.map(IncidentFilterOptions.date)),
            fill: fill, partialColumn: partial ? true : nil, comparesPrevious: compare != nil,
            order: Aggregation.Order(rawValue: sort) ?? .region, top: top, split: split, includeUnmatched: includeUnmatched,
            near: try nearBorder.request, listsMismatches: input.mismatches != nil)
    }

    func execute() throws {
        let aggregate = try request().open()
        aggregate.notices.forEach(Diagnostics.note)
        let report = try ScanReport(scan: aggregate.scan, input: input, countsFatalities: true, checksMismatches: regionOptions.isBundled)
        let progress = ProgressLine(totalBytes: aggregate.scan.totalBytes)
        let answer = try aggregate.run(report.events(progress: progress))
        progress.finish()
        if let note = partlyCovered(answer) { Diagnostics.note(note) }
        try output.emit(output.resolvedFormat == .geojson ? answer.choropleth() : answer.table)
        // With --compare and --from/--to, the window before the first shown was read only to compare with.
        let counted = answer.countedBefore.map { "counted \(answer.counted) incidents (and \($0) in the window before, to compare)" }
            ?? "counted \(answer.counted) incidents"
        try report.finish(answer.summary, line: report.counts(answer.summary, locates: true) + "; \(counted) in \(answer.rows.count) rows")
    }

    /// The notice for windows counted over fewer days than they hold, naming the first three.
    private func partlyCovered(_ answer: AggregateAnswer) -> String? {
        let partial = answer.partialWindows
        guard !partial.isEmpty, let coverage = answer.coverage else { return nil }
        let list = partial.prefix(3).map { "\($0.start)..\($0.end)" }.joined(separator: ", ") + (partial.count > 3 ? ", …" : "")
        let days = "\(CivilDate(daysSinceEpoch: coverage.days.lowerBound))..\(CivilDate(daysSinceEpoch: coverage.days.upperBound))"
        return "partly covered: \(partial.count) window\(partial.count == 1 ? "" : "s") (\(list)) counted over fewer days than they hold: "
            + "the data\(filters.from != nil || filters.to != nil ? " or --from/--to" : "") cover \(days)"
            + (answer.request.hasPartialColumn ? "" : "; --partial marks them")
    }
}
