import ArgumentParser
import Foundation
import Frontier

struct AggregateCommand: EngineCommand, ReadsGeoData, WritesCSV, WritesRows {
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

        --region Badakhshan --region Khatlon counts only the incidents located in those regions (id, ISO \
        3166-2 code such as PK-KP, unique name or alias, old names included: F.A.T.A. is Khyber Pakhtunkhwa; \
        repeatable, any of them); with --fill, exactly their series, zeros included even for \
        a region with no incident. With --near, --fill lists only the regions the zone reaches: those with \
        a point within --within of the border (the geodesic rule each incident is kept by), on the sides kept \
        (--near AFG-TJK --within 50km --fill: AFG's and TJK's 10 provinces, not all 141); with a grid, the \
        cells that hold incidents, as always. --where FIELD=VALUE matches without regard to case, accents or \
        punctuation; repeated on one field it means any of the values, on different fields all of them; it \
        may name region_id, region_country, region_name or region_code (the located region). --region-code \
        adds region_code after region_name.

        Several inputs (aggregate acled.csv ucdp.csv …) are counted together, each read with its own layout \
        (a UCDP header is recognised) and its own id check: an id repeats only within one input. --split \
        source counts each input apart under its file name (or --source-name, given once per input in \
        order), to compare the sources. An incident both report counts twice unless --dedupe 10km,1d: the pairs \
        frontier match finds between two inputs count once, as the first input's incident, with the higher \
        fatalities of the two (--dedupe-fatalities a, b, max or min). \
        Each input's rows and rejections are summed up on its own line; --rejects and --mismatches take one \
        input. --split cross_border counts by whether an actor is from across the border (--near's, else \
        from any other country than the incident's), as near --attribution says it.

        --compare previous adds events_prev, fatalities_prev, change_pct, change and fatalities_change_pct \
        against the window before, and a row for a window that fell to zero: change is events minus \
        events_prev; a percentage is `new` for a rise from no events (or no fatalities) and empty from none to \
        none; all five are empty when the window compared with lies outside the data read (nothing is known \
        of it). --compare previous-year compares each window with the same window a year before, for \
        seasonal activity: the same month, quarter, year or date (29 February with 28 February); for weeks, \
        the week 52 weeks (364 days) before, which starts on the same weekday and always exists, where an ISO \
        week 53 would have no twin; N-day windows only when N divides 365 (365/N windows before). With --from, \
        the window holding --from is the first shown (counted from --from) and the window compared with is \
        read whole. --sort events|change|region orders the rows (most first; for change, rises from \
        none first), --top N keeps the first N. The partial column is in csv, json and table output.

