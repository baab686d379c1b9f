import FrontierBase
import FrontierPlaces

/// The distinct values one conditioned column (`FIELD=VALUE`) held in the rows a scan read, so a value no
/// row holds can be told after the scan with the nearest values the column did hold. Bounded: past `limit`
/// distinct values (a free-text column) it stops collecting, and says so, but still knows exactly which of
/// the condition's values some row matched.
struct ConditionValues: Sendable {
    /// Distinct values kept per column: enough for any coded column (event types, provinces, districts).
    static let limit = 500
    /// Normalized value → its smallest spelling seen (the smallest, so merging threads in any order agrees).
    private(set) var values: [String: String] = [:]
    /// More than `limit` distinct values were seen: `values` holds only some of them.
    private(set) var overflowed = false
    /// The normalized condition values that some row matched.
    private(set) var matched: Set<String> = []

    /// Notes a value seen (`normalized` as `RegionAliases.normalize` reads it), matching a condition or not.
    mutating func note(_ text: String, normalized: String, matches: Bool) {
        if matches { matched.insert(normalized) }
        keep(text, as: normalized)
    }

    /// Both threads' values: the same whatever rows each thread read.
    mutating func merge(_ other: ConditionValues) {
        matched.formUnion(other.matched)
        overflowed = overflowed || other.overflowed
        for (key, text) in other.values { keep(text, as: key) }
    }

    /// Keeps `text` under `key` when it is the smallest spelling yet, while fewer than `limit` keys are kept.
    private mutating func keep(_ text: String, as key: String) {
        if let known = values[key] {
            if text < known { values[key] = text }
        } else if values.count < Self.limit {
            values[key] = text
        } else {
            overflowed = true
        }
    }
}

/// A condition's value that no row read holds in its column (a `FIELD=VALUE` that matched nothing), with
/// the values nearest to it that the column did hold.
public struct ValueNotFound: Sendable, Equatable {
    /// The column the condition names.
    public var column: String
    /// The value asked for, as given.
    public var value: String
    /// Up to three values the column held, nearest first (compared as the condition compares: ignoring case,
    /// accents and punctuation); empty when the column held too many distinct values to keep.
    public var nearest: [String]
    /// How many distinct values the column held; nil when more than `ConditionValues.limit`.
    public var distinct: Int?

    /// A value not found, as a scan reports it (public for callers comparing with what they expect).
    public init(column: String, value: String, nearest: [String], distinct: Int?) {
        self.column = column
        self.value = value
        self.nearest = nearest
        self.distinct = distinct
    }
}
