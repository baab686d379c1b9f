import Foundation
import Geo
import FrontierBase

/// The zone within a geodesic distance of a line or region, as a lon/lat polygon for maps.
///
/// A buffer drawn in degrees or in one projection for a 1,000 km border is wrong by tens of metres or more,
/// so the line is cut into pieces of at most `pieceLength`, each buffered with GEOS in its own azimuthal
/// equidistant projection (exact distances from its centre, errors of order (ρ/R)² beyond), densified there
/// so the edge stays true once brought back to lon/lat, and the pieces are unioned in lon/lat.
public enum BufferZone {
    /// 32 segments per quadrant: the chord sagitta is r·(1 − cos(π/128)) ≈ 0.03% of r, inside the 0.1% target.
    static let quadrantSegments = 32
    static let pieceLength = 60_000.0

    /// The widest zone drawn. Measured against pyproj on all 17 bundled borders along geodesics from the
    /// line's vertices (the edge found by bisection, its distance from the line measured on a 100 m
    /// densified copy; probes 1 km inside and outside the edge; the polygon's ellipsoidal area): the edge
    /// lies inside the distance by the inscribed polygon's sagitta (0.03%) and a little more, at most
    /// 448 m (0.045%) at 1,000 km, 923 m (0.062%, CHN-IND) at 1,500 km, 1,154 m (CHN-KGZ) at 2,000 km, so
    /// 1 km probes start failing between 1,500 and 2,000 km; at 6,000 km the pieces reach round the pole
    /// and GEOS fails, and far beyond the local projections fold the zone onto its complement (19,000 km
    /// around AFG-TJK drew a 4.5 million km² patch at the antipode). 1,000 km keeps every edge within
    /// half a kilometre; a zone wider than that is no border zone anyway, and near and aggregate measure
    /// each incident exactly at any distance.
    public static let maxDistance = Distance(metres: 1_000_000)

    /// The zone around lines (a border), in lon/lat; an error beyond `maxDistance`, or when the zone would
    /// reach a pole or cross the antimeridian (which a lon/lat polygon cannot hold).
    public static func around(lines: [[Coordinate]], within: Distance, context: GEOSContext) throws -> Geometry {
        guard within.metres <= maxDistance.metres else {
            throw FrontierError.badValue(.distance, value: within.text, reason: "a drawn zone reaches at most \(maxDistance)")
        }
        let all = lines.flatMap { pieces(of: $0) }
        guard !all.isEmpty else { throw GeoError.invalidArgument("nothing to buffer") }
        let parts = try bufferPieces(all, metres: within.metres, context: context)
        return try Geometry.union(of: parts, context: context)
    }

