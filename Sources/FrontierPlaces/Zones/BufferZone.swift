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
        var parts: [Geometry] = []
        let projContext = try ProjContext()
        for line in lines {
            for piece in pieces(of: line) {
                parts.append(try bufferPiece(piece, metres: within.metres, context: context, proj: projContext))
            }
        }
        guard !parts.isEmpty else { throw GeoError.invalidArgument("nothing to buffer") }
        return try Geometry.union(of: parts, context: context)
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
        let t = try Transformer(from: Transformer.lonLatWGS84, to: local, context: proj)
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
