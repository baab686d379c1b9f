/// Several inputs counted as one answer (ACLED's export and UCDP's, the analyst's own reports): each opened
/// with its own layout and its own id check (an id repeats only within one input), counted apart
/// (`AggregateScan.partial`) and finished once by the request's rules (`AggregateScan.finish`). With `split`
/// "source", incidents count under their input's name, so the sources can be compared.
public final class AggregateSources {
    /// The split that counts by input.
    public static let split = "source"
    /// The request, each input's name, and its opened scan (notices and columns known), in input order.
    public let request: AggregateRequest
    /// The inputs, in order.
    public let sources: [NamedInput]
    /// Each input's opened scan, in order.
    public let scans: [AggregateScan]
    /// With a `Dedupe`: the second input's reports left out of the last run, their event counted as the
    /// first input's.
    public private(set) var deduplicated = 0
    /// With a `Dedupe`: the pairs found, as the two inputs' event ids, and the fatalities each counts with.
    private let pairs: [(a: String, b: String, fatalities: Int)]

    /// - Throws: `FrontierError.invalid` for fewer than two inputs, two with one name, a dedupe of other
    ///   than two or of an input without event ids; the errors of opening each (`AggregateRequest.open`) and,
    ///   to dedupe, of matching them.
    init(_ request: AggregateRequest, sources: [NamedInput], dedupe: Dedupe?) throws {
        try NamedInput.checkSeveral(sources)
        if dedupe != nil, sources.count != 2 {
            throw FrontierError.invalid(file: "", reason: "counting reports of one event once pairs two inputs, not \(sources.count)")
        }
        self.request = request
        self.sources = sources
        scans = try sources.map { source in
            var one = request.asked(of: source)
            one.sourceName = source.name
            // Known at open, so that rows arrive one by one with their ids; filled in by `run`.
            if dedupe != nil { one.adjustments = CountAdjustments() }
            return try one.open()
        }
        guard let dedupe else {
            pairs = []
            return
        }
        for scan in scans where scan.scan.fieldColumns.id == nil {
            throw FrontierError.invalid(file: scan.scan.name, reason: "has no event id column: its reports cannot be paired to count them once")
        }
        // Matched over what each input reads (its dates, a comparison's earlier window included, and its
        // conditions on input columns); the zone and regions decide later which reports count.
        let queries = zip(sources, scans).map { source, scan -> IncidentQuery in
            var query = source.query
            query.filter = scan.scan.query.filter.withoutRegionConditions
            query.years = request.input.years
            query.workers = request.input.workers
            return query
        }
        let matched = try MatchRequest(a: queries[0], b: queries[1], within: dedupe.within, days: dedupe.days, geodata: request.geodata).answer()
        pairs = matched.pairs.map { p in
            (matched.a[p.a].id, matched.b[p.b].id, dedupe.fatalities.choose(matched.a[p.a].fatalities, matched.b[p.b].fatalities))
        }
    }

    /// Reads every input once, in order, and counts them together. With a `Dedupe`, the first input is
    /// counted first: a pair counts as its incident (with the pair's fatalities) and the second's report of
    /// it is left out, only when the first's was counted (an incident outside the zone, the sides or the
    /// regions asked is not, and its pair's report then counts).
    /// - Parameter events: each input's rejected rows, mismatches and progress (by its position).
    /// - Returns: the answer, and each input's own scan summary (the answer's is theirs merged).
    /// - Throws: each input's read errors, and those of `AggregateScan.finish`.
    public func run(_ events: (Int) -> ScanEvents = { _ in ScanEvents() }) throws -> (answer: AggregateAnswer, summaries: [ScanSummary]) {
        var parts: [PartialCounts] = []
        if scans[0].adjustments != nil {
            scans[0].adjustments = CountAdjustments(fatalities: Dictionary(pairs.map { ($0.a, $0.fatalities) }, uniquingKeysWith: { a, _ in a }))
            scans[0].recordsCounted = true
            parts.append(try scans[0].partial(events(0)))
            let counted = scans[0].countedIDs
            scans[1].adjustments = CountAdjustments(skipped: Set(pairs.filter { counted.contains($0.a) }.map(\.b)))
            parts.append(try scans[1].partial(events(1)))
            deduplicated = scans[1].skipped
        } else {
            parts = try scans.enumerated().map { k, scan in try scan.partial(events(k)) }
        }
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

extension AggregateRequest: AskedOfEachInput {}
