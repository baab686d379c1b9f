import Foundation
import FrontierBase
import FrontierFormats
import FrontierTables

/// One source a store holds: an export imported under its own layout (ACLED's, UCDP's), whose event ids are
/// unique among its own rows only.
public struct StoreSource: Sendable, Equatable {
    /// Its number in the store's `frontier_source` column (1 for the first source).
    public var number: Int
    /// Its name: an input's file name, or the one the caller gave (a source recorded before names were
    /// kept takes the name of the next input imported into it).
    public var name: String
    /// The columns and fields its rows were imported with, and read back under.
    public var layout: IncidentTableLayout

    /// Source `number` laid out as `layout`, named as the layout records (a source recorded before names
    /// were kept: after its layout, `acled` or `ucdp`).
    init(number: Int, layout: IncidentTableLayout) {
        self.number = number
        name = layout.shownSourceName
        self.layout = layout
    }
}

/// A store holding several sources (docs/architecture.md, "Store schema"). A store starts with one source and
/// the schema every Frontier store has had (schema 1). The import of a second layout rebuilds the `incidents`
/// table once with a `frontier_source` column and the id unique per source, and marks the store schema 2, so
/// that a Frontier reading one layout only refuses it instead of reading UCDP rows under ACLED's names.
/// Each source's layout is a row of `frontier_store`: `layout` for the first, `layout.N` for source N. An import
/// names the source its rows went into (`ImportReport.source`).
extension IncidentStore {
    /// The schema of a store holding several sources.
    static let severalSourcesSchema = 2

    /// The `frontier_store` key of source `number`'s layout.
    static func layoutKey(_ number: Int) -> String { number == 1 ? "layout" : "layout.\(number)" }

    /// Each source's recorded layout, in number order (empty for a store no import has written rows into),
    /// and whether the rows carry their source's number. A first source recorded before names were kept is
    /// named after its layout (`acled`, `ucdp`).
    /// - Throws: `FrontierError.invalid` for a layout record that does not parse, rows without one, or
    ///   numbering that disagrees with the sources recorded.
    static func readSources(_ db: SQLiteDatabase, path: String) throws -> (sources: [StoreSource], numbered: Bool) {
        let numbered = try hasSourceColumn(db)
        let records = try db.query("SELECT key, value FROM frontier_store WHERE key = 'layout' OR key LIKE 'layout.%'") {
            ($0.text(0) ?? "", $0.text(1) ?? "")
        }
        guard !records.isEmpty else {
            let rows = Int(try db.scalar("SELECT count(*) FROM (SELECT 1 FROM incidents LIMIT 1)") ?? "0") ?? 0
            guard rows == 0 else {
                throw FrontierError.invalid(file: path, reason: "is damaged: it holds incidents but its frontier_store table has no layout row")
            }
            return ([], numbered)
        }
        var sources: [StoreSource] = []
        for (key, json) in records {
            let number = key == "layout" ? 1 : Int(key.dropFirst("layout.".count))
            guard let number, number >= 1, let layout = IncidentTableLayout(json: json) else {
                throw FrontierError.invalid(file: path, reason: "is damaged: the \(MessageText.escaped(key)) row of its frontier_store table is not the JSON an import writes")
            }
            sources.append(StoreSource(number: number, layout: layout))
        }
        sources.sort { $0.number < $1.number }
        guard sources.map(\.number) == Array(1...sources.count) else {
            throw FrontierError.invalid(file: path, reason: "is damaged: its frontier_store table numbers its sources \(sources.map { String($0.number) }.joined(separator: ", "))")
        }
        try checkNumbering(numbered, sources: sources, path: path)
        return (sources, numbered)
    }

    /// Whether the rows carry their source's number: the table has the `frontier_source` column, which the
    /// import of a second source adds.
    static func hasSourceColumn(_ db: SQLiteDatabase) throws -> Bool {
        try db.query("SELECT 1 FROM pragma_table_info('incidents') WHERE name = 'frontier_source'") { _ in true }.first ?? false
    }

    /// Checks that the rows are numbered exactly when several sources are recorded.
    /// - Throws: `FrontierError.invalid` naming the damage otherwise.
    static func checkNumbering(_ numbered: Bool, sources: [StoreSource], path: String) throws {
        if numbered && sources.count < 2 {
            throw FrontierError.invalid(file: path, reason: "is damaged: its rows carry a source number, but its frontier_store table records \(sources.count) source")
        }
        if !numbered && sources.count > 1 {
            throw FrontierError.invalid(file: path, reason: "is damaged: its frontier_store table records \(sources.count) sources, but its rows carry no source number")
        }
    }

    /// The layout of one source (nil: the store's only one).
    /// - Parameter name: the source's name, as `sources` lists it.
    /// - Throws: `FrontierError.invalid` when no source is chosen in a store holding several (each is read under
    ///   its own names, as a separate input), or none has that name.
    public func layout(source name: String?) throws -> IncidentTableLayout? {
        guard let name else {
            guard sources.count > 1 else { return layout }
            throw FrontierError.invalid(file: path, reason: "holds \(sources.count) sources (\(sourceNames)), each with its own layout: read them as several inputs, or one by its name")
        }
        return try source(named: name).layout
    }

