/// The columns of one per-incident answer over several inputs (`join A B`): every input column any of them
/// writes, by name in the order first met, then `source` (the input's name), then the answer's own columns.
/// A row holds its input's values where it has the column and an empty value where it does not. An input's
/// own `source` column (ACLED's: the outlets that reported the event) is replaced by the input's name.
public struct SourcedColumns: Sendable, Equatable {
    /// The header.
    public let names: [String]
    /// Whether an input had a `source` column of its own, which the input's name replaces.
    public let replacesSource: Bool
    /// Per input: for each union column, the position among that input's written values (nil: it lacks it).
    private let positions: [[Int?]]

    /// - Parameters:
    ///   - inputs: each input's columns as its own answer writes them (the appended ones last and alike in
    ///     every input).
    ///   - chosen: the columns asked for, in order (nil: every input's).
    /// - Throws: `FrontierError.unknownColumn` for a chosen column no input has.
    init(_ inputs: [IncidentColumns], chosen: [String]?, headers: [(file: String, columns: [String])]) throws {
        var union: [String] = []
        var replaces = false
        let met = inputs.flatMap { $0.names.dropLast($0.appended.count) }
        for name in chosen ?? met where !union.contains(name) {
            let spelled = met.first { IncidentFields.column(name, in: [$0]) != nil }
            guard let spelled else {
                throw FrontierError.unknownColumn(file: headers.map(\.file).joined(separator: ", "), column: name,
                                                  found: headers.flatMap(\.columns).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } })
            }
            if IncidentFields.column(AggregateSources.split, in: [spelled]) != nil {
                replaces = true
            } else if IncidentFields.column(spelled, in: union) == nil {
                union.append(spelled)
            }
        }
        replacesSource = replaces
        positions = inputs.map { columns in
            let own = Array(columns.names.dropLast(columns.appended.count))
            return union.map { IncidentFields.column($0, in: own) }
        }
        names = union + [AggregateSources.split] + (inputs.first?.appended ?? [])
    }

    /// Input `k`'s row in `names` order: its kept values placed in the union, its name, the appended values.
    func row(input k: Int, name: String, kept: [PropertyValue], appended: [PropertyValue]) -> [PropertyValue] {
        positions[k].map { $0.map { kept[$0] } ?? .string("") } + [.string(name)] + appended
    }
}

/// One row of a per-incident answer over several inputs: which input, its values in `SourcedColumns.names`
/// order, and where the incident lies.
public struct SourcedRow {
    /// The input's position among the sources.
    public var input: Int
    /// The row's values, in `SourcedColumns.names` order.
    public var values: [PropertyValue]
    /// Where the incident lies (lon/lat).
    public var coordinate: Coordinate
}

/// A per-incident answer's opened scan (join, near), as several inputs are read through it.
public protocol PerIncidentScan {
    /// The opened input.
    var scan: IncidentScan { get }
    /// The columns each row has.
    var columns: IncidentColumns { get }
    /// What the caller should be told about how the request was read.
    var notices: [RequestNotice] { get }
    /// Reads the input once, giving each kept incident and its appended values, in input order.
    func rows(_ events: ScanEvents, _ row: (Incident, [PropertyValue]) throws -> Void) throws -> ScanSummary
}

extension JoinScan: PerIncidentScan {
    public func rows(_ events: ScanEvents, _ row: (Incident, [PropertyValue]) throws -> Void) throws -> ScanSummary {
        try run(events) { try row($0.incident, $0.appended) }
    }
}

extension NearScan: PerIncidentScan {
    public func rows(_ events: ScanEvents, _ row: (Incident, [PropertyValue]) throws -> Void) throws -> ScanSummary {
        try run(events) { try row($0.incident, $0.appended) }.scan
    }
}

/// A per-incident answer over several inputs (`join A B`, `near A B`): each opened with its own layout and
/// id check, read in turn, written as one stream with a `source` column (`SourcedColumns`).
public final class SourcedAnswer<Scan: PerIncidentScan> {
    /// The inputs, in order.
    public let sources: [NamedInput]
    /// Each input's opened answer, in order: its scan's notices and columns.
    public let scans: [Scan]
    /// The columns every row has.
    public let columns: SourcedColumns

