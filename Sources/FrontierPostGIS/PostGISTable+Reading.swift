import Foundation
import Geo
import FrontierBase
import FrontierTables

/// Reading the table back as incident rows, like a store, through a cursor fetched in batches: the box through
/// the GiST index (`&&`, whose float boxes are rounded outwards, so it only ever keeps too many: the command
/// decides exactly), the dates through the date index, rows in fid order. With `filter.locate` (and this
/// GeoData's layer in frontier_regions) the server locates each row, or groups them (`GroupedRows`).
extension PostGISTable: IncidentDatabase {
    public var name: String { url.masked }

    public func rows(_ filter: IncidentTableFilter) throws -> any StoredRowCursor {
        guard let layout = try layout(source: filter.source) else { throw FrontierError.emptyStore(file: url.masked) }
        if let locate = filter.locate, locate.groups, let grouped = GroupedRows(table: self, layout: layout, filter: filter, locate: locate) {
            return grouped
        }
        return try Cursor(table: self, layout: layout, filter: filter)
    }

    /// A table holds one source: its layout, when no source is named or the one named is its own.
    /// - Throws: `FrontierError.invalid` for another name.
    public func layout(source: String?) throws -> IncidentTableLayout? {
        if let source, let layout, source != layout.shownSourceName {
            throw FrontierError.invalid(file: url.masked, reason: "holds one source, '\(MessageText.escaped(layout.shownSourceName))', not '\(MessageText.escaped(source))'")
        }
        return layout
    }

    /// The first and last event date of every row (days since 1970-01-01): a table holds one source.
    public func period(source: String?) throws -> ClosedRange<Int>? {
        let r = try connection.execute("SELECT min(event_date)::text, max(event_date)::text FROM \(url.quotedTable)")
        guard r.rows == 1, let first = r.text(0, 0), let last = r.text(0, 1),
              case .success(let a) = CivilDate.parse(Substring(first)), case .success(let b) = CivilDate.parse(Substring(last)),
              a <= b else { return nil }
        return a.daysSinceEpoch...b.daysSinceEpoch
    }

    /// A query's WHERE on the incident table (alias `i`), its values appended to `values` as parameters.
    static func conditions(_ filter: IncidentTableFilter, values: inout [String?]) -> [String] {
        func parameter(_ v: String) -> String { values.append(v); return "$\(values.count)" }
        var conditions: [String] = []
        if let box = filter.box {
            let corners = [box.minX, box.minY, box.maxX, box.maxY].map { parameter(String($0)) }
            conditions.append("i.geom && ST_MakeEnvelope(\(corners.map { "\($0)::float8" }.joined(separator: ", ")), 4326)")
        }
        if let from = filter.from { conditions.append("i.event_date >= \(parameter(from.description))::date") }
        if let to = filter.to { conditions.append("i.event_date <= \(parameter(to.description))::date") }
        return conditions
    }

    /// Every row in `filter` with its region (NULL outside every region), located as Frontier locates: the
    /// row's cell of the locate index (`frontier_region_cells`, an equi-join on the cell computed exactly
    /// from its longitude and latitude) decides most rows (79% of the synthetic ones); a boundary cell's rows
    /// are tested with `ST_Covers` (boundary included; edges straight in lon/lat, as GEOS decides in
    /// Frontier) against the cell's candidates, the smallest region_id in byte order (Swift's order for these
    /// ids) where several cover the point: the tie rule in SQL (docs/architecture.md, "The tie rule"). The
    /// candidates are tested sorted by region, so PostGIS prepares each polygon once (1.9 s for 209,204
    /// boundary rows of 1M, against 8.3 s unsorted). With `allowedIDs`, only rows located in those regions.
    /// Columns: fid, region_id, then `columns` (expressions over the row `i`, each named by its alias).
    static func locatedSQL(_ table: String, filter: IncidentTableFilter, locate: ServerLocating,
                           columns: [(sql: String, alias: String)], values: inout [String?]) -> String {
        func parameter(_ v: String) -> String { values.append(v); return "$\(values.count)" }
        let layer = parameter(locate.layer)
        let (x0, y0, scale) = (parameter(String(locate.cellOrigin.x)), parameter(String(locate.cellOrigin.y)), parameter(String(locate.cellScale)))
        let conditions = conditions(filter, values: &values)
        let filtered = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let cell = """
            frontier_region_cells c ON c.layer = \(layer) AND c.ix = floor((i.longitude - \(x0)::float8) * \(scale)::float8)::integer
                    AND c.iy = floor((i.latitude - \(y0)::float8) * \(scale)::float8)::integer
            """
        var sql = """
            WITH p AS (SELECT i.fid, c.region_id AS decided\(columns.map { ", \($0.sql) AS \($0.alias)" }.joined())
                FROM \(table) i LEFT JOIN \(cell)\(filtered)),
            b AS (SELECT i.fid, i.geom, unnest(c.candidates) AS candidate FROM \(table) i JOIN \(cell)
                    AND c.candidates IS NOT NULL\(filtered)),
            e AS (SELECT b.fid, min(r.region_id COLLATE "C") AS region_id FROM (SELECT * FROM b ORDER BY candidate) b
                JOIN frontier_regions r ON r.layer = \(layer) AND r.region_id = b.candidate AND ST_Covers(r.geom, b.geom) GROUP BY b.fid)
            SELECT p.fid, COALESCE(p.decided, e.region_id) AS region_id\(columns.map { ", p." + $0.alias }.joined())
            FROM p LEFT JOIN e ON e.fid = p.fid
            """
        if let allowed = locate.allowedIDs {
            sql += "\nWHERE COALESCE(p.decided, e.region_id) IN (\(allowed.map(parameter).joined(separator: ", ")))"
        }
        return sql
    }

