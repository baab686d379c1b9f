import Foundation
import ArgumentParser
import Frontier

/// `--geodata DIR`: where the bundled boundaries are (else FRONTIER_GEODATA, beside the binary, the source tree);
/// `--boundaries`: which of its boundary sets.
struct GeoDataOptions: ParsableArguments {
    @Option(name: .customLong("geodata"), help: ArgumentHelp("Folder holding the bundled GeoData (admin0/admin1/borders). Default: $FRONTIER_GEODATA, else ../share/frontier/GeoData beside the installed program, else the source tree; `frontier --version` shows the folder in use.", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("Boundary set: openstreetmap (default: OSM country outlines, Natural Earth's provinces fitted to them) or natural-earth (generalized 1:10m, as in Frontier 0.1, to reproduce earlier results).", valueName: "set"))
    var boundaries: BoundarySet = .default

    /// The engine's form of these flags.
    var choice: GeoDataChoice { GeoDataChoice(folder: directory, boundaries: boundaries) }

    func location() throws -> GeoDataLocation {
        try choice.location()
    }

    /// The hint added to a GeoData folder that cannot be found or is not GeoData: the two ways to name one.
    static func hint(for error: FrontierError) -> String? {
        switch error {
        case .geoDataNotFound: return "\(error); pass --geodata DIR or set FRONTIER_GEODATA"
        case .notGeoData(_, let origin): return "\(error) (named by \(origin == .explicit ? "--geodata" : "FRONTIER_GEODATA"))"
        default: return nil
        }
    }

    /// How a GeoData folder was chosen, in the command line's words.
    static func words(for foundBy: GeoDataLocation.FoundBy) -> String {
        switch foundBy {
        case .explicit: return "named by --geodata"
        case .environment: return "named by FRONTIER_GEODATA"
        case .besideProgram: return "beside the program"
        case .sourceTree: return "the source tree this program was built from"
        }
    }

    /// For an error on a file inside the GeoData folder in use (a file missing, unreadable or damaged): which
    /// folder that is and how it was chosen, so a broken installation is told apart from a bad input. Nil for
    /// an error on any other file.
    func damagedFolderHint(for error: FrontierError) -> String? {
        let file: String
        switch error {
        // A damaged boundaries.bin (`.compactGeoData`) is left out: its message already says how to derive it again.
        case .cannotOpen(let f), .malformed(let f, _, _), .invalid(let f, _): file = f
        default: return nil
        }
        guard let location = try? location() else { return nil }
        let root = location.root.standardizedFileURL.path
        guard URL(fileURLWithPath: file).standardizedFileURL.path.hasPrefix(root + "/") else { return nil }
        return "the GeoData folder \(MessageText.escaped(root)) (\(Self.words(for: location.foundBy))) is incomplete or damaged: "
            + "reinstall Frontier, or name a complete folder with --geodata DIR or FRONTIER_GEODATA"
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
