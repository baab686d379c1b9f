import ArgumentParser
import Frontier

/// `--geodata DIR`: where the bundled boundaries are (else FRONTIER_GEODATA, beside the binary, the source tree);
/// `--boundaries`: which of its boundary sets.
struct GeoDataOptions: ParsableArguments {
    @Option(name: .customLong("geodata"), help: ArgumentHelp("Folder holding the bundled GeoData (admin0/admin1/borders).", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("Boundary set: openstreetmap (default: OSM country outlines, Natural Earth's provinces fitted to them) or natural-earth (generalized 1:10m, as in Frontier 0.1, to reproduce earlier results).", valueName: "set"))
    var boundaries: BoundarySet = .default

    /// The GeoData these flags choose, as a request holds it.
    var choice: GeoDataChoice { GeoDataChoice(folder: directory, boundaries: boundaries) }

    func location() throws -> GeoDataLocation {
        try choice.location()
    }

    /// The report's source line: which boundaries the answer was computed with, so a figure can be
    /// reproduced (and told apart from one computed with the other set). `regions`: the command's
    /// --regions, when a file or grid of the user's stands in for the bundled regions.
    func sourceLine(regions: RegionOptions?) -> String {
        var line = "source: boundaries \(boundaries.rawValue), \(boundaries.citation)"
        if let regions, !regions.isBundled {
            line += regions.isGrid ? "; cells of --regions \(regions.regions)" : "; regions from \(regions.regions)"
        }
        return line
    }
}

/// A command whose answer depends on GeoData: its report ends with `GeoDataOptions.sourceLine`, printed
/// once by `EngineCommand.run` after the command succeeds.
protocol ReadsGeoData {
    var geodata: GeoDataOptions { get }
    /// The command's --regions, where it has one.
    var sourceRegions: RegionOptions? { get }
    /// Whether this run read GeoData (import into a GeoPackage store, or join with a region file, does not).
    var readsGeoData: Bool { get }
}

extension ReadsGeoData {
    var sourceRegions: RegionOptions? { nil }
    var readsGeoData: Bool { true }
}

extension BoundarySet: @retroactive ExpressibleByArgument {}
