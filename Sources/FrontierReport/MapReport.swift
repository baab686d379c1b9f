import Foundation
import Geo
import FrontierBase
import FrontierPlaces
import FrontierAnalyses

/// An offline HTML report (or just its SVG map) of incidents, made to be printed: admin-1 regions shaded by
/// incident count (or the incidents binned on an equal-area grid, or drawn as points), country and region
/// labels, a scale bar, a graticule, an inset locator, the border asked about and its zone, a legend for
/// every colour drawn, a time series and a summary table. No scripts, fonts or tiles: it works offline,
/// and every string from the data is escaped, so nothing in it can run code taken from the data.
public struct MapReport {
    /// One incident as the map shows it (points style).
    public struct Mark {
        public var id: String
        public var date: String
        public var type: String
        public var fatalities: Int
        public var location: String
        public var point: Coordinate

        public init(id: String, date: String, type: String, fatalities: Int, location: String, point: Coordinate) {
            self.id = id
            self.date = date
            self.type = type
            self.fatalities = fatalities
            self.location = location
            self.point = point
        }
    }

    /// How incidents are shown. Shading, cells and points are never laid over each other in a way that
    /// mixes colours: points are opaque over the shading; cells go over unshaded regions.
    public enum Style: String, CaseIterable, Sendable {
        /// Points up to `pointLimit` incidents, cells beyond.
        case auto
        /// Regions shaded by count, no marks.
        case choropleth
        /// Counts in equal-area square cells over unshaded regions.
        case bins
        /// One circle per incident over the shaded regions.
        case points
    }

    public var title = "Incidents along Afghanistan's frontiers"
    public var sourceLine = ""
    /// Whose boundaries are drawn and counted in (the boundary set's citation).
    public var boundaries = BoundarySet.default.citation
    /// The time series' window as asked (a long span is shown by a coarser one, said in the caption).
    public var window: TimeWindow
    public var regions: RegionSet
    public var countries: RegionSet
    public var borders: [BorderLine]
    public var zone: Geometry?
    public var zoneLabel = ""
    /// The border the query's zone is drawn around: drawn distinctly and named in the legend.
    public var highlightedBorder: String?
    /// The lon/lat box asked to be shown (an extent given, the zone, the chosen regions); nil: the incidents'.
    public var focus: Envelope?
    public var style = Style.auto
    /// When hot spots are asked for: each region's (or cell's) Emerging Hot Spot pattern, which then shades it.
    public var patterns: [Int: EmergingPattern]?
    /// How the patterns were found, for the legend ("15 km, 1 window lag, α 0.05").
    public var patternMethod = ""
    /// The legend's words for the outlines of alerted regions (the command line adds the command that
    /// lists those alerts).
    public var alertLegend = "surge or rising threat at the last date"
    /// Regions whose latest weeks raise a `trends` alert (surge or rising threat) at the data's last date,
    /// outlined on the map.
    public func alerts() -> [SurgeAlerts.Row] {
        guard let lastDate else { return [] }
        var daily: [Int: [Int: Int]] = [:]
        aggregation.forEachCell { key, counts in
            if key.region >= 0 { daily[Int(key.region), default: [:]][Int(key.window), default: 0] += counts.events }
        }
        // A baseline reaching before the first incident mapped is no alert (docs/architecture.md, "Trend baselines").
        return SurgeAlerts.rows(daily: daily, asOf: lastDate.daysSinceEpoch, thresholds: .init(), firstDay: firstDate?.daysSinceEpoch)
            .filter { $0.surge || $0.rising }
    }

    /// Name the regions with incidents on the map (off for grid cells, whose ids say nothing to a reader).
    public var labelsRegions = true
    public var classCount = 5
    public var classMethod = ClassBreaks.Method.natural
    /// Counts per region and day: the totals, and the time series at any window.
    public var aggregation: Aggregation
    /// Every counted incident's position (binned in the bins style), and which lie in a region or cell.
    public var positions = MapPositions()
    /// Details of the first `markLimit` incidents, for point marks with tooltips.
    public var marks: [Mark] = []
    public var precision3 = 0
    /// The box of the incidents that lie in a region, without the outermost 1% of their positions on each side
    /// (`MapPositions.trimmedBox`): the default view (a stray row at 0,0, or two rows placed across a whole
    /// neighbouring country, do not decide it).
    public var locatedBox: Envelope?
    public var firstDate: CivilDate?
    public var lastDate: CivilDate?
    /// Above this many incidents the automatic style bins them.
    public static let pointLimit = 3000
    /// The most incidents the points style draws.
    public static let markLimit = 20_000

    public init(window: TimeWindow, regions: RegionSet, countries: RegionSet, borders: [BorderLine]) {
        self.window = window
        self.regions = regions
        self.countries = countries
        self.borders = borders
        aggregation = Aggregation(window: .day)
    }

    /// Colour-blind-safe sequential classes (viridis, light to dark) and a grey for none.
    static let classColours = ["#fde725", "#a0da39", "#4ac16d", "#1fa187", "#277f8e", "#365c8d", "#46327e"]
    static let noneColour = "#eeeeee"
    /// Regions under cells: one flat land colour, so the cells' scale is the only one on the map.
    static let landColour = "#f4f1ea"
    /// The background: sea, and land beyond the bundled countries (whose outlines GeoData does not hold).
    static let outsideColour = "#dbe9f4"
    /// The bundled countries' land where no mapped region lies (grid cells without incidents, provinces not
    /// in the region set): a neutral grey of its own, never the sea's blue nor a class's colour.
    static let noDataColour = "#d0d0d0"
    /// With the hot spot layer, a region with no incident, which the analysis had no series for: white hatched
    /// in grey (`unanalysedPattern`), so it never reads as the pale "No Pattern Detected".
    static let unanalysedColour = "url(#frontier-unanalysed)"
    static let unanalysedPattern = "<defs><pattern id=\"frontier-unanalysed\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">"
        + "<rect width=\"6\" height=\"6\" fill=\"#ffffff\"/><path d=\"M0,6L6,0\" stroke=\"#bdbdbd\" stroke-width=\"1\"/></pattern></defs>\n"
    /// Incident cells: a second sequential scale (reds), so cells never read as region shading.
    static let binColours = ["#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#99000d"]

