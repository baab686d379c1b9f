import Foundation

/// What a reading command asks a PostGIS server to decide for it, so that the heavy part runs where the rows
/// are: each row's region in a bundled layer (the server holds the same polygons in `frontier_regions`, and
/// applies DESIGN §3's rule: `ST_Covers`, then the smallest `region_id`), and, for a command that only
/// counts, the rows grouped by what the command reads of them. A GeoPackage store ignores it (Frontier
/// locates), and so does a table whose reference layer is not the one in use.
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
    /// Only rows located in these regions are wanted (`--region`); nil: every row, outside ones included.
    /// Decided after the smallest-id rule over all regions, as Frontier decides.
    public var allowedIDs: [String]?

    public init(layer: String, fingerprint: UInt64, regionIDs: [String], groups: Bool, allowedIDs: [String]? = nil) {
        self.layer = layer
        self.fingerprint = fingerprint
        self.regionIDs = regionIDs
        self.groups = groups
        self.allowedIDs = allowedIDs
    }

    /// The fingerprint as frontier_store keeps it.
    static func text(_ fingerprint: UInt64) -> String { String(fingerprint, radix: 16) }
}
