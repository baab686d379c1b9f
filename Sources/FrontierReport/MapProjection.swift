import Foundation
import Geo
import FrontierBase

/// Projects lon/lat into the SVG's pixel space through PROJ: an Albers equal-area conic fitted to the view
/// (regions shaded by counts must keep their relative areas), scaled to the drawing box, y downwards.
final class MapProjection {
    let transformer: Transformer
    let definition: String
    let width: Double
    let height: Double
    /// Pixels per projected metre.
    let scale: Double
    private let minX: Double
    private let maxY: Double
    private let padding = 10.0

    /// `view` is the lon/lat box to show; `width` the SVG width in pixels (height follows the box's shape).
    init(view: Envelope, width: Double) throws {
        let lat1 = view.minY + (view.maxY - view.minY) / 6
        var lat2 = view.maxY - (view.maxY - view.minY) / 6
        // Standard parallels mirrored about the equator (as printed, to 2 decimals) make PROJ refuse the
        // conic: nudge one, which changes the map by nothing visible.
        if abs((lat1 * 100).rounded() + (lat2 * 100).rounded()) < 2 { lat2 += 0.05 }
        definition = "+proj=aea +lat_1=\(NumberFormat.fixed(lat1, decimals: 2)) +lat_2=\(NumberFormat.fixed(lat2, decimals: 2)) "
            + "+lat_0=\(NumberFormat.fixed(view.center.lat, decimals: 2)) +lon_0=\(NumberFormat.fixed(view.center.lon, decimals: 2)) +datum=WGS84 +units=m"
        transformer = try Transformer(fromLonLatTo: definition)
        // The projected extent of the view's outline (densified: its edges curve in the projection).
        var outline: [Coordinate] = []
        for i in 0...20 {
            let t = Double(i) / 20
            outline += [Coordinate(x: view.minX + t * view.width, y: view.minY), Coordinate(x: view.minX + t * view.width, y: view.maxY),
                        Coordinate(x: view.minX, y: view.minY + t * view.height), Coordinate(x: view.maxX, y: view.minY + t * view.height)]
        }
        transformer.transform(&outline)
        let e = Envelope(covering: outline)!
        self.width = width
        scale = (width - 2 * padding) / e.width
        height = e.height * scale + 2 * padding
        minX = e.minX
        maxY = e.maxY
    }

    /// Pixel positions for lon/lat points (one PROJ call for the whole array).
    func pixels(_ points: [Coordinate]) -> [Coordinate] {
        var p = points
        transformer.transform(&p)
        return p.map { Coordinate(x: padding + ($0.x - minX) * scale, y: padding + (maxY - $0.y) * scale) }
    }

    /// Lon/lat of pixel positions (the inverse of `pixels`).
    func lonLat(_ pixels: [Coordinate]) -> [Coordinate] {
        var p = pixels.map { Coordinate(x: ($0.x - padding) / scale + minX, y: maxY - ($0.y - padding) / scale) }
        transformer.transform(&p, direction: .inverse)
        return p
    }

    /// Pixel position of projected coordinates (metres).
    func pixel(projected p: Coordinate) -> Coordinate {
        Coordinate(x: padding + (p.x - minX) * scale, y: padding + (maxY - p.y) * scale)
    }

    /// Projected coordinates (metres) of lon/lat points.
    func projected(_ points: [Coordinate]) -> [Coordinate] {
        var p = points
        transformer.transform(&p)
        return p
    }

    /// Pixels per kilometre on the ground at `centre`, eastwards: a geodesic 100 km long, projected.
    func pixelsPerKm(at centre: Coordinate) -> Double {
        let east = Geodesic.wgs84.direct(from: centre, azimuth: 90, distance: 100_000).coordinate
        let px = pixels([centre, east])
        return hypot(px[1].x - px[0].x, px[1].y - px[0].y) / 100
    }

    /// The area of a (multi)polygon in square pixels (holes subtracted).
    func pixelArea(_ geometry: Geometry) throws -> Double {
        var total = 0.0
        for polygon in try geometry.polygons() {
            total += abs(Self.shoelace(pixels(try polygon.exteriorRing())))
            for hole in try polygon.interiorRings() { total -= abs(Self.shoelace(pixels(hole))) }
        }
        return max(0, total)
    }

    static func shoelace(_ ring: [Coordinate]) -> Double {
        guard ring.count > 2 else { return 0 }
        var s = 0.0
        for i in 0..<ring.count { let a = ring[i], b = ring[(i + 1) % ring.count]; s += a.x * b.y - b.x * a.y }
        return s / 2
    }

    /// An SVG path for a (multi)polygon or (multi)line, rounded to 0.1 px.
    func path(_ geometry: Geometry) throws -> String {
        var d = ""
        for ring in try geometry.lines() where ring.count > 1 {
            let px = pixels(ring)
            d += "M" + px.map { "\(NumberFormat.fixed($0.x, decimals: 1)),\(NumberFormat.fixed($0.y, decimals: 1))" }.joined(separator: "L")
            if ring.first == ring.last { d += "Z" }
        }
        return d
    }
}