    /// `n` colours spread evenly over a light-to-dark palette (its ends always used).
    static func spread(_ palette: [String], _ n: Int) -> [String] {
        guard n > 1 else { return n == 1 ? [palette[palette.count / 2]] : [] }
        return (0..<n).map { palette[Int((Double($0) * Double(palette.count - 1) / Double(n - 1)).rounded())] }
    }
    /// Okabe-Ito, for event types.
    static let typeColours = ["#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#F0E442", "#000000"]
    /// ArcGIS's convention for Emerging Hot Spot patterns: reds for hot, blues for cold, grey for none.
    static let patternColours: [EmergingPattern: String] = [
        .newHot: "#fee0d2", .consecutiveHot: "#fcbba1", .sporadicHot: "#fc9272", .oscillatingHot: "#fb6a4a",
        .diminishingHot: "#ef3b2c", .historicalHot: "#cb181d", .persistentHot: "#a50f15", .intensifyingHot: "#67000d",
        .newCold: "#deebf7", .consecutiveCold: "#c6dbef", .sporadicCold: "#9ecae1", .oscillatingCold: "#6baed6",
        .diminishingCold: "#4292c6", .historicalCold: "#2171b5", .persistentCold: "#08519c", .intensifyingCold: "#08306b",
        EmergingPattern.none: "#f0f0f0",
    ]
    /// The outline of a region with a trends alert.
    static let alertColour = "#000000"
    /// The border asked about and the zone.
    static let highlightColour = "#b2182b"
    static let zoneColour = "#d55e00"

    /// The style drawn: `auto` resolved by the count.
    /// With the hot spot layer, the patterns are the only shading and nothing is drawn over them: a count's
    /// cells or points in the same reds would read as patterns the legend does not list.
    public var resolvedStyle: Style {
        if patterns != nil { return .choropleth }
        return style == .auto ? (positions.count <= MapReport.pointLimit ? .points : .bins) : style
    }

    public var drawsPoints: Bool { resolvedStyle == .points }

    /// Per-region totals over all windows (the same numbers `aggregate` gives, summed).
    public func regionTotals() throws -> [Int: Aggregation.Counts] {
        var totals: [Int: Aggregation.Counts] = [:]
        try aggregation.forEachCell { key, counts in
            if key.region >= 0 { try totals[Int(key.region), default: .init()].add(counts) }
        }
        return totals
    }

    /// The classes of the region shading.
    func regionClasses(_ totals: [Int: Aggregation.Counts]) -> ClassBreaks {
        ClassBreaks(totals.values.map(\.events), classes: min(classCount, MapReport.classColours.count), method: classMethod)
    }

    /// The lon/lat box shown: the focus asked for, else the incidents (else Afghanistan), with a margin,
    /// and no flatter than a printable page (a thin zone along a border gets room above and below).
    func view() throws -> Envelope {
        var box: Envelope
        if let focus {
            box = focus
        } else if let p = try locatedBox ?? positions.box() {
            box = p
        } else {
            box = try countries.regions(inCountry: "AFG").first?.geometry.envelope() ?? Envelope(minX: 60, minY: 29, maxX: 75, maxY: 39)
        }
        let margin = max(0.25, 0.08 * max(box.width, box.height))
        box = box.expanded(by: margin)
        // Degrees of longitude are shorter by cos(latitude): compare shapes on the ground.
        let wide = box.width * cos(box.center.lat * .pi / 180)
        if box.height < 0.5 * wide {
            let grow = (0.5 * wide - box.height) / 2
            box = Envelope(minX: box.minX, minY: box.minY - grow, maxX: box.maxX, maxY: box.maxY + grow)
        } else if box.height > 1.4 * wide {
            // No taller than a page either: widen a north-south view.
            let grow = (box.height / 1.4 - wide) / cos(box.center.lat * .pi / 180) / 2
            box = Envelope(minX: box.minX - grow, minY: box.minY, maxX: box.maxX + grow, maxY: box.maxY)
        }
        return Envelope(minX: max(-180, box.minX), minY: max(-85, box.minY), maxX: min(180, box.maxX), maxY: min(85, box.maxY))
    }

    /// How many mapped incidents lie outside the drawn map: beyond its frame once projected (the frame of a
    /// conic holds a little more than the lon/lat box it was fitted to, and what it holds is drawn).
    /// - Throws: `FrontierError.cannotWrite` when spilled positions cannot be read back.
    func outside(_ projection: MapProjection) throws -> Int {
        var n = 0
        try positions.forEachChunk { chunk in
            for p in projection.pixels(chunk) where !(p.x.isFinite && p.y.isFinite && p.x >= 0 && p.y >= 0 && p.x <= projection.width && p.y <= projection.height) {
                n += 1
            }
        }
        return n
    }

    /// Event types in the order of the legend; an empty type is "unspecified".
    var eventTypes: [String] { Array(Set(marks.map { Self.typeName($0.type) })).sorted() }

    static func typeName(_ type: String) -> String {
        type.trimmingCharacters(in: .whitespaces).isEmpty ? "unspecified" : type
    }

    func typeColour(_ type: String, _ types: [String]) -> String {
        MapReport.typeColours[(types.firstIndex(of: Self.typeName(type)) ?? 0) % MapReport.typeColours.count]
    }
}
