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
    /// The first day the data cover (or the date filter's start, when later): baselines reaching before it
    /// are insufficient. Nil when no dated row was read.
    public let firstDay: CivilDate?

    /// The rows whose surge baseline (the four weeks before the latest) reaches before `firstDay`.
    public var surgeUnknown: Int { rows.filter { !$0.surgeKnown }.count }
    /// The rows whose rising baseline (the 52 weeks before the latest four) reaches before `firstDay`.
    public var risingUnknown: Int { rows.filter { !$0.risingKnown }.count }
    /// The first date alerts may be asked for with a complete surge baseline; nil without data.
    public var surgeCompleteFrom: CivilDate? {
        firstDay.map { CivilDate(daysSinceEpoch: SurgeAlerts.completeFrom(firstDay: $0.daysSinceEpoch, baselineDays: SurgeAlerts.surgeBaselineDays)) }
    }
    /// The first date alerts may be asked for with a complete rising baseline (a year and four weeks of data).
    public var risingCompleteFrom: CivilDate? {
        firstDay.map { CivilDate(daysSinceEpoch: SurgeAlerts.completeFrom(firstDay: $0.daysSinceEpoch, baselineDays: SurgeAlerts.risingBaselineDays)) }
    }

    /// The places whose latest week surges.
    public var surging: Int { rows.filter(\.surge).count }
    /// The places whose latest month rises above the year before it.
    public var rising: Int { rows.filter(\.rising).count }

    /// The records' columns (`region_code` after `region_name` when the request asks).
    public var columns: [String] {
        Region.labelColumns(code: request.regionCode) + ["as_of", "events_week", "avg_4w", "surge", "events_month_weekly", "avg_12m_weekly",
         "rising", "volatile_weeks"]
    }

    /// One record of `columns` per row: the region, the date (empty without one), the latest week's events,
    /// the averages rounded to two decimals, the alerts (null where the baseline reaches before the data)
    /// and the volatile weeks.
    public var records: LazyMapCollection<[SurgeAlerts.Row], Record> {
        let date = asOf?.description ?? "", regions = regions, withCode = request.regionCode
        func rounded(_ v: Double) -> PropertyValue { .double((v * 100).rounded() / 100) }
        return rows.lazy.map { row in
            let r = regions.regions[row.region]
            return Record(values: r.labelValues(code: withCode) + [.string(date), .int(Int64(row.eventsWeek)),
                                   rounded(row.average4w), row.surgeKnown ? .bool(row.surge) : .null, rounded(row.monthWeekly),
                                   rounded(row.average12mWeekly), row.risingKnown ? .bool(row.rising) : .null, .int(Int64(row.volatileWeeks))])
        }
    }

    /// The records gathered in one table.
    public var table: RecordTable { RecordTable(columns: columns, records: Array(records)) }
}
