import ArgumentParser
import Frontier

/// `--border ID | --region NAME` with `--within DISTANCE`: the zone that near and buffer work on.
struct ZoneOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A bundled border line: two ISO3 codes, either order (AFG-TJK).", valueName: "border"))
    var border: String?

    @Option(help: ArgumentHelp("A region id (AFG:Badakhshan), a name or alias, or the start of a word of one region's name (Gorno); a name several regions share or begin with is an error listing their ids.", valueName: "region"))
    var region: String?

    // Unconditional: "-5km" is taken as the (refused) value, not as an unknown flag.
    @Option(parsing: .unconditional, help: ArgumentHelp("The distance, with a unit: m, km, mi or nmi (e.g. 25km); near takes a list of bands too (10km,25km,50km).", valueName: "distance"))
    var within: String

    func validate() throws {
        if (border == nil) == (region == nil) { throw ValidationError("give exactly one of --border and --region") }
        do { _ = try Distance.list(parsing: within) } catch { throw ValidationError("--within: \(error)") }
    }

    /// The distances given, nearest first.
    var bands: [Distance] { get throws { try Distance.list(parsing: within) } }

    /// The zone's reach: the one distance, or the largest band.
    var distance: Distance { get throws { try bands[bands.count - 1] } }

    /// The engine's form of --border / --region.
    var target: ZoneTarget { border.map(ZoneTarget.border) ?? .region(region ?? "") }
}
