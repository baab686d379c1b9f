import Foundation
import Geo
import FrontierBase
import FrontierAnalyses

/// The band below the map: a legend entry for every colour and line the map draws (classes with their
/// method, event types, symbol sizes, the border asked about, the zone) and an inset locator that shows
/// where the view lies among all the bundled countries.
extension MapReport {
    struct LegendBand {
        var svg: String
        var height: Double
    }

    /// Items laid left to right, wrapping at `width`.
    private struct Flow {
        let left: Double, width: Double
        var x: Double, y: Double
        var out = ""

        init(left: Double, top: Double, width: Double) {
            self.left = left
            self.width = width
            x = left
            y = top
        }

        mutating func heading(_ text: String) {
            if x > left { newline() }
            out += "<text class=\"legend-heading\" x=\"\(NumberFormat.fixed(x, decimals: 1))\" y=\"\(NumberFormat.fixed(y + 11, decimals: 1))\" font-weight=\"bold\">\(HTMLText.escape(text))</text>\n"
            newline()
        }

        /// The height of the line being filled (a tall swatch makes it taller).
        private var lineHeight = 18.0

        mutating func newline() {
            x = left
            y += lineHeight
            lineHeight = 18
        }

        /// A swatch (`shape` drawn at x, y-centre) and its text; `attributes` go on the item's group. A swatch
        /// `height` pixels tall (a circle at its true size) makes its line taller, its text centred beside it.
        mutating func item(_ shape: (Double, Double) -> String, _ text: String, attributes: String = "", height: Double = 14, swatchWidth: Double = 16) {
            let width = swatchWidth + 6 + Double(text.count) * 6.4 + 14
            if x > left, x + width > left + self.width { newline() }
            let rowHeight = max(18, height + 4)
            if rowHeight > lineHeight, x > left { newline() }
            lineHeight = max(lineHeight, rowHeight)
            let centre = y + rowHeight / 2 - 2
            out += "<g class=\"legend-item\"\(attributes)>\(shape(x, centre))<text x=\"\(NumberFormat.fixed(x + swatchWidth + 6, decimals: 1))\" y=\"\(NumberFormat.fixed(centre + 4, decimals: 1))\">\(HTMLText.escape(text))</text></g>\n"
            x += width
        }

        /// A line of text (a caption) across the band.
        mutating func note(_ text: String, className: String) {
            if x > left { newline() }
            out += "<text class=\"\(className)\" x=\"\(NumberFormat.fixed(x, decimals: 1))\" y=\"\(NumberFormat.fixed(y + 11, decimals: 1))\" font-style=\"italic\">\(HTMLText.escape(text))</text>\n"
            newline()
        }
    }

    /// The caption for incidents outside the view: how many, and why the view leaves them out.
    func outsideNote(_ drawn: DrawnKinds) -> String {
        let n = NumberFormat.grouped
        let why = drawn.trimmed ? ": the view spans the 1st to 99th percentile of incident positions" : ""
        return "\(n(drawn.outside)) of \(n(positions.count)) incident\(positions.count == 1 ? "" : "s") lie outside this view\(why)"
    }

    private static func swatch(_ fill: String) -> (Double, Double) -> String {
        { x, y in "<rect class=\"swatch\" x=\"\(NumberFormat.fixed(x, decimals: 1))\" y=\"\(NumberFormat.fixed(y - 6, decimals: 1))\" width=\"16\" height=\"12\" fill=\"\(fill)\" stroke=\"#999999\" stroke-width=\"0.6\"/>" }
    }

