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
        a region with no incident. --where FIELD=VALUE matches without regard to case, accents or \
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

    @Flag(help: "Emit zero rows so every region (or each --region) has every window of the data's period.")
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

    /// Whether the partial column is written: asked for, or a window kind whose edges are usually partial.
    private var writesPartial: Bool {
        partial || compare != nil || ((try? TimeWindow(parsing: window, weekStart: weekStart))?.isLong ?? false)
    }

    func execute() throws {
        let context = try GEOSContext()
        var windows = try TimeWindow(parsing: window, weekStart: weekStart, anchor: anchor.map(IncidentFilterOptions.date))
        var places = try CountedPlaces(regionOptions, geodata: geodata, context: context)
        let grid = places.grid
        if grid != nil, !choice.chosen.isEmpty || filters.conditions.contains(where: { c in IncidentFilter.regionColumns.contains { c.hasPrefix($0 + "=") } }) {
            throw CLIError("--region and --where on region columns name regions; with --regions \(regionOptions.regions) every cell that holds incidents is counted")
        }
        let regions = places.regions
        var query = input.query
        query.filter = filters.filter
        // Comparing from --from reads the window before it too; only the windows from --from on are shown,
        // and in the first of them only the days from --from on are counted.
        var shown: ClosedRange<Int>?
        let from = filters.filter.from
        if compare != nil, query.filter.from != nil || query.filter.to != nil {
            let first = query.filter.from.map { windows.ordinal(of: $0) } ?? Int.min
            let last = query.filter.to.map { windows.ordinal(of: $0) } ?? Int.max
            shown = first...last
            if query.filter.from != nil { query.filter.from = windows.bounds(of: first - 1).start }
        }
        let near = try nearBorder.zone(geodata: geodata, context: context)
        query.zone = near?.zone
        query.sides = near?.sides
        query.regionsAllowed = grid == nil ? try choice.indices(in: regions, bundled: regionOptions.isBundled, geodata: geodata) : nil
        query.requiresDate = true
        query.valuesNeeded = Set(split.map { [$0] } ?? [])
        // From PostGIS, the server locates and counts (listing mismatches needs each row: streamed).
        query.onServer = input.mismatches == nil ? .locateAndCount : .locateIfNarrowing
        let check = try regionOptions.mismatchCheck(geodata: geodata, onlyWhenListed: input)
        let countries = near?.sides == nil ? nil : try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
        let scan = try IncidentScan(query, locating: ScanLocating(regions: places.scanRegions, countries: countries,
                                                                   mismatch: grid == nil ? check : nil, grid: grid))
        let splitColumn = try split.map { name in
            guard let i = IncidentFields.column(name, in: scan.columns) else {
                throw FrontierError.unknownColumn(file: scan.name, column: name, found: scan.columns)
            }
            return i
        }
        let report = try ScanReport(scan: scan, input: input, countsFatalities: true, checksMismatches: regionOptions.isBundled)
        let progress = ProgressLine(totalBytes: scan.totalBytes)
        let bands = near?.zone.bands ?? []
        var aggregation = Aggregation(window: windows)
        let summary = try scan.run(onReject: report.reject, onProgress: progress.update) { s in
            guard let day = s.incident.date else { return }
            if let from, let first = shown?.lowerBound, day < from, windows.ordinal(of: day) >= first { return }
            if grid == nil { try report.noteMismatch(s, regions: regions) }
            let band = bands.count > 1 ? s.distance.map { near?.zone.bandIndex(holding: $0) ?? 0 } : nil
            try aggregation.add(region: places.place(of: s), date: day, fatalities: s.incident.fatalities, band: band,
                            split: splitColumn.map { s.incident.text($0) }, weight: s.incident.weight)
        }
        progress.finish()
        // With a grid, the cells met become the regions; the counts follow them.
        if let index = try places.finish(countries: countries ?? RegionSet.load(.admin0, geodata: geodata.location(), context: context), context: context) {
            aggregation = try aggregation.renumbered(index)
        }
        let countedIn = places.regions
        // The period: --from/--to as given (not widened for the comparison), else the data's dates.
        let coverage = Coverage(from: filters.filter.from, to: filters.filter.to, summary: summary)
        if let coverage { windows = windows.spanning(coverage.days) }
        var layout = Aggregation.Layout()
        layout.fillRegions = fill ? (scan.regionsAllowed.map { $0.sorted() } ?? Array(countedIn.regions.indices)) : nil
        layout.period = coverage.map { $0.windows(windows) }.map { p in shown.map { p.clamped(to: $0) } ?? p }
        layout.includeUnmatched = includeUnmatched && scan.regionsAllowed == nil
        layout.bands = bands.count
        layout.comparesPrevious = compare != nil
        layout.shown = shown
        // The window before is known when it was read: from --from's widened start, else from the data's first day.
        if let readFrom = query.filter.from?.daysSinceEpoch ?? summary.firstDay {
            layout.comparableFrom = windows.ordinal(of: CivilDate(daysSinceEpoch: readFrom)) + 1
        }
        var rows = try aggregation.rows(layout)
        rows = Aggregation.Order(rawValue: sort)?.sorted(rows) ?? rows
        if let top { rows = Array(rows.prefix(top)) }
        let partialWindows = Set(rows.map(\.window).filter { w in
            let (start, end) = windows.bounds(of: w)
            return coverage?.isPartial(start: start, end: end) ?? false
        })
        if !partialWindows.isEmpty, let coverage {
            let list = partialWindows.sorted().prefix(3).map { "\(windows.bounds(of: $0).start)..\(windows.bounds(of: $0).end)" }
            Diagnostics.note("partly covered: \(partialWindows.count) window\(partialWindows.count == 1 ? "" : "s") (\(list.joined(separator: ", "))\(partialWindows.count > 3 ? ", …" : "")) "
                             + "counted over fewer days than they hold: the data\(filters.from != nil || filters.to != nil ? " or --from/--to" : "") cover "
                             + "\(CivilDate(daysSinceEpoch: coverage.days.lowerBound))..\(CivilDate(daysSinceEpoch: coverage.days.upperBound))"
                             + (writesPartial ? "" : "; --partial marks them"))
        }
        try write(rows, regions: countedIn, windows: windows, bands: bands, coverage: coverage)
        // With --compare and --from/--to, the window before the first shown was read only to compare with.
        var counted = "counted \(summary.kept) incidents"
        if let shown {
            let events = { (keep: (Aggregation.Key) -> Bool) in aggregation.cells.filter { keep($0.key) }.values.reduce(0) { $0 + $1.events } }
            let inShown = events { shown.contains(Int($0.window)) }
            counted = "counted \(inShown) incidents (and \(events { !shown.contains(Int($0.window)) }) in the window before, to compare)"
        }
        try report.finish(summary, line: report.counts(summary, locates: true) + "; \(counted) in \(rows.count) rows")
    }

    private func write(_ rows: [Aggregation.Row], regions: RegionSet, windows: TimeWindow, bands: [Distance], coverage: Coverage?) throws {
        if output.resolvedFormat == .geojson {
            try output.emit(try AggregateChoropleth.table(rows, regions: regions, windows: windows))
            return
        }
        var columns = ["region_id", "region_country", "region_name", "window_start", "window_end", "events", "fatalities"]
        let banded = bands.count > 1
        if banded { columns.append("band_km") }
        if let split { columns.append(split) }
        if writesPartial { columns.append("partial") }
        if compare != nil { columns += ["events_prev", "fatalities_prev", "change_pct"] }
        var table = RecordTable(columns: columns)
        for row in rows {
            let region = row.region.map { regions.regions[$0] }
            let (start, end) = windows.bounds(of: row.window)
            var values: [PropertyValue] = [
                .string(region?.id ?? ""), .string(region?.country ?? ""), .string(region?.name ?? ""),
                .string(start.description), .string(end.description),
                .int(Int64(row.counts.events)), .int(Int64(row.counts.fatalities)),
            ]
            if banded { values.append(.double(bands[row.band ?? 0].metres / 1000)) }
            if split != nil { values.append(.string(row.split ?? "")) }
            if writesPartial { values.append(.bool(coverage?.isPartial(start: start, end: end) ?? false)) }
            if compare != nil {
                if let previous = row.previous {
                    values += [.int(Int64(previous.events)), .int(Int64(previous.fatalities)), row.changePercent.map { .double($0) } ?? .null]
                } else {
                    values += [.null, .null, .null]  // the window before lies outside what was read
                }
            }
            table.records.append(Record(values: values))
        }
        try output.emit(table)
    }
}
