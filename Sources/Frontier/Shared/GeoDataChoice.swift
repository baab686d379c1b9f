/// Which bundled boundaries a request uses: a GeoData folder (nil: the first of FRONTIER_GEODATA, beside the
/// program, the source tree) and the boundary set in it. Resolved only when a request needs GeoData, so a
/// request on a caller's own region file runs without it.
public struct GeoDataChoice: Sendable {
    /// The GeoData folder; nil to look in the usual places.
    public var folder: String?
    /// Which boundaries of that folder: OpenStreetMap's outlines (the default) or Natural Earth's.
    public var boundaries: BoundarySet

    public init(folder: String? = nil, boundaries: BoundarySet = .default) {
        self.folder = folder
        self.boundaries = boundaries
    }

    /// The folder found, checked to hold GeoData.
    /// - Throws: `FrontierError.geoDataNotFound` or `.notGeoData` when no folder holds the boundary set.
    public func location() throws -> GeoDataLocation {
        try GeoDataLocation.resolve(explicit: folder, boundaries: boundaries)
    }
}
