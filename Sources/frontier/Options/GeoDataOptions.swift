import ArgumentParser
import Frontier

/// `--geodata DIR`: where the bundled boundaries are (else FRONTIER_GEODATA, beside the binary, the source tree).
struct GeoDataOptions: ParsableArguments {
    @Option(name: .customLong("geodata"), help: ArgumentHelp("Folder holding the bundled GeoData (admin0/admin1/borders).", valueName: "dir"))
    var directory: String?

    func location() throws -> GeoDataLocation {
        try GeoDataLocation.resolve(explicit: directory)
    }
}
