import Foundation
import Geo
import FrontierPlaces

/// What a reading query asks a PostGIS server to decide for it, so that the heavy part runs where the rows
/// are: each row's region in a bundled layer (the server holds the same polygons in `frontier_regions`, and
/// applies the same rule: `ST_Covers`, then the smallest `region_id`; docs/architecture.md, "The tie rule"),
/// and, for a query that only counts, the rows grouped by what it reads of them. A GeoPackage store ignores
/// it (Frontier locates), and so does a table whose reference layer is not the one in use.
public struct ServerLocating: Sendable, Equatable {
    /// The layer's name in `frontier_regions` (admin0, admin1).
    public var layer: String
    /// `RegionSet.fingerprint()` of the regions the command uses: the server's copy must have the same.
    public var fingerprint: UInt64
    /// The regions' ids in the scan's order (an id's position is its region index).
    public var regionIDs: [String]
    /// Rows may come grouped (`Incident.weight`): alike in every value the command reads, their fatalities
    /// summed. Only for commands that count and never print a row.
    public var groups: Bool
    /// Only rows located in these regions are wanted (the query's allowed regions); nil: every row, outside
    /// ones included.
    /// Decided after the smallest-id rule over all regions, as Frontier decides.
    public var allowedIDs: [String]?

    /// The locate index's table cells: their origin and cells per degree (`LocateIndex.fineScale`).
    public var cellOrigin: Coordinate
    public var cellScale: Double

    /// What the server is asked to locate in: these regions with their locate index, when its cells can be
    /// computed exactly in SQL (nil otherwise).
    public init?(layer: String, regions: RegionSet, groups: Bool, allowed: Set<Int>?) throws {
        let index = try regions.buildLocateIndex()
        guard let scale = index.fineScale else { return nil }
        self.layer = layer
        fingerprint = try regions.fingerprint()
        regionIDs = regions.regions.map(\.id)
        self.groups = groups
        allowedIDs = allowed.map { $0.sorted().map { regions.regions[$0].id } }
        cellOrigin = index.origin
        cellScale = scale
    }

    /// What frontier_store keeps of a loaded layer: the regions' fingerprint and the cells' grid, which must
    /// both match for the server's answer to be Frontier's.
    package var referenceKey: String { "\(String(fingerprint, radix: 16)) cells \(cellOrigin.x) \(cellOrigin.y) \(cellScale)" }
}
