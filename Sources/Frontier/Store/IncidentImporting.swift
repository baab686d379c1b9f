import Foundation

/// A destination `frontier import` fills: a GeoPackage store or a PostGIS table. Both keep the same rows
/// (`IncidentStore.RowEncoder`) under the same contract; each says what the scan's workers make of a row
/// for it (`prepare`, run in parallel) and writes the prepared rows on one thread.
public protocol IncidentImporting: AnyObject, SendableMetatype {
    associatedtype Row: Sendable
    /// The path or masked URL, for messages.
    var name: String { get }
    static func prepare(_ row: IncidentStore.EncodedRow) -> Row
    /// `feed` hands every valid incident's row, in input order, to its first argument and every rejected
    /// row to its second, and returns how many rows it read.
    func importIncidents(source: String, encoder: IncidentStore.RowEncoder, fields: IncidentFields,
                         sync: Bool, allowMassDelete: Bool, strict: Bool,
                         feed: (_ add: (Row) throws -> Void, _ rejected: (Rejection) -> Void) throws -> Int) throws -> IncidentStore.ImportReport
}

extension IncidentStore.ImportReport {
    /// --sync's guard, the same for both stores: a truncated or wrong export would otherwise empty the store, so
    /// deleting more rows than the input keeps needs --allow-mass-delete, and an input with no rows never deletes.
    static func refusesDeleting(_ deleting: Int, keeping: Int, allowMassDelete: Bool) -> Bool {
        deleting > 0 && (keeping == 0 || (deleting > keeping && !allowMassDelete))
    }
}

extension IncidentStore: IncidentImporting {
    public static func prepare(_ row: EncodedRow) -> EncodedRow { row }
}
