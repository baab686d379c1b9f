import ArgumentParser
import Frontier

struct MatchCommand: EngineCommand, WritesCSV, WritesRows {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Pair the events of two sources that are likely the same event.",
        discussion: """
        Reads two incident files (ACLED's layout, or UCDP GED's, recognised from its header), or the two \
        sources of one store (frontier match both.gpkg, after import acled.csv ucdp.csv --store both.gpkg), and pairs each \
        event of the first with at most one of the second: within --within of each other (geodesic on WGS84, \
        default 10km), at most --days apart (default 1; UCDP's date_start..date_end and ACLED's \
        time_precision week or month widen an event's dates to their range), and of types that share a class \
        in GeoData/event-taxonomy.csv (ACLED's Battles can be UCDP's state-based or non-state violence; \
        Protests match no UCDP event). Candidates come from a grid on position and day, never all pairs. \
        Within each cluster of candidates the assignment of highest total score is chosen; the score (0 to \
        1) weighs distance 0.45, days 0.35 (a day apart at --days 1 keeps three quarters: sources often date \
        one event a day apart), types 0.1 (0.05 when a type is unknown to the taxonomy) and fatalities 0.1; a pair scoring under --min-score (default 0.5: say 8 km and a day apart with \
        nothing else alike) is no pair.

        Output: a_id, b_id, distance_km, days_apart, type_a, type_b, score, one row per pair. --unmatched a, \
        b or both lists instead the events in no pair (source, id, event_date, latitude, longitude, type, \
        fatalities). Rows a file cannot use are skipped and reported per file, as every command does.

        A synthetic pair of sources with the truth of which events are the same comes from `frontier synth \
        --twin ucdp` (its twin_of column), to see how well the defaults pair them.

        Examples:
          frontier match synthetic-1k.csv synthetic-1k-ucdp.csv
          frontier match synthetic-1k.csv synthetic-1k-ucdp.csv --within 5km --days 0 --format table
          frontier match synthetic-1k.csv synthetic-1k-ucdp.csv --unmatched both --out unmatched.csv
          frontier match GeoData/incidents-reported.csv synthetic-1k-ucdp.csv
        """
    )

    @Argument(help: ArgumentHelp("The first source's incidents (a CSV or GeoJSON file, a store, or - for standard input).", valueName: "a"))
    var a: String

    @Argument(help: ArgumentHelp("The second source's incidents (omitted: a is a store holding two sources, ACLED's and UCDP's, paired with each other).", valueName: "b"))
    var b: String?

    @Option(help: ArgumentHelp("The farthest apart two reports of one event may lie (e.g. 10km, 5000m, 5mi).", valueName: "distance"))
    var within = "10km"

    @Option(parsing: .unconditional, help: "The most days between two reports of one event (0: the same day).")
    var days = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("The least score a pair may have (0 to 1); below it both events stay unpaired.", valueName: "score"))
    var minScore = EventMatcher.defaultMinScore

    @Option(help: ArgumentHelp("List the events in no pair instead of the pairs: a, b or both.", valueName: "side"))
    var unmatched: MatchAnswer.Side?

    @Option(help: ArgumentHelp("The event taxonomy (source,event_type,sub_event_type,classes); default GeoData/event-taxonomy.csv.", valueName: "file"))
    var taxonomy: String?

    @OptionGroup var output: OutputOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles {
        .input(a, role: "the first input this command reads") + .input(b, role: "the second input this command reads")
            + .input(taxonomy, role: "the --taxonomy file") + output.files
    }

    func validate() throws {
        guard let distance = try? Distance(parsing: within), distance.metres > 0 else {
            throw ValidationError("--within takes one distance above 0 with its unit (e.g. 10km), not '\(MessageText.escaped(within))'")
        }
        _ = distance
        if a == "-" && b == "-" { throw ValidationError("standard input can be read once: give at most one input as -") }
        if b == nil && InputFormat(path: a) != .gpkg { throw ValidationError("match pairs two sources: give b, or a .gpkg store holding two") }
        guard (0...366).contains(days) else { throw ValidationError("--days must be from 0 to 366 (got \(days))") }
        guard (0...1).contains(minScore) else { throw ValidationError("--min-score must be from 0 to 1 (got \(minScore))") }
        if output.resolvedFormat == .geojson || output.resolvedFormat == .geojsonl {
            throw ValidationError("match writes pairs of events, not features: use csv, json or table")
        }
    }

    func execute() throws {
        var shown: [String: Int] = [:]
        func events(_ path: String) -> ScanEvents {
            ScanEvents(onReject: { r in
                shown[path, default: 0] += 1
                if shown[path, default: 0] <= 10 { Diagnostics.note("rejected \(MessageText.escaped(path)):\(r.line): \(r.place): \(r.reason)") }
            })
        }
        let (first, second) = try inputs()
        var request = MatchRequest(a: first.query, b: second.query, within: try Distance(parsing: within), days: days)
        request.taxonomy = taxonomy
        request.minScore = minScore
        let answer = try request.answer(events(first.name), events(second.name))
        try output.emit(unmatched.map(answer.unmatched) ?? answer.table)
        let r = answer.result
        for (name, summary) in [(first.name, answer.summaryA), (second.name, answer.summaryB)] {
            Diagnostics.note("\(MessageText.escaped(name)): read \(summary.read), rejected \(summary.rejected)")
        }
        Diagnostics.note("matched \(r.pairs.count) pairs of \(r.candidates) candidates; unmatched \(r.unmatchedA.count) in a, \(r.unmatchedB.count) in b"
                         + (r.greedyClusters > 0 ? "; \(r.greedyClusters) clusters over \(EventMatcher.defaultExactLimit) events paired by descending score" : ""))
    }
}

extension MatchCommand {
    /// The two inputs, named as messages name them: `a` and `b`, or the two sources of the store `a`.
    /// - Throws: `UsageError` when `a` alone is a store holding other than two sources.
    private func inputs() throws -> (NamedInput, NamedInput) {
        func query(_ path: String) -> IncidentQuery { IncidentQuery(path: path, format: InputFormat(path: path) ?? .csv) }
        if let b { return (NamedInput(name: a, query: query(a)), NamedInput(name: b, query: query(b))) }
        let sources = try NamedInput.expanding([NamedInput(name: a, query: query(a))])
        guard sources.count == 2 else {
            throw UsageError("match pairs two sources: \(MessageText.escaped(a)) holds \(sources.count == 1 ? "one" : String(sources.count)); give b")
        }
        return (NamedInput(name: "\(a) (\(sources[0].name))", query: sources[0].query), NamedInput(name: "\(a) (\(sources[1].name))", query: sources[1].query))
    }
}

extension MatchAnswer.Side: ExpressibleByArgument {}
