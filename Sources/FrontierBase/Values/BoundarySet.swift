/// Which boundaries GeoData's regions and lines come from (`GeoDataLocation.boundaries`).
public enum BoundarySet: String, CaseIterable, Sendable {
    /// Natural Earth 1:10m as QGIS ships it (generalized: lines kilometres from the border in places).
    case naturalEarth = "natural-earth"
    /// OpenStreetMap's country outlines (MAPS.ME regions) with Natural Earth's provinces fitted to them.
    case openStreetMap = "openstreetmap"

    public static let `default` = BoundarySet.openStreetMap

    /// The subfolder of GeoData holding this set (nil: the default set, which is GeoData itself, so a folder
    /// that `GeoDataBuilder.build(from:osm:into:)` wrote is a GeoData folder as it stands).
    package var folder: String? { self == .default ? nil : rawValue }

    /// How reports name it on their source line.
    public var citation: String {
        switch self {
        case .naturalEarth: return "Natural Earth 1:10m (public domain)"
        case .openStreetMap: return "© OpenStreetMap contributors (ODbL), with Natural Earth's provinces"
        }
    }
}
