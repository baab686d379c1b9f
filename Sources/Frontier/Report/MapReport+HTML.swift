import Foundation

/// The page around the map: title, dates, source, legend, time series and summary table. Inline CSS only.
extension MapReport {
    public func html() throws -> String {
        let projection = try MapProjection(view: view(), width: 960)
        let binned = drawsPoints ? nil : binCounts(projection)
        let map = try svg(projection: projection, bins: binned)
        let totals = try regionTotals()
        let breaks = MapReport.classBreaks(Array(totals.values.map(\.events)))
        let total = totals.values.reduce(into: Aggregation.Counts()) { $0.events += $1.events; $0.fatalities += $1.fatalities }
        let e = HTMLText.escape
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 1.5em; color: #222; max-width: 1000px; }
            h1 { font-size: 1.4em; margin-bottom: 0.2em; } .meta { color: #555; margin: 0.2em 0; }
            .legend span.swatch { display: inline-block; width: 1.2em; height: 0.9em; vertical-align: middle; margin: 0 0.3em 0 0.8em; border: 1px solid #999; }
            table { border-collapse: collapse; margin-top: 0.5em; } td, th { padding: 0.2em 0.8em; border-bottom: 1px solid #ddd; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; } svg { max-width: 100%; height: auto; }
            </style></head><body>
            <h1>\(e(title))</h1>

            """
        let range = [firstDate, lastDate].compactMap { $0?.description }
        out += "<p class=\"meta\">Dates: \(e(range.count == 2 ? "\(range[0]) to \(range[1])" : "none")) · \(total.events) incidents, \(total.fatalities) fatalities in mapped regions</p>\n"
        out += "<p class=\"meta source\">Data: \(e(sourceLine)). Boundaries: Natural Earth (public domain), via GeoData.</p>\n"
        out += "<p class=\"meta precision\">\(precision3) of these incidents have geo_precision 3: they are placed at a region's representative point, not where they happened.</p>\n"
        out += map
        out += "<div class=\"legend\"><p><strong>Incidents per region</strong> (shading, whole period):"
        out += "<span class=\"swatch\" style=\"background:\(MapReport.noneColour)\"></span>0"
        var low = 1
        for (k, b) in breaks.enumerated() {
            out += "<span class=\"swatch\" style=\"background:\(MapReport.classColours[k])\"></span><span class=\"class\" data-min=\"\(low)\" data-max=\"\(b)\">\(low == b ? "\(b)" : "\(low)–\(b)")</span>"
            low = b + 1
        }
        out += "</p>\n"
        if drawsPoints {
            out += "<p><strong>Incidents</strong> (circle area grows with fatalities):"
            for t in eventTypes {
                out += "<span class=\"swatch\" style=\"background:\(MapReport.typeColours[(eventTypes.firstIndex(of: t) ?? 0) % MapReport.typeColours.count])\"></span>\(e(t))"
            }
            out += "</p>\n"
        } else {
            out += "<p><strong>Incidents</strong>, \(points.count) binned in squares (hover for the number):"
            var lowBin = 1
            for (k, b) in (binned?.breaks ?? []).enumerated() {
                out += "<span class=\"swatch\" style=\"background:\(MapReport.binColours[k])\"></span>\(lowBin == b ? "\(b)" : "\(lowBin)–\(b)")"
                lowBin = b + 1
            }
            out += "</p>\n"
        }
        if !zoneLabel.isEmpty { out += "<p><strong>Zone</strong>: \(e(zoneLabel)) (dashed orange).</p>\n" }
        out += "<p class=\"projection\">Projection: Albers equal-area conic (PROJ: <code>\(e(projection.definition))</code>), so shaded areas keep their relative sizes.</p></div>\n"
        out += try timeSeries(totals: totals)
        out += "<h2>Regions by incidents</h2>\n<table class=\"summary\"><tr><th>region_id</th><th>region</th><th>incidents</th><th>fatalities</th></tr>\n"
        for (r, c) in busiest(totals).prefix(25) {
            let region = regions.regions[r]
            out += "<tr data-region=\"\(e(region.id))\"><td>\(e(region.id))</td><td>\(e(region.name))</td><td class=\"n events\">\(c.events)</td><td class=\"n fatalities\">\(c.fatalities)</td></tr>\n"
        }
        out += "</table>\n</body></html>\n"
        return out
    }

    /// Region indices by incidents, most first; ties in region_id order (the table and the chart agree).
    private func busiest(_ totals: [Int: Aggregation.Counts]) -> [(region: Int, counts: Aggregation.Counts)] {
        totals.sorted { ($1.value.events, regions.regions[$0.key].id) < ($0.value.events, regions.regions[$1.key].id) }
            .map { ($0.key, $0.value) }
    }

    /// Events per window for the five regions with most incidents, as an SVG line chart.
    private func timeSeries(totals: [Int: Aggregation.Counts]) throws -> String {
        let top = busiest(totals).prefix(5).map(\.region)
        let rows = try aggregation.rows()
        guard let first = rows.map(\.window).min(), let last = rows.map(\.window).max(), !top.isEmpty else { return "" }
        var series: [Int: [Int: Int]] = [:]
        for row in rows { if let r = row.region, top.contains(r) { series[r, default: [:]][row.window, default: 0] += row.counts.events } }
        let maxY = max(1, series.values.flatMap(\.values).max() ?? 1)
        let (w, h, left, bottom) = (900.0, 220.0, 40.0, 24.0)
        let span = max(1, last - first)
        func x(_ win: Int) -> String { NumberFormat.fixed(left + Double(win - first) / Double(span) * (w - left - 10), decimals: 1) }
        func y(_ v: Int) -> String { NumberFormat.fixed(10 + (1 - Double(v) / Double(maxY)) * (h - bottom - 10), decimals: 1) }
        var out = "<h2>Incidents per window, busiest regions</h2>\n<svg class=\"chart\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"\(Int(w))\" height=\"\(Int(h))\">\n"
        out += "<line x1=\"\(left)\" y1=\"\(y(0))\" x2=\"\(w - 10)\" y2=\"\(y(0))\" stroke=\"#999\"/><line x1=\"\(left)\" y1=\"10\" x2=\"\(left)\" y2=\"\(y(0))\" stroke=\"#999\"/>\n"
        out += "<text x=\"\(left - 4)\" y=\"14\" text-anchor=\"end\" font-size=\"11\">\(maxY)</text><text x=\"\(left - 4)\" y=\"\(y(0))\" text-anchor=\"end\" font-size=\"11\">0</text>\n"
        out += "<text x=\"\(left)\" y=\"\(h - 6)\" font-size=\"11\">\(window.bounds(of: first).start)</text><text x=\"\(w - 10)\" y=\"\(h - 6)\" text-anchor=\"end\" font-size=\"11\">\(window.bounds(of: last).start)</text>\n"
        for (k, r) in top.enumerated() {
            let colour = MapReport.typeColours[k % MapReport.typeColours.count]
            // The windows with incidents, each with its empty neighbours (where the line meets zero): as
            // many points as rows, however many centuries the dates span.
            let counted = series[r] ?? [:]
            let windows = Set(counted.keys.flatMap { [$0 - 1, $0, $0 + 1] }.filter { $0 >= first && $0 <= last } + [first, last]).sorted()
            let pts = windows.map { "\(x($0)),\(y(counted[$0] ?? 0))" }.joined(separator: " ")
            out += "<polyline class=\"series\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\" points=\"\(pts)\"><title>\(HTMLText.escape(regions.regions[r].id))</title></polyline>\n"
            out += "<text x=\"\(w - 10)\" y=\"\(20 + 14 * k)\" text-anchor=\"end\" font-size=\"12\" fill=\"\(colour)\">\(HTMLText.escape(regions.regions[r].name))</text>\n"
        }
        return out + "</svg>\n"
    }
}
