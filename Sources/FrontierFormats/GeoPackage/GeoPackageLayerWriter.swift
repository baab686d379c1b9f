import Foundation
import Geo
import FrontierBase

/// Rows with geometries written as one GeoPackage feature layer (OGC 12-128r18 §2.1) that GDAL, QGIS and
/// GeoPandas open: each record a feature, its values in typed columns (the type of the column's first
/// non-null value: integers, reals, booleans or text), its geometry as GeoPackage binary in WGS 84. The
/// layer's extent is recorded in `gpkg_contents`; no spatial index is written (optional in the standard, and
/// these layers hold tens to thousands of features).
public enum GeoPackageLayerWriter {
    /// Writes `table` as the layer `layer` into a new GeoPackage file at `path`.
    /// - Parameters:
    ///   - table: the features; every record needs a geometry.
    ///   - layer: the table name (any text: it reaches SQL only quoted).
    ///   - path: a file that does not exist yet.
    /// - Throws: `FrontierError.invalid` for a record without geometry, a column named twice, or a `path`
    ///   that exists; `FrontierError` with SQLite's message when the file cannot be written.
    public static func write(_ table: RecordTable, layer: String, to path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw FrontierError.invalid(file: path, reason: "exists: a GeoPackage layer is written into a new file")
        }
        guard Set(table.columns).count == table.columns.count else {
            throw FrontierError.invalid(file: path, reason: "two columns have the same name: a layer's fields need distinct names")
        }
        let db = try SQLiteDatabase(readWrite: path, create: true)
        try db.execute(GeoPackageSchema.pragmas)
        try db.transaction {
            try db.execute(GeoPackageSchema.core)
            let names = LayerNames(columns: table.columns)
            let types = table.columns.indices.map { i in sqlType(table.records.lazy.map { $0.values[i] }) }
            let fields = zip(table.columns, types).map { "\(SQLiteDatabase.quote(identifier: $0)) \($1)" }
            try db.execute("CREATE TABLE \(SQLiteDatabase.quote(identifier: layer)) (\(SQLiteDatabase.quote(identifier: names.fid)) INTEGER PRIMARY KEY AUTOINCREMENT, "
                           + "\(SQLiteDatabase.quote(identifier: names.geometry)) GEOMETRY\(fields.map { ", " + $0 }.joined()))")
            let placeholders = Array(repeating: "?", count: table.columns.count + 1).joined(separator: ", ")
            let columns = ([names.geometry] + table.columns).map(SQLiteDatabase.quote(identifier:)).joined(separator: ", ")
            let insert = try db.prepare("INSERT INTO \(SQLiteDatabase.quote(identifier: layer)) (\(columns)) VALUES (\(placeholders))")
            var extent: Envelope?
            var geometryTypes = Set<GeometryType>()
            for (n, record) in table.records.enumerated() {
                guard let geometry = record.geometry else {
                    throw FrontierError.invalid(file: path, reason: "feature \(n + 1) has no geometry")
                }
                geometryTypes.insert(geometry.type)
                if let e = try geometry.envelope() {
                    if extent == nil { extent = e } else { extent?.expand(toInclude: e) }
                }
                insert.reset()
                try insert.bind(.blob(try GeoPackageBinary.encode(geometry)), at: 1)
                for (i, value) in record.values.enumerated() { try insert.bind(sqlValue(value), at: Int32(i + 2)) }
                _ = try insert.step()
            }
            try db.run("INSERT INTO gpkg_contents (table_name, data_type, identifier, min_x, min_y, max_x, max_y, srs_id) VALUES (?, 'features', ?, ?, ?, ?, ?, 4326)",
                       [.text(layer), .text(layer)] + [extent?.minX, extent?.minY, extent?.maxX, extent?.maxY].map { $0.map(SQLValue.real) ?? .null })
            try db.run("INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)",
                       [.text(layer), .text(names.geometry), .text(geometryTypeName(geometryTypes))])
        }
    }

    /// The bytes of the file `write` makes, built in a private temporary folder that is removed afterwards:
    /// for a caller that puts them in place through its own output (a FIFO, a file replaced whole).
    /// - Throws: as `write`; `FrontierError.cannotWrite` when no temporary folder can be made.
    public static func bytes(_ table: RecordTable, layer: String) throws -> Data {
        var template = Array((NSTemporaryDirectory() + "/frontier-gpkg-XXXXXX").utf8CString)
        guard let folder = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }).map({ String(cString: $0) }) else {
            throw FrontierError.cannotWrite(file: NSTemporaryDirectory(), reason: String(cString: strerror(errno)))
        }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/layer.gpkg"
        try write(table, layer: layer, to: path)
        guard let data = FileManager.default.contents(atPath: path) else { throw FrontierError.cannotOpen(file: path) }
        return data
    }

    /// The feature id and geometry columns' names: `fid` and `geom`, unless the table has columns so named.
    private struct LayerNames {
        let fid: String
        let geometry: String

        init(columns: [String]) {
            let taken = Set(columns.map { $0.lowercased() })
            func free(_ name: String) -> String {
                var candidate = name
                while taken.contains(candidate) { candidate += "_" }
                return candidate
            }
            fid = free("fid")
            geometry = free("geom")
        }
    }

    /// A column's declared type from its values: the first non-null one decides, except that integers and
    /// reals together are reals; text when all are null.
    private static func sqlType<S: Sequence>(_ values: S) -> String where S.Element == PropertyValue {
        var type: String?
        for value in values {
            let this: String
            switch value {
            case .null: continue
            case .int: this = "INTEGER"
            case .double: this = "REAL"
            case .bool: this = "BOOLEAN"
            case .string: this = "TEXT"
            }
            switch (type, this) {
            case (nil, _): type = this
            case ("INTEGER", "REAL"), ("REAL", "INTEGER"): type = "REAL"
            case (let t?, _) where t == this: break
            default: return "TEXT"
            }
        }
        return type ?? "TEXT"
    }

    private static func sqlValue(_ value: PropertyValue) -> SQLValue {
        switch value {
        case .string(let s): return .text(s)
        case .int(let i): return .integer(i)
        case .double(let d): return d.isFinite ? .real(d) : .null
        case .bool(let b): return .integer(b ? 1 : 0)
        case .null: return .null
        }
    }

    /// The layer's geometry type (§2.1.6): the one type all features share, else GEOMETRY.
    private static func geometryTypeName(_ types: Set<GeometryType>) -> String {
        guard types.count == 1, let only = types.first else { return "GEOMETRY" }
        switch only {
        case .point: return "POINT"
        case .lineString, .linearRing: return "LINESTRING"
        case .polygon: return "POLYGON"
        case .multiPoint: return "MULTIPOINT"
        case .multiLineString: return "MULTILINESTRING"
        case .multiPolygon: return "MULTIPOLYGON"
        case .geometryCollection: return "GEOMETRYCOLLECTION"
        }
    }
}
