/// Where a request puts incidents: regions (the bundled provinces or countries, or a caller's polygon layer)
/// or the cells of a grid.
public enum PlaceSource: Sendable, Equatable {
    case regions(RegionSource)
    case grid(Grid)

    /// The bundled provinces: what a request uses unless told otherwise.
    public static let admin1 = PlaceSource.regions(.admin1)

    /// Reads the command line's form: `admin1`, `admin0`, a `.geojson`/`.gpkg` path (with the property
    /// holding each region's id and name, the layer of a GeoPackage and the layer's CRS), `grid:10km` or
    /// `priogrid`.
    /// - Throws: `FrontierError.badValue` for a malformed grid (`grid:0km`).
    public init(argument: String, keyField: String = "region_id", nameField: String = "region_name",
                layer: String? = nil, crs: String? = nil) throws {
        if let grid = try Grid(argument: argument) {
            self = .grid(grid)
        } else {
            self = .regions(RegionSource(argument: argument, keyField: keyField, nameField: nameField, layer: layer, crs: crs))
        }
    }

    /// The bundled admin-0 or admin-1 regions, whose alias table and reported-place check apply.
    public var isBundled: Bool { self == .regions(.admin0) || self == .regions(.admin1) }

    /// The check of each incident's reported country/admin-1 against the region it lies in: for the bundled
    /// regions only (a caller's layer has no alias table; a grid has no reported cells), nil otherwise.
    /// - Throws: GeoData's errors when its alias tables cannot be read.
    func mismatchCheck(geodata: GeoDataChoice) throws -> MismatchCheck? {
        isBundled ? try MismatchCheck.bundled(geodata.location(), comparesAdmin1: self == .admin1) : nil
    }

    /// The grid, or nil for regions.
    public var grid: Grid? {
        if case .grid(let grid) = self { return grid }
        return nil
    }

    /// Loads the regions, with notices for any polygon repaired on the way.
    /// - Parameters:
    ///   - geodata: where the bundled regions are (not read for a caller's file).
    ///   - context: the GEOS context the regions belong to (one per thread).
    /// - Throws: `FrontierError.request(.gridNotRegions)` for a grid, and the errors of reading the layer.
    public func loadRegions(geodata: GeoDataChoice, context: GEOSContext) throws -> (regions: RegionSet, notices: [RequestNotice]) {
        switch self {
        case .grid(let grid):
            throw FrontierError.request(.gridNotRegions(grid: grid.name))
        case .regions(let source):
            let set = try RegionSet.load(source, geodata: isBundled ? geodata.location() : nil, context: context)
            return (set, set.repairs.map(RequestNotice.repaired))
        }
    }
}
