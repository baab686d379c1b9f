import Foundation
import FrontierBase
import FrontierAnalyses

/// The page around the map: title, dates and totals, source, the map (with its legend and inset), the time
/// series and the table of regions. Inline CSS only.
extension MapReport {
    public func html() throws -> String {
        let projection = try MapProjection(view: view(), width: MapReport.width)
        let cells = resolvedStyle == .bins ? try cellCounts(projection) : nil
        let map = try svg(projection: projection, cells: cells)
        let totals = try regionTotals()
        let total = try totals.values.reduce(into: Aggregation.Counts()) { try $0.add($1) }
        let e = HTMLText.escape
        let n = NumberFormat.grouped
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; max-width: 1000px; }
            h1 { font-size: 1.4em; margin-bottom: 0.2em; } .meta { color: #555; margin: 0.2em 0; }
            table { border-collapse: collapse; margin-top: 0.5em; } td, th { padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; white-space: nowrap; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; } svg { max-width: 100%; height: auto; }
            caption { text-align: left; color: #555; padding-bottom: 0.3em; } .caption { color: #555; }
            @media print {
              /* The map at most 64% of the page high: with the title, the dates and its captions it fills the first page. */
              body { margin: 0; max-width: none; }
              h1, h2 { break-after: avoid; page-break-after: avoid; }
              .figure { break-inside: avoid; page-break-inside: avoid; }
              svg.map { display: block; width: auto; max-width: 100%; max-height: 64vh; break-inside: avoid; page-break-inside: avoid; }
              svg.chart { max-width: 100%; break-inside: avoid; page-break-inside: avoid; }
              tr { break-inside: avoid; page-break-inside: avoid; }
            }
            </style></head><body>
            <h1>\(e(title))</h1>

            """
        let range = [firstDate, lastDate].compactMap { $0?.description }
        out += "<p class=\"meta\">Dates: \(e(range.count == 2 ? "\(range[0]) to \(range[1])" : "none")) · \(n(total.events)) incidents, \(n(total.fatalities)) fatalities in mapped regions</p>\n"
        out += "<p class=\"meta source\">Data: \(e(sourceLine)). Boundaries: \(e(boundaries)), via GeoData.</p>\n"
        out += "<p class=\"meta precision\">\(n(precision3)) of these incidents have geo_precision 3: they are placed at a region's representative point, not where they happened.</p>\n"
        let outside = try outside(projection)
        out += "<div class=\"figure map-figure\">\n" + map
        if outside > 0 {
            var drawn = DrawnKinds()
            (drawn.outside, drawn.trimmed) = (outside, focus == nil)
            out += "<p class=\"caption view-note\">\(e(outsideNote(drawn))).</p>\n"
        }
        out += "<p class=\"projection caption\">Projection: Albers equal-area conic (PROJ: <code>\(e(projection.definition))</code>), so shaded areas and cells keep their relative sizes; the scale bar is true at the view's centre.</p>\n</div>\n"
        out += try timeSeries(totals: totals)
        let ranked = busiest(totals)
        let shown = Array(ranked.prefix(25))
        out += "<h2>Regions by incidents</h2>\n<table class=\"summary\"><caption>Top \(n(shown.count)) of \(n(ranked.count)) regions with incidents</caption>"
        out += "<tr><th>region</th><th>country</th><th>incidents</th><th>fatalities</th><th>share of incidents</th></tr>\n"
        for (r, c) in shown {
            let region = regions.regions[r]
            let share = total.events > 0 ? NumberFormat.fixed(Double(c.events) / Double(total.events) * 100, decimals: 1) + "%" : ""
            out += "<tr data-region=\"\(e(region.id))\"><td>\(e(region.name))</td><td>\(e(region.country))</td><td class=\"n events\">\(n(c.events))</td><td class=\"n fatalities\">\(n(c.fatalities))</td><td class=\"n share\">\(share)</td></tr>\n"
        }
        out += "</table>\n</body></html>\n"
        return out
    }

    /// The map alone (with its legend) on a page of its own, for a browser to take a picture of: no margin, the
    /// SVG at its own size, and that size in CSS pixels (rounded up), which is the viewport to shoot.
    public func picturePage() throws -> (page: String, width: Int, height: Int) {
        let drawing = try drawing()
        let page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title>
            <style>html, body { margin: 0; padding: 0; background: #ffffff; } svg { display: block; }</style></head><body>

            """ + drawing.svg + "</body></html>\n"
        return (page, Int(drawing.width.rounded(.up)), Int(drawing.height.rounded(.up)))
    }

    /// Region indices by incidents, most first; ties in region_id order (the table and the chart agree).
    private func busiest(_ totals: [Int: Aggregation.Counts]) -> [(region: Int, counts: Aggregation.Counts)] {
        totals.sorted { ($1.value.events, regions.regions[$0.key].id) < ($0.value.events, regions.regions[$1.key].id) }
            .map { ($0.key, $0.value) }
    }

    /// The most windows a chart shows; a longer span is shown by the next coarser window.
    static let chartWindows = 120

    /// The window the chart uses: the one asked for, or the first coarser one that keeps the span to
    /// `chartWindows`; and why, for the caption.
    func chartWindow(first: CivilDate, last: CivilDate) -> (window: TimeWindow, note: String?) {
        func count(_ w: TimeWindow) -> Int { w.ordinal(of: last) - w.ordinal(of: first) + 1 }
        if count(window) <= MapReport.chartWindows { return (window, nil) }
        var weekStart = 0
        if case .week(let s) = window { weekStart = s }
        for coarser in [TimeWindow.week(start: weekStart), .month, .quarter, .year] where count(coarser) <= MapReport.chartWindows {
            if count(coarser) < count(window) {
                return (coarser, "\(NumberFormat.grouped(count(window))) windows as asked would not read: shown by \(Self.unitName(coarser))")
            }
        }
        return (.year, "shown by year")
    }

    public static func unitName(_ w: TimeWindow) -> String {
        switch w {
        case .day: return "day"
        case .week: return "week"
        case .month: return "month"
        case .quarter: return "quarter"
        case .year: return "year"
        case .all: return "period"
        case .days(let n, _): return "\(n)-day"
        }
    }

    /// Events per window for the five regions with most incidents.
    private func timeSeries(totals: [Int: Aggregation.Counts]) throws -> String {
        let top = busiest(totals).prefix(5).map(\.region)
        guard let firstDate, let lastDate, !top.isEmpty else { return "" }
        let (w, note) = chartWindow(first: firstDate, last: lastDate)
        var series: [Int: [Int: Int]] = [:]
        aggregation.forEachCell { key, counts in
            guard key.region >= 0, top.contains(Int(key.region)) else { return }
            series[Int(key.region), default: [:]][w.ordinal(of: CivilDate(daysSinceEpoch: Int(key.window))), default: 0] += counts.events
        }
        let (first, last) = (w.ordinal(of: firstDate), w.ordinal(of: lastDate))
        let coverage = Coverage(days: firstDate.daysSinceEpoch...lastDate.daysSinceEpoch)
        let partial = Set((first...last).filter { coverage.isPartial(start: w.bounds(of: $0).start, end: w.bounds(of: $0).end) })
        let chart = TimeSeriesChart(window: w, first: first, last: last, partial: partial,
                                    series: top.map { TimeSeriesChart.Series(name: regions.regions[$0].name, counts: series[$0] ?? [:]) },
                                    unit: Self.unitName(w))
        // One block, so a printed page never parts the heading from its chart.
        var out = "<div class=\"figure chart-figure\">\n<h2>Incidents per \(Self.unitName(w)), busiest regions</h2>\n"
        if let note { out += "<p class=\"caption chart-note\">\(HTMLText.escape(note)).</p>\n" }
        return out + chart.svg() + "</div>\n"
    }
}
