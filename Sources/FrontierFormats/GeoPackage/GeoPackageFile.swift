import Foundation
import Geo
import FrontierBase

/// Reads feature layers from an OGC GeoPackage (1.0–1.3): a SQLite file with `gpkg_contents` and
/// `gpkg_geometry_columns`, geometries stored as GeoPackage binary. Opened read-only: reading never
/// changes the file.
public final class GeoPackageFile {
    public let path: String
    private let database: SQLiteDatabase

    public init(path: String) throws {
        self.path = path
        database = try SQLiteDatabase(readOnly: path)
        let tables = try database.tableNames()
        guard tables.contains("gpkg_contents"), tables.contains("gpkg_geometry_columns") else {
            throw FrontierError.invalid(file: path, reason: "is a SQLite database but not a GeoPackage (no gpkg_contents/gpkg_geometry_columns tables)")
        }
    }

    /// The feature layers (tables with a geometry column), in name order.
    public func layers() throws -> [String] {
        try database.query("SELECT table_name FROM gpkg_geometry_columns ORDER BY table_name") { $0.text(0) ?? "" }
    }

    /// Every feature of `layer` in fid order, with all non-geometry columns as properties.
    public func features(layer: String, context: GEOSContext) throws -> [Feature] {
        let geometryColumns = try database.query(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", bind: [layer]) { $0.text(0) ?? "" }
        guard let geometryColumn = geometryColumns.first else {
            let known = (try? layers().joined(separator: ", ")) ?? ""
            throw FrontierError.invalid(file: path, reason: "has no feature layer '\(layer)' (layers: \(known))")
        }
        let primaryKey = try database.query("SELECT name FROM pragma_table_info(?) WHERE pk > 0", bind: [layer]) { $0.text(0) ?? "" }.first
        let order = primaryKey.map { " ORDER BY \(SQLiteDatabase.quote(identifier: $0))" } ?? ""
        let stmt = try database.prepare("SELECT * FROM \(SQLiteDatabase.quote(identifier: layer))\(order)")
        var result: [Feature] = []
        var row = 0
        while try stmt.step() {
            row += 1
            var properties: [String: PropertyValue] = [:]
            var geometry: Geometry?
            var key = "row \(row)"
            for i in 0..<stmt.columnCount {
                let name = stmt.columnName(i)
                if name == geometryColumn {
                    if stmt.isNull(i) { continue }
                    do {
                        geometry = try stmt.withBlob(i) { try GeoPackageBinary.geometry(from: $0, context: context) }
                    } catch {
                        throw FrontierError.malformed(file: path, line: 0, reason: "layer \(layer) \(key): \(GeoJSONGeometry.problem(error))")
                    }
                } else {
                    properties[name] = stmt.value(i)
                    if name == primaryKey, let id = stmt.value(i).text { key = "\(name) \(id)" }
                }
            }
            result.append(Feature(origin: "\((path as NSString).lastPathComponent) \(layer) \(key)",
                                  properties: properties, geometry: geometry))
        }
        return result
    }
}
