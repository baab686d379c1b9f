import ArgumentParser
import Foundation
import Frontier
import Geo

struct AggregateCommand: ParsableCommand {
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
        only incidents within that geodesic distance of the border.

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

    @OptionGroup var dates: DateRangeOptions

    @Flag(help: "Emit zero rows so every region has every window from the first to the last.")
    var fill = false

    @Option(help: ArgumentHelp("Also group by this input column (e.g. event_type).", valueName: "field"))
    var split: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Only incidents whose FIELD equals VALUE (repeatable).", valueName: "field=value"))
    var conditions: [String] = []

    @Option(help: ArgumentHelp("Drop incidents with a larger geo_precision (2 drops ACLED's region-level events).", valueName: "n"))
    var maxGeoPrecision: Int?

    @Flag(help: "Add a row with an empty region for incidents outside every region.")
    var includeUnmatched = false

    @OptionGroup var nearBorder: NearBorderOptions

    @OptionGroup var geodata: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        do { _ = try TimeWindow(parsing: window, weekStart: weekStart) } catch { throw ValidationError("\(error)") }
        if let anchor { _ = try DateRangeOptions.parse(anchor) }
        for c in conditions where !c.contains("=") { throw ValidationError("--where takes FIELD=VALUE, not '\(c)'") }
        if output.resolvedFormat == .geojsonl { throw ValidationError("aggregate writes csv, table, json or geojson") }
        if output.resolvedFormat == .geojson && split != nil { throw ValidationError("--split has no GeoJSON form: use csv or json") }
    }

    @Option(help: ArgumentHelp("Worker threads for CSV input (default: one per core). The output is the same for any number.", valueName: "n"))
    var threads: Int?

    func run() throws {
        let context = GEOSContext()
        let windows = try TimeWindow(parsing: window, weekStart: weekStart, anchor: anchor.map(DateRangeOptions.parse))
        let regions = try regionOptions.load(geodata: geodata, context: context)
        let proximity = nearBorder.near == nil ? nil
            : try nearBorder.zone(borders: BorderSet.load(geodata: geodata.location(), context: context))?.proximity
        let report = RejectReport()
        let needed = Set(conditions.map { String($0.split(separator: "=", maxSplits: 1)[0]) } + (split.map { [$0] } ?? []))
        let configure = { (columns: [String], fields: IncidentFields.Columns) throws -> AggregatePlan in
            try self.plan(columns: columns, fields: fields, windows: windows, proximity: proximity, needed: needed)
        }
        let result: AggregateResult
        if input.readerOptions.format == .csv {
            let handle: FileHandle
            if input.incidents == "-" { handle = .standardInput } else {
                guard let h = FileHandle(forReadingAtPath: input.incidents) else {
                    throw CLIError("\(input.incidents): cannot open for reading (no such file or no permission)")
                }
                handle = h
            }
            let progress = ProgressLine(totalBytes: input.incidents == "-" ? nil : fileSize(input.incidents))
            report.start(name: input.incidents, columns: nil, rejectsPath: input.rejects)
            do {
                result = try AggregateEngine.run(csv: handle, name: input.incidents, totalBytes: progress.totalBytes,
                                                 makeRegions: regions.copy,
                                                 configure: { columns, fields in
                    report.setColumns(columns)
                    return try configure(columns, fields)
                }, onReject: report.record, onProgress: progress.update)
            } catch let error as GeoErrorDescribable {
                throw CLIError(error.description)
            }
            progress.finish()
        } else {
            result = try sequential(regions: regions, report: report, needed: needed, proximityBox: proximity?.reachBox,
                                    configure: configure)
        }
        report.finish()
        let rows = result.aggregation.rows(fillRegions: fill ? Array(regions.regions.indices) : nil, includeUnmatched: includeUnmatched)
        try write(rows, aggregation: result.aggregation, regions: regions, windows: windows)
        Diagnostics.note("read \(result.read), rejected \(result.rejected), unmatched \(result.unmatched); counted \(result.counted) incidents in \(rows.count) rows")
        if input.strict && result.rejected > 0 { throw ExitCode(65) }
    }

    /// The plan for a header: filters and the split column resolved to column indices.
    private func plan(columns: [String], fields: IncidentFields.Columns, windows: TimeWindow, proximity: Proximity?,
                      needed: Set<String>) throws -> AggregatePlan {
        guard fields.date != nil else {
            throw CLIError("\(input.incidents): no '\(input.dateField)' column to aggregate by; columns found: \(columns.joined(separator: ", ")). Name yours with --date-field")
        }
        var plan = AggregatePlan(window: windows)
        plan.filter.from = dates.fromDate
        plan.filter.to = dates.toDate
        plan.filter.maxGeoPrecision = maxGeoPrecision
        for c in conditions {
            let parts = c.split(separator: "=", maxSplits: 1).map(String.init)
            guard let i = columns.firstIndex(of: parts[0]) else {
                throw CLIError("--where: no column '\(parts[0])'; columns found: \(columns.joined(separator: ", "))")
            }
            plan.filter.equals.append((i, parts.count > 1 ? parts[1] : ""))
        }
        if let split {
            guard let i = columns.firstIndex(of: split) else {
                throw CLIError("--split: no column '\(split)'; columns found: \(columns.joined(separator: ", "))")
            }
            plan.splitColumn = i
        }
        plan.proximity = proximity
        plan.readerOptions = input.readerOptions
        plan.readerOptions.materializeValues = false
        plan.readerOptions.keepColumns = needed
        if let threads { plan.workers = max(1, threads) }
        return plan
    }

    /// GeoJSON, GeoJSONL and stores (a store reads only the rows inside `proximityBox` and the dates).
    private func sequential(regions: RegionSet, report: RejectReport, needed: Set<String>, proximityBox: Envelope?,
                            configure: ([String], IncidentFields.Columns) throws -> AggregatePlan) throws -> AggregateResult {
        try regions.buildLocateIndex()
        let reader = try input.open(report: report, onlyColumns: needed, storeFilter: IncidentStore.Filter(
            box: proximityBox, from: dates.fromDate, to: dates.toDate))
        let plan = try configure(reader.columns, reader.fieldColumns)
        var result = AggregateResult(aggregation: Aggregation(window: plan.window))
        var scratch: [Int32] = []
        while let incident = try reader.next() {
            guard let day = incident.date, plan.filter.accepts(incident) else { continue }
            if let proximity = plan.proximity, proximity.distance(to: incident.coordinate, scratch: &scratch) == nil { continue }
            let region = try regions.locate(incident.coordinate)
            if region == nil { result.unmatched += 1 }
            result.counted += 1
            result.aggregation.add(region: region, date: day, fatalities: incident.fatalities,
                                   split: plan.splitColumn.map { incident.values[$0].text ?? "" })
        }
        result.read = reader.readCount
        result.rejected = reader.rejectedCount
        return result
    }

    private func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
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