    /// Each piece buffered (`bufferPiece`), in order, in `context`. The pieces are independent, and buffering
    /// them was nearly all of a one-row `buffer`'s time (the 1,861-vertex AFG-TJK line makes 23 of them), so
    /// they are shared among the cores: this thread buffers pieces 0, n, 2n, … in `context`, and each of n − 1
    /// helper threads its share with GEOS and PROJ contexts of its own (neither may be shared between threads),
    /// handing its polygons over as WKB, which keeps every coordinate to the bit: the union, and the output,
    /// are the same as one thread's. An error is the first failing piece's in line order, as when they are
    /// buffered one after another.
    static func bufferPieces(_ pieces: [[Coordinate]], metres: Double, context: GEOSContext,
                             workers: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> [Geometry] {
        let count = min(max(1, workers), pieces.count)
        let helpers = (1..<max(1, count)).map { w in
            PieceHelper(indices: Array(stride(from: w, to: pieces.count, by: count))) { i, geos, proj in
                try bufferPiece(pieces[i], metres: metres, context: geos, proj: proj).wkb()
            }
        }
        // Every helper is waited for, whatever this thread meets: none outlives the call.
        defer { helpers.forEach { $0.wait() } }
        var mine: [Int: Result<Geometry, Error>] = [:]
        let proj = Result { try ProjContext.withoutDatabase() }
        for i in stride(from: 0, to: pieces.count, by: count) {
            mine[i] = proj.flatMap { proj in Result { try bufferPiece(pieces[i], metres: metres, context: context, proj: proj) } }
            if case .failure = mine[i] { break }
        }
        helpers.forEach { $0.wait() }
        return try pieces.indices.map { i in
            if let result = mine[i] { return try result.get() }
            guard i % count != 0, let wkb = helpers[i % count - 1].results[i] else {
                // Only after a failed piece of the same thread, which comes first in line order and was thrown.
                throw GeoError.invalidArgument("piece \(i + 1) was not buffered")
            }
            return try Geometry(wkb: wkb.get(), context: context)
        }
    }

    /// A thread buffering some of the pieces with its own contexts; it stops at its first failure (its later
    /// pieces' answers would be thrown away). `@unchecked Sendable`: the thread writes `results` before
    /// signalling, and they are read only after `wait`.
    private final class PieceHelper: @unchecked Sendable {
        private(set) var results: [Int: Result<[UInt8], Error>] = [:]
        private let done = DispatchSemaphore(value: 0)
        private var finished = false

        init(indices: [Int], _ body: @escaping @Sendable (Int, GEOSContext, ProjContext) throws -> [UInt8]) {
            Thread.detachNewThread { [self] in
                let contexts = Result { (try GEOSContext(), try ProjContext.withoutDatabase()) }
                for i in indices {
                    results[i] = contexts.flatMap { geos, proj in Result { try body(i, geos, proj) } }
                    if case .failure = results[i] { break }
                }
                done.signal()
            }
        }

        /// Waits until the thread is done (at once when it was waited for already).
        func wait() {
            guard !finished else { return }
            done.wait()
            finished = true
        }
    }

    /// The region itself together with the zone around its boundary.
    public static func around(region geometry: Geometry, within: Distance) throws -> Geometry {
        let ring = try around(lines: geometry.lines(), within: within, context: geometry.context)
        return try geometry.union(ring)
    }

    /// Consecutive runs of vertices no longer than `pieceLength` (a single longer segment is its own piece).
    static func pieces(of line: [Coordinate]) -> [[Coordinate]] {
        guard line.count > 1 else { return line.isEmpty ? [] : [line] }
        var result: [[Coordinate]] = []
        var current = [line[0]]
        var length = 0.0
        for v in line.dropFirst() {
            let step = Geodesic.wgs84.inverse(from: current.last!, to: v).distance
            if length + step > pieceLength && current.count > 1 {
                result.append(current)
                current = [current.last!]
                length = 0
            }
            current.append(v)
            length += step
        }
        result.append(current)
        return result
    }

    private static func bufferPiece(_ piece: [Coordinate], metres: Double, context: GEOSContext, proj: ProjContext) throws -> Geometry {
        // A pole inside the zone has no place in a lon/lat ring: refused (with a margin for the edge).
        for (pole, name) in [(90.0, "North"), (-90.0, "South")] {
            guard let nearest = piece.min(by: { abs(pole - $0.lat) < abs(pole - $1.lat) }) else { continue }
            let reach = Geodesic.wgs84.inverse(from: nearest, to: Coordinate(lon: nearest.lon, lat: pole)).distance
            if reach <= metres * 1.01 {
                throw FrontierError.invalid(file: "", reason: "the zone within \(Distance(metres: metres)) of a line at \(NumberFormat.shortest(nearest.lat))° latitude reaches the \(name) Pole, which a lon/lat polygon cannot hold")
            }
        }
        let e = Envelope(covering: piece)!
        let centre = e.center
        let local = "+proj=aeqd +lat_0=\(centre.lat) +lon_0=\(centre.lon) +datum=WGS84 +units=m +no_defs"
        let t = try Transformer(fromLonLatTo: local, context: proj)
        var projected = piece
        guard t.transform(&projected) == 0 else { throw GeoError.proj("cannot project the line near \(centre)") }
        let line = projected.count == 1 ? try Geometry.point(projected[0], context: context)
                                        : try Geometry.lineString(projected, context: context)
        // Densify so each edge, straight in the local frame, stays straight enough once in lon/lat.
        let zone = try line.buffer(distance: metres, quadrantSegments: quadrantSegments)
            .densify(tolerance: max(50, metres / 100))
        let lonLat = try zone.transformedPolygons(with: t, direction: .inverse)
        // Brought back to lon/lat, a ring across ±180° jumps by nearly 360° between two vertices: as a
        // planar polygon it would wrap the other way round the globe.
        for polygon in try lonLat.polygons() {
            let ring = try polygon.exteriorRing()
            if zip(ring, ring.dropFirst()).contains(where: { abs($0.x - $1.x) > 180 }) {
                throw FrontierError.invalid(file: "", reason: "the zone within \(Distance(metres: metres)) of a line near \(NumberFormat.shortest(centre.lon))° longitude crosses the antimeridian (±180°), which a lon/lat polygon cannot hold")
            }
        }
        return lonLat
    }

}
