import Foundation
import Geo

/// An offline HTML report (or just its SVG map) of incidents: admin-1 regions shaded by incident count, country
/// outlines, border lines, an optional zone, the incidents as points (or binned when there are many), a
/// time series of the busiest regions and a summary table. No scripts, fonts or tiles: it works offline, and
/// every string from the data is escaped, so nothing in it can run code taken from the data.
public struct MapReport {
    /// One incident as the map shows it (points mode).
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

    public var title = "Incidents along Afghanistan's frontiers"
    public var sourceLine = ""
    public var window: TimeWindow
    public var regions: RegionSet
    public var countries: RegionSet
    public var borders: [BorderLine]
    public var zone: Geometry?
    public var zoneLabel = ""
    public var aggregation: Aggregation
    /// Every counted incident's position (binned when there are more than `pointLimit`).
    public var points: [Coordinate] = []
    /// Details of the first incidents, for point marks with tooltips.
    public var marks: [Mark] = []
    public var precision3 = 0
    public var firstDate: CivilDate?
    public var lastDate: CivilDate?
    public static let pointLimit = 3000

    public init(window: TimeWindow, regions: RegionSet, countries: RegionSet, borders: [BorderLine], aggregation: Aggregation) {
        self.window = window
        self.regions = regions
        self.countries = countries
        self.borders = borders
        self.aggregation = aggregation
    }

    /// Colour-blind-safe sequential classes (viridis, light to dark) and a grey for none.
    static let classColours = ["#fde725", "#7ad151", "#22a884", "#2a788e", "#414487"]
    static let noneColour = "#eeeeee"
    /// Incident bins: a second sequential scale (reds), so bins never read as region shading.
    static let binColours = ["#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15"]
    /// Okabe-Ito, for event types.
    static let typeColours = ["#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#0072B2", "#F0E442", "#000000"]

    public var drawsPoints: Bool { points.count <= MapReport.pointLimit }

    /// Per-region totals over all windows (the same numbers `aggregate` gives, summed).
    public func regionTotals() throws -> [Int: Aggregation.Counts] {
        var totals: [Int: Aggregation.Counts] = [:]
        for row in try aggregation.rows() {
            guard let r = row.region else { continue }
            totals[r, default: .init()].events += row.counts.events
            totals[r, default: .init()].fatalities += row.counts.fatalities
        }
        return totals
    }

    /// Upper bounds of the shading classes: quantiles of the non-zero region totals, distinct and ascending.
    static func classBreaks(_ values: [Int]) -> [Int] {
        let sorted = values.filter { $0 > 0 }.sorted()
        guard !sorted.isEmpty else { return [] }
        var breaks: [Int] = []
        for k in 1...classColours.count {
            let q = sorted[min(sorted.count - 1, (sorted.count * k) / classColours.count - (k == classColours.count ? 1 : 0))]
            if breaks.last.map({ q > $0 }) ?? true { breaks.append(q) }
        }
        if breaks.last != sorted.last { breaks.append(sorted.last!) }
        return Array(breaks.suffix(classColours.count))
    }

    /// The lon/lat box shown: the incidents and Afghanistan, with a margin, within the regions' extent.
    func view() throws -> Envelope {
        var box = try countries.regions(inCountry: "AFG").first?.geometry.envelope()
            ?? regions.regions.first?.geometry.envelope() ?? Envelope(minX: 60, minY: 29, maxX: 75, maxY: 39)
        if let p = Envelope(covering: points) { box.expand(toInclude: p) }
        box = box.expanded(by: 0.75)
        return box
    }

    // MARK: - SVG

    public func svg() throws -> String {
        let projection = try MapProjection(view: view(), width: 960)
        return try svg(projection: projection, bins: drawsPoints ? nil : binCounts(projection))
    }

