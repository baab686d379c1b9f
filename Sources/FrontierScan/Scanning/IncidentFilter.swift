/// Which valid incidents a query keeps: a date range (inclusive), field conditions, a largest geo_precision.
import FrontierBase
import FrontierPlaces
public struct IncidentFilter: Sendable {
    public var from: CivilDate?
    public var to: CivilDate?
    /// `FIELD=VALUE` conditions: on one field any value may match (OR), across fields all must
    /// (AND). Values match after `RegionAliases.normalize` (case, accents, punctuation and spacing do not
    /// matter), so `admin1=badakhshan` finds "Badakhshan".
    public var equals: [Condition] = []
    public var maxGeoPrecision: Int?

    public struct Condition: Sendable, Equatable {
        public var column: String
        public var value: String
        public init(column: String, value: String) {
            self.column = column
            self.value = value
        }
    }

    /// The output's region columns: a condition on one of them is decided on the located region (a
    /// command that locates), not on an input column.
    public static let regionColumns = ["region_id", "region_country", "region_name"]

    /// Whether a condition names a region column (then it chooses regions, as naming them does).
    public var namesRegionColumns: Bool { equals.contains { Self.regionColumns.contains($0.column) } }

    public init(from: CivilDate? = nil, to: CivilDate? = nil, equals: [Condition] = [], maxGeoPrecision: Int? = nil) {
        self.from = from
        self.to = to
        self.equals = equals
        self.maxGeoPrecision = maxGeoPrecision
    }

    /// The conditions grouped by field name (first-seen order), each with the values it may hold.
    func groups(_ conditions: [Condition]) -> [(column: String, values: [String])] {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for c in conditions {
            if values[c.column] == nil { order.append(c.column) }
            values[c.column, default: []].append(c.value)
        }
        return order.map { ($0, values[$0] ?? []) }
    }

    /// The filter with its input-column conditions resolved to column positions of one input.
    struct Resolved: Sendable {
        let filter: IncidentFilter
        let groups: [Group]

        /// One input column and the values it may hold (OR).
        struct Group: Sendable {
            let column: Int
            let exact: Set<String>
            let normalized: Set<String>

            init(column: Int, values: [String]) {
                self.column = column
                exact = Set(values)
                normalized = Set(values.map(RegionAliases.normalize))
            }
        }

        /// Per-thread memory of the verdicts on values that are not exact matches: normalizing is too slow
        /// to repeat per row, and real columns repeat a few values. Bounded for free-text columns.
        struct Verdicts {
            var known: [[String: Bool]] = []
            static let limit = 65_536
        }

        func accepts(_ incident: Incident, verdicts: inout Verdicts) -> Bool {
            if let from = filter.from, let d = incident.date, d < from { return false }
            if let to = filter.to, let d = incident.date, to < d { return false }
            if let max = filter.maxGeoPrecision, let p = incident.geoPrecision, p > max { return false }
            if groups.isEmpty { return true }
            if verdicts.known.count != groups.count { verdicts.known = Array(repeating: [:], count: groups.count) }
            for (k, group) in groups.enumerated() {
                let text = incident.text(group.column)
                if group.exact.contains(text) { continue }
                if let known = verdicts.known[k][text] {
                    if known { continue } else { return false }
                }
                let verdict = group.normalized.contains(RegionAliases.normalize(text))
                if verdicts.known[k].count < Verdicts.limit { verdicts.known[k][text] = verdict }
                if !verdict { return false }
            }
            return true
        }
    }
}
