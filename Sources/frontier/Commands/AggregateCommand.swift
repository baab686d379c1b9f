import ArgumentParser
import Foundation
import Frontier
import Geo

struct AggregateCommand: EngineCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Count incidents and fatalities per region and time window.",
        discussion: """
        One row per region × window: region_id, region_country, region_name, window_start, window_end, events, \
        fatalities (+ the --split field), sorted by region_id then window_start. Windows are whole calendar \
        windows, both ends inclusive: day; week (ISO weeks start on Monday; --week-start saturday gives ACLED's \
        weeks); month; or Nd, N-day windows anchored at 1970-01-01 or at --anchor. --from/--to (inclusive) \
        filter incidents by date; they do not clip windows. --fill gives every region a complete series from \
        the first to the last window, zero rows included, ready to chart. Each incident is located as in \
        `join` (covers, then the smallest region_id on shared edges); incidents outside every region are \
        counted in one `unmatched` line on stderr (and as a row with an empty region with --include-unmatched). \
        --split event_type adds a column, as ACLED's weekly files are split; --near AFG-TJK --within 25km counts \
        only incidents within that geodesic distance of the border. Rows are read, validated and filtered as \
        in `join` (the same field flags, --where, --rejects, --strict, --mismatches).

        Examples:
          frontier aggregate GeoData/incidents-reported.csv --window month
          frontier aggregate GeoData/incidents-reported.csv --window week --fill
          frontier aggregate GeoData/incidents-reported.csv --window 14d
        """
    )

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var regionOptions: RegionOptions

    @Option(help: "day, week, month or Nd (e.g. 14d).")
    var window: String

    @Option(help: "First day of a week: monday (ISO, default), saturday (ACLED) or sunday.")
    var weekStart: String = "monday"

    @Option(help: ArgumentHelp("Anchor date of Nd windows (default 1970-01-01).", valueName: "date"))
    var anchor: String?

    @OptionGroup var filters: IncidentFilterOptions

    @Flag(help: "Emit zero rows so every region has every window from the first to the last.")
    var fill = false

    @Option(help: ArgumentHelp("Also group by this input column (e.g. event_type).", valueName: "field"))
    var split: String?

    @Flag(help: "Add a row with an empty region for incidents outside every region.")
    var includeUnmatched = false

    @OptionGroup var nearBorder: NearBorderOptions

    @OptionGroup var geodata: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        do { _ = try TimeWindow(parsing: window, weekStart: weekStart) } catch let error as FrontierError { throw ValidationError(Self.message(error)) }
        if let anchor { _ = try IncidentFilterOptions.date(anchor) }
        if output.resolvedFormat == .geojsonl { throw ValidationError("aggregate writes csv, table, json or geojson") }
        if output.resolvedFormat == .geojson && split != nil { throw ValidationError("--split has no GeoJSON form: use csv or json") }
    }

    func execute() throws {
        let context = try GEOSContext()
        let windows = try TimeWindow(parsing: window, weekStart: weekStart, anchor: anchor.map(IncidentFilterOptions.date))
        let regions = try regionOptions.load(geodata: geodata, context: context)
        var query = input.query
        query.filter = filters.filter
        query.zone = try nearBorder.zone(geodata: geodata, context: context)?.zone
        query.requiresDate = true
        query.valuesNeeded = Set(split.map { [$0] } ?? [])
        let check = try regionOptions.mismatchCheck(geodata: geodata, onlyWhenListed: input)
        let scan = try IncidentScan(query, locating: ScanLocating(regions: regions, mismatch: check))
        let splitColumn = try split.map { name in
            guard let i = IncidentFields.column(name, in: scan.columns) else {
                throw FrontierError.unknownColumn(file: scan.name, column: name, found: scan.columns)
            }
            return i
        }
        let report = try ScanReport(scan: scan, input: input, countsFatalities: true, checksMismatches: regionOptions.isBundled)
        let progress = ProgressLine(totalBytes: scan.totalBytes)
        var aggregation = Aggregation(window: windows)
        let summary = try scan.run(onReject: report.reject, onProgress: progress.update) { s in
            guard let day = s.incident.date else { return }
            try report.noteMismatch(s, regions: regions)
            aggregation.add(region: s.region, date: day, fatalities: s.incident.fatalities,
                            split: splitColumn.map { s.incident.text($0) })
        }
        progress.finish()
        let rows = try aggregation.rows(fillRegions: fill ? Array(regions.regions.indices) : nil, includeUnmatched: includeUnmatched)
        try write(rows, aggregation: aggregation, regions: regions, windows: windows)
        try report.finish(summary, line: report.counts(summary, locates: true) + "; counted \(summary.kept) incidents in \(rows.count) rows")
    }

    private func write(_ rows: [Aggregation.Row], aggregation: Aggregation, regions: RegionSet, windows: TimeWindow) throws {
        if output.resolvedFormat == .geojson {
            try output.emit(AggregateChoropleth.table(rows, regions: regions, windows: windows))
            return
        }
        var columns = ["region_id", "region_country", "region_name", "window_start", "window_end", "events", "fatalities"]
        if let split { columns.append(split) }
        var table = RecordTable(columns: columns)
        for row in rows {
            let region = row.region.map { regions.regions[$0] }
            let (start, end) = windows.bounds(of: row.window)
            var values: [PropertyValue] = [
                .string(region?.id ?? ""), .string(region?.country ?? ""), .string(region?.name ?? ""),
                .string(start.description), .string(end.description),
                .int(Int64(row.counts.events)), .int(Int64(row.counts.fatalities)),
            ]
            if split != nil { values.append(.string(row.split ?? "")) }
            table.records.append(Record(values: values))
        }
        try output.emit(table)
    }
}

