import Geo
import FrontierBase
import FrontierPlaces

/// Where a question's places come from: regions (the bundled admin levels or a polygon layer) or the cells
/// of a grid, which are made from points and never loaded as a list.
public enum PlaceSource: Sendable, Equatable {
    /// Polygons: admin1, admin0, or a GeoJSON/GeoPackage layer.
    case regions(RegionSource)
    /// Regular cells: equal-area squares or PRIO-GRID.
    case grid(Grid)

    /// The bundled provinces: what a request lists or counts in unless told otherwise.
    public static let admin1 = PlaceSource.regions(.admin1)

    /// Reads a place argument as a person writes it: `admin1`, `admin0`, `grid:10km`, `priogrid`, or a path.
    ///
    /// - Parameters:
    ///   - argument: the places' name or the layer's path.
    ///   - keyField: with a layer, the property holding each region's unique id.
    ///   - nameField: with a layer, the property holding each region's name.
    ///   - layer: with a GeoPackage of several layers, the one to use (nil: its only layer).
    ///   - crs: with a layer whose coordinates are not lon/lat, their CRS (e.g. EPSG:3857).
    /// - Throws: `FrontierError.badValue` for a grid whose cell size is malformed or outside 1 km to 1,000 km.
    public init(argument: String, keyField: String = "region_id", nameField: String = "region_name",
                layer: String? = nil, crs: String? = nil) throws {
        if let grid = try Grid(argument: argument) {
            self = .grid(grid)
        } else {
            self = .regions(RegionSource(argument: argument, keyField: keyField, nameField: nameField, layer: layer, crs: crs))
        }
    }

    /// Whether these are the bundled admin0 or admin1 regions (whose ids the curated tables know).
    public var isBundled: Bool { self == .regions(.admin0) || self == .regions(.admin1) }

    /// The grid, or nil for regions.
    public var grid: Grid? {
        if case .grid(let grid) = self { return grid }
        return nil
    }

    /// Loads the regions. The bundled levels are read from `geodata`; a layer of the caller's needs none.
    ///
    /// - Parameters:
    ///   - geodata: the GeoData the bundled levels come from.
    ///   - context: the GEOS context the geometries belong to.
    /// - Returns: the regions, sorted by id; `repairs` lists the geometries that were invalid and mended.
    /// - Throws: `FrontierError.gridNotRegions` for a grid; the errors of `RegionSet.load` (a missing or
    ///   malformed layer, a key field missing, GeoData not found).
    public func loadRegions(geodata: GeoDataChoice, context: GEOSContext) throws -> RegionSet {
        switch self {
        case .grid(let grid):
            throw FrontierError.gridNotRegions(grid: grid.name)
        case .regions(let source):
            return try RegionSet.load(source, geodata: isBundled ? geodata.location() : nil, context: context)
        }
    }
}
