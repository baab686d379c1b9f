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
        try regions.regions.indices.filter { try keeping($0) && distance(toRegion: $0, of: regions) != nil }
    }

    /// The geodesic distance in metres from region `index` of `regions` to the zone's lines, 0 when the
    /// region meets them (or is the zone's region, or meets it); nil when it lies beyond the zone's distance.
    /// - Throws: GEOS errors on the region's geometry.
    public func distance(toRegion index: Int, of regions: RegionSet) throws -> Double? {
        let region = regions.regions[index]
        guard let box = try region.geometry.envelope(), let reach = self.box, box.intersects(reach) else { return nil }
        if index == self.region { return 0 }
        if let zoneRegion = self.region, let zoneBox = regionBox, box.intersects(zoneBox),
           try regions.prepared(zoneRegion).intersects(region.geometry) { return 0 }
        let prepared = try regions.prepared(index)
        for line in lines where line.count > 1 {
            if try prepared.intersects(Geometry.lineString(line, context: regions.context)) { return 0 }
        }
        // A region's edges are straight in lon/lat (as locating a point in it reads them), a geodesic between
        // its vertices is not: 0.01° apart, the two stray by under 2 cm (L²·tan φ / 8R at 45°).
        let rings = try region.geometry.densify(tolerance: Self.regionEdgeStep).lines()
        // From the region's vertices to the lines: the zone's own rule for a point.
        var nearest: Double?
        var scratch = Proximity.Scratch()
        for vertex in rings.joined() {
            if let d = proximity.distance(to: vertex, scratch: &scratch), d < nearest ?? .infinity { nearest = d }
        }
        // From the lines' vertices to the region's rings (a long edge of the region can pass a vertex of the
        // line closer than any of its own vertices).
        let boundary = Proximity(lines: rings, within: within)
        for vertex in lines.joined() {
            if let d = boundary.distance(to: vertex, scratch: &scratch), d < nearest ?? .infinity { nearest = d }
        }
        return nearest
    }

    /// The longest piece, in degrees, a region's edge is cut into before distances to it are measured.
    static let regionEdgeStep = 0.01
}
