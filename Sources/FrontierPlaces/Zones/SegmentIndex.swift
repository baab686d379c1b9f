import Foundation
import Geo

/// The segments of some lines, bucketed in a lon/lat grid so that a point only meets the segments that can
/// possibly lie within `reach` metres of it. Plain Swift data: safe to share between threads.
///
/// The prefilter may only widen the candidate set (docs/architecture.md, "Distances"). Each segment's box is
/// grown by margins that no path shorter than `reach` can cross: a latitude change of Δφ costs at least Δφ ·
/// 110,574 m (the shortest meridian degree, at the equator), and a longitude change at latitudes up to φmax
/// costs at least Δλ · (parallel degree length at φmax). The box also covers the poleward bulge of the
/// geodesic between the segment's vertices.
struct SegmentIndex: Sendable {
    struct Segment: Sendable {
        var a: Coordinate
        var b: Coordinate
        var box: Envelope
        /// `inverse(a, b)`, solved once.
        var ab: Geodesic.Inverse
        /// The vertices' numbers among all lines' vertices: neighbouring segments share one.
        var aVertex: Int32
        var bVertex: Int32
        /// The vertices' cartesian positions, for chord lower bounds (`Geodesic.cartesian`).
        var aXYZ: SIMD3<Double>
        var bXYZ: SIMD3<Double>
        /// The straight chord from a to b (`bXYZ − aXYZ`) and 1/|chord|² (0 for a point), to find the point
        /// of the chord nearest another.
        var chord: SIMD3<Double>
        var inverseChordSquared: Double
        /// How far the geodesic from a to b strays from its chord, at most (`SegmentBounds.bulge`).
        var bulge: Double
        /// A point whose squared chord distance to the chord exceeds this is beyond `reach` of the segment
        /// (`SegmentBounds.beyondSquared`).
        var beyondSquared: Double
    }

    let segments: [Segment]
    let reach: Double
    private let cellSize: Double
    private let origin: Coordinate
    private let columns: Int
    private let rows: Int
    private let cells: [[Int32]]
    /// Everything any segment's box covers: points outside are out of reach of every segment.
    let bounds: Envelope?

    static let minMetresPerDegreeLatitude = 110_000.0  // the true minimum is 110,574 m: rounded down
    static let earthRadius = 6_371_000.0

    /// At most this many (segment, cell) entries: a reach of thousands of km puts every segment in every
    /// cell, and the cells grow instead of the memory.
    static let maxEntries = 2_000_000

    init(lines: [[Coordinate]], reach: Double, cellSize smallestCell: Double = 0.25) {
        var segs: [Segment] = []
        var firstVertex: Int32 = 0
        for line in lines {
            for k in line.indices.dropLast() where line[k] != line[k + 1] || line.count == 2 {
                let (a, b) = (line[k], line[k + 1])
                let ab = Geodesic.wgs84.inverse(from: a, to: b)
                let aXYZ = Geodesic.wgs84.cartesian(a), bXYZ = Geodesic.wgs84.cartesian(b)
                let chord = bXYZ - aXYZ, chordSquared = (chord * chord).sum()
                let bulge = SegmentBounds.bulge(length: ab.distance, chord: chordSquared.squareRoot())
                segs.append(Segment(a: a, b: b, box: SegmentIndex.reachBox(a, b, length: ab.distance, reach: reach), ab: ab,
                                    aVertex: firstVertex + Int32(k), bVertex: firstVertex + Int32(k + 1),
                                    aXYZ: aXYZ, bXYZ: bXYZ, chord: chord, inverseChordSquared: chordSquared > 0 ? 1 / chordSquared : 0,
                                    bulge: bulge, beyondSquared: SegmentBounds.beyondSquared(reach: reach, bulge: bulge)))
            }
            firstVertex += Int32(line.count)
        }
        segments = segs
        self.reach = reach
        var bounds: Envelope?
        for s in segs { if bounds == nil { bounds = s.box } else { bounds!.expand(toInclude: s.box) } }
        self.bounds = bounds
        let b = bounds ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        origin = Coordinate(x: b.minX, y: b.minY)
        var cellSize = smallestCell
        func entries(_ size: Double) -> Int {
            segs.reduce(0) { total, s in
                total + (Int((s.box.maxX - b.minX) / size) - Int((s.box.minX - b.minX) / size) + 1)
                    * (Int((s.box.maxY - b.minY) / size) - Int((s.box.minY - b.minY) / size) + 1)
            }
        }
        while cellSize < 360, entries(cellSize) > SegmentIndex.maxEntries { cellSize *= 2 }
        self.cellSize = cellSize
        columns = max(1, Int(((b.maxX - b.minX) / cellSize).rounded(.up)) + 1)
        rows = max(1, Int(((b.maxY - b.minY) / cellSize).rounded(.up)) + 1)
        var cells = [[Int32]](repeating: [], count: columns * rows)
        for (i, s) in segs.enumerated() {
            let c0 = Int((s.box.minX - origin.x) / cellSize), c1 = Int((s.box.maxX - origin.x) / cellSize)
            let r0 = Int((s.box.minY - origin.y) / cellSize), r1 = Int((s.box.maxY - origin.y) / cellSize)
            for r in r0...min(r1, rows - 1) { for c in c0...min(c1, columns - 1) { cells[r * columns + c].append(Int32(i)) } }
        }
        self.cells = cells
    }

    /// The segment's lon/lat box grown so that every point within `reach` of the geodesic segment is inside.
    static func reachBox(_ a: Coordinate, _ b: Coordinate, length: Double, reach: Double) -> Envelope {
        let maxAbsLat = max(abs(a.lat), abs(b.lat))
        // Poleward bulge of a geodesic chord of this length: about L²·tanφ/(8R); doubled, plus a metre.
        let bulge = length * length / (8 * earthRadius) * max(1, tan(min(maxAbsLat, 80) * .pi / 180)) * 2 + 1
        let dLat = (reach + bulge) / minMetresPerDegreeLatitude
        let phiMax = min(89.9, maxAbsLat + dLat)
        let metresPerDegreeLon = max(1, minMetresPerDegreeLatitude * cos(phiMax * .pi / 180))
        let dLon = min(360, (reach + bulge) / metresPerDegreeLon)
        var minX = min(a.x, b.x) - dLon, maxX = max(a.x, b.x) + dLon
        // Across the antimeridian the reach continues at the other end of the longitudes: the box then
        // spans them all (wider, never narrower), as it does where the reach passes a pole.
        if minX < -180 || maxX > 180 || phiMax >= 89.9 { (minX, maxX) = (-180, 180) }
        return Envelope(minX: minX, minY: max(-90, min(a.y, b.y) - dLat), maxX: maxX, maxY: min(90, max(a.y, b.y) + dLat))
    }

    /// Indices of the segments whose reach box holds the point.
    func candidates(near p: Coordinate, into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        guard let bounds, bounds.contains(p) else { return }
        let c = min(columns - 1, Int((p.x - origin.x) / cellSize)), r = min(rows - 1, Int((p.y - origin.y) / cellSize))
        for i in cells[r * columns + c] where segments[Int(i)].box.contains(p) { out.append(i) }
    }
}