        --date-precision says how an incident dated by a range of days is counted: UCDP's date_start..date_end \
        (date_prec only classifies the range's length), or ACLED's time_precision (1 the day, 2 the ISO week, \
        Monday to Sunday, holding event_date, 3 the calendar month holding it). start (default) counts it in \
        the window of its first day; exclude leaves it out when its range spans more than one window; spread \
        gives each day of the range an equal share of the incident and of its fatalities, each share counted \
        in its day's window: events and fatalities are then fractions (0.5, 0.3333: rounded to 4 decimals) \
        wherever a share falls. An event of 2025-01-30..2025-02-02 counts 0.5 in January and 0.5 in February. \
        A closing line says how many counted incidents span more than one window and what became of them. \
        --from/--to choose incidents by their first day.

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
          frontier aggregate GeoData/incidents-reported.csv --window month --region TJ-KT --region-code
          frontier aggregate GeoData/incidents-reported.csv --window week --fill
          frontier aggregate GeoData/incidents-reported.csv --window 14d
          frontier aggregate GeoData/incidents-reported.csv --window month --region Badakhshan --region Khatlon --fill
          frontier aggregate GeoData/incidents-reported.csv --window year --compare previous --sort change --top 5
          frontier aggregate GeoData/incidents-reported.csv --window month --compare previous-year --from 2026-01-01
          frontier aggregate GeoData/incidents-reported.csv --window all --near AFG-TJK --within 10km,25km,50km
          frontier aggregate GeoData/incidents-reported.csv --window month --date-precision spread
          frontier aggregate GeoData/incidents-reported.csv --window month --near AFG-TJK --within 50km --side TJK --fill
        """
    )

    enum Comparison: String, ExpressibleByArgument {
        case previous
        case previousYear = "previous-year"
    }

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var several: SeveralInputsOptions
    @OptionGroup var stores: StoreSourceOptions
    @Option(help: ArgumentHelp("With two inputs: count each event both report once, pairs as frontier match finds them within DISTANCE,DAYS (e.g. 10km,1d).",
                               valueName: "distance,days"))
    var dedupe: String?
    @Option(help: ArgumentHelp("With --dedupe: whose fatalities a pair counts: a, b, max (default) or min.", valueName: "which"))
    var dedupeFatalities: Dedupe.Fatalities?
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var choice: RegionChoiceOptions
    @OptionGroup var codes: RegionCodeOption

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

    @Option(help: ArgumentHelp("previous (the window before) or previous-year (the same window a year before): add events_prev, fatalities_prev, "
                               + "change_pct, change and fatalities_change_pct (e.g. --window month --compare previous-year).", valueName: "previous|previous-year"))
    var compare: Comparison?

    @Option(help: ArgumentHelp("How an incident dated by a range of days (date_end, time_precision) counts: start (its first day's window), "
                               + "exclude (left out when it spans windows) or spread (shared evenly over its days), e.g. --date-precision spread.",
                               valueName: "start|exclude|spread"))
    var datePrecision: DatePrecisionChoice = .start

    @Option(help: ArgumentHelp("Order of the rows: region (default), events (most first) or change (a rise from none first, then the largest rise).", valueName: "order"))
    var sort: String = "region"

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep only the first N rows (after --sort).", valueName: "n"))
    var top: Int?

    @Option(help: ArgumentHelp("Also group by this input column (e.g. event_type); by source, each of several inputs; by cross_border, whether an actor is from across the border.",
                               valueName: "field"))
    var split: String?

    @Flag(help: "Add a row with an empty region for incidents outside every region.")
    var includeUnmatched = false

    @OptionGroup var nearBorder: NearBorderOptions

    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    @OptionGroup var output: OutputOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { several.files(input) + regionOptions.files + output.files }

    func validate() throws {
        try several.check(input)
        if dedupe != nil || dedupeFatalities != nil {
            guard dedupe != nil else { throw ValidationError("--dedupe-fatalities goes with --dedupe") }
            let count = several.paths(input).count
            // One store may hold both sources: the engine counts them once it has opened it.
            guard count == 2 || (count == 1 && input.format == .gpkg) else {
                throw ValidationError("--dedupe pairs the events of two inputs: give exactly two (got \(count))")
            }
            if several.paths(input).contains("-") { throw ValidationError("--dedupe reads each input twice: give files, not standard input") }
            _ = try dedupeRule()
        }
        let windows: TimeWindow
        do { windows = try TimeWindow(parsing: window, weekStart: weekStart) } catch let error as FrontierError { throw ValidationError(Self.message(error)) }
        if let anchor { _ = try IncidentFilterOptions.date(anchor) }
        guard let order = Aggregation.Order(rawValue: sort) else { throw ValidationError("--sort takes region, events or change, not '\(sort)'") }
        if order == .change && compare == nil { throw ValidationError("--sort change needs --compare previous") }
        if compare != nil && !windows.hasPrevious { throw ValidationError("--window all has no window before it to compare with") }
        if compare == .previousYear, case .days(let n, _) = windows, 365 % n != 0 { throw ValidationError(Self.message(.yearComparisonOfDays(n))) }
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
        var query = stores.applied(to: input.query)
        query.filter = filters.filter
        var request = AggregateRequest(
            input: query, places: try regionOptions.places, chosen: choice.chosen, geodata: geodata.choice,
            window: try TimeWindow(parsing: window, weekStart: weekStart, anchor: anchor.map(IncidentFilterOptions.date)),
            fill: fill, partialColumn: partial ? true : nil, comparesPrevious: compare != nil,
            order: Aggregation.Order(rawValue: sort) ?? .region, top: top, split: split, includeUnmatched: includeUnmatched,
            near: try nearBorder.request, listsMismatches: input.mismatches != nil,
            comparison: compare.flatMap { WindowComparison(rawValue: $0.rawValue) } ?? .previous,
            datePrecision: DatePrecision(rawValue: datePrecision.rawValue) ?? .start)
        request.regionCode = codes.regionCode
        return request
    }

    func execute() throws {
        let sources = try several.sources(input, stores)
        if sources.count > 1 { return try executeSources(sources) }
        if dedupe != nil { throw UsageError("--dedupe pairs the events of two inputs: \(MessageText.escaped(input.incidents)) holds one source") }
        let aggregate = try request().open()
        aggregate.notices.forEach(Diagnostics.note)
        let report = try ScanReport(scan: aggregate.scan, input: input, countsFatalities: true, checksMismatches: regionOptions.isBundled)
        let progress = ProgressLine(totalBytes: aggregate.scan.totalBytes)
        let answer = try aggregate.run(report.events(progress: progress))
        progress.finish()
        if let note = partlyCovered(answer) { Diagnostics.note(note) }
        if let note = DatePrecisionChoice.note(answer.dateRanges, asked: answer.request.datePrecision) { Diagnostics.note(note) }
        try output.emit(output.resolvedFormat == .geojson ? answer.choropleth() : answer.table)
        // With --compare and --from/--to, the window before the first shown was read only to compare with.
        let before = answer.request.comparison == .previousYear ? "in the year before, read to compare" : "in the window before, to compare"
        let counted = answer.countedBefore.map { "counted \(answer.counted) incidents (and \($0) \(before))" }
            ?? "counted \(answer.counted) incidents"
        try report.finish(answer.summary, line: report.counts(answer.summary, locates: true) + "; \(counted) in \(answer.rows.count) rows")
    }

    /// Several inputs counted together: each one's notices, rejections and summary line, then the total.
    private func executeSources(_ sources: [NamedInput]) throws {
        let names = sources.map(\.name)
        let counting = try request().open(sources: sources, dedupe: try dedupeRule())
        counting.scans.forEach { $0.notices.forEach(Diagnostics.note) }
        let reports = try counting.scans.map { try ScanReport(scan: $0.scan, input: input, countsFatalities: true, checksMismatches: false) }
        let (answer, summaries) = try counting.run { reports[$0].events() }
        if let note = partlyCovered(answer) { Diagnostics.note(note) }
        if let note = DatePrecisionChoice.note(answer.dateRanges, asked: answer.request.datePrecision) { Diagnostics.note(note) }
        try output.emit(output.resolvedFormat == .geojson ? answer.choropleth() : answer.table)
        let once = dedupe == nil ? "" : "; \(counting.deduplicated) events both report counted once (as \(MessageText.escaped(names[0]))'s)"
        let failure = SeveralInputsOptions.finish(reports, summaries: summaries, names: names)
        Diagnostics.note("counted \(answer.counted) incidents of \(sources.count) inputs in \(answer.rows.count) rows" + once)
        if let failure { throw failure }
    }

    /// --dedupe's DISTANCE,DAYS (`10km,1d`; the days as `1d` or `1`) as the engine's rule.
    private func dedupeRule() throws -> Dedupe? {
        guard let dedupe else { return nil }
        let parts = dedupe.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let distance = try? Distance(parsing: parts[0]), distance.metres > 0,
              let days = Int(parts[1].hasSuffix("d") ? String(parts[1].dropLast()) : parts[1]), (0...366).contains(days) else {
            throw ValidationError("--dedupe takes a distance above 0 and 0 to 366 days, as 10km,1d: not '\(MessageText.escaped(dedupe))'")
        }
        return Dedupe(within: distance, days: days, fatalities: dedupeFatalities ?? .max)
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

extension Dedupe.Fatalities: ExpressibleByArgument {}
