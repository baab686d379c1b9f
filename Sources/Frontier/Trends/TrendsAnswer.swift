/// The alerts a `TrendsScan` computed: one row per place at the date, and the same as the records a
/// caller writes (CSV, JSON, an aligned table).
public struct TrendsAnswer {
    public let request: TrendsRequest
    public let summary: ScanSummary
    /// The regions alerted on (for a grid, the cells met, made into regions); rows' `region` indexes them.
    public let regions: RegionSet
    /// The date the alerts are for; nil when no incident was located (and none was asked for).
    public let asOf: CivilDate?
    /// One per place with incidents in the 56 weeks up to `asOf`, in place order; averages unrounded.
    public let rows: [SurgeAlerts.Row]

    /// The places whose latest week surges.
    public var surging: Int { rows.filter(\.surge).count }
    /// The places whose latest month rises above the year before it.
    public var rising: Int { rows.filter(\.rising).count }

    /// The records' columns.
    public var columns: [String] {
        ["region_id", "region_country", "region_name", "as_of", "events_week", "avg_4w", "surge", "events_month_weekly", "avg_12m_weekly",
         "rising", "volatile_weeks"]
    }

    /// One record of `columns` per row: the region, the date (empty without one), the latest week's events,
    /// the averages rounded to two decimals, the alerts and the volatile weeks.
    public var records: LazyMapCollection<[SurgeAlerts.Row], Record> {
        let date = asOf?.description ?? "", regions = regions
        func rounded(_ v: Double) -> PropertyValue { .double((v * 100).rounded() / 100) }
        return rows.lazy.map { row in
            let r = regions.regions[row.region]
            return Record(values: [.string(r.id), .string(r.country), .string(r.name), .string(date), .int(Int64(row.eventsWeek)),
                                   rounded(row.average4w), .bool(row.surge), rounded(row.monthWeekly), rounded(row.average12mWeekly),
                                   .bool(row.rising), .int(Int64(row.volatileWeeks))])
        }
    }

    /// The records gathered in one table.
    public var table: RecordTable { RecordTable(columns: columns, records: Array(records)) }
}
