import Foundation
import Geo
import Frontier
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierPostGIS
@testable import FrontierScan

/// Paths and loaders shared by the engine tests.
enum TestSupport {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let geodata = GeoDataLocation(directory: repositoryRoot.appendingPathComponent("GeoData"))
    static let worldMap = "/usr/share/qgis/resources/data/world_map.gpkg"

    /// Runs a program and returns its exit status and standard output (standard error discarded).
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, out: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    /// `text` behind a pipe's reading end, as standard input is read (a few kilobytes at most: the pipe's
    /// buffer holds it all before anyone reads).
    static func pipe(_ text: String) throws -> FileHandle {
        let pipe = Pipe()
        try pipe.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try pipe.fileHandleForWriting.close()
        return pipe.fileHandleForReading
    }

    /// A minimal GeoPackage with one polygon layer, written with SQLite directly (bound values only).
    static func makeGeoPackage(at path: String, layer: String, rows: [(key: String, name: String, wkt: String)]) throws {
        let db = try SQLiteDatabase(readWrite: path, create: true)
        try db.execute("""
            PRAGMA application_id = 1196444487;
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
            """)
        let quoted = SQLiteDatabase.quote(identifier: layer)
        try db.execute("CREATE TABLE \(quoted) (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, code TEXT, label TEXT)")
        try db.run("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, 4326)", [.text(layer), .text(layer)])
        try db.run("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'MULTIPOLYGON', 4326, 0, 0)", [.text(layer)])
        let ctx = try GEOSContext()
        for row in rows {
            let blob = try GeoPackageBinary.encode(Geometry(wkt: row.wkt, context: ctx))
            try db.run("INSERT INTO \(quoted) (geom, code, label) VALUES (?, ?, ?)", [.blob(blob), .text(row.key), .text(row.name)])
        }
    }
}

/// One CSV line's fields, through the engine's own CSV reader.
func csvFields(_ line: String) -> [String] {
    (try? CSVRecordReader(bytes: Array(line.utf8), name: "test", firstLine: 1).next()?.fields) ?? []
}