    /// The map, with the bins counted once by the caller (the page's legend shows their classes too).
    func svg(projection: MapProjection, bins binned: Binned?) throws -> String {
        let view = try view()
        let context = regions.context
        let clip = try Geometry.rectangle(view, context: context)
        let totals = try regionTotals()
        let breaks = MapReport.classBreaks(Array(totals.values.map(\.events)))
        func colour(_ events: Int) -> String {
            guard events > 0 else { return MapReport.noneColour }
            return MapReport.classColours[breaks.firstIndex { events <= $0 } ?? (breaks.count - 1)]
        }
        let w = NumberFormat.fixed(projection.width, decimals: 0), h = NumberFormat.fixed(projection.height, decimals: 0)
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 \(w) \(h)\" width=\"\(w)\" height=\"\(h)\" role=\"img\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(w)\" height=\"\(h)\" fill=\"#dbe9f4\"/>\n<g class=\"regions\" stroke=\"#ffffff\" stroke-width=\"0.6\" fill-rule=\"evenodd\">\n"
        for (i, region) in regions.regions.enumerated() {
            guard let e = try region.geometry.envelope(), e.intersects(view) else { continue }
            let shape = try region.geometry.intersection(clip).simplify(tolerance: 0.005)
            if shape.isEmpty { continue }
            let c = totals[i] ?? .init()
            out += "<path class=\"region\" data-region=\"\(HTMLText.escape(region.id))\" data-events=\"\(c.events)\" data-fatalities=\"\(c.fatalities)\" fill=\"\(colour(c.events))\" d=\"\(try projection.path(shape))\">"
            out += "<title>\(HTMLText.escape(region.name)) (\(HTMLText.escape(region.id))): \(c.events) incidents, \(c.fatalities) fatalities</title></path>\n"
        }
        out += "</g>\n"
        // Bins sit under the outlines, borders and zone (which stay readable); points go on top of everything.
        if let binned { out += bins(binned) }
        out += "<g class=\"countries\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1.2\">\n"
        for country in countries.regions {
            guard let e = try country.geometry.envelope(), e.intersects(view) else { continue }
            // The outline as lines, so the view's edge is not drawn as a border.
            let shape = try country.geometry.boundary().intersection(clip).simplify(tolerance: 0.005)
            if !shape.isEmpty { out += "<path data-country=\"\(HTMLText.escape(country.country))\" d=\"\(try projection.path(shape))\"/>\n" }
        }
        out += "</g>\n"
        if let zone {
            let shape = try zone.intersection(clip).simplify(tolerance: 0.002)
            out += "<path class=\"zone\" fill=\"#d55e00\" fill-opacity=\"0.18\" stroke=\"#d55e00\" stroke-dasharray=\"4 3\" fill-rule=\"evenodd\" d=\"\(try projection.path(shape))\"><title>\(HTMLText.escape(zoneLabel))</title></path>\n"
        }
        out += "<g class=\"borders\" fill=\"none\" stroke=\"#222222\" stroke-width=\"2\">\n"
        for b in borders {
            guard let e = try b.geometry.envelope(), e.intersects(view) else { continue }
            out += "<path data-border=\"\(HTMLText.escape(b.id))\" d=\"\(try projection.path(b.geometry.intersection(clip)))\"><title>\(HTMLText.escape(b.id))</title></path>\n"
        }
        out += "</g>\n"
        if binned == nil { out += try pointMarks(projection) }
        out += "</svg>\n"
        return out
    }

    private func typeColour(_ type: String, _ types: [String]) -> String {
        MapReport.typeColours[(types.firstIndex(of: type) ?? 0) % MapReport.typeColours.count]
    }

    var eventTypes: [String] { Array(Set(marks.map(\.type))).sorted() }

    private func pointMarks(_ projection: MapProjection) throws -> String {
        let types = eventTypes
        let px = projection.pixels(marks.map(\.point))
        var out = "<g class=\"incidents\" stroke=\"#ffffff\" stroke-width=\"0.5\" fill-opacity=\"0.85\">\n"
        for (m, p) in zip(marks, px) {
            let r = 2.5 + sqrt(Double(m.fatalities)) * 1.5
            out += "<circle class=\"incident\" cx=\"\(NumberFormat.fixed(p.x, decimals: 1))\" cy=\"\(NumberFormat.fixed(p.y, decimals: 1))\" r=\"\(NumberFormat.fixed(r, decimals: 1))\" fill=\"\(typeColour(m.type, types))\">"
            out += "<title>\(HTMLText.escape(m.id)) · \(HTMLText.escape(m.date)) · \(HTMLText.escape(m.type)) · \(m.fatalities) fatalities · \(HTMLText.escape(m.location))</title></circle>\n"
        }
        return out + "</g>\n"
    }

    /// Incidents counted in square cells of the projected map.
    struct Binned {
        var counts: [Int: Int]
        var columns: Int
        var size: Double
        var breaks: [Int]
    }

    func binCounts(_ projection: MapProjection) -> Binned {
        let size = projection.width / 80
        var counts: [Int: Int] = [:]
        let columns = Int(projection.width / size) + 1
        var start = 0
        while start < points.count {
            let chunk = Array(points[start..<min(points.count, start + 65_536)])
            for p in projection.pixels(chunk) where p.x.isFinite && p.y.isFinite && p.x >= 0 && p.y >= 0 {
                counts[Int(p.y / size) * columns + Int(p.x / size), default: 0] += 1
            }
            start += 65_536
        }
        return Binned(counts: counts, columns: columns, size: size, breaks: MapReport.classBreaks(Array(counts.values)))
    }

    /// The bins as squares shaded by count.
    private func bins(_ b: Binned) -> String {
        let (counts, columns, size, breaks) = (b.counts, b.columns, b.size, b.breaks)
        var out = "<g class=\"bins\" data-breaks=\"\(breaks.map(String.init).joined(separator: " "))\">\n"
        for (key, n) in counts.sorted(by: { $0.key < $1.key }) {
            let level = breaks.firstIndex { n <= $0 } ?? (breaks.count - 1)
            out += "<rect class=\"bin\" data-count=\"\(n)\" x=\"\(NumberFormat.fixed(Double(key % columns) * size, decimals: 1))\" y=\"\(NumberFormat.fixed(Double(key / columns) * size, decimals: 1))\" width=\"\(NumberFormat.fixed(size, decimals: 1))\" height=\"\(NumberFormat.fixed(size, decimals: 1))\" fill=\"\(MapReport.binColours[level])\" fill-opacity=\"0.7\"><title>\(n) incidents</title></rect>\n"
        }
        return out + "</g>\n"
    }
}
