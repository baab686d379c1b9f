/// Which regions a command works with: the bundled admin levels or a user's polygon layer.
public enum RegionSource: Equatable, Sendable, CustomStringConvertible {
    /// Countries (`GeoData/admin0.geojson`).
    case admin0
    /// Provinces and their equivalents (`GeoData/admin1.geojson`).
    case admin1
    /// A GeoJSON or GeoPackage polygon layer; `layer` picks a GeoPackage table (default: its only layer).
    /// `crs`: the CRS of its coordinates when not lon/lat; they are transformed with PROJ as the layer is read.
    case file(path: String, keyField: String, nameField: String, countryField: String?, layer: String?, crs: String? = nil)

    /// Parses a regions name as a caller writes it: `admin0`, `admin1`, or a path.
    public init(argument: String, keyField: String = "region_id", nameField: String = "region_name",
                countryField: String? = nil, layer: String? = nil, crs: String? = nil) {
        switch argument {
        case "admin0": self = .admin0
        case "admin1": self = .admin1
        default: self = .file(path: argument, keyField: keyField, nameField: nameField, countryField: countryField, layer: layer, crs: crs)
        }
    }

    public var description: String {
        switch self {
        case .admin0: return "admin0"
        case .admin1: return "admin1"
        case .file(let path, _, _, _, _, _): return path
        }
    }
}
