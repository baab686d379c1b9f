/// Which valid incidents a query keeps: a date range (inclusive), field equalities, a largest geo_precision.
public struct IncidentFilter: Sendable {
    public var from: CivilDate?
    public var to: CivilDate?
    /// Columns (by name) that must hold exactly these values; all must match.
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

    public init(from: CivilDate? = nil, to: CivilDate? = nil, equals: [Condition] = [], maxGeoPrecision: Int? = nil) {
        self.from = from
        self.to = to
        self.equals = equals
        self.maxGeoPrecision = maxGeoPrecision
    }

    /// The filter with its conditions resolved to column positions of one input.
    struct Resolved: Sendable {
        let filter: IncidentFilter
        let columns: [Int]

        func accepts(_ incident: Incident) -> Bool {
            if let from = filter.from, let d = incident.date, d < from { return false }
            if let to = filter.to, let d = incident.date, to < d { return false }
            for (k, i) in columns.enumerated() where incident.text(i) != filter.equals[k].value { return false }
            if let max = filter.maxGeoPrecision, let p = incident.geoPrecision, p > max { return false }
            return true
        }
    }
}
