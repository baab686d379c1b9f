import Foundation
import Geo
import FrontierBase

/// What makes a map readable on paper besides its data: a graticule with degree labels at the frame and a
/// scale bar true at the view's centre. Their boxes are reserved first, so labels keep clear of them.
struct MapFurniture {
    /// Meridians and parallels (drawn under the data's lines).
    let graticuleLines: String
    /// Degree labels and the scale bar (drawn last).
    let overlay: String

    init(view: Envelope, projection: MapProjection, placer: inout LabelPlacer) throws {
        let step = [0.25, 0.5, 1, 2, 5, 10, 15, 30].first { view.width / $0 <= 8 && view.height / $0 <= 8 } ?? 30
        var lines = "<g class=\"graticule\" fill=\"none\" stroke=\"#6f7f8f\" stroke-width=\"0.5\" stroke-opacity=\"0.7\" data-step=\"\(step)\">\n"
        var labels = "<g class=\"graticule-labels\" font-family=\"sans-serif\" font-size=\"\(MapFurniture.labelSize)\" fill=\"#34495e\" stroke=\"#ffffff\" stroke-width=\"2.5\" paint-order=\"stroke\">\n"
        let (w, h) = (projection.width, projection.height)

        // The scale bar: the longest round length up to 180 px, measured on the ground at the centre.
        let perKm = projection.pixelsPerKm(at: view.center)
        let km = [1.0, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000].last { $0 * perKm <= 180 } ?? 1
        let length = km * perKm
        let (x0, y0) = (16.0, h - 34)
        placer.reserve(LabelPlacer.Box(x: x0 - 6, y: y0 - 16, width: length + 60, height: 30))
        var bar = "<g class=\"scalebar\" data-km=\"\(NumberFormat.shortest(km))\" data-px=\"\(NumberFormat.fixed(length, decimals: 2))\" data-px-per-km=\"\(perKm)\" font-family=\"sans-serif\" font-size=\"10\">\n"
        bar += "<rect x=\"\(NumberFormat.fixed(x0 - 4, decimals: 1))\" y=\"\(NumberFormat.fixed(y0 - 15, decimals: 1))\" width=\"\(NumberFormat.fixed(length + 54, decimals: 1))\" height=\"26\" fill=\"#ffffff\"/>\n"
        bar += "<rect x=\"\(NumberFormat.fixed(x0, decimals: 1))\" y=\"\(NumberFormat.fixed(y0, decimals: 1))\" width=\"\(NumberFormat.fixed(length / 2, decimals: 2))\" height=\"5\" fill=\"#222222\"/>"
        bar += "<rect x=\"\(NumberFormat.fixed(x0 + length / 2, decimals: 2))\" y=\"\(NumberFormat.fixed(y0, decimals: 1))\" width=\"\(NumberFormat.fixed(length / 2, decimals: 2))\" height=\"5\" fill=\"#ffffff\" stroke=\"#222222\" stroke-width=\"0.8\"/>\n"
        bar += "<text x=\"\(NumberFormat.fixed(x0, decimals: 1))\" y=\"\(NumberFormat.fixed(y0 - 4, decimals: 1))\" text-anchor=\"middle\">0</text>"
        bar += "<text x=\"\(NumberFormat.fixed(x0 + length, decimals: 2))\" y=\"\(NumberFormat.fixed(y0 - 4, decimals: 1))\" text-anchor=\"middle\">\(NumberFormat.shortest(km)) km</text>\n"
        bar += "<text x=\"\(NumberFormat.fixed(x0 + length + 26, decimals: 1))\" y=\"\(NumberFormat.fixed(y0 + 6, decimals: 1))\" font-size=\"13\" font-weight=\"bold\" text-anchor=\"middle\">N↑</text>\n</g>\n"
        func draw(_ points: [Coordinate]) -> String {
            "M" + projection.pixels(points).map { "\(NumberFormat.fixed($0.x, decimals: 1)),\(NumberFormat.fixed($0.y, decimals: 1))" }.joined(separator: "L")
        }
        var lon = (view.minX / step).rounded(.up) * step
        while lon <= view.maxX {
            lines += "<path d=\"\(draw((0...40).map { Coordinate(x: lon, y: view.minY + view.height * Double($0) / 40) }))\"/>\n"
            let foot = projection.pixels([Coordinate(x: lon, y: view.minY)])[0]
            let text = MapFurniture.degrees(lon, positive: "E", negative: "W")
            let box = LabelPlacer.Box(x: foot.x - MapFurniture.textWidth(text) / 2, y: h - 16, width: MapFurniture.textWidth(text), height: 15)
            if box.x > 4, box.x + box.width < w - 4, placer.isClear(box) {
                placer.reserve(box)
                labels += "<text text-anchor=\"middle\" x=\"\(NumberFormat.fixed(foot.x, decimals: 1))\" y=\"\(NumberFormat.fixed(h - 4, decimals: 1))\">\(text)</text>\n"
            }
            lon += step
        }
        var lat = (view.minY / step).rounded(.up) * step
        while lat <= view.maxY {
            lines += "<path d=\"\(draw((0...40).map { Coordinate(x: view.minX + view.width * Double($0) / 40, y: lat) }))\"/>\n"
            let side = projection.pixels([Coordinate(x: view.minX, y: lat)])[0]
            let text = MapFurniture.degrees(lat, positive: "N", negative: "S")
            let y = max(14, side.y)
            let box = LabelPlacer.Box(x: 2, y: y - 11, width: MapFurniture.textWidth(text), height: 15)
            if y < h - 20, placer.isClear(box) {
                placer.reserve(box)
                labels += "<text x=\"4\" y=\"\(NumberFormat.fixed(y + 1, decimals: 1))\">\(text)</text>\n"
            }
            lat += step
        }
        graticuleLines = lines + "</g>\n"

        overlay = labels + "</g>\n" + bar
    }

    /// The degree labels' size in pixels: 11, legible on paper.
    static let labelSize = 11

    /// A degree label's width in pixels, generously (0.62 em a character, plus its halo).
    static func textWidth(_ text: String) -> Double { Double(text.count) * Double(labelSize) * 0.62 + 5 }

    /// "70°E", "37.5°N".
    static func degrees(_ v: Double, positive: String, negative: String) -> String {
        let text = NumberFormat.fixed(abs(v), decimals: 2, trim: true)
        return "\(text)°\(v < 0 ? negative : (v == 0 ? "" : positive))"
    }
}
