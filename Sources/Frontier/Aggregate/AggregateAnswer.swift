/// The counts per place and window an `AggregateScan` made: rows to inspect, and the same as the table a
/// caller writes (CSV, JSON, an aligned table) or as a choropleth (one feature per region).
public struct AggregateAnswer {
    /// The request answered.
    public let request: AggregateRequest
    /// Ordered and cut as the request asks; `region` and `window` index `regions` and `windows`.
    public let rows: [Aggregation.Row]
    /// The regions counted in (for a grid, the cells met, made into regions).
    public let regions: RegionSet
    /// The request's windows, spanning the period counted.
    public let windows: TimeWindow
    /// The distance bands, nearest first (several only when the request counts per band).
    public let bands: [Distance]
    /// The days the answer covers: the dates asked for, else the data's first to last day; nil for no data.
    public let coverage: Coverage?
    /// What the scan read: rows read, rejected (by reason), kept, unmatched, mismatched, first and last day.
    public let summary: ScanSummary
    /// Incidents counted in the windows shown.
    public let counted: Int
    /// Incidents counted in the window before the first shown, read only to compare with (when comparing
    /// from a start date); nil otherwise.
    public let countedBefore: Int?
    /// The incidents dated by a range of days and what became of them; nil when the input has no range column.
    public let dateRanges: DateRangeCounts?

    /// The windows of the rows that the period covers only in part (counted over fewer days than they hold),
    /// in order, as first and last day.
    public var partialWindows: [(start: CivilDate, end: CivilDate)] {
        Set(rows.map(\.window)).sorted().map { windows.bounds(of: $0) }.filter { coverage?.isPartial(start: $0.start, end: $0.end) ?? false }
    }

    /// One record per row: region_id, region_country, region_name (region_code when asked), window_start, window_end, events,
    /// fatalities, then band_km (several bands), the split column, partial, and events_prev, fatalities_prev,
    /// change_pct, change, fatalities_change_pct (comparing; all five null when the window compared with
    /// lies outside what was read). A percentage is "new" for a rise from none and null from none to none;
    /// counts spread over several windows are fractions (`Aggregation.count`).
    public var table: RecordTable {
        let banded = bands.count > 1
        let partial = request.hasPartialColumn
        var columns = Region.labelColumns(code: request.regionCode) + ["window_start", "window_end", "events", "fatalities"]
        if banded { columns.append("band_km") }
        if let split = request.split { columns.append(split) }
        if partial { columns.append("partial") }
        if request.comparesPrevious { columns += ["events_prev", "fatalities_prev", "change_pct", "change", "fatalities_change_pct"] }
        var table = RecordTable(columns: columns)
        for row in rows {
            let region = row.region.map { regions.regions[$0] }
            let (start, end) = windows.bounds(of: row.window)
            var values = Region.labelValues(id: region?.id, country: region?.country, name: region?.name, code: region?.code,
                                            withCode: request.regionCode)
            values += [
                .string(start.description), .string(end.description),
                row.counts.eventsValue, row.counts.fatalitiesValue,
            ]
            if banded { values.append(.double(bands[row.band ?? 0].metres / 1000)) }
            if request.split != nil { values.append(.string(row.split ?? "")) }
            if partial { values.append(.bool(coverage?.isPartial(start: start, end: end) ?? false)) }
            if request.comparesPrevious {
                if let previous = row.previous {
                    values += [previous.eventsValue, previous.fatalitiesValue, Self.value(row.eventChange),
                               Aggregation.count(row.counts.events - previous.events, row.counts.eventShare - previous.eventShare),
                               Self.value(row.fatalityChange)]
                } else {
                    values += [.null, .null, .null, .null, .null]
                }
            }
            table.records.append(Record(values: values))
        }
        return table
    }

    /// A change in percent as written: the number, "new" for a rise from none, null from none to none.
    static func value(_ change: Aggregation.Change?) -> PropertyValue {
        switch change {
        case .percent(let p)?: return .double(p)
        case .new?: return .string("new")
        case .unchanged?, nil: return .null
        }
    }

    /// One feature per region with its polygon, its totals and a pair of columns per window.
    /// - Throws: a region's geometry errors.
    public func choropleth() throws -> RecordTable {
        try AggregateChoropleth.table(rows, regions: regions, windows: windows, regionCode: request.regionCode)
    }
}
