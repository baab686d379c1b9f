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
    /// `region_code` is the region's ISO 3166-2 code, written where asked (`--region-code`).
    public static let regionColumns = ["region_id", "region_country", "region_name", "region_code"]

    /// The filter without its conditions on region columns: for a read that locates in no regions.
    public var withoutRegionConditions: IncidentFilter {
        var kept = self
        kept.equals = equals.filter { !Self.regionColumns.contains($0.column) }
        return kept
    }

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
            /// The column's name and the values as the condition gave them, for telling one no row holds.
            let name: String
            let values: [String]
            let normalized: Set<String>

            init(column: Int, name: String, values: [String]) {
                self.column = column
                self.name = name
                self.values = values
                normalized = Set(values.map(RegionAliases.normalize))
            }
        }

        /// Per-thread memory of the verdicts on values: normalizing is too slow to repeat per row, and real
        /// columns repeat a few values. Bounded for free-text columns. `seen` collects each conditioned
        /// column's distinct values (`ConditionValues`), one per group.
        struct Verdicts {
            var known: [[String: Bool]] = []
            var seen: [ConditionValues] = []
            static let limit = 65_536
        }

        func accepts(_ incident: Incident, verdicts: inout Verdicts) -> Bool {
            var kept = true
            if !groups.isEmpty {
                if verdicts.known.count != groups.count {
                    verdicts.known = Array(repeating: [:], count: groups.count)
                    verdicts.seen = Array(repeating: ConditionValues(), count: groups.count)
                }
                // Every conditioned column's value is noted, whatever the other conditions and the dates decide:
                // a value that no row read holds is told after the scan.
                for (k, group) in groups.enumerated() {
                    let text = incident.text(group.column)
                    if let known = verdicts.known[k][text] {
                        if !known { kept = false }
                        continue
                    }
                    let normalized = RegionAliases.normalize(text)
                    let verdict = group.normalized.contains(normalized)
                    verdicts.seen[k].note(text, normalized: normalized, matches: verdict)
                    if verdicts.known[k].count < Verdicts.limit { verdicts.known[k][text] = verdict }
                    if !verdict { kept = false }
                }
            }
            if !kept { return false }
            if let from = filter.from, let d = incident.date, d < from { return false }
            if let to = filter.to, let d = incident.date, to < d { return false }
            if let max = filter.maxGeoPrecision, let p = incident.geoPrecision, p > max { return false }
            return true
        }

        /// The condition values no row held, from every thread's `Verdicts.seen`, in the order the conditions
        /// were given; nothing for a column no row was read from.
        func valuesNotFound(_ threads: [[ConditionValues]]) -> [ValueNotFound] {
            var found: [ValueNotFound] = []
            for (k, group) in groups.enumerated() {
                var seen = ConditionValues()
                for thread in threads where k < thread.count { seen.merge(thread[k]) }
                if seen.values.isEmpty { continue }
                var told = Set<String>()
                for value in group.values {
                    let key = RegionAliases.normalize(value)
                    guard !seen.matched.contains(key), told.insert(key).inserted else { continue }
                    found.append(ValueNotFound(column: group.name, value: value,
                                               nearest: seen.overflowed ? [] : EditDistance.nearest(to: value, among: Array(seen.values.values)),
                                               distinct: seen.overflowed ? nil : seen.values.count))
                }
            }
            return found
        }
    }
}