    /// One row at a time, in fid order; with `filter.locate`, each with the region the server found for it.
    final class Cursor: StoredRowCursor {
        private let stream: PGRowStream
        private let decoder: StoredRowDecoder
        private let table: PostGISTable
        /// Region ids to indexes, when the server locates.
        private let regionIndex: [String: Int]?

        init(table: PostGISTable, layout: IncidentTableLayout, filter: IncidentTableFilter) throws {
            self.table = table
            decoder = StoredRowDecoder(layout: layout)
            let columns = ["i.fid", "i.event_id", "i.event_date::text", "i.latitude", "i.longitude", "i.extra::text"]
                + IncidentTableSchema.typedColumns.map { "i." + PGConnection.quote(identifier: $0.name) + "::text" }
            var values: [String?] = []
            let t = table.url.quotedTable
            var sql: String
            if let locate = filter.locate {
                regionIndex = Dictionary(uniqueKeysWithValues: locate.regionIDs.enumerated().map { ($1, $0) })
                // The same columns from the located rows, the region last.
                let named = columns.dropFirst().enumerated().map { ($1, "c\($0)") }
                let located = PostGISTable.locatedSQL(t, filter: filter, locate: locate, columns: Array(named), values: &values)
                sql = "SELECT l.fid, \(named.map { "l." + $0.1 }.joined(separator: ", ")), l.region_id FROM (\(located)) l ORDER BY l.fid"
            } else {
                regionIndex = nil
                let conditions = PostGISTable.conditions(filter, values: &values)
                sql = "SELECT \(columns.joined(separator: ", ")) FROM \(t) i"
                if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
                sql += " ORDER BY i.fid"
            }
            stream = try table.connection.rows(sql, values)
        }

        func next(only: Set<Int>?) throws -> StoredRow? {
            guard let (r, i) = try stream.next() else { return nil }
            guard let fid = r.text(i, 0).flatMap(Int.init), let lat = r.double(i, 3), let lon = r.double(i, 4) else {
                throw FrontierError.database(database: table.url.masked, reason: "a row of \(table.url.table) has no fid or position")
            }
            let values = decoder.values(id: r.text(i, 1), date: r.text(i, 2), lat: lat, lon: lon, extraJSON: r.text(i, 5), only: only) { k in
                r.text(i, 6 + k)
            }
            var row = StoredRow(fid: fid, values: values, point: Coordinate(lon: lon, lat: lat))
            if let regionIndex {
                row.serverRegion = try table.region(r.text(i, 6 + IncidentTableSchema.typedColumns.count), in: regionIndex)
            }
            return row
        }
    }

    /// A region id the server returned, as the scan's region index.
    func region(_ id: String?, in index: [String: Int]) throws -> Incident.ServerRegion {
        guard let id else { return .outside }
        guard let i = index[id] else {
            throw FrontierError.unknownServerRegion(database: url.masked, region: id)
        }
        return .region(i)
    }
}
