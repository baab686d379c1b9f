import ArgumentParser
import Foundation
import Frontier

struct TrendsCommand: EngineCommand, ReadsGeoData, WritesCSV {
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
        --volatility-sd (default 2) population standard deviations above their mean. Columns: region_id, \
        region_country, region_name, as_of, events_week, avg_4w, surge, events_month_weekly, avg_12m_weekly, \
        rising, volatile_weeks. Incidents are read, filtered and located as in `aggregate`.

        Examples:
          frontier trends GeoData/incidents-reported.csv
          frontier trends GeoData/incidents-reported.csv --as-of 2026-01-31 --regions admin0
          frontier trends GeoData/incidents-reported.csv --surge-ratio 1.5 --min-average 0.5
        """
    )

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var regionOptions: RegionOptions

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

    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    @OptionGroup var output: OutputOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { input.files + regionOptions.files + output.files }

    func validate() throws {
        if let asOf { _ = try IncidentFilterOptions.date(asOf) }
        for (name, v) in [("--surge-ratio", surgeRatio), ("--rising-ratio", risingRatio), ("--volatility-sd", volatilitySd)] where !(v.isFinite && v > 0 && v <= 1000) {
            throw ValidationError("\(name) must be a number above 0 and at most 1000 (got \(v))")
        }
        if !(minAverage.isFinite && minAverage >= 0 && minAverage <= 1e6) { throw ValidationError("--min-average must be 0 or more (got \(minAverage))") }
        if output.resolvedFormat == .geojson || output.resolvedFormat == .geojsonl { throw ValidationError("trends writes csv, table or json") }
    }

    func execute() throws {
        let context = try GEOSContext()
        var places = try CountedPlaces(regionOptions.places, geodata: geodata.choice, context: context)
        places.notices.forEach(Diagnostics.note)
        let grid = places.grid
        var query = input.query
        query.filter = filters.filter
        query.requiresDate = true
        query.valuesNeeded = []
        let scan = try IncidentScan(query, locating: ScanLocating(regions: places.scanRegions, grid: grid))
        let report = try ScanReport(scan: scan, input: input, countsFatalities: false, checksMismatches: false)
        var daily: [Int: [Int: Int]] = [:]
        var last: Int?
        let summary = try scan.run(onReject: report.reject) { s in
            guard let day = s.incident.date?.daysSinceEpoch, let r = places.place(of: s) else { return }
            daily[r, default: [:]][day, default: 0] += 1
            if last.map({ day > $0 }) ?? true { last = day }
        }
        if let renumbering = try places.finish(countries: RegionSet.load(.admin0, geodata: geodata.location(), context: context), context: context) {
            daily = renumbering.rekeyed(daily, place: \.self) { $0.merge($1, uniquingKeysWith: +) }
        }
        let regions = places.regions
        let asOfDay = try asOf.map { try IncidentFilterOptions.date($0).daysSinceEpoch } ?? last
        var thresholds = SurgeAlerts.Thresholds()
        thresholds.surgeRatio = surgeRatio
        thresholds.risingRatio = risingRatio
        thresholds.minimumAverage = minAverage
        thresholds.volatilitySD = volatilitySd
        let rows = asOfDay.map { SurgeAlerts.rows(daily: daily, asOf: $0, thresholds: thresholds) } ?? []
        let out = try RecordOutput(output, columns: ["region_id", "region_country", "region_name", "as_of", "events_week", "avg_4w", "surge",
                                                    "events_month_weekly", "avg_12m_weekly", "rising", "volatile_weeks"])
        let date = asOfDay.map { CivilDate(daysSinceEpoch: $0).description } ?? ""
        func rounded(_ v: Double) -> PropertyValue { .double((v * 100).rounded() / 100) }
        for row in rows {
            let r = regions.regions[row.region]
            try out.write(Record(values: [.string(r.id), .string(r.country), .string(r.name), .string(date), .int(Int64(row.eventsWeek)),
                                          rounded(row.average4w), .bool(row.surge), rounded(row.monthWeekly), rounded(row.average12mWeekly),
                                          .bool(row.rising), .int(Int64(row.volatileWeeks))]))
        }
        try out.finish()
        try report.finish(summary, line: report.counts(summary, locates: grid == nil)
                          + "; as of \(date.isEmpty ? "no date" : date): \(rows.filter(\.surge).count) surging, \(rows.filter(\.rising).count) rising of \(rows.count) regions")
    }
}
