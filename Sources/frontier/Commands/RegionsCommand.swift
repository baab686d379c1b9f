import ArgumentParser
import Frontier

struct RegionsCommand: EngineCommand, ReadsGeoData, WritesCSV {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "List regions with their ellipsoidal area and bounding box.",
        discussion: """
        Lists the regions of the bundled admin-1 (provinces; default) or admin-0 (countries) layer, or of a \
        GeoJSON/GeoPackage polygon layer of your own. region_id is ISO3:Name (AFG:Badakhshan). area_km2 is \
        the area on the WGS84 ellipsoid (PROJ's geodesic polygon area: each edge a geodesic), not a planar \
        area in degrees. The bounding box is in longitude/latitude degrees. With --regions grid:10km or \
        priogrid and --country, the cells whose centre lies in that country (a grid has no list otherwise): \
        an equal-area cell's area_km2 is exactly its side squared.

        Examples:
          frontier regions --country AFG
          frontier regions --regions admin0 --format csv
          frontier regions --border AFG-TJK
          frontier regions --country TJK --format geojson --out tajik-regions.geojson
          frontier regions --regions grid:50km --country TJK --format csv
        """
    )

    @OptionGroup var regionOptions: RegionOptions

    @Option(help: ArgumentHelp("Only regions of this country (ISO 3166 alpha-3, e.g. AFG).", valueName: "ISO3"))
    var country: String?

    @Option(help: ArgumentHelp("Only regions along this bundled border line, sharing a stretch of it (e.g. AFG-TJK; either order).", valueName: "border"))
    var border: String?

    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    /// A region file listed alone needs no GeoData.
    var readsGeoData: Bool { regionOptions.isBundled || regionOptions.isGrid || border != nil }
    @OptionGroup var output: OutputOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { regionOptions.files + output.files }

    /// The most cells a listing makes.
    static let maxCells = 1_000_000

    func execute() throws {
        let context = try GEOSContext()
        if let grid = try regionOptions.grid {
            guard let country else { throw CLIError("a grid has cells everywhere: name a country with --country (e.g. --country AFG)") }
            if border != nil { throw CLIError("--border lists regions along a line; with a grid, use --country") }
            return try listCells(grid, country: country, context: context)
        }
        let source = regionOptions.source
        let set = try regionOptions.load(geodata: geodata, context: context)
        var selected = set.regions
        if let country {
            selected = set.regions(inCountry: country)
            if selected.isEmpty {
                let known = Set(set.regions.map(\.country)).sorted().joined(separator: ", ")
                throw CLIError("no regions of country '\(country)' in \(source); countries present: \(known)")
            }
        }
        if let border {
            let line = try BorderSet.load(geodata: geodata.location(), context: context).border(border)
            // Along the border means sharing a stretch of it, not just touching a tripoint.
            selected = try selected.filter { try line.geometry.intersection($0.geometry).length() > 0 }
        }
        var table = RecordTable(columns: ["region_id", "region_country", "region_name", "area_km2",
                                          "min_lon", "min_lat", "max_lon", "max_lat"])
        for r in selected {
            let e = try r.geometry.envelope() ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
            let round7 = { (v: Double) in PropertyValue.double((v * 1e7).rounded() / 1e7) }
            table.records.append(Record(values: [
                .string(r.id), .string(r.country), .string(r.name), .double((try r.areaKm2() * 10).rounded() / 10),
                round7(e.minX), round7(e.minY), round7(e.maxX), round7(e.maxY),
            ], geometry: try r.geometry))
        }
        try output.emit(table)
    }

    /// The cells of `grid` whose centre lies in `country`, as regions.
    private func listCells(_ grid: Grid, country: String, context: GEOSContext) throws {
        let countries = try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
        guard let outline = countries.regions(inCountry: country.uppercased()).first else {
            throw CLIError("no country '\(country)' in the bundled data; countries: \(countries.regions.map(\.country).joined(separator: ", "))")
        }
        let inside = try PreparedGeometry(outline.geometry)
        guard let box = try outline.geometry.envelope() else { return }
        // Every cell whose centre can lie in the box: stepped in the grid's own units.
        let transformer = try grid.transformer()
        var corners = [Coordinate(x: box.minX, y: box.minY), Coordinate(x: box.maxX, y: box.maxY), Coordinate(x: box.minX, y: box.maxY), Coordinate(x: box.maxX, y: box.minY)]
        let cornerCells = grid.cells(of: corners, transformer: transformer).compactMap { $0 }
        corners.removeAll()
        var candidates: [Grid.Cell] = []
        switch grid.kind {
        case .prioGrid:
            var lat = (box.minY * 2).rounded(.down) / 2 + 0.25
            while lat < box.maxY + 0.5 {
                var lon = (box.minX * 2).rounded(.down) / 2 + 0.25
                while lon < box.maxX + 0.5 {
                    corners.append(Coordinate(x: lon, y: lat))
                    lon += 0.5
                }
                lat += 0.5
            }
            candidates = grid.cells(of: corners, transformer: nil).compactMap { $0 }
        case .equalArea:
            let xs = cornerCells.map(\.x), ys = cornerCells.map(\.y)
            guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return }
            let (count, overflow) = (x1 - x0 + 1).multipliedReportingOverflow(by: y1 - y0 + 1)
            if overflow || count > Self.maxCells {
                throw CLIError("\(outline.name) spans \(overflow ? "too many" : String(count)) \(regionOptions.regions) cells; at most \(Self.maxCells) are listed: use larger cells")
            }
            for y in y0...y1 { for x in x0...x1 { candidates.append(Grid.Cell(x: x, y: y)) } }
        }
        var cells = GridCells(grid: grid)
        for cell in candidates where try inside.covers(grid.centre(cell, transformer: transformer)) { _ = cells.number(of: cell) }
        let (set, _) = try cells.regions(countries: countries, context: context)
        var table = RecordTable(columns: ["region_id", "region_country", "region_name", "area_km2", "min_lon", "min_lat", "max_lon", "max_lat"])
        let round7 = { (v: Double) in PropertyValue.double((v * 1e7).rounded() / 1e7) }
        var byID: [String: Grid.Cell] = [:]
        for cell in cells.cells { byID[grid.id(cell)] = cell }
        for r in set.regions {
            let e = try r.geometry.envelope() ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
            let area = try byID[r.id].map { try grid.areaKm2($0, context: context, transformer: transformer) } ?? r.areaKm2()
            table.records.append(Record(values: [.string(r.id), .string(r.country), .string(r.name), .double((area * 10).rounded() / 10),
                                                 round7(e.minX), round7(e.minY), round7(e.maxX), round7(e.maxY)], geometry: try r.geometry))
        }
        try output.emit(table)
    }
}
