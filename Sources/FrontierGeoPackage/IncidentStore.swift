import Foundation
import Geo
import FrontierBase
import FrontierFormats
import FrontierTables

/// The embedded incident store: an OGC GeoPackage 1.3 file (SQLite) with one `incidents` point layer that
/// QGIS and GDAL open as is (docs/architecture.md, "Store schema").
///
/// Each input row becomes one feature: `event_id` (unique within its source, from the input's id column), `event_date` (ISO),
/// ACLED's columns typed, `latitude`/`longitude`, the point as GeoPackage binary, and an `extra` JSON object
/// with every other input column (and the original text of any typed value that would not print back the
/// same), so reading the store gives back the columns as imported. The writer keeps the R-tree spatial index
/// and the layer's extent in step; every import is one transaction. A new store is written beside its name and
/// given the name when its first import commits (`StagedFile`).
public final class IncidentStore {
    public let path: String
    /// The connection: to the staged file while a new store is filled, to `path` otherwise.
    var db: SQLiteDatabase
    /// The sources its rows came from, each with its layout (empty before the first import).
    public internal(set) var sources: [StoreSource]
    /// The first source's layout: the only one in a store of one source (nil before the first import).
    public var layout: IncidentTableLayout? { sources.first?.layout }
    /// Whether the rows carry their source's number (`frontier_source`): the store has held two sources.
    var numbersSources: Bool
    /// A new store not yet in place: its file beside `path`, until its first import commits.
    var staging: StagedFile?

    private init(path: String, db: SQLiteDatabase, sources: [StoreSource], numbersSources: Bool = false, staging: StagedFile? = nil) {
        self.path = path
        self.db = db
        self.sources = sources
        self.numbersSources = numbersSources
        self.staging = staging
    }

    /// Where a new store is written until its first import puts it in place (nil for an existing store, and
    /// once placed): a caller that handles signals removes this file when the process is interrupted.
    public var temporaryPath: String? { staging.flatMap { $0.placed ? nil : $0.temporary } }

    /// Gives up a new store before it is in place: its file beside `path` is removed, and nothing was ever
    /// under `path`. Does nothing for an existing store.
    public func discardNew() {
        staging?.discard()
    }

    /// Opens a store for reading; never changes the file.
    public static func openForReading(_ path: String) throws -> IncidentStore {
        let db = try validated(path)
        let (sources, numbered) = try readSources(db, path: path)
        return IncidentStore(path: path, db: db, sources: sources, numbersSources: numbered)
    }

    /// Opens a store for writing, creating it when the file does not exist. An existing file that is not a
    /// Frontier store (not SQLite, not a GeoPackage, a newer schema) is refused before anything is written.
    /// A new store is created beside `path` (`temporaryPath`) and takes its name when its first import commits;
    /// until then nothing is under `path`.
    public static func openForWriting(_ path: String) throws -> IncidentStore {
        if FileManager.default.fileExists(atPath: path) {
            _ = try validated(path)
            let db = try SQLiteDatabase(readWrite: path, create: false)
            try tuneForImport(db)
            let (sources, numbered) = try readSources(db, path: path)
            return IncidentStore(path: path, db: db, sources: sources, numbersSources: numbered)
        }
        let staging = try StagedFile(beside: path)
        do {
            let db = try SQLiteDatabase(readWrite: staging.temporary, create: false, name: path)
            try tuneForBulkLoad(db)
            try create(db)
            return IncidentStore(path: path, db: db, sources: [], staging: staging)
        } catch {
            staging.discard()
            throw error
        }
    }

    /// A new store is filled by one writer with nothing to protect: no journal (a failure discards the whole
    /// file, which has no name yet), no syncs until it is complete (`StagedFile.putInPlace` flushes it once),
    /// the file locked for the connection's lifetime, and 16 MB of pages, as an import into an existing store
    /// has (twice that measured no faster at 1M or 5M rows, and memory must not grow with the input).
    private static func tuneForBulkLoad(_ db: SQLiteDatabase) throws {
        try db.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = -16384;")
        try GeoPackageFunctions.register(on: db)
    }

