import ArgumentParser
import Frontier

struct BordersCommand: EngineCommand, ReadsGeoData, WritesCSV, WritesRows {
    static let configuration = CommandConfiguration(
        commandName: "borders",
        abstract: "List the international border lines in the bundled data with their geodesic lengths.",
        discussion: """
        Each border is the line two countries' polygons share in GeoData (derived with GEOS and merged into \
        as few lines as possible; parts > 1 when it stays in pieces). border_id is the two ISO3 codes in \
        alphabetical order (AFG-TJK); commands taking --border accept either order. length_km is geodesic on \
        WGS84. The lines are OpenStreetMap's, simplified by at most 44.5 m: AFG-TJK measures 1,314.7 km \
        (the surveyed border, mostly the Panj river, is cited at about 1,344-1,357 km). With --boundaries \
        natural-earth, Frontier 0.1's generalized lines: AFG-TJK 1,144.6 km, kilometres off the river in \
        places. --out x.gpkg writes the lines as a GeoPackage layer "borders".

        Examples:
          frontier borders
          frontier borders --format geojson --out borders.geojson
          frontier borders --out borders.gpkg
          frontier borders --boundaries natural-earth
        """
    )

    @OptionGroup var geodata: GeoDataOptions
    @OptionGroup var output: OutputOptions
    static let writesGeoPackage = true
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { output.files }

    func execute() throws {
        try output.emit(BordersRequest(geodata: geodata.choice).answer().table, layer: "borders")
    }
}
