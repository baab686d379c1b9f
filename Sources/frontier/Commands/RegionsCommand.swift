import ArgumentParser
import Frontier
import Geo

struct RegionsCommand: EngineCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "List regions with their ellipsoidal area and bounding box.",
        discussion: """
        Lists the regions of the bundled admin-1 (provinces; default) or admin-0 (countries) layer, or of a \
        GeoJSON/GeoPackage polygon layer of your own. region_id is ISO3:Name (AFG:Badakhshan). area_km2 is \
        the area on the WGS84 ellipsoid (PROJ's geodesic polygon area: each edge a geodesic), not a planar \
        area in degrees. The bounding box is in longitude/latitude degrees.

        Examples:
          frontier regions --country AFG
          frontier regions --regions admin0 --format csv
          frontier regions --border AFG-TJK
          frontier regions --country TJK --format geojson --out tajik-regions.geojson
        """
    )

    @OptionGroup var regionOptions: RegionOptions

    @Option(help: ArgumentHelp("Only regions of this country (ISO 3166 alpha-3, e.g. AFG).", valueName: "ISO3"))
    var country: String?

    @Option(help: ArgumentHelp("Only regions along this bundled border line, sharing a stretch of it (e.g. AFG-TJK; either order).", valueName: "border"))
    var border: String?

    @OptionGroup var geodata: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func execute() throws {
        let context = try GEOSContext()
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
            ], geometry: r.geometry))
        }
        try output.emit(table)
    }
}
