import Geo
import FrontierBase

/// What both incident tables (the GeoPackage store and a PostGIS table) keep, column for column: neither
/// store names the other's types, and both name these.
public enum IncidentTableSchema {
    /// The store schema this build writes; a table with a larger one was written by a newer Frontier.
    public static let version = 1

    /// ACLED columns kept as typed columns, with their SQL types.
    package static let typedColumns: [(name: String, type: String)] = [
        ("event_type", "TEXT"), ("sub_event_type", "TEXT"), ("actor1", "TEXT"), ("actor2", "TEXT"),
        ("country", "TEXT"), ("admin1", "TEXT"), ("admin2", "TEXT"), ("location", "TEXT"),
        ("geo_precision", "INTEGER"), ("fatalities", "INTEGER"), ("notes", "TEXT"), ("source", "TEXT"),
    ]

    /// The columns an encoded row fills, in the order both stores write them (`geoPackageValues`, `CopyTuple`).
    package static let rowColumns = ["geom", "event_id", "event_date"] + typedColumns.map(\.name) + ["latitude", "longitude", "extra", "row_hash"]

    /// FNV-1a over the column names, values and point: rows with equal hashes say the same thing.
    static func rowHash(columns: [String], values: [String], point: Coordinate) -> UInt64 {
        var h = FNV1a()
        for (name, value) in zip(columns, values) {
            h.mix(name); h.mix(byte: 0x1F); h.mix(value); h.mix(byte: 0x1E)
        }
        withUnsafeBytes(of: point.x.bitPattern) { h.mix($0) }
        withUnsafeBytes(of: point.y.bitPattern) { h.mix($0) }
        return h.value
    }
}
