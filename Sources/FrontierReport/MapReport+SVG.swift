import Foundation
import Geo
import FrontierBase
import FrontierAnalyses
import FrontierPlaces

/// The map itself: regions, cells or points, lines, zone, labels, graticule and scale bar, with the legend
/// and the inset locator in a band below the map (so they never hide it).
extension MapReport {
    /// Width of the drawing in pixels.
    static let width = 960.0

    public func svg() throws -> String {
        try drawing().svg
    }

    /// The map as SVG, and its size in pixels (the map and the legend band below it).
    func drawing() throws -> (svg: String, width: Double, height: Double) {
        let projection = try MapProjection(view: view(), width: MapReport.width)
        return try drawing(projection: projection, cells: resolvedStyle == .bins ? cellCounts(projection) : nil)
    }

    /// The map with the cells counted once by the caller (the page's text names their size too).
    func svg(projection: MapProjection, cells: Cells?) throws -> String {
        try drawing(projection: projection, cells: cells).svg
    }

    /// The map as SVG and its size, with the cells counted once by the caller.
    func drawing(projection: MapProjection, cells: Cells?) throws -> (svg: String, width: Double, height: Double) {
        let view = try view()
        let clip = try Geometry.rectangle(view, context: regions.context)
        let totals = try regionTotals()
        // Classes from the regions in view: the legend describes what the map shows.
        var visibleTotals: [Int: Aggregation.Counts] = [:]
        for (i, region) in regions.regions.enumerated() {
            if let e = try region.envelope, e.intersects(view), let c = totals[i] { visibleTotals[i] = c }
        }
        let classes = regionClasses(visibleTotals)
        let classColours = MapReport.spread(MapReport.classColours, classes.count)
        let (w, h) = (projection.width, projection.height)
        var placer = LabelPlacer(frame: LabelPlacer.Box(x: 0, y: 0, width: w, height: h))
        let furniture = try MapFurniture(view: view, projection: projection, placer: &placer)
        // Regions with a surge or rising-threat alert (as `trends` finds at the data's last date): outlined,
        // and named in the legend.
        let alerted = alerts()

        // The bundled countries' land, grey, under the data: where no mapped region lies (grid cells without
        // incidents, provinces outside the region set) it reads as land without data, never as sea.
        var countryShapes: [(country: Region, shape: Geometry)] = []
        var landArea = 0.0
        var land = "<g class=\"land\" fill=\"\(MapReport.noDataColour)\" stroke=\"none\" fill-rule=\"evenodd\">\n"
        for country in countries.regions {
            guard let e = try country.envelope, e.intersects(view) else { continue }
            let visible = try country.geometry.intersection(clip).simplify(tolerance: 0.005)
            if visible.isEmpty { continue }
            countryShapes.append((country, visible))
            landArea += try projection.pixelArea(visible)
            land += "<path data-country=\"\(HTMLText.escape(country.country))\" d=\"\(try projection.path(visible))\"/>\n"
        }
        land += "</g>\n"

        // Regions, each clipped to the view once (the labels use the same shapes), noting which legend
        // entries their fills are.
        let regionLayer = try regionPaths(view: view, clip: clip, totals: totals, classes: classes, classColours: classColours, projection: projection)
        var drawnKinds = regionLayer.kinds
        // The grey shows where the land in view is not covered by regions (a margin for simplified outlines).
        drawnKinds.noData = landArea - regionLayer.area > max(50, 0.002 * landArea)
        drawnKinds.outside = try outside(projection)
        drawnKinds.trimmed = focus == nil && drawnKinds.outside > 0
        let legend = try legendBand(classes: classes, classColours: classColours, cells: cells, alerted: !alerted.isEmpty, drawn: drawnKinds,
                                    top: h, view: view)

        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" viewBox=\"0 0 \(px(w)) \(px(h + legend.height))\" width=\"\(px(w))\" height=\"\(px(h + legend.height))\" role=\"img\""
        out += " data-projection=\"\(HTMLText.escape(projection.definition))\" data-scale=\"\(projection.scale)\" data-view=\"\(view.minX) \(view.minY) \(view.maxX) \(view.maxY)\">\n"
        out += "<title>\(HTMLText.escape(title))</title>\n"
        if drawnKinds.unanalysed { out += MapReport.unanalysedPattern }
        out += "<rect class=\"outside\" x=\"0\" y=\"0\" width=\"\(px(w))\" height=\"\(px(h))\" fill=\"\(MapReport.outsideColour)\"/>\n"
        out += land
        out += regionLayer.svg
        let drawn = regionLayer.drawn
        out += furniture.graticuleLines
        if let cells { out += self.cells(cells, projection: projection) }
        out += "<g class=\"countries\" fill=\"none\" stroke=\"#666666\" stroke-width=\"0.9\">\n"
        for (country, _) in countryShapes {
            // The outline as lines, so the view's edge is not drawn as a border.
            let outline = try country.geometry.boundary().intersection(clip).simplify(tolerance: 0.005)
            if !outline.isEmpty { out += "<path data-country=\"\(HTMLText.escape(country.country))\" d=\"\(try projection.path(outline))\"/>\n" }
        }
        out += "</g>\n<g class=\"borders\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1.6\">\n"
        for b in borders where b.id != highlightedBorder {
            guard let e = try b.geometry.envelope(), e.intersects(view) else { continue }
            out += "<path data-border=\"\(HTMLText.escape(b.id))\" d=\"\(try projection.path(b.geometry.intersection(clip)))\"><title>\(HTMLText.escape(b.id))</title></path>\n"
        }
        out += "</g>\n"
        if let zone {
            // An outline only: a tint over the shading would make colours no legend shows.
            let shape = try zone.intersection(clip).simplify(tolerance: 0.002)
            out += "<path class=\"zone\" fill=\"none\" stroke=\"\(MapReport.zoneColour)\" stroke-width=\"2\" stroke-dasharray=\"6 4\" d=\"\(try projection.path(shape))\"><title>\(HTMLText.escape(zoneLabel))</title></path>\n"
        }
        if !alerted.isEmpty {
            out += "<g class=\"alerts\" fill=\"none\" stroke=\"\(MapReport.alertColour)\" stroke-width=\"2.4\" stroke-dasharray=\"2 2\">\n"
            for row in alerted {
                guard let shape = drawn.first(where: { $0.index == row.region })?.shape else { continue }
                let what = [row.surge ? "surge" : nil, row.rising ? "rising threat" : nil].compactMap { $0 }.joined(separator: " and ")
                out += "<path data-alert=\"\(HTMLText.escape(regions.regions[row.region].id))\" d=\"\(try projection.path(shape))\"><title>\(HTMLText.escape(regions.regions[row.region].name)): \(what) (\(row.eventsWeek) incidents in the latest week, \(NumberFormat.fixed(row.average4w, decimals: 2)) a week in the four before)</title></path>\n"
            }
            out += "</g>\n"
        }
        if let id = highlightedBorder, let b = borders.first(where: { $0.id == id }) {
            out += "<path class=\"highlighted-border\" data-border=\"\(HTMLText.escape(b.id))\" fill=\"none\" stroke=\"\(MapReport.highlightColour)\" stroke-width=\"3.2\" d=\"\(try projection.path(b.geometry.intersection(clip)))\"><title>\(HTMLText.escape(b.id))</title></path>\n"
        }
        // The incidents' symbols are laid out first and their boxes reserved: no label covers one. Labels are
        // drawn under them, so a name may hide shading, never an incident.
        let marks = resolvedStyle == .points ? pointMarks(projection) : nil
        for box in marks?.boxes ?? [] { placer.reserve(box) }
        out += try labels(countries: countryShapes, regions: drawn, totals: totals, projection: projection, placer: &placer)
        if let marks { out += marks.svg }
        out += furniture.overlay
        out += legend.svg
        out += "</svg>\n"
        return (out, w, h + legend.height)
    }

