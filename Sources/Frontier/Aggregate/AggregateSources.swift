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

    /// - Throws: `FrontierError.invalid` for fewer than two inputs or two with one name; the errors of
    ///   opening each (`AggregateRequest.open`).
    init(_ request: AggregateRequest, sources: [NamedInput]) throws {
        guard sources.count >= 2 else { throw FrontierError.invalid(file: "", reason: "counting several inputs needs two or more") }
        if let twice = Dictionary(grouping: sources.map(\.name), by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw FrontierError.invalid(file: "", reason: "two inputs are named '\(MessageText.escaped(twice))': give each its own name")
        }
        self.request = request
        self.sources = sources
        scans = try sources.map { source in
            var one = request
            var query = source.query
            query.filter = request.input.filter
            query.years = request.input.years
            query.workers = request.input.workers
            one.input = query
            one.sourceName = source.name
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
    /// - Throws: as `AggregateSources.init`.
    public func open(sources: [NamedInput]) throws -> AggregateSources {
        try AggregateSources(self, sources: sources)
    }
}
