import Geo

/// One input row that passed validation: its position, date and counts, plus everything it carried.
public struct Incident {
    /// 1-based line (CSV) or feature number (GeoJSON) in the input, for messages.
    public var line: Int
    /// The id as text (empty unless values are materialized); `idHash` is always set when there is an id.
    public var id: String
    public var idHash: UInt64
    public var coordinate: Coordinate
    public var date: CivilDate?
    /// At most `maxFatalities` (times `weight` for a grouped row).
    public var fatalities: Int
    public var geoPrecision: Int?
    /// Placed only at country level (UCDP where_prec 6–7): its position says nothing finer than a country.
    public var countryLevel: Bool = false
    /// The row's fatalities were written as unknown (`NA`, `N/A`, `-`, `unknown`): the incident counts, its
    /// fatalities (0 here) do not say none died.
    public var fatalitiesUnknown: Bool = false

    /// The words sources write for fatalities nobody counted, compared trimmed and in lower case; an empty
    /// value is 0, not unknown.
    public static let unknownFatalitiesWords: Set<String> = ["na", "n/a", "-", "unknown"]
    /// The input's values in input column order (GeoJSON: typed properties, only those the feature has).
    public var values: RowValues
    /// The record's exact CSV text when it came from CSV and can be passed through unchanged. It may be a
    /// slice of its whole chunk's text (`CSVRecordReader.raw`): an incident kept long keeps that chunk too.
    public var raw: Substring? {
        get { hasRaw ? rawText : nil }
        set {
            if let newValue { rawText = newValue; hasRaw = true } else { rawText = ""; hasRaw = false }
        }
    }
    /// `raw`, kept as the text and whether there is one: stored as an optional Substring, it made the
    /// initializer copy the whole incident (every reference it holds counted once more) on every row.
    @usableFromInline var rawText: Substring = ""
    @usableFromInline var hasRaw = false
    /// How many identical incidents this one stands for: 1, except for a PostGIS server's grouped rows
    /// (`aggregate` pushed down), where rows alike in every value the command reads come counted, their
    /// fatalities summed.
    public var weight: Int = 1
    /// Its region as the server located it (PostGIS, bundled regions); nil: Frontier locates it.
    public var serverRegion: ServerRegion?

    /// A region decided on the server: one of the scan's regions (an index), or outside them all.
    public enum ServerRegion: Sendable, Equatable {
        case region(Int)
        case outside
    }

    /// The most fatalities one incident may report; a row above it is rejected. The deadliest single events
    /// ACLED and UCDP GED code (a massacre, a day of a siege or of a genocide) are in the tens of thousands, so
    /// a million is twenty times beyond any real one and catches a shifted column, an id or a timestamp read
    /// as a count. It also keeps every total far from overflowing: 9.2 trillion incidents at the ceiling
    /// still fit a 64-bit sum, and 9 billion still add up exactly in a Double (2^53), as a hot-spot cube
    /// holds them. Sums are checked all the same (`Aggregation.Counts.add`).
    public static let maxFatalities = 1_000_000

    /// The text of input column `i`: empty when there is no such column or its value was not kept.
    public func text(_ i: Int?) -> String {
        withText(i) { $0 }
    }

    /// Lends `body` what `text(i)` returns, read in place (`RowValues.withText`): for the per-row tests
    /// that only compare it.
    public func withText<R>(_ i: Int?, _ body: (String) throws -> R) rethrows -> R {
        guard let i, values.indices.contains(i) else { return try body("") }
        return try values.withText(i) { text in
            if let text { return try body(text) }
            return try body("")
        }
    }

    @inlinable public init(line: Int, id: String, idHash: UInt64, coordinate: Coordinate, date: CivilDate? = nil, fatalities: Int,
                           fatalitiesUnknown: Bool = false, geoPrecision: Int? = nil, countryLevel: Bool = false, values: RowValues,
                           raw: Substring? = nil, weight: Int = 1, serverRegion: ServerRegion? = nil) {
        self.line = line
        self.id = id
        self.idHash = idHash
        self.coordinate = coordinate
        self.date = date
        self.fatalities = fatalities
        self.fatalitiesUnknown = fatalitiesUnknown
        self.geoPrecision = geoPrecision
        self.countryLevel = countryLevel
        self.values = values
        self.raw = raw
        self.weight = weight
        self.serverRegion = serverRegion
    }
}
