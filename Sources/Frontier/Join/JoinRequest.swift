/// Which region (or grid cell) each incident lies in: every kept incident, in input order, with the region's
/// id, country and name appended (docs/architecture.md, "The tie rule", for points on shared edges).
///
/// ```swift
/// let join = try JoinRequest(input: IncidentQuery(path: "incidents.csv", format: .csv)).open()
/// let summary = try join.run { row in print(row.incident.line, row.region?.id ?? "outside") }
/// ```
public struct JoinRequest {
    /// The incidents, how their fields are named, and the filter.
    public var input: IncidentQuery
    /// Regions or grid cells to locate in.
    public var places: PlaceSource
    /// Where the bundled boundaries come from, and which set.
    public var geodata: GeoDataChoice
    /// Input columns to keep, in this order (nil: all).
    public var columns: [String]?
    /// Whether each row also carries its region's ISO code (`region_code`, after `region_name`).
    public var regionCode = false
    /// Hand each kept incident whose reported place disagrees with its region to `ScanEvents.onMismatch`
    /// (the bundled regions only). Off, the rows are not made; their count is in the summary either way.
    public var listsMismatches = false
    /// The caller writes each CSV row as its input text followed by the region's columns (`Incident.raw`,
    /// as CSV output without neutralised cells does) and reads no value of it: with every input column kept,
    /// the rows then carry only their text and what the filter reads, not a String per field.
    public var writesRowText = false
    /// This input is one of several (`open(sources:)`): a chosen column it lacks is left out, as long as
    /// another input has it.
    var oneOfSeveral = false

    public init(input: IncidentQuery, places: PlaceSource = .admin1, geodata: GeoDataChoice = GeoDataChoice(), columns: [String]? = nil) {
        self.input = input
        self.places = places
        self.geodata = geodata
        self.columns = columns
    }

    /// Loads the regions (or, for a grid, the countries that label its cells) and opens the input.
    /// - Throws: the errors of loading regions or GeoData, of opening the input (`IncidentScan.init`), and
    ///   `FrontierError.unknownColumn` or `.request(.columnNamedTwice)` for the chosen columns.
    public func open() throws -> JoinScan {
        try JoinScan(self)
    }
}