    /// - Parameters:
    ///   - sources: the inputs (two or more, each its own name).
    ///   - chosen: the input columns asked for (nil: all).
    ///   - open: opens one input's answer.
    /// - Throws: `FrontierError.invalid` for fewer than two inputs or two with one name; `.unknownColumn` for
    ///   a chosen column no input has; the errors of `open`.
    init(sources: [NamedInput], chosen: [String]?, open: (NamedInput) throws -> Scan) throws {
        try NamedInput.checkSeveral(sources)
        self.sources = sources
        scans = try sources.map(open)
        columns = try SourcedColumns(scans.map(\.columns), chosen: chosen, headers: scans.map { ($0.scan.name, $0.scan.columns) })
    }

    /// Reads every input once, in order, giving each kept incident's row to `row`.
    /// - Parameter events: each input's rejected rows, mismatches and progress (by its position).
    /// - Returns: each input's scan summary.
    /// - Throws: each input's read errors, and whatever `row` throws.
    public func run(_ events: (Int) -> ScanEvents = { _ in ScanEvents() }, row: (SourcedRow) throws -> Void) throws -> [ScanSummary] {
        try scans.enumerated().map { k, one in
            try one.rows(events(k)) { incident, appended in
                let kept = one.columns.kept.map { incident.values[$0] }
                try row(SourcedRow(input: k, values: columns.row(input: k, name: sources[k].name, kept: kept, appended: appended),
                                   coordinate: incident.coordinate))
            }
        }
    }
}

/// A per-incident question (join, near) asked of each of several inputs, read as one stream.
protocol PerIncidentQuestion: AskedOfEachInput {
    associatedtype Scan: PerIncidentScan
    var columns: [String]? { get }
    var writesRowText: Bool { get set }
    var oneOfSeveral: Bool { get set }
    func open() throws -> Scan
}

extension PerIncidentQuestion {
    /// Opens several inputs to read as one answer with a `source` column, each read as `input` would be
    /// (its filter, years and workers) with its own path and layout; rows are written from their values.
    func sourced(_ sources: [NamedInput]) throws -> SourcedAnswer<Scan> {
        var each = self
        each.writesRowText = false
        each.oneOfSeveral = true
        return try SourcedAnswer(sources: sources, chosen: columns) { try each.asked(of: $0).open() }
    }
}

extension JoinRequest: PerIncidentQuestion {
    /// Opens several inputs to read as one answer with a `source` column, each read as `input` would be
    /// (its filter, years and workers) with its own path and layout.
    /// - Throws: as `SourcedAnswer.init`, and the errors of opening each (`JoinRequest.open`).
    public func open(sources: [NamedInput]) throws -> SourcedAnswer<JoinScan> { try sourced(sources) }
}

extension NearRequest: PerIncidentQuestion {
    /// Opens several inputs to read as one answer with a `source` column, as `JoinRequest.open(sources:)`.
    /// - Throws: as `SourcedAnswer.init`, and the errors of opening each (`NearRequest.open`).
    public func open(sources: [NamedInput]) throws -> SourcedAnswer<NearScan> { try sourced(sources) }
}

extension IncidentQuery {
    /// This input read as `other` reads its own: the same filter, plausible years and worker threads.
    func filtered(like other: IncidentQuery) -> IncidentQuery {
        var query = self
        query.filter = other.filter
        query.years = other.years
        query.workers = other.workers
        return query
    }
}

/// A question that can be asked of each of several inputs in turn.
protocol AskedOfEachInput {
    var input: IncidentQuery { get set }
}

extension AskedOfEachInput {
    /// This question asked of `source`: its path, format and layout, read as `input` reads its own.
    func asked(of source: NamedInput) -> Self {
        var one = self
        one.input = source.query.filtered(like: input)
        return one
    }
}
