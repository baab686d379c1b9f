/// Which incidents lie within a distance of a bundled border line, or inside a region or within a distance of
/// its boundary: each with its region, its geodesic distance in km (docs/architecture.md, "Distances"), its
/// band when several distances are given, and the country it lies in (its side).
///
/// ```swift
/// let near = try NearRequest(input: IncidentQuery(path: "incidents.csv", format: .csv), target: .border("AFG-TJK"),
///                            within: [Distance(parsing: "25km")]).open()
/// let summary = try near.run { row in print(row.incident.line, row.distanceKm, row.side) }
/// ```
public struct NearRequest {
    /// The incidents, how their fields are named, and the filter.
    public var input: IncidentQuery
    /// The border line or the region the zone is drawn around.
    public var target: ZoneTarget
    /// The distances, nearest first; the zone reaches the last, and with several each incident gets its band.
    public var within: [Distance]
    /// Which countries' incidents are kept (around a border, its two by default).
    public var sides: SideChoice
    /// The regions incidents are labelled with (and a region target is found in).
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
    /// Whether each row also says its actors' country and whether one is from across the border
    /// (`actor_country`, `cross_border`, after `side`): from ACLED's actor names or UCDP's sides.
    public var attribution = false
    /// This input is one of several (`open(sources:)`): a chosen column it lacks is left out.
    var oneOfSeveral = false
    /// The caller writes each CSV row as its input text followed by the appended columns (`Incident.raw`, as
    /// CSV output without neutralised cells does) and reads no value of it: with every input column kept,
    /// the rows then carry only their text and what the filter reads, not a String per field.
    public var writesRowText = false

    public init(input: IncidentQuery, target: ZoneTarget, within: [Distance], sides: SideChoice = .borderCountries,
                places: PlaceSource = .admin1, geodata: GeoDataChoice = GeoDataChoice(), columns: [String]? = nil) {
        self.input = input
        self.target = target
        self.within = within
        self.sides = sides
        self.places = places
        self.geodata = geodata
        self.columns = columns
    }

    /// Loads the regions, countries and the zone, and opens the input.
    /// - Throws: `FrontierError.request(.gridNotRegions)` for a grid; the errors of loading regions or
    ///   GeoData; `.unknownBorder`, `.unknownRegion` or `.ambiguousRegion` for the target; `.request` for a
    ///   side that is not the border's or any country around a region; those of opening the input; and
    ///   `.unknownColumn` or `.request(.columnNamedTwice)` for the chosen columns.
    public func open() throws -> NearScan {
        try NearScan(self)
    }
}
