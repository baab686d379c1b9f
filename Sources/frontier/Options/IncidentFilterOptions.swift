import ArgumentParser
import Frontier

/// `--from/--to`, `--where`, `--max-geo-precision`: which valid incidents a command keeps, the same in
/// join, near, aggregate and map.
struct IncidentFilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only incidents on or after this date (inclusive; windows are not clipped).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Only incidents on or before this date (inclusive).", valueName: "date"))
    var to: String?

    @Option(name: .customLong("where"), help: ArgumentHelp("Only incidents whose FIELD is VALUE, ignoring case, accents and punctuation; repeated on one field: any value, on different fields: all. region_id, region_country, region_name and region_code mean the located region. A VALUE no row holds gets a notice with the nearest values read (--where event_type=Battle suggests Battles).", valueName: "field=value"))
    var conditions: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Drop incidents with a larger geo_precision (2 drops ACLED's region-level events); the summary says how many kept incidents have geo_precision 3 or only a country's position.", valueName: "n"))
    var maxGeoPrecision: Int?

    func validate() throws {
        if let maxGeoPrecision, maxGeoPrecision < 1 {
            throw ValidationError("--max-geo-precision takes a whole number ≥ 1 (geo_precision starts at 1): \(maxGeoPrecision)")
        }
        for date in [from, to].compactMap({ $0 }) { _ = try Self.date(date) }
        if let from, let to, try Self.date(from) > Self.date(to) {
            throw ValidationError("--from \(from) is after --to \(to): no date can be in that range")
        }
        for c in conditions where !c.contains("=") { throw ValidationError("--where takes FIELD=VALUE, not '\(c)'") }
    }

    /// A date the user typed; a usage error names the accepted form.
    static func date(_ text: String) throws -> CivilDate {
        guard case .success(let d) = CivilDate.parse(Substring(text)) else {
            throw ValidationError("'\(text)' is not a date (use 2025-11-26)")
        }
        return d
    }

    var filter: IncidentFilter {
        IncidentFilter(from: from.flatMap { try? Self.date($0) }, to: to.flatMap { try? Self.date($0) },
                       equals: conditions.map { c in
                           let parts = c.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                           return IncidentFilter.Condition(column: parts[0], value: parts.count > 1 ? parts[1] : "")
                       },
                       maxGeoPrecision: maxGeoPrecision)
    }
}