/// `aggregate --format geojson`: one feature per region with its polygon, totals and per-window counts.
enum AggregateChoropleth {
    static func table(_ rows: [Aggregation.Row], regions: RegionSet, windows: TimeWindow) -> RecordTable {
        let ordinals = Array(Set(rows.map(\.window))).sorted()
        var columns = ["region_id", "region_country", "region_name", "events", "fatalities"]
        for w in ordinals {
            let start = windows.bounds(of: w).start.description
            columns += ["events_\(start)", "fatalities_\(start)"]
        }
        var byRegion: [Int: [Int: Aggregation.Counts]] = [:]
        for row in rows { if let r = row.region { byRegion[r, default: [:]][row.window] = row.counts } }
        var table = RecordTable(columns: columns)
        for r in byRegion.keys.sorted() {
            let region = regions.regions[r]
            let series = byRegion[r]!
            var values: [PropertyValue] = [.string(region.id), .string(region.country), .string(region.name),
                                           .int(Int64(series.values.reduce(0) { $0 + $1.events })),
                                           .int(Int64(series.values.reduce(0) { $0 + $1.fatalities }))]
            for w in ordinals {
                let c = series[w] ?? Aggregation.Counts()
                values += [.int(Int64(c.events)), .int(Int64(c.fatalities))]
            }
            table.records.append(Record(values: values, geometry: region.geometry))
        }
        return table
    }
}