    /// Which of the legend's entries the map draws, so the legend lists exactly those (hot spot patterns)
    /// and says what the grey and the background are when they show.
    struct DrawnKinds {
        /// The hot spot patterns filling at least one region or cell.
        var patterns: Set<EmergingPattern> = []
        /// A region with no incident drawn under the hot spot layer (not analysed).
        var unanalysed = false
        /// A region shaded as having no incident (the "0" entry).
        var zero = false
        /// Land of the bundled countries in view that no region covers (drawn grey).
        var noData = false
        /// Mapped incidents outside the view.
        var outside = 0
        /// Whether the view was drawn around the incidents without their outermost 1% (no focus asked for).
        var trimmed = false
    }

    /// The regions in view as paths filled by their class, their pattern (hot spot layer) or the flat land
    /// colour under cells; with the shapes drawn (for labels and alert outlines), their area in square pixels
    /// and the kinds of fill drawn.
    private func regionPaths(view: Envelope, clip: Geometry, totals: [Int: Aggregation.Counts], classes: ClassBreaks, classColours: [String],
                             projection: MapProjection) throws -> (svg: String, drawn: [(index: Int, shape: Geometry)], area: Double, kinds: DrawnKinds) {
        var drawn: [(index: Int, shape: Geometry)] = []
        var kinds = DrawnKinds()
        var area = 0.0
        let shaded = resolvedStyle != .bins
        var out = "<g class=\"regions\" stroke=\"#ffffff\" stroke-width=\"0.6\" fill-rule=\"evenodd\">\n"
        for (i, region) in regions.regions.enumerated() {
            guard let e = try region.envelope, e.intersects(view) else { continue }
            let shape = try region.geometry.intersection(clip).simplify(tolerance: 0.005)
            if shape.isEmpty { continue }
            drawn.append((i, shape))
            area += try projection.pixelArea(shape)
            let c = totals[i] ?? .init()
            var fill = shaded ? classes.index(of: c.events).map { classColours[$0] } ?? MapReport.noneColour : MapReport.landColour
            if shaded && patterns == nil && c.events <= 0 { kinds.zero = true }
            var pattern = ""
            if let patterns {
                // Only the patterns shade the map: a region the analysis had no series for (no incident) is
                // said to be so, not drawn as "no pattern detected".
                if let p = patterns[i] {
                    fill = MapReport.patternColours[p] ?? MapReport.noneColour
                    kinds.patterns.insert(p)
                    pattern = " data-pattern=\"\(HTMLText.escape(p.rawValue))\""
                } else {
                    fill = MapReport.unanalysedColour
                    kinds.unanalysed = true
                }
            }
            out += "<path class=\"region\" data-region=\"\(HTMLText.escape(region.id))\" data-events=\"\(c.events)\" data-fatalities=\"\(c.fatalities)\" fill=\"\(fill)\"\(pattern) d=\"\(try projection.path(shape))\">"
            out += "<title>\(HTMLText.escape(region.name)) (\(HTMLText.escape(region.id))): \(NumberFormat.grouped(c.events)) incidents, \(NumberFormat.grouped(c.fatalities)) fatalities</title></path>\n"
        }
        return (out + "</g>\n", drawn, area, kinds)
    }

