/// What an import did: rows read, inserted, updated, unchanged, rejected and deleted (by a sync).
public struct ImportReport: Equatable, Sendable {
    public var read = 0
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected = 0
    /// Rows removed by `sync` because the new export no longer has them.
    public var deleted = 0
    /// What could not be tidied after the commit (the rows are stored regardless).
    public var warning: String?
    /// The name of the store's source the rows went into (nil for a PostGIS table, which holds one).
    public var source: String?
    /// Every source's name after the import, in order (empty for a PostGIS table).
    public var sources: [String] = []
    /// Whether the rows went into a new source beside the store's others (a second layout).
    public var addedSource = false

    /// An empty report, counted up as rows go in.
    public init() {}
}

extension ImportReport {
    /// A sync's guard, the same for both stores: a truncated or wrong export would otherwise empty the store,
    /// so deleting more rows than the input keeps needs `allowMassDelete`, and an input with no rows never
    /// deletes.
    package static func refusesDeleting(_ deleting: Int, keeping: Int, allowMassDelete: Bool) -> Bool {
        deleting > 0 && (keeping == 0 || (deleting > keeping && !allowMassDelete))
    }
}