    private static func line(_ stroke: String, width: Double, dash: String? = nil) -> (Double, Double) -> String {
        { x, y in "<path class=\"swatch-line\" d=\"M\(NumberFormat.fixed(x, decimals: 1)),\(NumberFormat.fixed(y, decimals: 1))h16\" stroke=\"\(stroke)\" stroke-width=\"\(width)\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") fill=\"none\"/>" }
    }

    func legendBand(classes: ClassBreaks, classColours: [String], cells: Cells?, alerted: Bool, drawn: DrawnKinds, top: Double,
                    view: Envelope) throws -> LegendBand {
        let insetWidth = 170.0
        var flow = Flow(left: 12, top: top + 10, width: MapReport.width - insetWidth - 40)
        if patterns != nil {
            // Exactly the patterns drawn, in ArcGIS's order: the map shows nothing else in these colours.
            flow.heading("Emerging hot spots (\(patternMethod))")
            for pattern in EmergingPattern.allCases where drawn.patterns.contains(pattern) {
                let colour = MapReport.patternColours[pattern] ?? MapReport.noneColour
                flow.item(Self.swatch(colour), pattern.rawValue, attributes: " data-pattern=\"\(HTMLText.escape(pattern.rawValue))\" data-fill=\"\(colour)\"")
            }
            if drawn.unanalysed {
                flow.item(Self.swatch(MapReport.unanalysedColour), "no incidents (not analysed)", attributes: " data-fill=\"\(MapReport.unanalysedColour)\"")
            }
        } else {
        switch resolvedStyle {
        case .bins:
            if let cells, cells.classes.count > 0 {
                let area = NumberFormat.shortest(cells.sizeKm * cells.sizeKm)
                flow.heading("Incidents per \(NumberFormat.shortest(cells.sizeKm)) km × \(NumberFormat.shortest(cells.sizeKm)) km cell (equal-area, \(area) km² each), \(cells.classes.method.description)")
                let colours = MapReport.spread(MapReport.binColours, cells.classes.count)
                for k in 0..<cells.classes.count {
                    flow.item(Self.swatch(colours[k]), cells.classes.label(k),
                              attributes: " data-bin-min=\"\(cells.classes.lower[k])\" data-bin-max=\"\(cells.classes.upper[k])\" data-fill=\"\(colours[k])\"")
                }
                flow.item(Self.swatch(MapReport.landColour), "region (counts in the cells)", attributes: " data-fill=\"\(MapReport.landColour)\"")
            }
        case .choropleth, .points, .auto:
            guard classes.count > 0 else { break }
            flow.heading("Incidents per region, whole period: \(classes.method.description)")
            if drawn.zero { flow.item(Self.swatch(MapReport.noneColour), "0", attributes: " data-fill=\"\(MapReport.noneColour)\"") }
            for k in 0..<classes.count {
                flow.item(Self.swatch(classColours[k]), classes.label(k),
                          attributes: " data-min=\"\(classes.lower[k])\" data-max=\"\(classes.upper[k])\" data-fill=\"\(classColours[k])\"")
            }
        }
        }
        if resolvedStyle == .points, !marks.isEmpty {
            let types = eventTypes
            flow.heading("Incidents by event type (circle area grows with fatalities; incidents at one place are spread around it)")
            for t in types {
                let colour = MapReport.typeColours[(types.firstIndex(of: t) ?? 0) % MapReport.typeColours.count]
                flow.item({ x, y in "<circle class=\"swatch\" cx=\"\(NumberFormat.fixed(x + 8, decimals: 1))\" cy=\"\(NumberFormat.fixed(y, decimals: 1))\" r=\"5\" fill=\"\(colour)\"/>" },
                          t, attributes: " data-type=\"\(HTMLText.escape(t))\" data-fill=\"\(colour)\"")
            }
            // Circles at the size the map draws them, so a reader compares sizes, not numbers.
            let sizes = [0, 10, 100], tallest = 2 * MapReport.radius(fatalities: sizes.last ?? 0)
            for f in sizes {
                let r = MapReport.radius(fatalities: f)
                let side = 2 * max(r, 8)
                flow.item({ x, y in "<circle class=\"size\" cx=\"\(NumberFormat.fixed(x + side / 2, decimals: 1))\" cy=\"\(NumberFormat.fixed(y, decimals: 1))\" r=\"\(NumberFormat.fixed(r, decimals: 1))\" fill=\"none\" stroke=\"#333333\"/>" },
                          "\(f) fatalities", attributes: " data-radius=\"\(NumberFormat.fixed(r, decimals: 1))\"", height: tallest, swatchWidth: side)
            }
        }
        flow.heading("Lines")
        if let id = highlightedBorder { flow.item(Self.line(MapReport.highlightColour, width: 3.2), "\(id) border (asked about)") }
        if zone != nil { flow.item(Self.line(MapReport.zoneColour, width: 2, dash: "6 4"), zoneLabel.isEmpty ? "zone" : zoneLabel) }
        if alerted { flow.item(Self.line(MapReport.alertColour, width: 2.4, dash: "2 2"), alertLegend) }
        flow.item(Self.line("#333333", width: 1.6), "international border")
        flow.item(Self.line("#666666", width: 0.9), "country outline")
        flow.item(Self.line("#8c99a6", width: 0.5), "graticule")
        if drawn.noData {
            flow.item(Self.swatch(MapReport.noDataColour), "land without data", attributes: " data-fill=\"\(MapReport.noDataColour)\"")
        }
        flow.item(Self.swatch(MapReport.outsideColour), "sea, and land beyond the bundled countries", attributes: " data-fill=\"\(MapReport.outsideColour)\"")
        if drawn.outside > 0 { flow.note(outsideNote(drawn), className: "view-note") }
        flow.newline()

        // The inset: every bundled country, and the view's frame among them.
        var box = try countries.regions.compactMap { try $0.geometry.envelope() }.reduce(nil as Envelope?) { acc, e in
            var a = acc ?? e
            a.expand(toInclude: e)
            return a
        } ?? view
        box.expand(toInclude: view)
        let inset = try MapProjection(view: box.expanded(by: 0.5), width: insetWidth)
        let (ix, iy) = (MapReport.width - insetWidth - 10, top + 10)
        var insetSVG = "<g class=\"inset\" transform=\"translate(\(NumberFormat.fixed(ix, decimals: 1)),\(NumberFormat.fixed(iy, decimals: 1)))\">\n"
        insetSVG += "<rect x=\"0\" y=\"0\" width=\"\(NumberFormat.fixed(inset.width, decimals: 1))\" height=\"\(NumberFormat.fixed(inset.height, decimals: 1))\" fill=\"\(MapReport.outsideColour)\" stroke=\"#888888\"/>\n"
        // A locator a few pixels across a country: plain Douglas-Peucker is enough (its rings are only drawn), where
        // the topology-preserving kind spent most of a one-row map on the OpenStreetMap outlines' whole countries.
        for country in countries.regions {
            insetSVG += "<path d=\"\(try inset.path(country.geometry.simplify(tolerance: 0.05, preserveTopology: false)))\" fill=\"#d9d9d9\" stroke=\"#999999\" stroke-width=\"0.4\" fill-rule=\"evenodd\"/>\n"
        }
        var frame: [Coordinate] = []
        for i in 0...20 { frame.append(Coordinate(x: view.minX + view.width * Double(i) / 20, y: view.minY)) }
        for i in 0...20 { frame.append(Coordinate(x: view.maxX, y: view.minY + view.height * Double(i) / 20)) }
        for i in 0...20 { frame.append(Coordinate(x: view.maxX - view.width * Double(i) / 20, y: view.maxY)) }
        for i in 0...20 { frame.append(Coordinate(x: view.minX, y: view.maxY - view.height * Double(i) / 20)) }
        let framePx = inset.pixels(frame).map { "\(NumberFormat.fixed($0.x, decimals: 1)),\(NumberFormat.fixed($0.y, decimals: 1))" }.joined(separator: "L")
        insetSVG += "<path class=\"view-frame\" d=\"M\(framePx)Z\" fill=\"none\" stroke=\"\(MapReport.highlightColour)\" stroke-width=\"1.5\"/>\n"
        insetSVG += "<text x=\"4\" y=\"\(NumberFormat.fixed(inset.height + 12, decimals: 1))\" font-family=\"sans-serif\" font-size=\"9\">Locator: this view in red</text>\n</g>\n"

        let height = max(flow.y - top + 8, inset.height + 26)
        let svg = "<g class=\"legend\" font-family=\"sans-serif\" font-size=\"11\" fill=\"#222222\">\n<rect x=\"0\" y=\"\(NumberFormat.fixed(top, decimals: 1))\" width=\"\(NumberFormat.fixed(MapReport.width, decimals: 0))\" height=\"\(NumberFormat.fixed(height, decimals: 1))\" fill=\"#ffffff\"/>\n"
            + flow.out + "</g>\n" + insetSVG
        return LegendBand(svg: svg, height: height)
    }
}
