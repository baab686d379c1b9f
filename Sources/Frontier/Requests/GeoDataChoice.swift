import FrontierBase
import FrontierPlaces

/// Which GeoData a question is answered with: the folder holding the bundled boundaries and which of its
/// boundary sets. A request keeps the choice, not the resolved folder, so a request can be made before the
/// folder is looked up and the lookup's error comes from asking.
public struct GeoDataChoice: Sendable {
    /// The GeoData folder; nil looks it up (`FRONTIER_GEODATA`, beside the executable, the source tree).
    public var folder: String?
    /// The boundary set within the folder.
    public var boundaries: BoundarySet

    /// - Parameters:
    ///   - folder: the GeoData folder, or nil to look it up.
    ///   - boundaries: the boundary set (OpenStreetMap's outlines by default).
    public init(folder: String? = nil, boundaries: BoundarySet = .default) {
        self.folder = folder
        self.boundaries = boundaries
    }

    /// The folder in use.
    ///
    /// - Returns: the located folder and boundary set.
    /// - Throws: `FrontierError.notGeoData` when a named folder (or the boundary set's subfolder) holds no
    ///   boundaries, `FrontierError.geoDataNotFound` when none is named and none is found.
    public func location() throws -> GeoDataLocation {
        try GeoDataLocation.resolve(explicit: folder, boundaries: boundaries)
    }
}
