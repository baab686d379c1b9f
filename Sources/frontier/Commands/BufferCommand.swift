import ArgumentParser
import Foundation
import Frontier

struct BufferCommand: EngineCommand, ReadsGeoData {
    static let configuration = CommandConfiguration(
        commandName: "buffer",
        abstract: "The zone within a distance of a border line or region, as a polygon for maps.",
        discussion: """
        Draws the area within --within of a bundled border line (--border AFG-TJK) or of a region \
        (--region AFG:Badakhshan: the region plus the zone around it). Distances are geodesic: the line is \
        buffered piece by piece with GEOS in local azimuthal equidistant projections built by PROJ, densified, \
        and brought back to lon/lat, so the edge lies within 0.1% of the requested distance from the line. \
        --side TJK keeps only the part inside that country. Output is a GeoJSON FeatureCollection (RFC 7946) \
        or, with --format wkt, the polygon's WKT; a polygon has no CSV form. The counts of incidents in the zone \
        come from `frontier near`, which measures each incident exactly.

        Examples:
          frontier buffer --border AFG-TJK --within 25km --out afg-tjk-25km.geojson
          frontier buffer --border AFG-TJK --within 25km --side TJK
          frontier buffer --region AFG:Badakhshan --within 10km --format wkt
        """
    )

    enum Format: String, ExpressibleByArgument { case geojson, wkt }

    @OptionGroup var zoneOptions: ZoneOptions

    @Option(help: ArgumentHelp("Keep only the part of the zone inside this country (ISO3, e.g. TJK).", valueName: "ISO3"))
    var side: String?

    @Option(help: "geojson (default) or wkt.")
    var format: Format = .geojson

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    var files: CommandFiles { regionOptions.files + .output(out, flag: "--out") }

    func validate() throws {
        if try zoneOptions.bands.count > 1 { throw ValidationError("buffer draws one zone: give --within one distance (near takes a list)") }
        try Self.validateDrawn(zoneOptions.distance)
    }

    /// A zone drawn as a polygon (`buffer`, `map --near`) is right up to `BufferZone.maxDistance`.
    static func validateDrawn(_ distance: Distance) throws {
        if distance.metres > BufferZone.maxDistance.metres {
            throw ValidationError(message(.zoneTooFarToDraw(distance, limit: BufferZone.maxDistance)))
        }
    }

    func execute() throws {
        let context = try GEOSContext()
        let distance = try zoneOptions.distance
        let regions = try regionOptions.load(geodata: geodata, context: context)
        let target = try zoneOptions.target(regions: regions, geodata: geodata, context: context)
        let name = target.name
        var zone: Geometry
        switch target {
        case .border(let line):
            if let side, ![line.countryA, line.countryB].contains(side.uppercased()) {
                throw CLIError("--side \(side) is not one of \(line.id)'s countries (\(line.countryA), \(line.countryB))")
            }
            zone = try BufferZone.around(lines: line.geometry.lines(), within: distance, context: context)
        case .region(let region):
            zone = try BufferZone.around(region: region.geometry, within: distance)
        }
        if let side {
            let countries = try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
            guard let country = countries.regions(inCountry: side).first else {
                throw CLIError("no country '\(side)' in the bundled data; countries: \(countries.regions.map(\.country).joined(separator: ", "))")
            }
            zone = try zone.intersection(country.geometry)
        }
        let text: String
        switch format {
        case .wkt: text = try zone.wkt(precision: 7) + "\n"
        case .geojson:
            let table = RecordTable(columns: ["zone", "within_km", "side", "area_km2"], records: [Record(values: [
                .string(name), .double(distance.metres / 1000), .string(side?.uppercased() ?? ""),
                .double((try GeodesicMeasure.areaKm2(zone) * 10).rounded() / 10),
            ], geometry: zone)])
            text = try RowStreamWriter.text(table, format: .geojson)
        }
        try OutputFile.write(text, to: out)
    }
}
