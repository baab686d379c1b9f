/// A counting question's opened scan (trends, hot spots), as several inputs are counted through it: each
/// counted apart, the parts added and finished once by the question's rules.
public protocol CountingScan {
    associatedtype Answer
    /// The opened input.
    var scan: IncidentScan { get }
    /// What the caller should be told about how the request was read.
    var notices: [RequestNotice] { get }
    /// Reads the input once and counts, leaving the answer to the whole's `finish`.
    func partial(_ events: ScanEvents) throws -> PartialCounts
    /// The answer from every part's counts added together.
    func finish(_ whole: PartialCounts) throws -> Answer
}

extension TrendsScan: CountingScan {}
extension HotspotsScan: CountingScan {}

/// Several inputs counted as one answer of a counting question (`trends A B`, `hotspots A B`): each opened
/// with its own layout and id check, counted apart, and finished once (as `AggregateSources` does for
/// aggregate, which also splits by source and counts pairs once).
public final class CountedSources<Scan: CountingScan> {
    /// The inputs, in order.
    public let sources: [NamedInput]
    /// Each input's opened scan, in order.
    public let scans: [Scan]

    /// - Throws: `FrontierError.invalid` for fewer than two inputs or two with one name; the errors of `open`.
    init(sources: [NamedInput], open: (NamedInput) throws -> Scan) throws {
        try NamedInput.checkSeveral(sources)
        self.sources = sources
        scans = try sources.map(open)
    }

    /// Reads every input once, in order, and answers for all of them.
    /// - Parameter events: each input's rejected rows and progress (by its position).
    /// - Returns: the answer, and each input's own scan summary (the answer's is theirs merged).
    /// - Throws: each input's read errors, and those of finishing.
    public func run(_ events: (Int) -> ScanEvents = { _ in ScanEvents() }) throws -> (answer: Scan.Answer, summaries: [ScanSummary]) {
        let parts = try scans.enumerated().map { k, scan in try scan.partial(events(k)) }
        return (try scans[0].finish(try PartialCounts.adding(parts)), parts.map(\.summary))
    }
}

/// A counting question (trends, hot spots) asked of each of several inputs and answered once.
protocol CountingQuestion: AskedOfEachInput {
    associatedtype Scan: CountingScan
    func open() throws -> Scan
}

extension CountingQuestion {
    /// Opens several inputs to answer for together, each read as `input` would be with its own path and layout.
    func counted(_ sources: [NamedInput]) throws -> CountedSources<Scan> {
        try CountedSources(sources: sources) { try asked(of: $0).open() }
    }
}

extension TrendsRequest: CountingQuestion {
    /// Opens several inputs to answer for together, each read as `input` would be with its own path and layout.
    /// - Throws: as `CountedSources.init`, and the errors of opening each (`TrendsRequest.open`).
    public func open(sources: [NamedInput]) throws -> CountedSources<TrendsScan> { try counted(sources) }
}

extension HotspotsRequest: CountingQuestion {
    /// Opens several inputs to answer for together, each read as `input` would be with its own path and layout.
    /// - Throws: as `CountedSources.init`, and the errors of opening each (`HotspotsRequest.open`).
    public func open(sources: [NamedInput]) throws -> CountedSources<HotspotsScan> { try counted(sources) }
}
