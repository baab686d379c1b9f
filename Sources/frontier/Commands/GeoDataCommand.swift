import ArgumentParser
import Foundation
import Frontier

struct GeoDataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geodata",
        abstract: "Maintain the bundled boundary data.",
        discussion: """
        GeoData holds the boundaries every command uses: Afghanistan and its neighbours with OpenStreetMap's \
        country outlines and Natural Earth's admin-1 regions fitted to them, and the border lines between them; \
        and in GeoData/natural-earth/ the same countries as Natural Earth's generalized 1:10m draws them, the \
        set of Frontier 0.1 (--boundaries natural-earth, to reproduce earlier results). `geodata build` \
        regenerates them from the world_map.gpkg that Debian's qgis-common ships and, with --osm, the MAPS.ME \
        region polygons of PyPI's omim-data-borders; `make geodata` fetches both and runs the builds. `geodata compact` derives boundaries.bin, the form commands load at start, from the GeoJSON.

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
        compact`). With --osm DIR the countries' outlines come from OpenStreetMap (the MAPS.ME .poly files of \
        PyPI's omim-data-borders): unioned per country, clipped to Natural Earth's land, Natural Earth's \
        provinces clipped to them and each strip of new land given to the province along its longest edge, \
        then every shared edge simplified once (≤ 44.5 m, topology kept) so neighbours share their vertices \
        exactly. The output is deterministic.

        Examples:
          frontier geodata build --from world_map.gpkg --osm .build/omim-data-borders/borders --out GeoData/
          frontier geodata build --from world_map.gpkg --out GeoData/natural-earth/
          frontier geodata build --from world_map.gpkg --out geodata-check/
          make geodata
        """
    )

    @Option(help: ArgumentHelp("The Natural Earth GeoPackage (world_map.gpkg from qgis-common).", valueName: "gpkg"))
    var from: String

    @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("A folder of MAPS.ME .poly files (PyPI omim-data-borders): the countries' outlines come from OpenStreetMap.", valueName: "dir"))
    var osm: String?

    /// The folder is written by the engine, file by file, not through `OutputFile`.
    var files: CommandFiles { .input(from, role: "the GeoPackage this command reads") }

    func execute() throws {
        let report = try GeoDataBuilder.build(from: from, osm: osm.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: out))
        Diagnostics.note("wrote \(report.admin0.count) countries, \(report.admin1.count) admin-1 regions, \(report.borders.count) borders to \(out)")
        for c in report.corrections { Diagnostics.note("corrected fid \(c.fid): \(c.sourceName) → \(c.correctedName)") }
        for line in report.currentUnits { Diagnostics.note("current unit: \(line)") }
        for m in report.merged { Diagnostics.note("merged: \(m)") }
        for r in report.repairs { Diagnostics.note("repaired with MakeValid: \(r)") }
        if let fitted = report.osm {
            for (iso, files) in fitted.files.sorted(by: { $0.key < $1.key }) { Diagnostics.note("\(iso): OpenStreetMap outline from \(files.count) file\(files.count == 1 ? "" : "s")") }
            for r in fitted.repairs { Diagnostics.note("repaired with MakeValid: \(r)") }
            for o in fitted.overlaps { Diagnostics.note("overlap \(o.a)/\(o.b): \(NumberFormat.fixed(o.km2, decimals: 3)) km² left to \(o.a)") }
            Diagnostics.note("new land: \(fitted.strips) strips, \(NumberFormat.fixed(fitted.stripsKm2, decimals: 1)) km², given to the provinces they touch"
                             + (fitted.largestStrip.map { "; largest \(NumberFormat.fixed($0.km2, decimals: 1)) km² to \($0.region)" } ?? ""))
            Diagnostics.note("shared edges simplified once with a tolerance of \(GeoDataBuilder.simplifyTolerance)° (Douglas-Peucker: no point of a line "
                             + "moves more than that, ≤ 44.5 m), then put on the 1e-7° grid; slivers between sources closed: \(fitted.gapsFilled) (the widest \(NumberFormat.fixed(fitted.widestGap * 111_700, decimals: 0)) m at most), wider faces left out: \(fitted.facesDropped)")
            for (iso, km2) in fitted.clippedKm2.sorted(by: { $0.key < $1.key }) where km2 > 0.05 {
                Diagnostics.note("\(iso): \(NumberFormat.fixed(km2, decimals: 1)) km² of Natural Earth's provinces lie outside the new outline (dropped)")
            }
        }
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
    var files: CommandFiles { CommandFiles() }

    func execute() throws {
        let location = try geodata.location()
        let size = try CompactGeoData.write(location)
        Diagnostics.note("wrote \(location.file(CompactGeoData.fileName).path) (\(size) bytes) from its GeoJSON")
    }
}