    func px(_ v: Double) -> String { NumberFormat.fixed(v, decimals: 1, trim: true) }

    // MARK: - Labels

    /// Country names (capitals), the names of regions with incidents and of every province of the border asked
    /// about, largest first, inside their shapes, never overlapping each other, the map's furniture or an
    /// incident's symbol; a white halo keeps them legible.
    private func labels(countries: [(country: Region, shape: Geometry)], regions drawn: [(index: Int, shape: Geometry)],
                        totals: [Int: Aggregation.Counts], projection: MapProjection, placer: inout LabelPlacer) throws -> String {
        var out = "<g class=\"labels\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" text-anchor=\"middle\" font-family=\"sans-serif\">\n"
        // When the regions are the countries (the admin0 layer), the country labels name them.
        let regionsAreCountries = Set(regions.regions.map(\.id)) == Set(self.countries.regions.map(\.id))
        var wanted: [(kind: String, key: String, text: String, size: Double, capitals: Bool, area: Double, shape: Geometry)] = []
        for (country, shape) in countries {
            let area = try projection.pixelArea(shape)
            if area >= MapReport.countryLabelArea {
                wanted.append(("country", country.country, country.name.uppercased(), 13, true, area, shape))
            }
        }
        if !regionsAreCountries && labelsRegions {
            // Regions with incidents first, then every other province of the border's two countries (a reader
            // finds the places along it by name), each group largest first.
            let borderCountries = highlightedBorder.flatMap { id in borders.first { $0.id == id } }.map { Set([$0.countryA, $0.countryB]) } ?? []
            var busy: [(kind: String, key: String, text: String, size: Double, capitals: Bool, area: Double, shape: Geometry)] = []
            var quiet = busy
            for (i, shape) in drawn {
                let region = self.regions.regions[i]
                let hasIncidents = (totals[i]?.events ?? 0) > 0
                guard hasIncidents || borderCountries.contains(region.country) else { continue }
                let area = try projection.pixelArea(shape)
                guard area >= MapReport.regionLabelArea else { continue }
                let label = ("region", region.id, region.name, 10.5, false, area, shape)
                if hasIncidents { busy.append(label) } else { quiet.append(label) }
            }
            wanted += busy.sorted { $0.area > $1.area } + quiet.sorted { $0.area > $1.area }
        }
        for label in wanted {
            let candidates = try labelCandidates(label.shape, projection: projection)
            let inside = try PreparedGeometry(label.shape)
            // A box whose corners and edge midpoints all lie in the shape, at full size or smaller; failing
            // that (a long name in a narrow province), centred inside the shape.
            func fits(_ b: LabelPlacer.Box) -> Bool {
                let probes = [(0.0, 0.0), (0.5, 0.0), (1.0, 0.0), (1.0, 0.5), (1.0, 1.0), (0.5, 1.0), (0.0, 1.0), (0.0, 0.5)]
                let points = projection.lonLat(probes.map { Coordinate(x: b.x + b.width * $0.0, y: b.y + b.height * $0.1) })
                return points.allSatisfy { (try? inside.covers($0)) ?? false }
            }
            var size = label.size
            var box: LabelPlacer.Box?
            while box == nil && size >= label.size - 3 {
                box = placer.place(label.text, fontSize: size, capitals: label.capitals, candidates: candidates, accept: fits)
                if box == nil { size -= 1.5 }
            }
            if box == nil {
                size = label.size - 1.5
                box = placer.place(label.text, fontSize: size, capitals: label.capitals, candidates: candidates)
            }
            guard let box else { continue }
            let fill = label.kind == "country" ? "#4d4d4d" : "#1a1a1a"
            let spacing = label.capitals ? " letter-spacing=\"1.5\"" : ""
            out += "<text class=\"label \(label.kind)\" data-label=\"\(HTMLText.escape(label.key))\" data-box=\"\(px(box.x)) \(px(box.y)) \(px(box.width)) \(px(box.height))\""
            out += " x=\"\(px(box.x + box.width / 2))\" y=\"\(px(box.y + box.height / 2 + size * 0.35))\" font-size=\"\(px(size))\" fill=\"\(fill)\"\(spacing)>\(HTMLText.escape(label.text))</text>\n"
        }
        return out + "</g>\n"
    }

