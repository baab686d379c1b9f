import Geo
import FrontierBase

/// Where a query narrowed to a zone looks: the points within a geodesic distance of some lines (a border,
/// or a region's boundary), and with a region, every point inside it as well (distance 0).
public struct NearZone: Sendable {
    /// What the zone is drawn around, for messages ("AFG-TJK", "AFG:Badakhshan").
    public let name: String
    public let proximity: Proximity
    /// The distances the zone is cut into, nearest first (one unless several bands are asked for, e.g. 10, 25
    /// and 50 km); the last is the zone's reach.
    public let bands: [Distance]
    /// The region whose inside counts as distance 0: its index in the regions the scan locates with.
    public let region: Int?
    /// That region's box, so the covers test runs only where it can succeed.
    let regionBox: Envelope?
    /// The lines distances are measured from (the border, or the region's rings), in lon/lat: which regions
    /// the zone reaches is decided against them (`NearZone+Regions.swift`).
    let lines: [[Coordinate]]
    /// Whether `distance(to:located:regions:scratch:)` gives each point's exact distance (true, the default:
    /// `near` prints it, several bands sort by it) or only decides which points are in the zone (false: a
    /// question that counts them with one band reads no distance), solving the geodesic only for points the
    /// certified bounds leave undecided (`Proximity.reaches`).
    package var measuresDistances = true

    public var within: Distance { proximity.within }

    /// Within `within` of a border line.
    public init(border: BorderLine, within: Distance) throws {
        try self.init(border: border, bands: [within])
    }

    /// Within the largest of `bands` (nearest first) of a border line.
    public init(border: BorderLine, bands: [Distance]) throws {
        name = border.id
        self.bands = try Self.checked(bands)
        lines = try border.geometry.lines()
        proximity = Proximity(lines: lines, within: self.bands[self.bands.count - 1])
        region = nil
        regionBox = nil
    }

    /// Inside region `index` of `regions`, or within `within` of its boundary.
    public init(region index: Int, of regions: RegionSet, within: Distance) throws {
        try self.init(region: index, of: regions, bands: [within])
    }

    /// Inside region `index` of `regions`, or within the largest of `bands` of its boundary.
    public init(region index: Int, of regions: RegionSet, bands: [Distance]) throws {
        let r = regions.regions[index]
        name = r.id
        self.bands = try Self.checked(bands)
        lines = try r.geometry.lines()
        proximity = Proximity(lines: lines, within: self.bands[self.bands.count - 1])
        region = index
        regionBox = try r.geometry.envelope()
    }

    private static func checked(_ bands: [Distance]) throws -> [Distance] {
        guard !bands.isEmpty else { throw FrontierError.badValue(.distance, value: "", reason: "no distance given") }
        return bands.sorted { $0.metres < $1.metres }
    }

    /// The index of the nearest band that holds a point `metres` away (the zone's distances are all
    /// within the last).
    public func bandIndex(holding metres: Double) -> Int {
        bands.firstIndex { metres <= $0.metres } ?? bands.count - 1
    }

    public func band(holding metres: Double) -> Distance { bands[bandIndex(holding: metres)] }

    /// A lon/lat box holding the whole zone (a store reads only the rows inside it).
    public var box: Envelope? {
        var box = proximity.reachBox
        if let regionBox { if box == nil { box = regionBox } else { box?.expand(toInclude: regionBox) } }
        return box
    }

    /// The distance in metres when the point is in the zone, nil when not; without `measuresDistances`, a
    /// number between the distance and the zone's reach (`Proximity.reaches`). `located` is the region the
    /// point lies in among `regions` (the same set the zone's region came from), when already known.
    package func distance(to p: Coordinate, located: Int?, regions: RegionSet?, scratch: inout Proximity.Scratch) throws -> Double? {
        if let region {
            if located == region { return 0 }
            // Overlapping user layers can put a point in the zone's region yet locate it elsewhere.
            if let regions, let regionBox, regionBox.contains(p), try regions.prepared(region).covers(p) { return 0 }
        }
        return measuresDistances ? proximity.distance(to: p, scratch: &scratch) : proximity.reaches(p, scratch: &scratch)
    }
}
