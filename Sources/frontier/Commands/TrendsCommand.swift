import ArgumentParser
import Foundation
import Frontier

struct TrendsCommand: EngineCommand, ReadsGeoData, WritesCSV, WritesRows {
    static let configuration = CommandConfiguration(
        commandName: "trends",
        abstract: "Surge, rising-threat and volatility alerts per region, as ACLED's early-warning trends.",
        discussion: """
        At the end of the data (or --as-of DATE), per region with incidents in the 56 weeks before: weeks are \
        the seven days ending on that date and each seven days before it. events_week is the latest week; \
        avg_4w the weekly average of the four weeks before it; surge is true when events_week is at least \
        --surge-ratio (default 2, i.e. 100% above) times avg_4w. events_month_weekly is the weekly average of \
        the latest four weeks, avg_12m_weekly that of the 52 weeks before them; rising is true when the first \
        is at least --rising-ratio (default 2) times the second. Both only where avg_4w is at least \
        --min-average (default 1 event). volatile_weeks counts the weeks of the latest 52 at least \
        --volatility-sd (default 2) population standard deviations above their mean that hold at least \
        --volatile-min-events (default 3) events: over sparse data a single incident is many standard \
        deviations above a mean of nearly nothing, and one incident is not volatility. Columns: region_id, \
        region_country, region_name, as_of, events_week, avg_4w, surge, events_month_weekly, avg_12m_weekly, \
        rising, volatile_weeks (--region-code adds region_code after region_name). Incidents are read, \
        filtered and located as in `aggregate`; several inputs (trends a.csv b.csv) are counted together, each \
        with its own layout and id check.

        A baseline that reaches before the data's first day (or --from, when later) holds weeks nobody \
        counted, not quiet ones: surge is empty when the four weeks before the latest do (the date is less \
        than 34 days after the data's first), rising is empty when the 52 weeks before the latest four do \
        (less than 391 days after), and a notice says how many regions that left empty and from which \
        --as-of date each baseline is complete.

        --near AFG-TJK --within 50km alerts only on the incidents within that geodesic distance of the \
        border, inside its two countries unless --side or --any-country; --region Khatlon (repeatable) only \
        on those located in the named regions: the same incidents as `aggregate` counts with those flags, \
        and the same answer as `frontier near … --border AFG-TJK --within 50km | frontier trends - …`.

        Examples:
          frontier trends GeoData/incidents-reported.csv
          frontier trends GeoData/incidents-reported.csv --as-of 2026-01-31 --regions admin0
          frontier trends GeoData/incidents-reported.csv --surge-ratio 1.5 --min-average 0.5
          frontier trends GeoData/incidents-reported.csv --volatile-min-events 1
          frontier trends GeoData/incidents-reported.csv --near AFG-TJK --within 50km --side TJK
        """
    )

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var several: SeveralInputsOptions
    @OptionGroup var stores: StoreSourceOptions
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var codes: RegionCodeOption

    @Option(help: ArgumentHelp("The date the alerts are for (default: the last date in the data).", valueName: "date"))
    var asOf: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Surge: the latest week at least this many times the four-week average (2 = 100% above).", valueName: "ratio"))
    var surgeRatio = 2.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Rising: the latest month's weekly average at least this many times the previous twelve months'.", valueName: "ratio"))
    var risingRatio = 2.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Surge and rising only where the four-week average is at least this many events.", valueName: "events"))
    var minAverage = 1.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Volatility: weeks at least this many standard deviations above the year's weekly mean.", valueName: "sd"))
    var volatilitySd = 2.0

    @Option(parsing: .unconditional, help: ArgumentHelp("Volatility: only weeks with at least this many events count (e.g. --volatile-min-events 5).", valueName: "n"))
    var volatileMinEvents = 3

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
        if let asOf { _ = try IncidentFilterOptions.date(asOf) }
        do { try request().validate() } catch FrontierError.request(let problem) { throw ValidationError(Self.message(problem)) }
        if output.resolvedFormat == .geojson || output.resolvedFormat == .geojsonl { throw ValidationError("trends writes csv, table or json") }
        try nearBorder.validateOneDistance()
    }

    /// The engine's request these flags ask.
    private func request() throws -> TrendsRequest {
        var query = stores.applied(to: input.query)
        query.filter = filters.filter
        var request = TrendsRequest(input: query, places: try regionOptions.places, geodata: geodata.choice, asOf: try asOf.map(IncidentFilterOptions.date),
                                    thresholds: SurgeAlerts.Thresholds(surgeRatio: surgeRatio, risingRatio: risingRatio, minimumAverage: minAverage,
                                                                       volatilitySD: volatilitySd, volatileMinimumEvents: volatileMinEvents),
                                    near: try nearBorder.request, chosen: choice.chosen)
        request.regionCode = codes.regionCode
        return request
    }

    func execute() throws {
        let sources = try several.sources(input, stores)
        if sources.count > 1 { return try executeSources(sources) }
        let trends = try request().open()
        trends.notices.forEach(Diagnostics.note)
        let report = try ScanReport(scan: trends.scan, input: input, countsFatalities: false, checksMismatches: false)
        let answer = try trends.run(report.events())
        try write(answer)
        try report.finish(answer.summary, line: report.counts(answer.summary, locates: answer.request.places.grid == nil) + "; " + alerts(answer))
    }

    /// Several inputs answered for together: each one's notices, rejections and summary line, then the alerts'.
    private func executeSources(_ sources: [NamedInput]) throws {
        let counting = try request().open(sources: sources)
        counting.scans.forEach { $0.notices.forEach(Diagnostics.note) }
        let reports = try counting.scans.map { try ScanReport(scan: $0.scan, input: input, countsFatalities: false, checksMismatches: false) }
        let (answer, summaries) = try counting.run { reports[$0].events() }
        try write(answer)
        let failure = SeveralInputsOptions.finish(reports, summaries: summaries, names: counting.sources.map(\.name))
        Diagnostics.note("read \(summaries.count) inputs; " + alerts(answer))
        if let failure { throw failure }
    }

    private func write(_ answer: TrendsAnswer) throws {
        let out = try RecordOutput(output, columns: answer.columns)
        for record in answer.records { try out.write(record) }
        try out.finish()
        baselineNotices(answer).forEach(Diagnostics.note)
    }

    /// What the summary line says of the alerts.
    private func alerts(_ answer: TrendsAnswer) -> String {
        "as of \(answer.asOf?.description ?? "no date"): \(answer.surging) surging, \(answer.rising) rising of \(answer.rows.count) regions"
    }

    /// A notice per alert whose baseline reached before the data for some regions: how many, and the first
    /// --as-of date with a complete one.
    private func baselineNotices(_ answer: TrendsAnswer) -> [String] {
        guard let first = answer.firstDay else { return [] }
        let from = filters.from.map { _ in "the data (or --from) begin" } ?? "the data begin"
        var notes: [String] = []
        if answer.surgeUnknown > 0, let complete = answer.surgeCompleteFrom {
            notes.append("insufficient baseline: surge is empty for \(answer.surgeUnknown) of \(answer.rows.count) regions: the four weeks "
                         + "before the latest reach before \(first) (\(from) then); the baseline is complete for --as-of \(complete) or later")
        }
        if answer.risingUnknown > 0, let complete = answer.risingCompleteFrom {
            notes.append("insufficient baseline: rising is empty for \(answer.risingUnknown) of \(answer.rows.count) regions: the 52 weeks "
                         + "before the latest four reach before \(first) (\(from) then); the 12-month baseline is complete for --as-of \(complete) or later")
        }
        return notes
    }
}
