import Foundation
import Geo
import FrontierPlaces

/// Polygons that tile an area (a coverage: provinces, countries), rebuilt from their shared edges so that
/// neighbours share exactly the same vertices: every ring is noded against every other, each edge between two
/// nodes is kept once and simplified once (Douglas-Peucker, topology preserved: edges keep their ends and do
/// not cross), and the faces the edges enclose are given back to the polygon that holds most of each. A sliver
/// between two neighbours that neither held (where their sources were cut from slightly different lines) goes
/// to the one it shares the longest edge with. GEOS 3.11 has no coverage simplifier of its own.
enum CoverageSimplifier {
    struct Report {
        /// Faces no polygon held, given to a neighbour: how many, and their planar area (square degrees).
        var gapsFilled = 0
        var gapArea = 0.0
        /// Faces left out: wider than a sliver (land the coverage does not hold), or touching no polygon.
        var dropped = 0
        /// The widest sliver closed (planar degrees, twice its area over its perimeter).
        var widestGap = 0.0
    }

    /// The widest sliver closed as a gap between neighbours: 0.01° (1.1 km at most), the snapping tolerance.
    static let gapWidth = 0.01

    static func rebuild(_ pieces: [Geometry], tolerance: Double, context: GEOSContext, report: inout Report) throws -> [Geometry] {
        let rings = try pieces.flatMap { try $0.boundary().lineStrings() }
        let noded = try Geometry.collection(.multiLineString, rings, context: context).unaryUnion()
        var edges = try Geometry.collection(.multiLineString, noded.lineStrings(), context: context).lineMerge()
        if tolerance > 0 { edges = try edges.simplify(tolerance: tolerance, preserveTopology: true) }
        // Simplified edges meet only at their kept ends; noding again costs little and makes that certain.
        let renoded = try Geometry.collection(.multiLineString, edges.lineStrings(), context: context).unaryUnion()
        let faces = try Geometry.polygonize(renoded.lineStrings(), context: context)
        let envelopes = try pieces.map { try $0.envelope() }
        let prepared = try pieces.map { try PreparedGeometry($0) }
        var parts = [[Geometry]](repeating: [], count: pieces.count)
        for face in faces {
            guard let box = try face.envelope() else { continue }
            let candidates = pieces.indices.filter { envelopes[$0]?.intersects(box) ?? false }
            var best: (index: Int?, area: Double) = (nil, 0)
            for i in candidates where try prepared[i].intersects(face) {
                let area = try face.intersection(pieces[i]).area()
                if area > best.area { best = (i, area) }
            }
            let faceArea = try face.area()
            if let i = best.index, best.area >= faceArea / 2 {
                parts[i].append(face)
                continue
            }
            // Held by no piece (or by none for most of it): a sliver between neighbours is closed (no wider
            // than `gapWidth`, measured as twice area over perimeter); a wider face is land the coverage does
            // not hold (Nepal and Bhutan, between China and India) and stays out.
            let edge = try face.boundary()
            let width = 2 * faceArea / max(try edge.length(), .leastNonzeroMagnitude)
            guard width <= gapWidth else { report.dropped += 1; continue }
            report.widestGap = max(report.widestGap, width)
            var longest: (index: Int?, length: Double) = (nil, 0)
            for i in candidates where try prepared[i].intersects(face) {
                let length = try edge.intersection(pieces[i].boundary()).length()
                if length > longest.length { longest = (i, length) }
            }
            guard let i = longest.index ?? best.index else { report.dropped += 1; continue }
            parts[i].append(face)
            report.gapsFilled += 1
            report.gapArea += faceArea
        }
        // On GeoJSON's 7-decimal grid, through GEOS's precision reducer: the files then hold exactly these
        // vertices, every polygon valid (rounding them when writing made seven Indian provinces self-touch),
        // and a vertex two neighbours share rounds alike in both.
        return try parts.enumerated().map { i, faces in
            let piece = faces.isEmpty ? pieces[i]
                : try Geometry.union(of: faces, context: context)
            return try RegionLayer.polygonal(piece.reducedPrecision(gridSize: 1e-7), context: context)
        }
    }
}
