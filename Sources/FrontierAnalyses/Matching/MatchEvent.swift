import Geo

/// One event as matching compares it: where, over which days, of which kind, with how many dead.
public struct MatchEvent: Sendable {
    /// Its id in its source (for the output).
    public var id: String
    /// Where it happened (lon/lat).
    public var coordinate: Coordinate
    /// The days (since 1970-01-01) it may have happened on: one day, or a source's range (UCDP's
    /// date_start..date_end, ACLED's time_precision week or month).
    public var days: ClosedRange<Int>
    /// Its type as the source writes it (for the output).
    public var type: String
    /// The classes its type belongs to; `.any` when the taxonomy does not know the type.
    public var classes: EventClasses
    /// Whether the taxonomy knew its type.
    public var typeKnown: Bool
    /// Its fatalities (0 where the source wrote them as unknown).
    public var fatalities: Int

    public init(id: String, coordinate: Coordinate, days: ClosedRange<Int>, type: String, classes: EventClasses?, fatalities: Int) {
        self.id = id
        self.coordinate = coordinate
        self.days = days
        self.type = type
        self.classes = classes ?? .any
        typeKnown = classes != nil
        self.fatalities = fatalities
    }

    /// Days between two events' ranges: 0 when they overlap, else the gap between the nearer ends.
    public func daysApart(from other: MatchEvent) -> Int {
        max(0, max(days.lowerBound, other.days.lowerBound) - min(days.upperBound, other.days.upperBound))
    }
}

/// A pair of events taken to be the same: indices into the two inputs.
public struct MatchPair: Sendable, Equatable {
    /// The first source's event.
    public var a: Int
    /// The second source's.
    public var b: Int
    /// Geodesic distance on WGS84, metres.
    public var metres: Double
    /// Days between their date ranges (0: they overlap).
    public var daysApart: Int
    /// 0…1, higher is likelier (`EventMatcher.score`).
    public var score: Double
}