    /// A country's visible part of at least this many square pixels gets a label; a region with incidents,
    /// of at least `regionLabelArea`.
    static let countryLabelArea = 900.0
    static let regionLabelArea = 1600.0

    /// Where a label may sit, best first: GEOS's point on surface of the largest part, then points of a
    /// grid over that part that lie inside it, nearest the first.
    private func labelCandidates(_ shape: Geometry, projection: MapProjection) throws -> [Coordinate] {
        let parts = try shape.polygons()
        guard let largest = try parts.max(by: { try projection.pixelArea($0) < projection.pixelArea($1) }),
              let e = try largest.envelope() else { return [] }
        let anchor = try largest.pointOnSurface().coordinates().first ?? e.center
        let inside = try PreparedGeometry(largest)
        var grid: [Coordinate] = []
        for i in 0...10 {
            for j in 0...10 {
                let c = Coordinate(x: e.minX + e.width * Double(i) / 10, y: e.minY + e.height * Double(j) / 10)
                if try inside.covers(c) { grid.append(c) }
            }
        }
        grid.sort { hypot($0.x - anchor.x, $0.y - anchor.y) < hypot($1.x - anchor.x, $1.y - anchor.y) }
        return projection.pixels([anchor] + grid)
    }

    // MARK: - Points

    /// One opaque circle per incident, area growing with fatalities (capped), the largest drawn first so
    /// none hides a smaller one; incidents reported at one place are spread over a small sunflower around
    /// it (radius growing with the square root of their number, capped) and their tooltips say how many
    /// share it. Circles outside the view are not drawn. With the circles, their boxes (a pixel of margin), which
    /// labels keep clear of.
    private func pointMarks(_ projection: MapProjection) -> (svg: String, boxes: [LabelPlacer.Box]) {
        let types = eventTypes
        let px = projection.pixels(marks.map(\.point))
        let frame = LabelPlacer.Box(x: 0, y: 0, width: projection.width, height: projection.height)
        var groups: [Int64: [Int]] = [:]
        for (i, p) in px.enumerated() where p.x.isFinite && p.y.isFinite {
            groups[Int64((p.x * 2).rounded()) << 32 | Int64((p.y * 2).rounded()) & 0xFFFF_FFFF, default: []].append(i)
        }
        var position = px
        var shared = [Int](repeating: 1, count: marks.count)
        for members in groups.values where members.count > 1 {
            let mean = members.reduce(0.0) { $0 + MapReport.radius(fatalities: marks[$1].fatalities) } / Double(members.count)
            // Sunflower spacing: neighbours about a circle apart, the whole group within 60 px.
            let step = min(1.2 * mean, 60 / Double(members.count).squareRoot())
            for (k, i) in members.enumerated() {
                let r = step * Double(k + 1).squareRoot(), angle = Double(k) * 2.399963
                position[i] = Coordinate(x: px[i].x + r * cos(angle), y: px[i].y + r * sin(angle))
                shared[i] = members.count
            }
        }
        let order = marks.indices.sorted { marks[$0].fatalities > marks[$1].fatalities }
        var out = "<g class=\"incidents\" stroke=\"#222222\" stroke-width=\"0.6\">\n"
        var boxes: [LabelPlacer.Box] = []
        for i in order {
            let (m, p) = (marks[i], position[i])
            guard p.x.isFinite, p.y.isFinite, p.x >= frame.x, p.y >= frame.y, p.x <= frame.width, p.y <= frame.height else { continue }
            let r = MapReport.radius(fatalities: m.fatalities)
            boxes.append(LabelPlacer.Box(x: p.x - r - 1, y: p.y - r - 1, width: 2 * r + 2, height: 2 * r + 2))
            let note = shared[i] > 1 ? " (one of \(NumberFormat.grouped(shared[i])) incidents reported at this place)" : ""
            out += "<circle class=\"incident\" cx=\"\(NumberFormat.fixed(p.x, decimals: 1))\" cy=\"\(NumberFormat.fixed(p.y, decimals: 1))\" r=\"\(NumberFormat.fixed(MapReport.radius(fatalities: m.fatalities), decimals: 1))\" fill=\"\(typeColour(m.type, types))\">"
            out += "<title>\(HTMLText.escape(m.id)) · \(HTMLText.escape(m.date)) · \(HTMLText.escape(MapReport.typeName(m.type))) · \(NumberFormat.grouped(m.fatalities)) fatalities · \(HTMLText.escape(m.location))\(note)</title></circle>\n"
        }
        return (out + "</g>\n", boxes)
    }