    /// The number of the source named `name` in the `frontier_source` column (nil for nil).
    /// - Throws: `FrontierError.invalid` when the store has no source of that name.
    func number(of name: String?) throws -> Int? { try name.map { try source(named: $0).number } }

    private func source(named name: String) throws -> StoreSource {
        guard let source = sources.first(where: { $0.name == name }) else {
            throw FrontierError.invalid(file: path, reason: "holds no source named '\(MessageText.escaped(name))': its sources are \(sourceNames)")
        }
        return source
    }

    private var sourceNames: String { sources.map { MessageText.escaped($0.name) }.joined(separator: ", ") }

    /// Where an input laid out as `given` goes: the source of the name the caller gave (`named`), else the
    /// source whose id, date, position and fatalities columns and profile are the input's, else a new
    /// source. Returns its number and its layout after the import.
    /// - Throws: `FrontierError.invalid` when the input's columns disagree with the named source's (or, not
    ///   named, with the source of its own name), as an import into a store of one layout always has.
    func placing(_ given: IncidentTableLayout, named: Bool, source: String) throws -> (number: Int, layout: IncidentTableLayout) {
        let name = given.sourceName ?? ""
        let byName = sources.first { $0.name == name }
        if let byName, named || byName.layout.disagreements(with: given).isEmpty {
            return (byName.number, try IncidentTableLayout.merging(byName.layout, given: given, store: path, source: source))
        }
        if !named, let alike = sources.first(where: { $0.layout.disagreements(with: given).isEmpty }) {
            return (alike.number, try IncidentTableLayout.merging(alike.layout, given: given, store: path, source: source))
        }
        if let byName, let first = byName.layout.disagreements(with: given).first {
            throw FrontierError.invalid(file: path, reason: "holds a source named '\(MessageText.escaped(name))' with the \(first.what) in '\(MessageText.escaped(first.mine))', but \(source) calls it '\(MessageText.escaped(first.theirs))': import it under another source name")
        }
        return (sources.count + 1, try IncidentTableLayout.merging(nil, given: given, store: path, source: source))
    }

    /// Rebuilds `incidents` with each row's source number (the existing rows are source 1) and the event id
    /// unique per source, keeping every fid (the R-tree is keyed by them), then its triggers and date index,
    /// and marks the store schema 2. Run inside the import's transaction: a failure leaves the store as it was.
    func numberSources() throws {
        // Objects of the caller's own on the table would go with it: said, not dropped.
        let frontiers = ["rtree_incidents_geom_insert", "rtree_incidents_geom_update1", "rtree_incidents_geom_update2",
                         "rtree_incidents_geom_update3", "rtree_incidents_geom_update4", "rtree_incidents_geom_delete", "incidents_event_date"]
        let own = try db.query("SELECT name FROM sqlite_master WHERE tbl_name = 'incidents' AND type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_autoindex_%'") {
            $0.text(0) ?? ""
        }.filter { !frontiers.contains($0) }
        if let first = own.first {
            throw FrontierError.invalid(file: path, reason: "has an index or trigger of its own on incidents ('\(MessageText.escaped(first))'), which adding a second source would drop with the table it rebuilds: drop it first, or import into another store")
        }
        let typed = IncidentTableSchema.typedColumns.map { "\(SQLiteDatabase.quote(identifier: $0.name)) \($0.type)" }.joined(separator: ", ")
        let columns = (["fid"] + IncidentTableSchema.rowColumns).map(SQLiteDatabase.quote(identifier:)).joined(separator: ", ")
        // Fids deleted by a sync are never given again: the table's AUTOINCREMENT count goes with it, also when
        // no row is left to carry it over. A view on the table is left as it reads (legacy rename: no view is
        // rewritten, and the new table has the old name).
        let counted = Int(try db.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'incidents'") ?? "") ?? 0
        try db.execute("PRAGMA legacy_alter_table = ON")
        defer { try? db.execute("PRAGMA legacy_alter_table = OFF") }
        try db.execute("""
            CREATE TABLE incidents_numbered (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT NOT NULL,
                event_id TEXT NOT NULL, event_date TEXT NOT NULL, \(typed),
                latitude REAL NOT NULL, longitude REAL NOT NULL, extra TEXT, row_hash TEXT NOT NULL,
                frontier_source INTEGER NOT NULL DEFAULT 1, UNIQUE (frontier_source, event_id));
            INSERT INTO incidents_numbered (\(columns)) SELECT \(columns) FROM incidents ORDER BY fid;
            DROP TABLE incidents;
            ALTER TABLE incidents_numbered RENAME TO incidents;
            \(GeoPackageFunctions.rtreeTriggers)
            \(IncidentStore.dateIndexSQL)
            DELETE FROM sqlite_sequence WHERE name = 'incidents';
            INSERT INTO sqlite_sequence (name, seq) VALUES ('incidents', max(\(counted), coalesce((SELECT max(fid) FROM incidents), 0)));
            UPDATE frontier_store SET value = '\(IncidentStore.severalSourcesSchema)' WHERE key = 'schema_version';
            """)
    }
}
