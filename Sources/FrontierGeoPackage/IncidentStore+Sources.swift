import Foundation
import FrontierBase
import FrontierFormats
import FrontierTables

/// One source a store holds: an export imported under its own layout (ACLED's, UCDP's), whose event ids are
/// unique among its own rows only.
public struct StoreSource: Sendable, Equatable {
    /// Its number in the store's `frontier_source` column (1 for the first source).
    public var number: Int
    /// Its name: the first input's file name, or the one the caller gave.
    public var name: String
    /// The columns and fields its rows were imported with, and read back under.
    public var layout: IncidentTableLayout

    /// Source `number` laid out as `layout`, named as the layout records (a source recorded before names
    /// were kept: after its layout, `acled` or `ucdp`).
    init(number: Int, layout: IncidentTableLayout) {
        self.number = number
        name = layout.sourceName ?? layout.profile.rawValue
        self.layout = layout
    }
}

/// A store holding several sources (docs/architecture.md, "Store schema"). A store starts with one source and
/// the schema every Frontier store has had (schema 1). The import of a second layout rebuilds the `incidents`
/// table once with a `frontier_source` column and the id unique per source, and marks the store schema 2, so
/// that a Frontier reading one layout only refuses it instead of reading UCDP rows under ACLED's names.
/// Each source's layout is a row of `frontier_store`: `layout` for the first, `layout.N` for source N.
extension IncidentStore {
    /// The schema of a store holding several sources.
    static let severalSourcesSchema = 2

    /// The `frontier_store` key of source `number`'s layout.
    static func layoutKey(_ number: Int) -> String { number == 1 ? "layout" : "layout.\(number)" }

    /// Each source's recorded layout, in number order; empty for a store no import has written rows into.
    /// A first source recorded before names were kept is named after its layout (`acled`, `ucdp`).
    /// - Throws: `FrontierError.invalid` for a layout record that does not parse, or rows without one.
    static func readSources(_ db: SQLiteDatabase, path: String) throws -> [StoreSource] {
        let records = try db.query("SELECT key, value FROM frontier_store WHERE key = 'layout' OR key LIKE 'layout.%'") {
            ($0.text(0) ?? "", $0.text(1) ?? "")
        }
        guard !records.isEmpty else {
            let rows = Int(try db.scalar("SELECT count(*) FROM (SELECT 1 FROM incidents LIMIT 1)") ?? "0") ?? 0
            guard rows == 0 else {
                throw FrontierError.invalid(file: path, reason: "is damaged: it holds incidents but its frontier_store table has no layout row")
            }
            return []
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
        return sources
    }

    /// Whether the rows carry their source's number (a store that has held two layouts).
    var numbersSources: Bool { sources.count > 1 }

    /// The layout of one source (nil: the store's only one).
    /// - Throws: `FrontierError.invalid` when no source is chosen in a store holding several (each is read under
    ///   its own names, as a separate input), or the chosen one does not exist.
    public func layout(source number: Int?) throws -> IncidentTableLayout? {
        guard let number else {
            guard sources.count > 1 else { return layout }
            throw FrontierError.invalid(file: path, reason: "holds \(sources.count) sources (\(sources.map { MessageText.escaped($0.name) }.joined(separator: ", "))), each with its own layout: read them as several inputs")
        }
        guard let source = sources.first(where: { $0.number == number }) else {
            throw FrontierError.invalid(file: path, reason: "holds no source numbered \(number)")
        }
        return source.layout
    }

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
        let typed = IncidentTableSchema.typedColumns.map { "\(SQLiteDatabase.quote(identifier: $0.name)) \($0.type)" }.joined(separator: ", ")
        let columns = (["fid"] + IncidentTableSchema.rowColumns).map(SQLiteDatabase.quote(identifier:)).joined(separator: ", ")
        // Fids deleted by a sync are never given again: the table's AUTOINCREMENT count goes with it.
        let counted = Int(try db.scalar("SELECT seq FROM sqlite_sequence WHERE name = 'incidents'") ?? "") ?? 0
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
            UPDATE sqlite_sequence SET seq = max(seq, \(counted)) WHERE name = 'incidents';
            UPDATE frontier_store SET value = '\(IncidentStore.severalSourcesSchema)' WHERE key = 'schema_version';
            """)
    }
}