    /// Circle radius in pixels: area grows with fatalities, up to 20 px (a massacre must not blot out a province).
    static func radius(fatalities: Int) -> Double { min(20, 2.5 + sqrt(Double(max(0, fatalities))) * 1.5) }

    // MARK: - Cells

    /// Incidents counted in square cells of the equal-area projection (so every cell is the same area on
    /// the ground), of a round size in km.
    struct Cells {
        var counts: [Cell: Int]
        var sizeKm: Double
        var classes: ClassBreaks
        struct Cell: Hashable { var x: Int, y: Int }
    }

    func cellCounts(_ projection: MapProjection) throws -> Cells {
        let across = projection.width / projection.scale / 1000
        let sizeKm = [1.0, 2, 5, 10, 20, 25, 50, 100, 200, 500].first { across / $0 <= 80 } ?? 1000
        let size = sizeKm * 1000
        var counts: [Cells.Cell: Int] = [:]
        try positions.forEachChunk { chunk in
            for p in projection.projected(chunk) where p.x.isFinite && p.y.isFinite {
                counts[Cells.Cell(x: Int((p.x / size).rounded(.down)), y: Int((p.y / size).rounded(.down))), default: 0] += 1
            }
        }
        // Only cells that overlap the view are drawn and classed: the legend describes what the map shows.
        counts = counts.filter { cell, _ in
            let corner = projection.pixel(projected: Coordinate(x: Double(cell.x) * size, y: Double(cell.y + 1) * size))
            let side = size * projection.scale
            return corner.x + side >= 0 && corner.y + side >= 0 && corner.x <= projection.width && corner.y <= projection.height
        }
        let classes = ClassBreaks(Array(counts.values), classes: min(classCount, MapReport.binColours.count), method: classMethod)
        return Cells(counts: counts, sizeKm: sizeKm, classes: classes)
    }

    /// The cells as opaque squares shaded by count.
    private func cells(_ c: Cells, projection: MapProjection) -> String {
        let colours = MapReport.spread(MapReport.binColours, c.classes.count)
        let size = c.sizeKm * 1000
        var out = "<g class=\"cells\" data-cell-km=\"\(NumberFormat.shortest(c.sizeKm))\">\n"
        for (cell, n) in c.counts.sorted(by: { ($0.key.y, $0.key.x) < ($1.key.y, $1.key.x) }) {
            let topLeft = projection.pixel(projected: Coordinate(x: Double(cell.x) * size, y: Double(cell.y + 1) * size))
            let side = size * projection.scale
            let fill = c.classes.index(of: n).map { colours[$0] } ?? colours[colours.count - 1]
            out += "<rect class=\"bin\" data-count=\"\(n)\" x=\"\(px(topLeft.x))\" y=\"\(px(topLeft.y))\" width=\"\(px(side))\" height=\"\(px(side))\" fill=\"\(fill)\"><title>\(NumberFormat.grouped(n)) incidents in this \(NumberFormat.shortest(c.sizeKm)) km cell</title></rect>\n"
        }
        return out + "</g>\n"
    }
}
