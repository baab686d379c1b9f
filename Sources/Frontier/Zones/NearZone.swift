import Geo

/// Where `near` and `--near` look: the points within a geodesic distance of some lines (a border, or a
/// region's boundary), and with a region, every point inside it as well (distance 0).
public struct NearZone: Sendable {
    /// What the zone is drawn around, for messages ("AFG-TJK", "AFG:Badakhshan").
    public let name: String
    public let proximity: Proximity
    /// The region whose inside counts as distance 0: its index in the regions the scan locates with.
    public let region: Int?
    /// That region's box, so the covers test runs only where it can succeed.
    let regionBox: Envelope?

    public var within: Distance { proximity.within }

    /// Within `within` of a border line.
    public init(border: BorderLine, within: Distance) throws {
        name = border.id
        proximity = Proximity(lines: try border.geometry.lines(), within: within)
        region = nil
        regionBox = nil
    }

    /// Inside region `index` of `regions`, or within `within` of its boundary.
    public init(region index: Int, of regions: RegionSet, within: Distance) throws {
        let r = regions.regions[index]
        name = r.id
        proximity = Proximity(lines: try r.geometry.lines(), within: within)
        region = index
        regionBox = try r.geometry.envelope()
    }

    /// A lon/lat box holding the whole zone (a store reads only the rows inside it).
    public var box: Envelope? {
        var box = proximity.reachBox
        if let regionBox { if box == nil { box = regionBox } else { box?.expand(toInclude: regionBox) } }
        return box
    }

    /// The distance in metres when the point is in the zone, nil when not. `located` is the region the
    /// point lies in among `regions` (the same set the zone's region came from), when already known.
    func distance(to p: Coordinate, located: Int?, regions: RegionSet?, scratch: inout Proximity.Scratch) throws -> Double? {
        if let region {
            if located == region { return 0 }
            // Overlapping user layers can put a point in the zone's region yet locate it elsewhere.
            if let regions, let regionBox, regionBox.contains(p), try regions.prepared(region).covers(p) { return 0 }
        }
        return proximity.distance(to: p, scratch: &scratch)
    }
}
