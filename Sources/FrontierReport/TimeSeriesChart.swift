import Foundation
import FrontierBase

/// Incidents per window for a few regions, as an SVG line chart that reads on paper: axis titles, a
/// gridline at every labelled count, ticks at calendar steps, series colours of their own (not the event
/// types'), and the segments that reach a partly covered window dashed, so a short last week is not read
/// as a fall.
struct TimeSeriesChart {
    struct Series {
        var name: String
        var counts: [Int: Int]
    }

    /// Dark, distinct from the Okabe-Ito event-type colours and the map's sequential scales.
    static let colours = ["#4c3a8a", "#c2185b", "#00838f", "#8d6e63", "#5d6d7e"]

    let window: TimeWindow
    /// The first and last window ordinal shown.
    let first: Int, last: Int
    let partial: Set<Int>
    let series: [Series]
    let unit: String

    func svg() -> String {
        let (w, h, left, right, top, bottom) = (900.0, 280.0, 56.0, 150.0, 12.0, 46.0)
        let plotW = w - left - right, plotH = h - top - bottom
        let maxCount = max(1, series.flatMap { $0.counts.values }.max() ?? 1)
        let step = TimeSeriesChart.niceStep(Double(maxCount) / 5)
        let maxY = max(step, (Double(maxCount) / step).rounded(.up) * step)
        let day0 = window.bounds(of: first).start.daysSinceEpoch, dayN = max(day0 + 1, window.bounds(of: last).start.daysSinceEpoch)
        // A single window sits mid-axis.
        let shift = first == last ? (dayN - day0) / 2 : 0
        func x(day: Int) -> Double { left + Double(day - day0) / Double(dayN - day0) * plotW }
        func x(_ win: Int) -> Double { x(day: window.bounds(of: win).start.daysSinceEpoch + shift) }
        func y(_ v: Double) -> Double { top + (1 - v / maxY) * plotH }
        func f(_ v: Double) -> String { NumberFormat.fixed(v, decimals: 1) }
        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(w)) \(Int(h))\" width=\"\(Int(w))\" height=\"\(Int(h))\" font-family=\"sans-serif\" font-size=\"11\">\n"
        out += "<g class=\"grid\" stroke=\"#dddddd\">\n"
        var tick = 0.0
        var yLabels = ""
        while tick <= maxY + 1e-9 {
            out += "<line x1=\"\(f(left))\" y1=\"\(f(y(tick)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(y(tick)))\"/>\n"
            yLabels += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(NumberFormat.grouped(Int(tick)))</text>\n"
            tick += step
        }
        out += "</g>\n<g class=\"y-ticks\" fill=\"#333333\">\n" + yLabels + "</g>\n"
        out += "<g class=\"x-ticks\" fill=\"#333333\" text-anchor=\"middle\">\n"
        for (day, label) in TimeSeriesChart.calendarTicks(from: day0, to: dayN) {
            out += "<line x1=\"\(f(x(day: day)))\" y1=\"\(f(top + plotH))\" x2=\"\(f(x(day: day)))\" y2=\"\(f(top + plotH + 5))\" stroke=\"#555555\"/>"
            out += "<text x=\"\(f(x(day: day)))\" y=\"\(f(top + plotH + 17))\">\(label)</text>\n"
        }
        out += "</g>\n<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#555555\"/>\n"
        out += "<text class=\"axis-title\" x=\"\(f(left + plotW / 2))\" y=\"\(f(h - 6))\" text-anchor=\"middle\">\(HTMLText.escape("window start (\(unit) windows)"))</text>\n"
        out += "<text class=\"axis-title\" transform=\"translate(14,\(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLText.escape("incidents per \(unit)"))</text>\n"
        var drewDashed = false
        for (k, s) in series.enumerated() {
            let colour = TimeSeriesChart.colours[k % TimeSeriesChart.colours.count]
            var solid: [String] = [], dashed = ""
            var run: [String] = []
            for win in first...last {
                let p = "\(f(x(win))),\(f(y(Double(s.counts[win] ?? 0))))"
                if win > first, partial.contains(win) || partial.contains(win - 1) {
                    let q = "\(f(x(win - 1))),\(f(y(Double(s.counts[win - 1] ?? 0))))"
                    dashed += "M\(q)L\(p)"
                    if run.count > 1 { solid.append(run.joined(separator: " ")) }
                    run = [p]
                } else {
                    run.append(p)
                }
            }
            if run.count > 1 { solid.append(run.joined(separator: " ")) }
            if first == last {
                // One window: a line needs two points, so the count is a dot.
                out += "<circle class=\"series\" cx=\"\(f(x(first)))\" cy=\"\(f(y(Double(s.counts[first] ?? 0))))\" r=\"3\" fill=\"\(colour)\"><title>\(HTMLText.escape(s.name))</title></circle>\n"
            }
            drewDashed = drewDashed || !dashed.isEmpty
            for points in solid {
                out += "<polyline class=\"series\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\" points=\"\(points)\"><title>\(HTMLText.escape(s.name))</title></polyline>\n"
            }
            if !dashed.isEmpty {
                out += "<path class=\"series partial\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.8\" stroke-dasharray=\"4 3\" d=\"\(dashed)\"><title>\(HTMLText.escape(s.name)): a partly covered window</title></path>\n"
            }
            out += "<rect x=\"\(f(w - right + 12))\" y=\"\(f(top + 4 + 16 * Double(k)))\" width=\"12\" height=\"3\" fill=\"\(colour)\"/>"
            out += "<text x=\"\(f(w - right + 28))\" y=\"\(f(top + 9 + 16 * Double(k)))\" fill=\"\(colour)\">\(HTMLText.escape(s.name))</text>\n"
        }
        if drewDashed {
            let y0 = top + 12 + 16 * Double(series.count)
            out += "<path d=\"M\(f(w - right + 12)),\(f(y0))h12\" stroke=\"#555555\" stroke-dasharray=\"4 3\"/><text x=\"\(f(w - right + 28))\" y=\"\(f(y0 + 4))\" fill=\"#555555\">partly covered window</text>\n"
        }
        return out + "</svg>\n"
    }

    /// 1, 2 or 5 × a power of ten, at least `raw` (and at least 1: counts are whole).
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 1 else { return 1 }
        let p = pow(10, (log10(raw)).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * p }.first { $0 >= raw } ?? 10 * p
    }

    /// Ticks on first days of years (long spans) or months (1, 2, 3 or 6 apart), at most about 12, or
    /// on Mondays for spans of a few weeks.
    static func calendarTicks(from day0: Int, to dayN: Int) -> [(Int, String)] {
        let a = CivilDate(daysSinceEpoch: day0), b = CivilDate(daysSinceEpoch: dayN)
        let months = (b.year - a.year) * 12 + b.month - a.month
        var ticks: [(Int, String)] = []
        if months > 36 {
            let years = b.year - a.year
            let step = [1, 2, 5, 10, 20, 50].first { years / $0 <= 12 } ?? 100
            var y = a.year + 1
            while y % step != 0 { y += 1 }
            while y <= b.year {
                ticks.append((CivilDate(calendarYear: y, month: 1, day: 1).daysSinceEpoch, String(y)))
                y += step
            }
        } else if months >= 2 {
            let step = [1, 2, 3, 6, 12].first { months / $0 <= 12 } ?? 12
            var (y, m) = (a.year, a.month + 1)
            if m > 12 { (y, m) = (y + 1, 1) }
            while (y, m) <= (b.year, b.month) {
                if (m - 1) % step == 0 {
                    let label = "\(y)-\(m < 10 ? "0" : "")\(m)"
                    ticks.append((CivilDate(calendarYear: y, month: m, day: 1).daysSinceEpoch, label))
                }
                m += 1
                if m > 12 { (y, m) = (y + 1, 1) }
            }
        } else {
            var d = day0
            while CivilDate(daysSinceEpoch: d).weekday != 0 { d += 1 }
            while d <= dayN {
                ticks.append((d, CivilDate(daysSinceEpoch: d).description))
                d += 7
            }
        }
        return ticks
    }
}
