import ArgumentParser
import Frontier
import Geo

/// `--near BORDER --within DISTANCE`: only incidents within a geodesic distance of a bundled border line
/// (aggregate and map).
struct NearBorderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only incidents near this bundled border line (with --within).", valueName: "border"))
    var near: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The distance for --near, with a unit: m, km, mi or nmi.", valueName: "distance"))
    var within: String?

    func validate() throws {
        if (near == nil) != (within == nil) { throw ValidationError("--near and --within go together") }
        if let within { do { _ = try Distance(parsing: within) } catch { throw ValidationError("--within: \(error)") } }
    }

    /// The border and its zone, when asked for.
    func zone(geodata: GeoDataOptions, context: GEOSContext) throws -> (line: BorderLine, zone: NearZone)? {
        guard let near, let within else { return nil }
        let line = try BorderSet.load(geodata: geodata.location(), context: context).border(near)
        return (line, try NearZone(border: line, within: Distance(parsing: within)))
    }
}
