import ArgumentParser
import Foundation
import Frontier

struct GeoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geodata",
        abstract: "Maintain the bundled boundary data.",
        discussion: """
        GeoData holds the boundaries every command uses: Natural Earth admin-0 and admin-1 for Afghanistan and \
        its neighbours, and the border lines between them. `geodata build` regenerates them from the \
        world_map.gpkg that Debian's qgis-common ships; `make geodata` installs it and runs the build.         `geodata compact` derives boundaries.bin, the form commands load at start, from the GeoJSON.

        Examples:
          frontier geodata build --from world_map.gpkg --out geodata-check/
          frontier geodata compact --geodata GeoData/
          frontier regions --regions admin0
        """,
        subcommands: [GeoDataBuildCommand.self, GeoDataCompactCommand.self]
    )
}

struct GeoDataBuildCommand: EngineCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Regenerate GeoData's admin0, admin1 and borders files from Natural Earth (world_map.gpkg).",
        discussion: """
        Reads the countries and states_provinces layers of world_map.gpkg, the GeoPackage that Debian's \
        qgis-common ships in /usr/share/qgis/resources/data/, keeps Afghanistan, its neighbours and India, \
        applies the documented name corrections, repairs invalid polygons with MakeValid (listed), dissolves \
        rows that share a region id, derives every shared border line with GEOS, and writes \
        admin0.geojson, admin1.geojson and borders.geojson, then boundaries.bin from them (see `geodata \
        compact`). The output is deterministic.

        Examples:
          frontier geodata build --from world_map.gpkg --out GeoData/
          frontier geodata build --from world_map.gpkg --out geodata-check/
          make geodata
        """
    )

    @Option(help: ArgumentHelp("The Natural Earth GeoPackage (world_map.gpkg from qgis-common).", valueName: "gpkg"))
    var from: String

    @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
    var out: String

    func execute() throws {
        let report = try GeoDataBuilder.build(from: from, into: URL(fileURLWithPath: out))
        Diagnostics.note("wrote \(report.admin0.count) countries, \(report.admin1.count) admin-1 regions, \(report.borders.count) borders to \(out)")
        for c in report.corrections { Diagnostics.note("corrected fid \(c.fid): \(c.sourceName) → \(c.correctedName)") }
        for m in report.merged { Diagnostics.note("merged: \(m)") }
        for r in report.repairs { Diagnostics.note("repaired with MakeValid: \(r)") }
    }
}

struct GeoDataCompactCommand: EngineCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Derive GeoData's boundaries.bin (the fast-loading form) from its GeoJSON.",
        discussion: """
        boundaries.bin holds the admin-0 and admin-1 regions and the border lines as WKB, with the regions' \
        locate index, so a command loads them with one read instead of parsing the GeoJSON and classifying \
        the index at every start. It records a hash of each GeoJSON file: after an edit to the GeoJSON, \
        commands read the GeoJSON (correct, slower) until this command derives the file again. The output \
        is deterministic; never edit it by hand.

        Examples:
          frontier geodata compact --geodata GeoData/
          frontier regions --country TJK --geodata GeoData/
        """
    )

    @OptionGroup var geodata: GeoDataOptions

    func execute() throws {
        let location = try geodata.location()
        let size = try CompactGeoData.write(location)
        Diagnostics.note("wrote \(location.file(CompactGeoData.fileName).path) (\(size) bytes) from its GeoJSON")
    }
}
