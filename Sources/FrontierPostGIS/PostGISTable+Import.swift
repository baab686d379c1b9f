import Foundation
import Geo
import FrontierBase
import FrontierTables

/// Importing incidents into the table: the same contract as the GeoPackage store's import (idempotent by
/// event_id, one transaction, `sync`, `strict`), with the rows sent by `COPY … FROM STDIN (FORMAT binary)`.
extension PostGISTable: IncidentImporting {
    public static func prepare(_ incident: Incident, encoder: IncidentRowEncoder) -> CopyTuple { CopyTuple(encoder.encode(incident)) }

    /// Into an empty table the rows are copied straight in (fids in input order). Otherwise they are copied
    /// into a temporary table, then compared with the stored rows by event_id and row hash: new rows
    /// inserted (in input order), changed ones updated, identical ones left alone; with `sync`, stored rows
    /// absent from the input (and not rejected in it) deleted. A failure anywhere — the server gone, a
    /// strict rejection — rolls the transaction back: the table is as before.
    public func importIncidents(source: String, given: IncidentTableLayout, named: Bool, encoder: IncidentRowEncoder,
                                sync: Bool, allowMassDelete: Bool, strict: Bool,
                                feed: (_ add: (CopyTuple) throws -> Void, _ rejected: (Rejection) -> Void) throws -> Int) throws -> ImportReport {
        // A table holds one source: rows of another layout are refused, naming the first column that differs,
        // and a source named for them must be the one it holds.
        if named, let held = layout?.sourceName, held != given.sourceName {
            throw FrontierError.invalid(file: url.masked, reason: "holds one source, '\(MessageText.escaped(held))': a PostGIS table takes no other")
        }
        let merged = try IncidentTableLayout.merging(layout, given: given, store: url.masked, source: source)
        let c = connection, t = url.quotedTable, columns = PostGISTable.quotedCopyColumns
        var report = ImportReport()
        try c.transaction {
            // One import at a time per table; readers go on reading the rows as they were.
            try c.execute("LOCK TABLE \(t) IN SHARE ROW EXCLUSIVE MODE")
            let wasEmpty = try c.scalar("SELECT NOT EXISTS (SELECT 1 FROM \(t))") == "t"
            // Into an empty table the GiST and date indexes are built once after the rows (in this
            // transaction: a failure brings them back as they were).
            if wasEmpty {
                try c.execute("DROP INDEX IF EXISTS \(PostGISTable.indexNames(url))")
            } else {
                // The staging table takes the table's own columns; `seq` keeps the input order for new rows.
                try c.execute("""
                    CREATE TEMP TABLE frontier_incoming (LIKE \(t)) ON COMMIT DROP;
                    ALTER TABLE frontier_incoming DROP COLUMN fid, ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY
                    """)
            }
            var rejectedIDs: [String] = []
            var rejected = 0
            let target = wasEmpty ? t : "frontier_incoming"
            var read = 0
            let copied = try c.copyIn("COPY \(target) (\(columns)) FROM STDIN (FORMAT binary)") { writer in
                var buffer = CopyTuple.header
                buffer.reserveCapacity(1 << 20)
                read = try feed({ tuple in
                    buffer.append(contentsOf: tuple.bytes)
                    if buffer.count >= 1 << 20 { try writer.send(buffer); buffer.removeAll(keepingCapacity: true) }
                }, { r in
                    rejected += 1
                    if sync, let id = encoder.id(of: r) { rejectedIDs.append(id) }
                })
                buffer += CopyTuple.trailer
                try writer.send(buffer)
            }
            report.read = read
            report.rejected = rejected
            if strict && rejected > 0 { throw FrontierError.strictRejection(file: source, rejected: rejected) }
            if wasEmpty {
                try c.execute(PostGISTable.indexSQL(url))
                report.inserted = copied
            } else {
                let set = IncidentTableSchema.rowColumns.filter { $0 != "event_id" }.map(PGConnection.quote(identifier:))
                report.unchanged = try c.integer("""
                    SELECT count(*) FROM frontier_incoming i JOIN \(t) s ON s.event_id = i.event_id AND s.row_hash = i.row_hash
                    """)
                report.updated = try c.execute("""
                    UPDATE \(t) AS s SET \(set.map { "\($0) = i.\($0)" }.joined(separator: ", "))
                    FROM frontier_incoming i WHERE s.event_id = i.event_id AND s.row_hash <> i.row_hash
                    """).affectedRows
                report.inserted = try c.execute("""
                    INSERT INTO \(t) (\(columns)) SELECT \(columns) FROM frontier_incoming i
                    WHERE NOT EXISTS (SELECT 1 FROM \(t) s WHERE s.event_id = i.event_id) ORDER BY i.seq
                    """).affectedRows
            }
            if sync {
                try c.execute("CREATE TEMP TABLE frontier_kept (event_id text PRIMARY KEY) ON COMMIT DROP")
                try c.execute("INSERT INTO frontier_kept SELECT event_id FROM \(wasEmpty ? t : "frontier_incoming") ON CONFLICT DO NOTHING")
                // A row rejected now is still in the new export: its stored version stays.
                for id in rejectedIDs { try c.execute("INSERT INTO frontier_kept VALUES ($1) ON CONFLICT DO NOTHING", [id]) }
                let keeping = try c.integer("SELECT count(*) FROM frontier_kept")
                let absent = "NOT EXISTS (SELECT 1 FROM frontier_kept k WHERE k.event_id = s.event_id)"
                let deleting = try c.integer("SELECT count(*) FROM \(t) s WHERE \(absent)")
                if ImportReport.refusesDeleting(deleting, keeping: keeping, allowMassDelete: allowMassDelete) {
                    throw FrontierError.massDelete(store: url.masked, deleting: deleting, keeping: keeping)
                }
                report.deleted = try c.execute("DELETE FROM \(t) s WHERE \(absent)").affectedRows
            }
            try c.execute("""
                INSERT INTO frontier_store VALUES ($1, 'layout', $2)
                ON CONFLICT (table_name, key) DO UPDATE SET value = EXCLUDED.value
                """, [url.table, merged.json])
            try c.execute("ANALYZE \(t)")
        }
        layout = merged
        return report
    }
}
