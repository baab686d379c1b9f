import Foundation
import Geo
import FrontierBase
import FrontierFormats
import FrontierTables

/// Importing incidents into the store: one transaction per import, idempotent by event_id.
extension IncidentStore {
    /// The rows to import and how to report the ones left out: `feed` hands every valid incident's encoded
    /// row, in input order, to its first argument and every rejected row to its second, and returns how many
    /// rows it read.
    public typealias Feed = (_ add: (PackedSQLRow) throws -> Void, _ rejected: (Rejection) -> Void) throws -> Int

    /// Imports every row `feed` gives, encoded by `encoder` (which names the input's columns). Rows whose
    /// event_id is new are inserted, changed ones updated, identical ones left alone; with `sync`, stored rows
    /// absent from this input are deleted. All of it commits at once or not at all, and the WAL is
    /// checkpointed after, so a copied file is complete. With `strict`, one rejected row aborts the import and
    /// the store keeps what it had. `given` is the input's layout and source name: the rows go into the source
    /// `placing` chooses, a new one when no source has the input's layout (`named`: the caller gave the name,
    /// which then chooses the source). Ids are matched, updated and synced within that source only. A new
    /// store's first import is a bulk load (`fillNewStore`), put in place only once complete: a failure leaves
    /// nothing under its name.
    public func importIncidents(source: String, given: IncidentTableLayout, named: Bool, encoder: IncidentRowEncoder,
                                sync: Bool, allowMassDelete: Bool = false, strict: Bool = false, feed: Feed) throws -> ImportReport {
        let (number, merged) = try placing(given, named: named, source: source)
        if let staging, !staging.placed {
            return try fillNewStore(staging, source: source, layout: merged, strict: strict, feed: feed)
        }
        let adding = number > sources.count
        // Rows of a second layout: every row carries its source's number from here on.
        let numbered = numbersSources || adding
        let inSource = numbered ? " AND frontier_source = \(number)" : ""
        var report = ImportReport()
        // A failed import rolls back and still leaves the file in its rollback-journal mode: unchanged.
        do {
            try db.transaction {
                if numbered && !numbersSources { try numberSources() }
                let columns = IncidentTableSchema.rowColumns.map(SQLiteDatabase.quote(identifier:))
                let find = try db.prepare("SELECT fid, row_hash FROM incidents WHERE event_id = ?" + inSource)
                // Into an empty store every row is new (the scan already rejected repeated ids): no lookups, and
                // the R-tree is filled once after the rows instead of by its insert trigger row by row (the
                // trigger is back before the commit). So into a new source: no lookups.
                let storeWasEmpty = try db.scalar("SELECT EXISTS (SELECT 1 FROM incidents)") == "0"
                let sourceWasEmpty = adding || storeWasEmpty
                // The date index too is built once from the sorted rows (inserting into it row by row in
                // date order it does not have was a tenth of the writer's time).
                if storeWasEmpty { try db.execute("DROP TRIGGER IF EXISTS rtree_incidents_geom_insert; DROP INDEX IF EXISTS incidents_event_date") }
                let insert = try db.prepare("""
                    INSERT INTO incidents (\(columns.joined(separator: ", "))\(numbered ? ", frontier_source" : "")) \
                    VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))\(numbered ? ", \(number)" : ""))
                    """)
                let update = try db.prepare("UPDATE incidents SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE fid = ?")
                if sync { try db.execute("CREATE TEMP TABLE IF NOT EXISTS seen_ids (event_id TEXT PRIMARY KEY); DELETE FROM temp.seen_ids;") }
                let seen = sync ? try db.prepare("INSERT OR IGNORE INTO temp.seen_ids VALUES (?)") : nil
                // A row rejected now is still in the new export: a sync must not delete its stored version.
                var rejectedIDs: [String] = []
                var rejected = 0
                let noteRejected = { (r: Rejection) in
                    rejected += 1
                    if sync, let id = encoder.id(of: r) { rejectedIDs.append(id) }
                }
                let (idColumn, hashColumn) = (IncidentRowEncoder.PackedColumn.id, IncidentRowEncoder.PackedColumn.hash)
                let fidParameter = Int32(IncidentTableSchema.rowColumns.count + 1)
                report.read = try feed({ row in
                    // The stored row with this id, and whether its hash is this row's.
                    let stored: (fid: Int64, same: Bool)? = sourceWasEmpty ? nil : try find.withBinding(row, column: idColumn, at: 1) {
                        guard try find.step() else { return nil }
                        return (find.int(0), row.withBytes(hashColumn) { find.textEquals(1, $0) })
                    }
                    if let stored {
                        if stored.same {
                            report.unchanged += 1
                        } else {
                            try update.withBinding(row) {
                                try update.bind(.integer(stored.fid), at: fidParameter)
                                _ = try update.step()  // the R-tree follows through its triggers
                            }
                            report.updated += 1
                        }
                    } else {
                        try insert.withBinding(row) { _ = try insert.step() }
                        report.inserted += 1
                    }
                    if let seen { try seen.withBinding(row, column: idColumn, at: 1) { _ = try seen.step() } }
                }, noteRejected)
                report.rejected = rejected
                // Before the indexes are built: a strict rejection rolls everything back anyway.
                if strict && rejected > 0 { throw FrontierError.strictRejection(file: source, rejected: rejected) }
                if storeWasEmpty {
                    try RTreeBulkLoad.load("rtree_incidents_geom", table: "incidents", db: db)
                    try db.execute(GeoPackageFunctions.rtreeTriggers)
                    try db.execute(IncidentStore.dateIndexSQL)
                }
                if let seen {
                    for id in rejectedIDs { seen.reset(); try seen.bind(.text(id), at: 1); _ = try seen.step() }
                }
                if sync {
                    let keeping = Int(try db.scalar("SELECT count(*) FROM temp.seen_ids") ?? "") ?? 0
                    let deleting = Int(try db.scalar("SELECT count(*) FROM incidents WHERE event_id NOT IN (SELECT event_id FROM temp.seen_ids)" + inSource) ?? "") ?? 0
                    if ImportReport.refusesDeleting(deleting, keeping: keeping, allowMassDelete: allowMassDelete) {
                        throw FrontierError.massDelete(store: path, deleting: deleting, keeping: keeping)
                    }
                    try db.execute("DELETE FROM incidents WHERE event_id NOT IN (SELECT event_id FROM temp.seen_ids)" + inSource)
                    report.deleted = db.changes
                }
                try db.run("INSERT OR REPLACE INTO frontier_store VALUES (?, ?)", [.text(IncidentStore.layoutKey(number)), .text(merged.json)])
                try db.execute("""
                    UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
                        min_x = (SELECT min(longitude) FROM incidents), max_x = (SELECT max(longitude) FROM incidents),
                        min_y = (SELECT min(latitude) FROM incidents), max_y = (SELECT max(latitude) FROM incidents)
                    WHERE table_name = 'incidents';
                    """)
            }
        } catch {
            _ = finishImport()
            throw error
        }
        let placed = StoreSource(number: number, layout: merged)
        numbersSources = numbered
        report.source = placed.name
        if adding { sources.append(placed) } else { sources[number - 1] = placed }
        report.sources = sources.map(\.name)
        report.addedSource = adding
        // Committed: from here a failure loses nothing, so it is a warning, not an error.
        report.warning = finishImport()
        return report
    }

    /// After the commit: folds the WAL into the file and returns it to a rollback journal, so that a copy
    /// of the file is complete and read-only media can read it. Nil when done; otherwise why not — the
    /// committed rows are stored either way (a full disk here must not report the import as failed).
    func finishImport() -> String? {
        do {
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            try db.execute("PRAGMA journal_mode = DELETE")
            return nil
        } catch {
            return "the import is committed, but the store's write-ahead log could not be folded in (\(error)); "
                + "its -wal file holds the new rows until the next import or open"
        }
    }


}

extension IncidentStore: IncidentImporting {
    /// The row packed for binding (`IncidentRowEncoder.packed`), made on the scan's worker threads.
    public static func prepare(_ incident: Incident, encoder: IncidentRowEncoder) -> PackedSQLRow { encoder.packed(incident) }
}
