import ArgumentParser
import Frontier

/// `--regions admin1|admin0|FILE` with the key/name fields of a user layer.
struct RegionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("admin1 (provinces, default), admin0 (countries), a .geojson/.gpkg polygon layer, grid:10km (equal-area square cells, EPSG:6933, from 1 km) or priogrid (PRIO-GRID 0.5° cells) where a command takes cells.", valueName: "regions"))
    var regions: String = "admin1"

    @Option(help: "With a region file: the property holding each region's unique id.")
    var regionKey: String = "region_id"

    @Option(help: "With a region file: the property holding each region's name.")
    var regionName: String = "region_name"

    @Option(help: "With a GeoPackage of several layers: the polygon layer to use.")
    var regionLayer: String?

    @Option(help: ArgumentHelp("With a region file whose coordinates are not lon/lat: its CRS (e.g. EPSG:3857), transformed with PROJ.", valueName: "crs"))
    var regionsCrs: String?

    /// The engine's form of these flags: regions or a grid.
    var places: PlaceSource {
        get throws { try PlaceSource(argument: regions, keyField: regionKey, nameField: regionName, layer: regionLayer, crs: regionsCrs) }
    }

    /// The grid `--regions` names (grid:10km, priogrid), or nil for regions.
    var grid: Grid? { get throws { try places.grid } }

    func validate() throws {
        do { _ = try places } catch let error as FrontierError { throw ValidationError("--regions: \(error)") }
        if regionsCrs != nil && (regions == "admin0" || regions == "admin1") {
            throw ValidationError("--regions-crs applies to a region file; the bundled admin0/admin1 are lon/lat already")
        }
    }

    /// Whether --regions names the bundled admin0 or admin1.
    var isBundled: Bool { (try? places)?.isBundled ?? false }

    /// The region file read, for `CommandFiles` (none for the bundled levels or a grid).
    var files: CommandFiles { isBundled || isGrid ? CommandFiles() : .input(regions, role: "the --regions file this command reads") }

    /// Whether --regions names a grid (a malformed one is reported by `validate`).
    var isGrid: Bool { (try? grid) != nil }
}
