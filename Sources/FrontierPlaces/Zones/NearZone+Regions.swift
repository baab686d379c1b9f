import Geo
import FrontierBase

/// Which regions a zone reaches: those holding at least one point the zone keeps, so that a series filled
/// for a zone lists the regions an incident could be counted in, and no others (docs/architecture.md,
/// "Zones and regions").
///
/// A region is reached when its polygon meets the lines (distance 0; for a region's zone, also when it
/// meets that region), or else when its boundary comes within the zone's distance of the lines. The
/// distance between two polylines that do not cross is reached at a vertex of one of them and a point of a
/// segment of the other (for segments far shorter than the earth's radius, the distance from a point
/// moving along a geodesic segment to another one has no interior minimum), so it is measured exactly,
/// by the rule the zone uses for points (`Proximity`, geodesic on WGS84): from each of the region's
/// vertices to the lines, and from each of the lines' vertices to the region's rings, whose edges are first
/// cut into pieces of at most 0.01° so that the geodesics between their vertices follow the straight lon/lat
/// edges that decide which points the region holds.
extension NearZone {
    /// The indices of the regions of `regions` the zone reaches, in index order.
    /// - Parameters:
    ///   - regions: the regions (for a region's zone, the set its region index belongs to).
    ///   - keeping: which of them may be listed at all (a side of a border, chosen regions); nil: any.
    /// - Throws: GEOS errors on a region's geometry.
    public func regionsReached(in regions: RegionSet, keeping: (Int) throws -> Bool = { _ in true }) throws -> [Int] {
        let reach = try ZoneReach(self, regions: regions)
        return try regions.regions.indices.filter { try keeping($0) && reach.reaches($0) }
    }

    /// Whether the zone reaches region `index` of `regions`: a point of it lies within the zone's distance.
    /// - Throws: GEOS errors on the region's geometry.
    public func reaches(region index: Int, of regions: RegionSet) throws -> Bool {
        try ZoneReach(self, regions: regions).reaches(index)
    }

    /// The geodesic distance in metres from region `index` of `regions` to the zone's lines, 0 when the
    /// region meets them (or is the zone's region, or meets it); nil when it lies beyond the zone's distance.
    /// Every vertex is measured: `reaches` answers sooner when only the answer matters.
    /// - Throws: GEOS errors on the region's geometry.
    public func distance(toRegion index: Int, of regions: RegionSet) throws -> Double? {
        try ZoneReach(self, regions: regions).distance(index, stoppingWithin: false)
    }

    /// The longest piece, in degrees, a region's edge is cut into before distances to it are measured.
    static let regionEdgeStep = 0.01
}

/// A zone's lines made GEOS geometries in a region set's context, with the boxes no point within reach
/// lies outside of: what deciding many regions shares.
final class ZoneReach {
    let zone: NearZone
    let regions: RegionSet
    /// The lines (two vertices or more) as one geometry, for the meeting test and the nearest points.
    private let lines: Geometry?
    /// Runs of consecutive segments' reach boxes (`SegmentIndex.reachBox`, which every point within reach of
    /// a segment lies in), merged: a region meeting none of them is out of reach.
    private let reachBoxes: [(box: Envelope, polygon: Geometry)]
    static let segmentsPerBox = 16

    init(_ zone: NearZone, regions: RegionSet) throws {
        self.zone = zone
        self.regions = regions
        let context = regions.context
        let strings = try zone.lines.filter { $0.count > 1 }.map { try Geometry.lineString($0, context: context) }
        lines = strings.isEmpty ? nil : try Geometry.collection(.multiLineString, strings, context: context)
        let segments = zone.proximity.index.segments
        reachBoxes = try stride(from: 0, to: segments.count, by: Self.segmentsPerBox).map { start in
            var box = segments[start].box
            for s in segments[start..<min(segments.count, start + Self.segmentsPerBox)] { box.expand(toInclude: s.box) }
            let ring = [Coordinate(x: box.minX, y: box.minY), Coordinate(x: box.maxX, y: box.minY), Coordinate(x: box.maxX, y: box.maxY),
                        Coordinate(x: box.minX, y: box.maxY), Coordinate(x: box.minX, y: box.minY)]
            return (box, try Geometry.polygon(exterior: ring, context: context))
        }
    }

    /// Whether the zone reaches region `index`. Cheap tests decide nearly every region: meeting the lines;
    /// the point of the region nearest the lines in lon/lat, measured exactly, within reach; no reach box
    /// met. Only a region near the edge of the reach is measured vertex by vertex, stopping at the first
    /// vertex within it.
    func reaches(_ index: Int) throws -> Bool {
        guard let meets = try meets(index) else { return false }
        if meets { return true }
        let geometry = try regions.regions[index].geometry
        if let lines, let (nearest, _) = try geometry.nearestPoints(lines), zone.proximity.distance(to: nearest) != nil { return true }
        let prepared = try regions.prepared(index)
        guard let box = try geometry.envelope(),
              try reachBoxes.contains(where: { try $0.box.intersects(box) && prepared.intersects($0.polygon) }) else { return false }
        return try distance(index, stoppingWithin: true) != nil
    }

    /// Nil when the region's box lies outside the zone's; true when it meets the lines or the zone's region
    /// (distance 0); false otherwise.
    private func meets(_ index: Int) throws -> Bool? {
        // The box from the region's bytes: a region far from the zone is never parsed.
        guard let box = try regions.regions[index].envelope, let reach = zone.box, box.intersects(reach) else { return nil }
        let geometry = try regions.regions[index].geometry
        if index == zone.region { return true }
        if let zoneRegion = zone.region, let zoneBox = zone.regionBox, box.intersects(zoneBox),
           try regions.prepared(zoneRegion).intersects(geometry) { return true }
        if let lines, try regions.prepared(index).intersects(lines) { return true }
        return false
    }

    /// The exact distance in metres from region `index` to the lines when within reach (0 when they meet);
    /// with `stoppingWithin`, the first distance found within reach, not the least.
    func distance(_ index: Int, stoppingWithin: Bool) throws -> Double? {
        guard let meets = try meets(index) else { return nil }
        if meets { return 0 }
        // A region's edges are straight in lon/lat (as locating a point in it reads them), a geodesic between
        // its vertices is not: 0.01° apart, the two stray by under 2 cm (L²·tan φ / 8R at 45°).
        let rings = try regions.regions[index].geometry.densify(tolerance: NearZone.regionEdgeStep).lines()
        // From the region's vertices to the lines: the zone's own rule for a point.
        var nearest: Double?
        var scratch = Proximity.Scratch()
        for vertex in rings.joined() {
            if let d = zone.proximity.distance(to: vertex, scratch: &scratch), d < nearest ?? .infinity {
                if stoppingWithin { return d }
                nearest = d
            }
        }
        // From the lines' vertices to the region's rings (a long edge of the region can pass a vertex of the
        // line closer than any of its own vertices).
        let boundary = Proximity(lines: rings, within: zone.within)
        for vertex in zone.lines.joined() {
            if let d = boundary.distance(to: vertex, scratch: &scratch), d < nearest ?? .infinity {
                if stoppingWithin { return d }
                nearest = d
            }
        }
        return nearest
    }
}
