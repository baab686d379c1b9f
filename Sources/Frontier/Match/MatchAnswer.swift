/// The pairs a `MatchRequest` found, with both sides' events and what reading them took.
public struct MatchAnswer {
    /// The first input's events, in input order; pairs and `unmatchedA` index them.
    public let a: [MatchEvent]
    /// The second input's.
    public let b: [MatchEvent]
    /// The pairs (ordered by the first input's event), the events left alone, the candidates measured and the
    /// clusters assigned by descending score rather than exactly.
    public let result: EventMatcher.MatchResult
    /// What reading each input kept and rejected.
    public let summaryA: ScanSummary
    /// What reading the second input kept and rejected.
    public let summaryB: ScanSummary

    /// The pairs, by the first input's event.
    public var pairs: [MatchPair] { result.pairs }

    /// The pairs' columns.
    public static let columns = ["a_id", "b_id", "distance_km", "days_apart", "type_a", "type_b", "score"]
    /// The columns of the events left alone (`unmatched(_:)`).
    public static let unmatchedColumns = ["source", "id", "event_date", "latitude", "longitude", "type", "fatalities"]

    /// One record per pair: the ids, the geodesic distance in km to 3 decimals (a metre), the days apart,
    /// both types as written and the score to 3 decimals.
    public var table: RecordTable {
        RecordTable(columns: Self.columns, records: pairs.map { p in
            Record(values: [.string(a[p.a].id), .string(b[p.b].id), .double((p.metres / 1000 * 1000).rounded() / 1000),
                            .int(Int64(p.daysApart)), .string(a[p.a].type), .string(b[p.b].type), .double((p.score * 1000).rounded() / 1000)])
        })
    }

    /// Which side's events left alone to list.
    public enum Side: String, CaseIterable, Sendable {
        case a, b, both
    }

    /// The events in no pair, of one side or both (`a` first): the side (`a` or `b`), the id, the first day,
    /// the position, the type as written and the fatalities.
    public func unmatched(_ side: Side) -> RecordTable {
        var records: [Record] = []
        func add(_ name: String, _ events: [MatchEvent], _ indices: [Int]) {
            for i in indices {
                let e = events[i]
                records.append(Record(values: [.string(name), .string(e.id), .string(CivilDate(daysSinceEpoch: e.days.lowerBound).description),
                                               .double(e.coordinate.lat), .double(e.coordinate.lon), .string(e.type), .int(Int64(e.fatalities))]))
            }
        }
        if side != .b { add("a", a, result.unmatchedA) }
        if side != .a { add("b", b, result.unmatchedB) }
        return RecordTable(columns: Self.unmatchedColumns, records: records)
    }
}
