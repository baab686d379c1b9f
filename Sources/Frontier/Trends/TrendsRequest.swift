/// Early-warning alerts per place (region or grid cell), as ACLED's trends: at a date, whether the latest
/// seven days surge above the four weeks before, whether the latest four weeks rise above the year before
/// them, and how many of the year's weeks were far above the place's usual.
///
/// ```swift
/// let request = TrendsRequest(input: IncidentQuery(path: "incidents.csv", format: .csv), places: .regions(.admin0))
/// let answer = try request.open().run()
/// ```
public struct TrendsRequest {
    /// The incidents, how their fields are named, and the filter (dates, column values, precision).
    public var input: IncidentQuery
    /// Regions or grid cells to alert on (those with incidents in the 56 weeks up to `asOf`).
    public var places: PlaceSource
    public var geodata: GeoDataChoice
    /// The date the alerts are for: the last day of the latest week; nil for the last date of an incident
    /// located in a place.
    public var asOf: CivilDate?
    /// The ratios, minimum average and standard deviations that decide the alerts.
    public var thresholds: SurgeAlerts.Thresholds

    /// Only the incidents near a border (on the sides it keeps), as `AggregateRequest.near`: the same alerts
    /// as from `NearRequest`'s rows.
    public var near: NearBorder?
    /// Regions (id, unique name or alias) whose incidents alone are counted, as `AggregateRequest.chosen`.
    public var chosen: [String]
    /// Whether the rows also carry each region's ISO code (`region_code`, after `region_name`).
    public var regionCode = false

    public init(input: IncidentQuery, places: PlaceSource = .admin1, geodata: GeoDataChoice = GeoDataChoice(), asOf: CivilDate? = nil,
                thresholds: SurgeAlerts.Thresholds = SurgeAlerts.Thresholds(), near: NearBorder? = nil, chosen: [String] = []) {
        self.near = near
        self.chosen = chosen
        self.input = input
        self.places = places
        self.geodata = geodata
        self.asOf = asOf
        self.thresholds = thresholds
    }

    /// Checks the thresholds before anything is read.
    /// - Throws: `FrontierError.request(.alertThreshold)` for the first of the surge ratio, the rising ratio
    ///   and the volatility's standard deviations that is not a number above 0 and at most 1000, then for a
    ///   minimum average that is not a number from 0 to 10^6, then for a volatile week's minimum events not
    ///   from 0 to 10^6.
    public func validate() throws {
        let ratios: [(AlertThreshold, Double)] = [(.surgeRatio, thresholds.surgeRatio), (.risingRatio, thresholds.risingRatio),
                                                  (.volatilitySD, thresholds.volatilitySD)]
        for (threshold, value) in ratios where !(value.isFinite && value > 0 && value <= 1000) {
            throw FrontierError.request(.alertThreshold(threshold, value))
        }
        let average = thresholds.minimumAverage
        if !(average.isFinite && average >= 0 && average <= 1e6) { throw FrontierError.request(.alertThreshold(.minimumAverage, average)) }
        let events = thresholds.volatileMinimumEvents
        if !(0...1_000_000).contains(events) { throw FrontierError.request(.alertThreshold(.volatileMinimumEvents, Double(events))) }
    }

    /// Loads the places and opens the input: its columns, notices and size are then known, and
    /// `TrendsScan.run` reads it.
    /// - Throws: the errors of `validate`, of loading the regions, of the border (`NearBorder.zone`) and the
    ///   chosen regions (unknown or ambiguous; `.regionsChosenWithGrid` with a grid), and those of opening the
    ///   input (`IncidentScan.init`).
    public func open() throws -> TrendsScan {
        try validate()
        return try TrendsScan(self)
    }
}
