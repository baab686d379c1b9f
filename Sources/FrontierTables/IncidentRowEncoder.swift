import Foundation
import Geo
import FrontierBase
import FrontierFormats

/// One input row as a store keeps it: its id, the hash that tells an unchanged row, the date, the point,
/// the typed ACLED columns and the `extra` JSON of every other column. Each store binds it its own way.
public struct EncodedIncidentRow: Sendable {
    package let id: String
    package let hash: String
    package let date: String
    /// The date in days since 1970-01-01.
    package let day: Int
    package let point: Coordinate
    /// In `IncidentTableSchema.typedColumns` order.
    package let typed: [SQLValue]
    /// The other columns (and any value a typed column would not print back the same), as JSON.
    package let extra: String?
    /// The same, as pairs: a store whose integer columns cannot hold text adds to them.
    package let extraPairs: [(String, PropertyValue)]

}

/// Turns an input's incidents into store rows. Pure and immutable, so the scan's workers encode rows in
/// parallel while the single writer only binds and steps (encoding was half of an import's time).
public struct IncidentRowEncoder: Sendable {
    public let columns: [String]
    public let fieldColumns: IncidentFields.Columns
    let idIndex: Int
    let dateIndex: Int
    private let typedIndex: [String: Int]
    /// The typed `fatalities` column holds the mapped field's count (UCDP's best), so GIS tools and a
    /// later aggregate see it; a column that is only called "fatalities" then keeps its text in `extra`.
    private let mappedFatalities: Bool
    /// What `packed` does with each input column, decided once (the choices `encode` makes per row).
    let roles: [ColumnRole]
    /// Each column's name as UTF-8 (the row hash mixes it) and as the JSON key `"name":` of `extra`.
    let nameBytes: [[UInt8]]
    let jsonKeys: [[UInt8]]
    /// The typed column the mapped fatalities count goes to, when `mappedFatalities`.
    let mappedFatalitiesColumn: Int?

    /// `source` names the input in the error when it lacks an id or a date column.
    public init(source: String, columns: [String], fields: IncidentFields, fieldColumns: IncidentFields.Columns) throws {
        guard let idIndex = fieldColumns.id else {
            throw FrontierError.missingColumns(file: source, fields: [.id], names: [fields.id], found: columns)
        }
        guard let dateIndex = fieldColumns.date else {
            throw FrontierError.missingColumns(file: source, fields: [.date], names: [fields.date], found: columns)
        }
        self.columns = columns
        self.fieldColumns = fieldColumns
        self.idIndex = idIndex
        self.dateIndex = dateIndex
        let typedIndex = Dictionary(uniqueKeysWithValues: IncidentTableSchema.typedColumns.enumerated().map { ($1.name, $0) })
        let mappedFatalities = typedIndex["fatalities"] != nil && (fieldColumns.fatalities.map { columns[$0] != "fatalities" } ?? false)
        self.typedIndex = typedIndex
        self.mappedFatalities = mappedFatalities
        mappedFatalitiesColumn = mappedFatalities ? typedIndex["fatalities"] : nil
        // The same tests, in the same order, as `encode` makes for every row.
        roles = columns.enumerated().map { i, name in
            if i == idIndex { return .id }
            if i == dateIndex { return .date }
            if mappedFatalities, name == "fatalities" { return .extra }
            if i == fieldColumns.latitude { return .latitude }
            if i == fieldColumns.longitude { return .longitude }
            if let t = typedIndex[name] {
                return IncidentTableSchema.typedColumns[t].type == "INTEGER" ? .typedInteger(t) : .typedText(t)
            }
            return .extra
        }
        nameBytes = columns.map { Array($0.utf8) }
        jsonKeys = columns.map { Array((JSONText.string($0) + ":").utf8) }
    }

    /// The id of a rejected row, when it has one: a sync keeps the stored version of a row rejected now.
    public func id(of rejection: Rejection) -> String? {
        idIndex < rejection.values.count && !rejection.values[idIndex].isEmpty ? rejection.values[idIndex] : nil
    }

    /// The row for a valid incident (it has a date and a position: the scan rejected the others).
    public func encode(_ incident: Incident) -> EncodedIncidentRow {
        let text = incident.values.texts
        let id = text[idIndex]
        let date = incident.date?.description ?? ""
        let p = incident.coordinate
        var typed = [SQLValue](repeating: .null, count: IncidentTableSchema.typedColumns.count)
        var extra: [(String, PropertyValue)] = []
        for (i, name) in columns.enumerated() {
            let value = text[i]
            if i == idIndex { continue }
            if i == dateIndex { if value != date { extra.append((name, .string(value))) }; continue }
            if mappedFatalities, name == "fatalities" { extra.append((name, .string(value))); continue }
            if i == fieldColumns.latitude { if value != NumberFormat.shortest(p.lat) { extra.append((name, .string(value))) }; continue }
            if i == fieldColumns.longitude { if value != NumberFormat.shortest(p.lon) { extra.append((name, .string(value))) }; continue }
            if let t = typedIndex[name] {
                if IncidentTableSchema.typedColumns[t].type == "INTEGER" {
                    if let n = Int64(value), String(n) == value { typed[t] = .integer(n) } else {
                        typed[t] = value.isEmpty ? .null : .text(value)
                        if value.isEmpty { extra.append((name, .string(""))) }
                    }
                } else {
                    typed[t] = .text(value)
                }
                continue
            }
            extra.append((name, .string(value)))
        }
        // An unknown count stays unknown (NULL), never a 0 a GIS tool would sum; the source text is kept in `extra`.
        if mappedFatalities, let t = typedIndex["fatalities"] { typed[t] = incident.fatalitiesUnknown ? .null : .integer(Int64(incident.fatalities)) }
        // What the row says, in input order: equal hashes mean an unchanged row.
        let hash = String(IncidentTableSchema.rowHash(columns: columns, values: text, point: p), radix: 16)
        return EncodedIncidentRow(id: id, hash: hash, date: date, day: incident.date?.daysSinceEpoch ?? 0, point: p, typed: typed,
                          extra: extra.isEmpty ? nil : JSONText.object(extra), extraPairs: extra)
    }
}
