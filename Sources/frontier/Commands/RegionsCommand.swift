import ArgumentParser
import Frontier

struct RegionsCommand: EngineCommand, ReadsGeoData, WritesCSV, WritesRows {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "List regions with their ellipsoidal area and bounding box.",
        discussion: """
        Lists the regions of the bundled admin-1 (provinces; default) or admin-0 (countries) layer, or of a \
        GeoJSON/GeoPackage polygon layer of your own. region_id is ISO3:Name (AFG:Badakhshan). area_km2 is \
        the area on the WGS84 ellipsoid (PROJ's geodesic polygon area: each edge a geodesic), not a planar \
        area in degrees. The bounding box is in longitude/latitude degrees. With --regions grid:10km or \
        priogrid and --country, the cells whose centre lies in that country (a grid has no list otherwise): \
        an equal-area cell's area_km2 is exactly its side squared. The bundled provinces are today's units \
        (Khyber Pakhtunkhwa with the former F.A.T.A., Sughd, Telangana, …; GeoData/README.md lists each \
        change); --region-code adds region_code after region_name: the ISO 3166-2 code (AF-BDS, PK-KP, \
        TJ-SU), or a country's alpha-2 with --regions admin0. --out x.gpkg writes a GeoPackage layer \
        "regions" (the polygons with these columns) that GDAL, QGIS and GeoPandas open.

        Examples:
          frontier regions --country AFG
          frontier regions --country PAK --region-code --format csv
          frontier regions --regions admin0 --format csv
          frontier regions --border AFG-TJK
          frontier regions --country TJK --format geojson --out tajik-regions.geojson
          frontier regions --border AFG-TJK --out border-provinces.gpkg
          frontier regions --regions grid:50km --country TJK --format csv
        """
    )

    @OptionGroup var regionOptions: RegionOptions

    @Option(help: ArgumentHelp("Only regions of this country (ISO 3166 alpha-3, e.g. AFG).", valueName: "ISO3"))
    var country: String?

    @Option(help: ArgumentHelp("Only regions along this bundled border line, sharing a stretch of it (e.g. AFG-TJK; either order).", valueName: "border"))
    var border: String?

    @OptionGroup var codes: RegionCodeOption

    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    /// A region file listed alone needs no GeoData.
    var readsGeoData: Bool { regionOptions.isBundled || regionOptions.isGrid || border != nil }
    @OptionGroup var output: OutputOptions
    static let writesGeoPackage = true
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { regionOptions.files + output.files }

    func execute() throws {
        var request = RegionsRequest(places: try regionOptions.places, country: country, border: border, geodata: geodata.choice)
        request.regionCode = codes.regionCode
        // Repairs are said as the layer loads, before any error that follows, as every command says them.
        try output.emit(request.answer(repaired: { Diagnostics.note("repaired: \($0)") }).table, layer: "regions")
    }
}
