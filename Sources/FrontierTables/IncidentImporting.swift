import Foundation
import FrontierBase

/// A destination an import fills: a GeoPackage store or a PostGIS table. Both keep the same rows
/// (`IncidentRowEncoder`) under the same contract; each says what the scan's workers make of a row
/// for it (`prepare`, run in parallel) and writes the prepared rows on one thread.
public protocol IncidentImporting: AnyObject, SendableMetatype {
    associatedtype Row: Sendable
    /// The path or masked URL, for messages.
    var name: String { get }
    /// The row a valid incident becomes for this destination, made by `encoder` on a scan worker thread.
    static func prepare(_ incident: Incident, encoder: IncidentRowEncoder) -> Row
    /// `feed` hands every valid incident's row, in input order, to its first argument and every rejected
    /// row to its second, and returns how many rows it read. `given` is the input's layout and source name
    /// (`named`: a name the caller gave, not the file's); `source` names the input in messages.
    func importIncidents(source: String, given: IncidentTableLayout, named: Bool, encoder: IncidentRowEncoder,
                         sync: Bool, allowMassDelete: Bool, strict: Bool,
                         feed: (_ add: (Row) throws -> Void, _ rejected: (Rejection) -> Void) throws -> Int) throws -> ImportReport
}
