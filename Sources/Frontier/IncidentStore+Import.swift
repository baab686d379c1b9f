import Foundation
import Geo

/// `frontier import`: one transaction per import, idempotent by event_id.
extension IncidentStore {
    /// `--strict` and some rows were rejected: the transaction was rolled back.
    public struct StrictRejection: Error, CustomStringConvertible {
        public let rejected: Int
        public var description: String { "\(rejected) rows rejected with --strict: nothing imported, the store is unchanged" }
    }

    public struct ImportReport: Equatable, Sendable {
        public var read = 0
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        public var rejected = 0
        /// Rows removed by `sync` because the new export no longer has them.
        public var deleted = 0
    }

    /// Imports every valid incident of `reader` (rejections are the reader's to report). Rows whose event_id
    /// is new are inserted, changed ones updated, identical ones left alone; with `sync`, stored rows absent
    /// from this input are deleted. All of it commits at once or not at all, and the WAL is checkpointed
    /// after, so a copied file is complete.
    /// With `strict`, one rejected row aborts the import and the store keeps what it had.
    public func importIncidents(from reader: IncidentReader, fields: IncidentFields, sync: Bool, strict: Bool = false,
                                afterEachRow: ((Int) -> Void)? = nil) throws -> ImportReport {
        let columns = reader.columns
        guard let idIndex = reader.fieldColumns.id else {
            throw Failure(description: "\(reader.name): no '\(fields.id)' id column: the store keys rows by id (use --id-field)")
        }
        guard let dateIndex = reader.fieldColumns.date else {
            throw Failure(description: "\(reader.name): no '\(fields.date)' date column (use --date-field)")
        }
        let latIndex = reader.fieldColumns.latitude!, lonIndex = reader.fieldColumns.longitude!
        var merged = layout ?? Layout(columns: [], idField: columns[idIndex], dateField: columns[dateIndex],
                                      latField: columns[latIndex], lonField: columns[lonIndex])
        // Rows read back under the store's column names: a later input must name id, date and position alike.
        let mine = [("id", merged.idField, columns[idIndex]), ("date", merged.dateField, columns[dateIndex]),
                    ("latitude", merged.latField, columns[latIndex]), ("longitude", merged.lonField, columns[lonIndex])]
        for (what, stored, given) in mine where stored != given {
            throw Failure(description: "\(path) holds the \(what) in column '\(stored)', but this input calls it '\(given)': rename the column or use another store")
        }
        for c in columns where !merged.columns.contains(c) { merged.columns.append(c) }
        let typedIndex = Dictionary(uniqueKeysWithValues: IncidentStore.typedColumns.enumerated().map { ($1.name, $0) })

        var report = ImportReport()
        try db.transaction {
            let typedNames = IncidentStore.typedColumns.map { SQLiteDatabase.quote(identifier: $0.name) }
            let find = try db.prepare("SELECT fid, row_hash FROM incidents WHERE event_id = ?")
            let insert = try db.prepare("""
                INSERT INTO incidents (geom, event_id, event_date, \(typedNames.joined(separator: ", ")), latitude, longitude, extra, row_hash)
                VALUES (?, ?, ?, \(typedNames.map { _ in "?" }.joined(separator: ", ")), ?, ?, ?, ?)
                """)
            let update = try db.prepare("""
                UPDATE incidents SET geom = ?, event_id = ?, event_date = ?, \(typedNames.map { "\($0) = ?" }.joined(separator: ", ")),
                latitude = ?, longitude = ?, extra = ?, row_hash = ? WHERE fid = ?
                """)
            let rtree = try db.prepare("INSERT OR REPLACE INTO rtree_incidents_geom VALUES (?, ?, ?, ?, ?)")
            if sync { try db.execute("CREATE TEMP TABLE IF NOT EXISTS seen_ids (event_id TEXT PRIMARY KEY); DELETE FROM temp.seen_ids;") }
            let seen = sync ? try db.prepare("INSERT OR IGNORE INTO temp.seen_ids VALUES (?)") : nil
            // A row rejected now is still in the new export: --sync must not delete its stored version.
            var rejectedIDs: [String] = []
            let reportRejection = reader.onReject
            reader.onReject = { r in
                reportRejection(r)
                if sync, idIndex < r.values.count, !r.values[idIndex].isEmpty { rejectedIDs.append(r.values[idIndex]) }
            }
            defer { reader.onReject = reportRejection }

            while let incident = try reader.next() {
                let text = incident.values.map { $0.text ?? "" }
                let id = text[idIndex]
                let date = incident.date!.description
                let p = incident.coordinate
                var typed = [SQLValue](repeating: .null, count: IncidentStore.typedColumns.count)
                var extra: [(String, PropertyValue)] = []
                for (i, name) in columns.enumerated() {
                    let value = text[i]
                    if i == idIndex { continue }
                    if i == dateIndex { if value != date { extra.append((name, .string(value))) }; continue }
                    if i == latIndex { if value != NumberFormat.shortest(p.lat) { extra.append((name, .string(value))) }; continue }
                    if i == lonIndex { if value != NumberFormat.shortest(p.lon) { extra.append((name, .string(value))) }; continue }
                    if let t = typedIndex[name] {
                        if IncidentStore.typedColumns[t].type == "INTEGER" {
                            if let n = Int64(value), String(n) == value { typed[t] = .integer(n) } else {
                                typed[t] = value.isEmpty ? .null : .text(value)
                                if value.isEmpty { extra.append((name, .string(""))) }
                            }
                        } else {
                            typed[t] = .text(value)
                        }
                        continue
                    }
                    extra.append((name, .string(value)))
                }
                let extraJSON = extra.isEmpty ? SQLValue.null : .text(JSONText.object(extra))
                // What the row says, in input order: equal hashes mean an unchanged row.
                let hash = String(IncidentStore.rowHash(columns: columns, values: text, point: p), radix: 16)
                let row: [SQLValue] = [.blob(GeoPackageBinary.point(p)), .text(id), .text(date)] + typed
                    + [.real(p.lat), .real(p.lon), extraJSON, .text(hash)]

                find.reset()
                try find.bind(.text(id), at: 1)
                if try find.step() {
                    let fid = find.int(0)
                    if find.text(1) == hash {
                        report.unchanged += 1
                    } else {
                        update.reset()
                        for (k, v) in (row + [.integer(fid)]).enumerated() { try update.bind(v, at: Int32(k + 1)) }
                        _ = try update.step()
                        try IncidentStore.index(rtree, fid: fid, p)
                        report.updated += 1
                    }
                } else {
                    insert.reset()
                    for (k, v) in row.enumerated() { try insert.bind(v, at: Int32(k + 1)) }
                    _ = try insert.step()
                    try IncidentStore.index(rtree, fid: db.lastInsertRowID, p)
                    report.inserted += 1
                }
                if let seen { seen.reset(); try seen.bind(.text(id), at: 1); _ = try seen.step() }
                afterEachRow?(report.inserted + report.updated + report.unchanged)
            }
            if strict && reader.rejectedCount > 0 { throw StrictRejection(rejected: reader.rejectedCount) }
            if let seen {
                for id in rejectedIDs { seen.reset(); try seen.bind(.text(id), at: 1); _ = try seen.step() }
            }
            if sync {
                try db.execute("""
                    DELETE FROM rtree_incidents_geom WHERE id IN
                        (SELECT fid FROM incidents WHERE event_id NOT IN (SELECT event_id FROM temp.seen_ids));
                    """)
                try db.execute("DELETE FROM incidents WHERE event_id NOT IN (SELECT event_id FROM temp.seen_ids)")
                report.deleted = db.changes
            }
            let layoutJSON = "{\"columns\":[" + merged.columns.map(JSONText.string).joined(separator: ",") + "],"
                + "\"id_field\":\(JSONText.string(merged.idField)),\"date_field\":\(JSONText.string(merged.dateField)),"
                + "\"lat_field\":\(JSONText.string(merged.latField)),\"lon_field\":\(JSONText.string(merged.lonField))}"
            try db.run("INSERT OR REPLACE INTO frontier_store VALUES ('layout', ?)", [.text(layoutJSON)])
            try db.execute("""
                UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
                    min_x = (SELECT min(longitude) FROM incidents), max_x = (SELECT max(longitude) FROM incidents),
                    min_y = (SELECT min(latitude) FROM incidents), max_y = (SELECT max(latitude) FROM incidents)
                WHERE table_name = 'incidents';
                """)
        }
        try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        layout = merged
        report.read = reader.readCount
        report.rejected = reader.rejectedCount
        return report
    }

    /// FNV-1a over the column names, values and point: rows with equal hashes say the same thing.
    static func rowHash(columns: [String], values: [String], point: Coordinate) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for b in bytes { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01B3 }
        }
        for (name, value) in zip(columns, values) {
            mix(name.utf8); mix([0x1F]); mix(value.utf8); mix([0x1E])
        }
        withUnsafeBytes(of: point.x.bitPattern) { mix($0) }
        withUnsafeBytes(of: point.y.bitPattern) { mix($0) }
        return h
    }

    private static func index(_ rtree: SQLiteDatabase.Statement, fid: Int64, _ p: Coordinate) throws {
        rtree.reset()
        for (k, v) in [SQLValue.integer(fid), .real(p.lon), .real(p.lon), .real(p.lat), .real(p.lat)].enumerated() {
            try rtree.bind(v, at: Int32(k + 1))
        }
        _ = try rtree.step()
    }
}
