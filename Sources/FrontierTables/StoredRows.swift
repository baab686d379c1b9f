import Foundation
import Geo
import FrontierBase

/// One stored row read back: its fid, the values in the layout's column order, its point, and what the
/// server already decided of it (PostGIS pushdown): its region, and how many alike rows it stands for.
public struct StoredRow {
    public var fid: Int
    public var values: [String]
    public var point: Coordinate
    public var serverRegion: Incident.ServerRegion?
    public var weight = 1

    /// A row as a store reads it back: `weight` incidents at `point` (more than one for a server-side group).
    public init(fid: Int, values: [String], point: Coordinate, serverRegion: Incident.ServerRegion? = nil, weight: Int = 1) {
        self.fid = fid
        self.values = values
        self.point = point
        self.serverRegion = serverRegion
        self.weight = weight
    }
}

/// Stored incident rows read back in fid order: a GeoPackage store's or a PostGIS table's.
public protocol StoredRowCursor: AnyObject {
    /// The next row. With `only`, just those columns get their values (the rest are empty): aggregate needs
    /// four columns, not sixteen.
    func next(only: Set<Int>?) throws -> StoredRow?
}

/// What reading commands read like a file: a GeoPackage store or a PostGIS table of imported incidents.
public protocol IncidentDatabase: AnyObject {
    /// The path, or the URL with its password masked: the name messages use.
    var name: String { get }
    /// The columns the rows were imported with; nil before the first import.
    var layout: IncidentTableLayout? { get }
    /// The rows inside the filter's box and dates (a conservative box: the caller decides exactly).
    func rows(_ filter: IncidentTableFilter) throws -> any StoredRowCursor
    /// The first and last event date of every row (days since 1970-01-01), whatever a query's box keeps.
    /// - Parameter source: the name of the source whose rows count (nil: every row).
    func period(source: String?) throws -> ClosedRange<Int>?
    /// The columns one source's rows were imported with (nil: the only source); nil before the first import.
    /// - Parameter source: the source's name.
    /// - Throws: `FrontierError.invalid` when the table holds several sources and none is chosen, or no source
    ///   of that name.
    func layout(source: String?) throws -> IncidentTableLayout?
}

/// Turns a stored row's parts back into the input's values, in the layout's column order: the id, date and
/// position columns from their own fields, ACLED's columns from the typed ones, the rest (and any original
/// text a typed value would not print back as) from the `extra` JSON. Written once for both stores.
package struct StoredRowDecoder {
    package enum Source { case id, date, latitude, longitude, typed(Int), extraOnly }
    let layout: IncidentTableLayout
    /// Where each layout column's value comes from (PostGIS groups by the same sources in SQL).
    package let sources: [Source]
    /// Each column's JSON key as bytes (`"name":`), for the cheap test before decoding `extra`.
    private let keyBytes: [[UInt8]]

    package init(layout: IncidentTableLayout) {
        self.layout = layout
        let typedNames = IncidentTableSchema.typedColumns.map(\.name)
        sources = layout.columns.map { name in
            switch name {
            case layout.idField: return .id
            case layout.dateField: return .date
            case layout.latField: return .latitude
            case layout.lonField: return .longitude
            default: return typedNames.firstIndex(of: name).map(Source.typed) ?? .extraOnly
            }
        }
        // jsonb prints "key": "value" with a space; the key itself with its quotes and colon is what both share.
        keyBytes = layout.columns.map { Array((JSONText.string($0) + ":").utf8) }
    }

    /// `typed(k)` is the text of `IncidentTableSchema.typedColumns[k]` (nil for NULL).
    package func values(id: String?, date: String?, lat: Double, lon: Double, extraJSON: String?,
                only: Set<Int>?, typed: (Int) -> String?) -> [String] {
        var extra: [String: String] = [:]
        if let json = extraJSON, needsExtra(json, only: only),
           let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] {
            for (k, v) in object { extra[k] = v as? String ?? "\(v)" }
        }
        var values = [String](repeating: "", count: layout.columns.count)
        for (i, source) in sources.enumerated() {
            if let only, !only.contains(i) { continue }
            if !extra.isEmpty, let original = extra[layout.columns[i]] { values[i] = original; continue }
            switch source {
            case .id: values[i] = id ?? ""
            case .date: values[i] = date ?? ""
            case .latitude: values[i] = NumberFormat.shortest(lat)
            case .longitude: values[i] = NumberFormat.shortest(lon)
            case .typed(let k): values[i] = typed(k) ?? ""
            case .extraOnly: break
            }
        }
        return values
    }

    /// Whether any wanted column is among the JSON's keys (a byte search before decoding).
    private func needsExtra(_ json: String, only: Set<Int>?) -> Bool {
        guard let only else { return true }
        let text = Array(json.utf8)
        return only.contains { i in
            let key = keyBytes[i]
            guard key.count <= text.count else { return false }
            return (0...(text.count - key.count)).contains { text[$0..<($0 + key.count)].elementsEqual(key) }
        }
    }
}
