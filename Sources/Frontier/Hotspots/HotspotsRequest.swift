/// Where it is getting worse: Emerging Hot Spot Analysis over the space-time cube of incidents per place
/// (region or grid cell) and window, with Getis-Ord Gi* per bin, the false-discovery-rate correction, a
/// Mann-Kendall trend per place and ArcGIS's 17 pattern classes.
///
/// ```swift
/// let request = HotspotsRequest(input: IncidentQuery(path: "incidents.csv", format: .csv), places: try PlaceSource(argument: "grid:50km"),
///                               window: .month, distance: try Distance(parsing: "100km"))
/// let answer = try request.open().run()
/// ```
public struct HotspotsRequest {
    /// The incidents, how their fields are named, and the filter (dates, column values, precision). The
    /// filter's dates also bound the cube's windows.
    public var input: IncidentQuery
    /// Regions or grid cells: the cube's locations are those that hold an incident.
    public var places: PlaceSource
    public var geodata: GeoDataChoice
    /// The cube's time step: whole calendar windows (a series: not one window over all the data).
    public var window: TimeWindow
    /// A bin's neighbours are the locations whose centres lie within this geodesic distance.
    public var distance: Distance
    /// Windows before a bin that are part of its neighbourhood (0: space only), 0...100.
    public var timeLag: Int
    /// The significance level of hot and cold bins and of trends: 0.10, 0.05 or 0.01.
    public var alpha: Double
    /// What the cube holds: incidents, or their fatalities.
    public var value: HotspotsValue
    /// The answer's records: one per bin, or one per location.
    public var rows: HotspotsRows
    /// How incidents dated by a range of days count: by their first day, or not at all when the range spans
    /// windows (`spread` is refused: bins hold whole incidents).
    public var datePrecision: DatePrecision
    /// Only the incidents near a border (on the sides it keeps), as `AggregateRequest.near`: the same cube as
    /// from `NearRequest`'s rows.
    public var near: NearBorder?
    /// Regions (id, unique name or alias) whose incidents alone are counted, as `AggregateRequest.chosen`.
    public var chosen: [String]

    public init(input: IncidentQuery, places: PlaceSource = .admin1, geodata: GeoDataChoice = GeoDataChoice(), window: TimeWindow = .month,
                distance: Distance, timeLag: Int = 1, alpha: Double = 0.05, value: HotspotsValue = .events, rows: HotspotsRows = .bins,
                datePrecision: DatePrecision = .start, near: NearBorder? = nil, chosen: [String] = []) {
        self.datePrecision = datePrecision
        self.near = near
        self.chosen = chosen
        self.input = input
        self.places = places
        self.geodata = geodata
        self.window = window
        self.distance = distance
        self.timeLag = timeLag
        self.alpha = alpha
        self.value = value
        self.rows = rows
    }

    /// The levels a bin's significance is reported at (`FalseDiscoveryRate`): the only levels `alpha` takes.
    public static let significanceLevels = [0.10, 0.05, 0.01]

    /// Checks what can be checked before reading anything, in this order.
    /// - Throws: `FrontierError.request` for one window over all the data (`.windowSeriesNeeded`), a distance
    ///   of 0 or less, a time lag outside 0...100, a significance level not in `significanceLevels`, or
    ///   incidents spread over their days (`.spreadNeedsFractions`).
    public func validate() throws {
        if !window.hasPrevious { throw FrontierError.request(.windowSeriesNeeded) }
        if distance.metres <= 0 { throw FrontierError.request(.distanceNotPositive) }
        if !(0...100).contains(timeLag) { throw FrontierError.request(.timeLag(timeLag)) }
        if !Self.significanceLevels.contains(alpha) { throw FrontierError.request(.significanceLevel(alpha)) }
        if datePrecision == .spread { throw FrontierError.request(.spreadNeedsFractions(question: "hot spots")) }
    }

    /// Loads the places and the countries (which label a grid's cells) and opens the input: its columns,
    /// notices and size are then known, and `HotspotsScan.run` reads it.
    /// - Throws: the errors of `validate`, of loading the regions and GeoData's countries, of the border
    ///   (`NearBorder.zone`) and the chosen regions (unknown or ambiguous; `.regionsChosenWithGrid` with a
    ///   grid), and those of opening the input (`IncidentScan.init`).
    public func open() throws -> HotspotsScan {
        try validate()
        return try HotspotsScan(self)
    }
}
