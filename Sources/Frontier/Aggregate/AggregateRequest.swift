/// How many incidents and fatalities fall in each region (or grid cell) per time window: the question
/// behind ACLED's weekly tables. One row per place and window, sorted by place then window.
///
/// ```swift
/// var request = AggregateRequest(input: IncidentQuery(path: "incidents.csv", format: .csv), window: try TimeWindow(parsing: "week"))
/// let answer = try request.open().run()
/// ```
public struct AggregateRequest {
    /// The incidents, how their fields are named, and the filter (dates, column values, precision).
    public var input: IncidentQuery
    /// Regions or grid cells to count in.
    public var places: PlaceSource
    /// Regions (id, unique name or alias) whose incidents alone are counted; with `fill`, exactly their series.
    public var chosen: [String]
    /// Where the bundled boundaries come from, and which set.
    public var geodata: GeoDataChoice
    /// The windows: whole calendar windows, both ends inclusive (docs/architecture.md, "Time windows").
    public var window: TimeWindow
    /// Every region (or every chosen one) gets every window of the period, zero rows included; with `near`,
    /// only the regions the zone reaches (a point within its distance of the border) on the sides it keeps.
    /// For a grid, the cells met (all in the zone already).
    public var fill: Bool
    /// Whether rows say if their window is covered in part; nil: when windows are long or compared.
    public var partialColumn: Bool?
    /// Each row also carries the counts of an earlier window (`comparison`) and the changes from it.
    public var comparesPrevious: Bool
    /// The earlier window each is compared with: the one before, or the same window a year before.
    public var comparison: WindowComparison
    /// How incidents dated by a range of days (UCDP's date_end, ACLED's time_precision) are counted: in the
    /// window of their first day, not at all when the range spans windows, or spread over its days.
    public var datePrecision: DatePrecision
    /// The rows' order: by region (then window), most events first, or largest change first.
    public var order: Aggregation.Order
    /// Only the first rows, after ordering.
    public var top: Int?
    /// Also group by this input column (ACLED's `event_type`).
    public var split: String?
    /// A row with no region for the incidents outside every region.
    public var includeUnmatched: Bool
    /// Only the incidents near a border, counted per distance band when there are several.
    public var near: NearBorder?
    /// Report each incident whose reported place disagrees with its region (`ScanEvents.onMismatch`); the
    /// check costs time on the counting path, so it runs only when asked.
    public var listsMismatches: Bool
    /// Whether the rows also carry each region's ISO code (`region_code`, after `region_name`).
    public var regionCode = false
    /// The input's name among several counted together (`open(sources:)`): with `split` "source", every
    /// incident of this input counts under it, whatever columns the input has.
    public var sourceName: String?
    /// Incidents of this input counted otherwise, by id: left out, or with other fatalities (another
    /// source's report of the same event, `AggregateSources` with a `Dedupe`).
    public var adjustments: CountAdjustments?

    public init(input: IncidentQuery, places: PlaceSource = .admin1, chosen: [String] = [], geodata: GeoDataChoice = GeoDataChoice(),
                window: TimeWindow, fill: Bool = false, partialColumn: Bool? = nil, comparesPrevious: Bool = false,
                order: Aggregation.Order = .region, top: Int? = nil, split: String? = nil, includeUnmatched: Bool = false,
                near: NearBorder? = nil, listsMismatches: Bool = false, comparison: WindowComparison = .previous,
                datePrecision: DatePrecision = .start) {
        self.comparison = comparison
        self.datePrecision = datePrecision
        self.input = input
        self.places = places
        self.chosen = chosen
        self.geodata = geodata
        self.window = window
        self.fill = fill
        self.partialColumn = partialColumn
        self.comparesPrevious = comparesPrevious
        self.order = order
        self.top = top
        self.split = split
        self.includeUnmatched = includeUnmatched
        self.near = near
        self.listsMismatches = listsMismatches
    }

    /// Whether the rows say if their window is covered in part.
    public var hasPartialColumn: Bool { partialColumn ?? (comparesPrevious || window.isLong) }

    /// Checks what can be checked before reading anything.
    /// - Throws: `FrontierError.request` for ordering by change without the comparison, a comparison with one
    ///   window over all the data, a comparison with the year before over N-day windows that do not tile a
    ///   year, or a row limit below one.
    public func validate() throws {
        if order == .change && !comparesPrevious { throw FrontierError.request(.changeOrderWithoutComparison) }
        if comparesPrevious && !window.hasPrevious { throw FrontierError.request(.comparisonWithoutWindows) }
        if comparesPrevious, case .days(let n, _) = window, !comparison.applies(to: window) {
            throw FrontierError.request(.yearComparisonOfDays(n))
        }
        if let top, top < 1 { throw FrontierError.request(.rowLimit(top)) }
    }

    /// Loads the places and the zone and opens the input: its columns, notices and size are then known, and
    /// `AggregateScan.run` reads it.
    /// - Throws: the errors of `validate`, of loading regions, GeoData and the border, of resolving the chosen
    ///   regions, `FrontierError.request(.regionsChosenWithGrid)`, and those of opening the input
    ///   (`IncidentScan.init`); `.unknownColumn` for a `split` column the input lacks.
    public func open() throws -> AggregateScan {
        try validate()
        return try AggregateScan(self)
    }
}
