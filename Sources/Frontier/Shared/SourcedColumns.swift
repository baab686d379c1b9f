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
            if spelled == AggregateSources.split { replaces = true } else if !union.contains(spelled) { union.append(spelled) }
        }
        replacesSource = replaces
        positions = inputs.map { columns in
            let own = Array(columns.names.dropLast(columns.appended.count))
            return union.map { own.firstIndex(of: $0) }
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
    public var input: Int
    public var values: [PropertyValue]
    public var coordinate: Coordinate
}

/// `join` over several inputs: each opened with its own layout and id check, read in turn, written as one
/// stream with a `source` column (`SourcedColumns`).
public final class JoinSources {
    public let sources: [NamedInput]
    /// Each input's opened join, in order: its scan's notices and columns.
    public let joins: [JoinScan]
    public let columns: SourcedColumns

    init(_ request: JoinRequest, sources: [NamedInput]) throws {
        guard sources.count >= 2 else { throw FrontierError.invalid(file: "", reason: "reading several inputs needs two or more") }
        if let twice = Dictionary(grouping: sources.map(\.name), by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw FrontierError.invalid(file: "", reason: "two inputs are named '\(MessageText.escaped(twice))': give each its own name")
        }
        self.sources = sources
        joins = try sources.map { source in
            var one = request
            one.input = source.query.filtered(like: request.input)
            one.writesRowText = false
            one.oneOfSeveral = true
            return try one.open()
        }
        columns = try SourcedColumns(joins.map(\.columns), chosen: request.columns, headers: joins.map { ($0.scan.name, $0.scan.columns) })
    }

    /// Reads every input once, in order, giving each kept incident's row to `row`.
    /// - Parameter events: each input's rejected rows, mismatches and progress (by its position).
    /// - Returns: each input's scan summary.
    /// - Throws: each input's read errors, and whatever `row` throws.
    public func run(_ events: (Int) -> ScanEvents = { _ in ScanEvents() }, row: (SourcedRow) throws -> Void) throws -> [ScanSummary] {
        try joins.enumerated().map { k, join in
            try join.run(events(k)) { r in
                let kept = join.columns.kept.map { r.incident.values[$0] }
                try row(SourcedRow(input: k, values: columns.row(input: k, name: sources[k].name, kept: kept, appended: r.appended),
                                   coordinate: r.incident.coordinate))
            }
        }
    }
}

extension JoinRequest {
    /// Opens several inputs to read as one answer with a `source` column, each read as `input` would be
    /// (its filter, years and workers) with its own path and layout.
    /// - Throws: `FrontierError.invalid` for fewer than two inputs or two with one name; the errors of
    ///   opening each (`JoinRequest.open`).
    public func open(sources: [NamedInput]) throws -> JoinSources {
        try JoinSources(self, sources: sources)
    }
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
