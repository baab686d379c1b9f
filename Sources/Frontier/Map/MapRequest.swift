import Foundation

/// An offline report of where and when incidents happened, made to be printed: a map of the regions shaded by
/// count (or the incidents as points, or counted in equal-area cells), the border asked about and its zone, a
/// time series of the busiest regions and a table of them; or the map alone as SVG.
///
/// ```swift
/// let request = MapRequest(input: IncidentQuery(path: "incidents.csv", format: .csv), window: try TimeWindow(parsing: "week"))
/// let answer = try request.open().run()
/// try answer.text.write(toFile: "report.html", atomically: true, encoding: .utf8)
/// ```
public struct MapRequest {
    /// The incidents, how their fields are named, and the filter (dates, column values, precision).
    public var input: IncidentQuery
    /// Regions or grid cells to count and shade.
    public var places: PlaceSource
    /// Regions (id, unique name or alias) whose incidents alone are mapped; the map is focused on them.
    public var chosen: [String]
    /// Where the bundled boundaries are, and which set: the countries, borders and provinces drawn.
    public var geodata: GeoDataChoice
    /// The time series' windows; they must follow each other (not one window over all the data).
    public var window: TimeWindow
    /// Only the incidents near a border, with its zone drawn: one distance, up to `BufferZone.maxDistance`.
    public var near: NearBorder?
    /// The lon/lat box shown; nil: the zone, the chosen regions, or the incidents, with a margin.
    public var extent: Envelope?
    /// Points, cells or shaded regions; `auto` decides by the count (`MapReport.pointLimit`).
    public var style: MapReport.Style
    /// How many shading classes, 2 to 7.
    public var classes: Int
    /// How the class breaks are chosen.
    public var breaks: ClassBreaks.Method
    /// What shades the regions: the count, or the Emerging Hot Spot patterns.
    public var layer: MapLayer
    /// The report's title; nil: the report's own.
    public var title: String?
    /// The whole report as HTML, the map alone as SVG, the map as a PNG picture or the report as a PDF
    /// (the last two through headless Chromium).
    public var format: MapFormat
    /// The Chromium executable that renders PNG and PDF; nil: the first of `HeadlessChromium.names` found on
    /// `PATH`.
    public var chromium: String?
    /// The input's name in the report's source line; nil: the last component of `input.path`.
    public var inputName: String?
    /// Words added to the legend's line for the regions outlined for an alert (a caller names where those
    /// alerts are listed).
    public var alertLegendSuffix: String
    /// Report each incident whose reported place disagrees with its region (`ScanEvents.onMismatch`); the
    /// check costs time on the reading path, so it runs only when asked.
    public var listsMismatches: Bool
    /// How incidents dated by a range of days count: by their first day, or not at all when the range spans
    /// windows (`spread` is refused: the map's classes and marks are whole incidents).
    public var datePrecision: DatePrecision

    /// A request whose time series is over `window`, with the report's defaults otherwise: the bundled
    /// provinces, every incident, the style decided by the count, five natural-breaks classes, shaded by
    /// count, the report's own title, as HTML.
    public init(input: IncidentQuery, places: PlaceSource = .admin1, chosen: [String] = [], geodata: GeoDataChoice = GeoDataChoice(),
                window: TimeWindow, near: NearBorder? = nil, extent: Envelope? = nil, style: MapReport.Style = .auto, classes: Int = 5,
                breaks: ClassBreaks.Method = .natural, layer: MapLayer = .incidents, title: String? = nil, format: MapFormat = .html,
                inputName: String? = nil, alertLegendSuffix: String = "", listsMismatches: Bool = false, datePrecision: DatePrecision = .start,
                chromium: String? = nil) {
        self.datePrecision = datePrecision
        self.input = input
        self.places = places
        self.chosen = chosen
        self.geodata = geodata
        self.window = window
        self.near = near
        self.extent = extent
        self.style = style
        self.classes = classes
        self.breaks = breaks
        self.layer = layer
        self.title = title
        self.format = format
        self.inputName = inputName
        self.alertLegendSuffix = alertLegendSuffix
        self.listsMismatches = listsMismatches
        self.chromium = chromium
    }

    /// The input's name as the source line gives it.
    var shownInputName: String { inputName ?? (input.path as NSString).lastPathComponent }

    /// Checks what can be checked before reading anything.
    /// - Throws: `FrontierError.request` for windows that do not follow each other, a time lag outside 0 to
    ///   100, a class count outside 2 to 7, a zone of several distances or farther than can be drawn, and
    ///   incidents spread over their days (`.spreadNeedsFractions`).
    public func validate() throws {
        if !window.hasPrevious { throw FrontierError.request(.seriesWithoutWindows) }
        if datePrecision == .spread { throw FrontierError.request(.spreadNeedsFractions(question: "maps")) }
        if case .hotspots(_, let timeLag) = layer, !(0...100).contains(timeLag) { throw FrontierError.request(.timeLag(timeLag)) }
        if !(2...7).contains(classes) { throw FrontierError.request(.classCount(classes)) }
        if let near {
            if near.within.count > 1 { throw FrontierError.request(.severalZoneDistances) }
            // The zone is drawn as a polygon, right only up to this distance from its line.
            if let reach = near.within.last, reach.metres > BufferZone.maxDistance.metres {
                throw FrontierError.request(.zoneTooFarToDraw(reach, limit: BufferZone.maxDistance))
            }
        }
    }

    /// Loads the places, the countries, the borders and the zone, and opens the input: its columns, notices
    /// and size are then known, and `MapScan.run` reads it.
    /// - Throws: the errors of `validate`, of loading regions, GeoData and the border, of resolving the chosen
    ///   regions, `FrontierError.request(.regionsNamedWithGrid)`, and those of opening the input
    ///   (`IncidentScan.init`); for PNG and PDF, `FrontierError.rendererUnavailable` when no Chromium is found
    ///   (before any row is read).
    public func open() throws -> MapScan {
        try validate()
        return try MapScan(self)
    }

    /// Opens several inputs to draw onto one map, each read as `input` would be (its filter, years and
    /// workers) with its own path and layout; the source line names them all.
    /// - Throws: as `open()`, and `FrontierError.invalid` for fewer than two inputs or two with one name.
    public func open(sources: [NamedInput]) throws -> MapScan {
        try validate()
        return try MapScan(self, sources: sources)
    }
}

extension MapRequest {
    /// The area a map shows as a caller writes it, `"lon1,lat1,lon2,lat2"` in degrees: four numbers with
    /// lon1 < lon2 and lat1 < lat2 within ±180/±90; nil for anything else (the caller says why, naming its option).
    public static func extent(parsing text: String) -> Envelope? {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 4, let x1 = parts[0], let y1 = parts[1], let x2 = parts[2], let y2 = parts[3],
              -180 <= x1, x1 < x2, x2 <= 180, -90 <= y1, y1 < y2, y2 <= 90 else { return nil }
        return Envelope(minX: x1, minY: y1, maxX: x2, maxY: y2)
    }
}
