import ArgumentParser
import Frontier

/// `--near BORDER --within DISTANCE[,DISTANCE…]` with `--side`/`--any-country`: only incidents within a
/// geodesic distance of a bundled border line, on its two sides unless told otherwise (aggregate, map,
/// hotspots, trends).
struct NearBorderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only incidents near this bundled border line (with --within), inside its two countries unless --side or --any-country.", valueName: "border"))
    var near: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The distance for --near, with a unit: m, km, mi or nmi; in aggregate a list (10km,25km) counts each band apart.", valueName: "distance"))
    var within: String?

    @OptionGroup var sides: SideOptions

    func validate() throws {
        if (near == nil) != (within == nil) { throw ValidationError("--near and --within go together") }
        if near == nil && sides.given { throw ValidationError("--side and --any-country apply with --near") }
        try sides.validate(border: near, region: nil)
        if let within { do { _ = try Distance.list(parsing: within) } catch { throw ValidationError("--within: \(error)") } }
    }

    /// For the commands that analyse one zone (hotspots, trends): a list of bands is a usage error.
    func validateOneDistance() throws {
        if let within, (try? Distance.list(parsing: within).count) ?? 1 > 1 {
            throw ValidationError("--within takes one distance here: distance bands are counted apart only by aggregate")
        }
    }

    /// The engine's form of these flags, when --near is given.
    var request: NearBorder? {
        get throws {
            guard let near, let within else { return nil }
            return NearBorder(border: near, within: try Distance.list(parsing: within), sides: sides.choice)
        }
    }
}
