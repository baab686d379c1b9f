/// Which events of two sources are likely the same event (ACLED and UCDP, or a source and the analyst's own
/// reports): pairs within a geodesic distance and a number of days of each other whose types share a class
/// in the taxonomy (`GeoData/event-taxonomy.csv`), each event in at most one pair (`EventMatcher`).
///
/// ```swift
/// let answer = try MatchRequest(a: IncidentQuery(path: "acled.csv", format: .csv),
///                               b: IncidentQuery(path: "ucdp.csv", format: .csv)).answer()
/// for pair in answer.pairs { print(answer.a[pair.a].id, answer.b[pair.b].id, pair.score) }
/// ```
public struct MatchRequest {
    /// The first source's events (its layout detected or named, as for any command).
    public var a: IncidentQuery
    /// The second source's events.
    public var b: IncidentQuery
    /// The farthest apart two reports of one event may lie (geodesic on WGS84).
    public var within: Distance
    /// The most days between their dates (or date ranges: UCDP's date_start..date_end, ACLED's
    /// time_precision week or month).
    public var days: Int
    /// The least score a pair may have (`EventMatcher.minScore`).
    public var minScore = EventMatcher.defaultMinScore
    /// The GeoData whose `event-taxonomy.csv` is the taxonomy, unless `taxonomy` names another file.
    public var geodata: GeoDataChoice
    /// A taxonomy file of the same layout to use instead of GeoData's.
    public var taxonomy: String?

    /// - Parameters:
    ///   - a, b: the two inputs.
    ///   - within: the distance (10 km by default).
    ///   - days: the days apart (1 by default).
    ///   - geodata: the GeoData holding the taxonomy.
    public init(a: IncidentQuery, b: IncidentQuery, within: Distance = Distance(metres: 10_000), days: Int = 1,
                geodata: GeoDataChoice = GeoDataChoice()) {
        self.a = a
        self.b = b
        self.within = within
        self.days = days
        self.geodata = geodata
    }

    /// Reads both inputs and matches them.
    /// - Parameters:
    ///   - eventsA: the first input's rejected rows as they come, and its progress.
    ///   - eventsB: the second's.
    /// - Returns: the pairs, the events of each side, and each input's scan summary.
    /// - Throws: `FrontierError.request(.matchWindow)` for a distance not above 0, negative days or a least
    ///   score outside 0…1, the
    ///   errors of reading the taxonomy and of opening and reading either input.
    public func answer(_ eventsA: ScanEvents = ScanEvents(), _ eventsB: ScanEvents = ScanEvents()) throws -> MatchAnswer {
        guard within.metres > 0, within.metres.isFinite, days >= 0, (0...1).contains(minScore) else {
            throw FrontierError.request(.matchWindow(metres: within.metres, days: days, minScore: minScore))
        }
        let taxonomy = try taxonomy.map(EventTaxonomy.load(path:)) ?? EventTaxonomy.bundled(geodata.location())
        let (eventsA, summaryA) = try MatchEvents.read(a, taxonomy: taxonomy, events: eventsA)
        let (eventsB, summaryB) = try MatchEvents.read(b, taxonomy: taxonomy, events: eventsB)
        var matcher = EventMatcher(within: within.metres, days: days)
        matcher.minScore = minScore
        let result = matcher.match(eventsA, eventsB)
        return MatchAnswer(a: eventsA, b: eventsB, result: result, summaryA: summaryA, summaryB: summaryB)
    }
}
