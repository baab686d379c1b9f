import Foundation
import Geo

/// The zone within a geodesic distance of a line or region, as a lon/lat polygon for maps (`frontier buffer`).
///
/// A buffer drawn in degrees or in one projection for a 1,000 km border is wrong by tens of metres or more,
/// so the line is cut into pieces of at most `pieceLength`, each buffered with GEOS in its own azimuthal
/// equidistant projection (exact distances from its centre, errors of order (ρ/R)² beyond), densified there
/// so the edge stays true once brought back to lon/lat, and the pieces are unioned in lon/lat.
public enum BufferZone {
    /// 32 segments per quadrant: the chord sagitta is r·(1 − cos(π/128)) ≈ 0.03% of r, inside the 0.1% target.
    static let quadrantSegments = 32
    static let pieceLength = 60_000.0

    /// The zone around lines (a border), in lon/lat.
    public static func around(lines: [[Coordinate]], within: Distance, context: GEOSContext) throws -> Geometry {
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
        return try zone.transformedPolygons(with: t, direction: .inverse)
    }

}
