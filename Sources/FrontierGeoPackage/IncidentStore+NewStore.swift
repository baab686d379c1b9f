import CSQLite
import Foundation
import FrontierBase
import FrontierFormats
import FrontierTables

/// A new store's first import: a bulk load into the file written beside the store's name, which takes the name
/// only once complete. Every row is new (the scan rejects repeated ids before they come here), so no row is
/// looked up; each is bound from its packed bytes, on a writer thread while the scan's thread merges the next
/// chunks. The unique id index is the table's own constraint, kept as the rows go in; the date index is built
/// once from the table after them (SQLite sorts the dates: kept row by row, in an order the rows do not have,
/// it cost a fifth more CPU in all). The R-tree's insert trigger is off during the load, and the R-tree is
/// packed once from the points gathered in longitude order (`SpillingSort`, `RTreeBulkLoad`), as an import into
/// an empty store has always packed it. The extent comes from the same points. The file holds exactly what the
/// same import into an empty store wrote before, its schema in the same order.
extension IncidentStore {
    func fillNewStore(_ staging: StagedFile, source: String, layout merged: IncidentTableLayout, strict: Bool,
                      feed: Feed) throws -> ImportReport {
        var report = ImportReport()
        do {
            try fill(staging, source: source, layout: merged, strict: strict, report: &report, feed: feed)
            // The connection closes before the file moves: nothing may write to it under the old name after.
            try db.close()
            report.warning = try staging.putInPlace()
        } catch {
            staging.discard()
            throw error
        }
        sources = [StoreSource(number: 1, layout: merged)]
        report.source = sources[0].name
        report.sources = [sources[0].name]
        // Further imports through this object write the placed store as any existing one.
        let placed = try SQLiteDatabase(readWrite: path, create: false)
        placed.busyTimeout(10_000)
        try GeoPackageFunctions.register(on: placed)
        db = placed
        return report
    }

    /// Loads the rows, packs the R-tree, records the layout and extent, and commits, all on the staged file.
    private func fill(_ staging: StagedFile, source: String, layout merged: IncidentTableLayout, strict: Bool,
                      report: inout ImportReport, feed: Feed) throws {
        let points = Points(folder: staging.folder)
        try db.execute("BEGIN IMMEDIATE")
        try setTriggers(on: false)
        do {
            let columns = IncidentTableSchema.rowColumns.map(SQLiteDatabase.quote(identifier:))
            let values = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
            let into = "INSERT INTO incidents (\(columns.joined(separator: ", "))) VALUES "
            // Prepared with the triggers off: the statements carry no R-tree trigger program. Rows go in
            // `rowsPerInsert` at a time (one statement's setup, cursors and AUTOINCREMENT bookkeeping for all),
            // the last few one by one, on the writer thread. SQLite's work there is the import's longest chain,
            // so this thread, which only merges the workers' chunks, gathers the rows' points.
            let perInsert = Self.rowsPerInsert
            let insertMany = try db.prepare(into + Array(repeating: values, count: perInsert).joined(separator: ", "))
            let insertOne = try db.prepare(into + values)
            let writer = BackgroundWriter<[PackedSQLRow]>(name: "frontier.store-writer") { rows in
                var start = 0
                while start + perInsert <= rows.count {
                    try insertMany.withBinding(rows[start..<(start + perInsert)]) { _ = try insertMany.step() }
                    start += perInsert
                }
                for row in rows[start...] { try insertOne.withBinding(row) { _ = try insertOne.step() } }
            }
            var stopped = false
            defer { if !stopped { writer.stop() } }
            var pending: [PackedSQLRow] = []
            pending.reserveCapacity(Self.rowsPerBatch)
            var rejected = 0
            report.read = try feed({ row in
                report.inserted += 1
                try points.add(row)
                pending.append(row)
                if pending.count == Self.rowsPerBatch {
                    try writer.submit(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }, { _ in rejected += 1 })
            if !pending.isEmpty { try writer.submit(pending) }
            stopped = true
            try writer.finish()
            report.rejected = rejected
            guard report.inserted == 0 || db.lastInsertRowID == Int64(report.inserted) else {
                throw FrontierError.invalid(file: path, reason: "numbered its \(report.inserted) new rows up to \(db.lastInsertRowID)")
            }
        }
        if strict && report.rejected > 0 { throw FrontierError.strictRejection(file: source, rejected: report.rejected) }
        // The rows are most of the file: on their way to the disk while the R-tree and the date index are built.
        staging.startFlushing()
        try setTriggers(on: true)
        let sorted = try points.sort.sorted()
        try RTreeBulkLoad.load("rtree_incidents_geom", count: points.sort.count, db: db, spillFolder: staging.folder, next: sorted.next)
        // The date index from the table, last as in every store's schema. With a small memory budget SQLite's
        // sorter sorts runs on a helper thread and merges them: 0.4 s at a million rows, against 1 s as one
        // run sorted in the page cache.
        try db.execute("PRAGMA cache_size = -2048; PRAGMA threads = 2;")
        try db.execute(IncidentStore.dateIndexSQL)
        try db.run("INSERT OR REPLACE INTO frontier_store VALUES ('layout', ?)", [.text(merged.json)])
        let bounds: [SQLValue] = points.extent.map { [.real($0.minX), .real($0.maxX), .real($0.minY), .real($0.maxY)] } ?? [.null, .null, .null, .null]
        try db.run("""
            UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'), min_x = ?, max_x = ?, min_y = ?, max_y = ?
            WHERE table_name = 'incidents';
            """, bounds)
        try db.execute("COMMIT")
    }

    /// The points of the rows loaded, in the order they went in: sorted for the R-tree, and the extent.
    private final class Points {
        let sort: SpillingSort<RTreeBulkLoad.Point>
        private(set) var extent: (minX: Double, maxX: Double, minY: Double, maxY: Double)?

        init(folder: String) {
            sort = SpillingSort(folder: folder)
        }

        /// A new table's AUTOINCREMENT numbers the rows 1, 2, 3… in the order they go in (checked after the load).
        func add(_ row: borrowing PackedSQLRow) throws {
            let (latitude, longitude) = (IncidentRowEncoder.PackedColumn.latitude, IncidentRowEncoder.PackedColumn.longitude)
            // As SQLite reads the columns back: a REAL -0.0 is stored as the integer 0.
            let (x, y) = row.withValues { ($0.real(longitude) + 0.0, $0.real(latitude) + 0.0) }
            try sort.add(RTreeBulkLoad.Point(x: x, y: y, id: Int64(sort.count + 1)))
            if let e = extent {
                extent = (min(e.minX, x), max(e.maxX, x), min(e.minY, y), max(e.maxY, y))
            } else {
                extent = (x, x, y, y)
            }
        }
    }

    /// Rows per INSERT statement: 64 × 19 parameters, far below SQLite's limit of 32,766.
    static let rowsPerInsert = 64
    /// Rows handed to the writer thread at once.
    static let rowsPerBatch = 256

    private func setTriggers(on: Bool) throws {
        let rc = frontier_sqlite3_enable_triggers(db.handle, on ? 1 : 0)
        guard rc == SQLITE_OK else {
            throw FrontierError.invalid(file: path, reason: "cannot turn the connection's triggers \(on ? "on" : "off") (SQLite code \(rc))")
        }
    }
}

