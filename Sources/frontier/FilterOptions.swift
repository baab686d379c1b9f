import ArgumentParser
import Frontier
import Geo

/// `--from DATE --to DATE`: which incidents count, by date (inclusive; windows are not clipped).
struct DateRangeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only incidents on or after this date.", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only incidents on or before this date.", valueName: "date"))
    var to: String?

    func validate() throws {
        for date in [from, to].compactMap({ $0 }) { _ = try DateRangeOptions.parse(date) }
    }

    /// A date the user typed; a usage error names the accepted form.
    static func parse(_ text: String) throws -> CivilDate {
        guard case .success(let d) = CivilDate.parse(Substring(text)) else {
            throw ValidationError("'\(text)' is not a date (use 2025-11-26)")
        }
        return d
    }

    var fromDate: CivilDate? { from.flatMap { try? DateRangeOptions.parse($0) } }
    var toDate: CivilDate? { to.flatMap { try? DateRangeOptions.parse($0) } }
}

/// `--near BORDER --within DISTANCE`: only incidents within a geodesic distance of a bundled border line.
struct NearBorderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only incidents near this bundled border line (with --within).", valueName: "border"))
    var near: String?

    @Option(help: ArgumentHelp("The distance for --near, with a unit: m, km, mi or nmi.", valueName: "distance"))
    var within: String?

    func validate() throws {
        if (near == nil) != (within == nil) { throw ValidationError("--near and --within go together") }
        if let within { do { _ = try Distance(parsing: within) } catch { throw ValidationError("--within: \(error)") } }
    }

    /// The border line and the distance, when asked for.
    func zone(borders: BorderSet) throws -> (line: BorderLine, distance: Distance, proximity: Proximity)? {
        guard let near, let within else { return nil }
        let line = try borders.border(near)
        let distance = try Distance(parsing: within)
        return (line, distance, Proximity(lines: try Proximity.lines(of: line.geometry), within: distance))
    }
}
