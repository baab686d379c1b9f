import ArgumentParser
import Frontier

/// `--geodata DIR`: where the bundled boundaries are (else FRONTIER_GEODATA, beside the binary, the source tree);
/// `--boundaries`: which of its boundary sets.
struct GeoDataOptions: ParsableArguments {
    @Option(name: .customLong("geodata"), help: ArgumentHelp("Folder holding the bundled GeoData (admin0/admin1/borders).", valueName: "dir"))
    var directory: String?

    @Option(help: ArgumentHelp("Boundary set: natural-earth (default; generalized) or openstreetmap (OSM country outlines, Natural Earth's provinces fitted to them).", valueName: "set"))
    var boundaries: BoundarySet = .default

    func location() throws -> GeoDataLocation {
        try GeoDataLocation.resolve(explicit: directory, boundaries: boundaries)
    }
}

extension BoundarySet: ExpressibleByArgument {}