    /// A writer waits for readers' locks, keeps 64 MB of pages in memory (the unique id index is updated per
    /// row), and syncs at checkpoints: in WAL mode a crash can lose the last commit but never leaves half of
    /// one. Temporary data (the R-tree packing's sort) spills to a file beyond that: memory stays bounded.
    private static func tuneForImport(_ db: SQLiteDatabase) throws {
        db.busyTimeout(10_000)
        // WAL while importing (readers keep reading); `finishImport` returns the file to a rollback journal.
        try db.execute("PRAGMA journal_mode = WAL; PRAGMA cache_size = -16384; PRAGMA synchronous = NORMAL;")
        // The R-tree triggers call ST_* functions: this connection brings its own, and stores written before
        // the triggers get them now.
        try GeoPackageFunctions.register(on: db)
        if try db.tableNames().contains("incidents") {
            try db.transaction { try db.execute(GeoPackageFunctions.rtreeTriggers) }
        }
    }

    /// Checks, read-only, that the file is a GeoPackage holding a Frontier store this build understands.
    private static func validated(_ path: String) throws -> SQLiteDatabase {
        let db = try SQLiteDatabase(readOnly: path)
        let tables = try db.tableNames()
        guard tables.contains("gpkg_contents") else {
            throw FrontierError.invalid(file: path, reason: "is a SQLite database but not a GeoPackage (no gpkg_contents table)")
        }
        guard tables.contains("frontier_store"), tables.contains("incidents") else {
            throw FrontierError.notIncidentStore(file: path)
        }
        guard let recorded = try db.scalar("SELECT value FROM frontier_store WHERE key = 'schema_version'") else {
            throw FrontierError.invalid(file: path, reason: "is damaged: its frontier_store table has no schema_version row (an import writes one into every store)")
        }
        guard let version = Int(recorded) else {
            throw FrontierError.invalid(file: path, reason: "is damaged: its schema_version in frontier_store is '\(recorded)', not a number")
        }
        guard version >= 1, version <= severalSourcesSchema else {
            throw FrontierError.invalid(file: path, reason: "was written with store schema \(version); this frontier reads schema 1 to \(severalSourcesSchema): use a newer frontier")
        }
        return db
    }

    /// The index date windows read through (dropped and rebuilt around an import into an empty store).
    static let dateIndexSQL = "CREATE INDEX IF NOT EXISTS incidents_event_date ON incidents (event_date);"

    /// The schema of a new store but for the date index (built after the rows, `fillNewStore`), in the order
    /// stores have always listed it (`sqlite_master`): the R-tree's insert trigger last, then the date index,
    /// where an import into an empty store used to re-create them.
    private static func create(_ db: SQLiteDatabase) throws {
        try db.execute(GeoPackageSchema.pragmas)
        let typed = IncidentTableSchema.typedColumns.map { "\(SQLiteDatabase.quote(identifier: $0.name)) \($0.type)" }.joined(separator: ", ")
        try db.transaction {
            try db.execute("""
                \(GeoPackageSchema.core)
                CREATE TABLE incidents (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT NOT NULL,
                    event_id TEXT NOT NULL UNIQUE, event_date TEXT NOT NULL, \(typed),
                    latitude REAL NOT NULL, longitude REAL NOT NULL, extra TEXT, row_hash TEXT NOT NULL);
                INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
                    VALUES ('incidents', 'features', 'incidents', 'Incidents imported by Frontier', 4326);
                INSERT INTO gpkg_geometry_columns VALUES ('incidents', 'geom', 'POINT', 4326, 0, 0);
                CREATE VIRTUAL TABLE rtree_incidents_geom USING rtree(id, minx, maxx, miny, maxy);
                INSERT INTO gpkg_extensions VALUES ('incidents', 'geom', 'gpkg_rtree_index',
                    'http://www.geopackage.org/spec120/#extension_rtree', 'write-only');
                CREATE TABLE frontier_store (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT INTO frontier_store VALUES ('schema_version', '\(IncidentTableSchema.version)');
                """)
            try db.execute(GeoPackageFunctions.rtreeUpdateAndDeleteTriggers + GeoPackageFunctions.rtreeInsertTrigger)
        }
    }
}
