/// One input among several counted together, and the name its incidents count under (`source`).
public struct NamedInput {
    /// The name the answer gives the input's incidents with `split` "source".
    public var name: String
    /// The input: its path, format and layout (detected from its header when not given).
    public var query: IncidentQuery

    public init(name: String, query: IncidentQuery) {
        self.name = name
        self.query = query
    }

    /// Two or more inputs, each its own name.
    /// - Throws: `FrontierError.invalid` for fewer than two, or two with one name.
    static func checkSeveral(_ sources: [NamedInput]) throws {
        guard sources.count >= 2 else { throw FrontierError.invalid(file: "", reason: "reading several inputs needs two or more") }
        if let twice = Dictionary(grouping: sources.map(\.name), by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw FrontierError.invalid(file: "", reason: "two inputs are named '\(MessageText.escaped(twice))': give each its own name")
        }
    }

    /// Names for inputs given by path: each file's name, or the path as given where two files share a name.
    public static func names(_ paths: [String]) -> [String] {
        let last = paths.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        return zip(paths, last).map { path, name in last.filter { $0 == name }.count > 1 ? path : name }
    }
}

/// Several inputs counted as one answer (ACLED's export and UCDP's, the analyst's own reports): each opened
/// with its own layout and its own id check (an id repeats only within one input), counted apart
/// (`AggregateScan.partial`) and finished once by the request's rules (`AggregateScan.finish`). With `split`
/// "source", incidents count under their input's name, so the sources can be compared.
public final class AggregateSources {
    /// The split that counts by input.
    public static let split = "source"
    /// The request, each input's name, and its opened scan (notices and columns known), in input order.
    public let request: AggregateRequest
    public let sources: [NamedInput]
    public let scans: [AggregateScan]
    /// With a `Dedupe`: the pairs of the two inputs counted once.
    public let deduplicated: Int

    /// - Throws: `FrontierError.invalid` for fewer than two inputs, two with one name, or a dedupe of other
    ///   than two; the errors of opening each (`AggregateRequest.open`) and, to dedupe, of matching them.
    init(_ request: AggregateRequest, sources: [NamedInput], dedupe: Dedupe?) throws {
        try NamedInput.checkSeveral(sources)
        self.request = request
        self.sources = sources
        let queries = sources.map { $0.query.filtered(like: request.input) }
        var adjustments = [CountAdjustments?](repeating: nil, count: sources.count)
        if let dedupe {
            guard sources.count == 2 else {
                throw FrontierError.invalid(file: "", reason: "counting reports of one event once pairs two inputs, not \(sources.count)")
            }
            let matched = try MatchRequest(a: queries[0], b: queries[1], within: dedupe.within, days: dedupe.days, geodata: request.geodata).answer()
            var first = CountAdjustments(), second = CountAdjustments()
            for p in matched.pairs {
                first.fatalities[matched.a[p.a].id] = dedupe.fatalities.choose(matched.a[p.a].fatalities, matched.b[p.b].fatalities)
                second.skipped.insert(matched.b[p.b].id)
            }
            adjustments = [first, second]
            deduplicated = matched.pairs.count
        } else {
            deduplicated = 0
        }
        scans = try zip(sources, zip(queries, adjustments)).map { source, read in
            var one = request
            one.input = read.0
            one.sourceName = source.name
            one.adjustments = read.1
            return try one.open()
        }
    }

    /// Reads every input once, in order, and counts them together.
    /// - Parameter events: each input's rejected rows, mismatches and progress (by its position).
    /// - Returns: the answer, and each input's own scan summary (the answer's is theirs merged).
    /// - Throws: each input's read errors, and those of `AggregateScan.finish`.
    public func run(_ events: (Int) -> ScanEvents = { _ in ScanEvents() }) throws -> (answer: AggregateAnswer, summaries: [ScanSummary]) {
        let parts = try scans.enumerated().map { k, scan in try scan.partial(events(k)) }
        let answer = try scans[0].finish(try PartialCounts.adding(parts))
        return (answer, parts.map(\.summary))
    }
}

extension AggregateRequest {
    /// Opens several inputs to count as one answer, each read as `input` would be (its filter, years and
    /// workers) with its own path and layout.
    /// - Parameter dedupe: with two inputs, count each event both report once (read through `MatchRequest`
    ///   first).
    /// - Throws: as `AggregateSources.init`.
    public func open(sources: [NamedInput], dedupe: Dedupe? = nil) throws -> AggregateSources {
        try AggregateSources(self, sources: sources, dedupe: dedupe)
    }
}
