import ArgumentParser
import Foundation
import Frontier

struct BufferCommand: EngineCommand, ReadsGeoData, ChecksOutputName {
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
          frontier buffer --border AFG-TJK --within 25km --out afg-tjk-25km.gpkg
        """
    )

    enum Format: String, ExpressibleByArgument { case geojson, wkt }

    @OptionGroup var zoneOptions: ZoneOptions

    @Option(help: ArgumentHelp("Keep only the part of the zone inside this country (ISO3, e.g. TJK).", valueName: "ISO3"))
    var side: String?

    @Option(help: "geojson (default) or wkt.")
    var format: Format?

    @Option(help: "Write to this file instead of standard output; its extension decides the format (.geojson or .json, .wkt, or .gpkg for a GeoPackage layer \"zone\").")
    var out: String?

    /// What `--out` may be named.
    static let naming = OutputNaming(written: [.init(format: "geojson", extensions: ["geojson", "json"]),
                                               .init(format: "wkt", extensions: ["wkt"]), .init(format: "gpkg", extensions: ["gpkg"])])

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

    func checkOutputName() throws {
        _ = try Self.naming.format(out: out, given: format?.rawValue)
    }

    func execute() throws {
        let request = BufferRequest(target: zoneOptions.target, within: try zoneOptions.distance, side: side,
                                    places: try regionOptions.places, geodata: geodata.choice)
        let zone = try request.answer()
        zone.notices.forEach(Diagnostics.note)
        switch try Self.naming.format(out: out, given: format?.rawValue) ?? format?.rawValue ?? "geojson" {
        case "gpkg": try OutputFile.write(GeoPackageLayerWriter.bytes(zone.table, layer: "zone"), to: out)
        case "wkt": try OutputFile.write(try zone.geometry.wkt(precision: 7) + "\n", to: out)
        default: try OutputFile.write(try RowStreamWriter.text(zone.table, format: .geojson), to: out)
        }
    }
}
