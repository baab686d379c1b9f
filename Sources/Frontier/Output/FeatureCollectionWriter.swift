import Geo

/// Writes RFC 7946 FeatureCollections: no `crs` member, lon/lat, ≤ 7 decimals, typed properties,
/// one feature per line so diffs of generated files stay readable.
public enum FeatureCollectionWriter {
    public static func write(_ table: RecordTable) throws -> String {
        var out = "{\"type\":\"FeatureCollection\",\"features\":[\n"
        for (i, record) in table.records.enumerated() {
            out += try feature(columns: table.columns, record: record)
            out += i + 1 < table.records.count ? ",\n" : "\n"
        }
        out += "]}\n"
        return out
    }

    /// One Feature object (also a GeoJSONL line).
    public static func feature(columns: [String], record: Record) throws -> String {
        var out = "{\"type\":\"Feature\",\"properties\":"
        out += JSONText.object(Array(zip(columns, record.values)))
        out += ",\"geometry\":"
        if let g = record.geometry { try GeoJSONGeometry.encode(g, into: &out) } else { out += "null" }
        out += "}"
        return out
    }
}
