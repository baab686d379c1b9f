import Foundation
import Geo
import FrontierBase
import FrontierFormats
import FrontierTables

/// Reading a store back as incident rows, with the spatial and date filters pushed into SQL (the R-tree
/// and the event_date index), so a query reads only the rows it needs.
extension IncidentStore {
    /// Streams stored rows in fid order as (fid, text values in `layout.columns` order, point).
    public final class Cursor: StoredRowCursor {
        private let statement: SQLiteDatabase.Statement
        private let decoder: StoredRowDecoder
        private let store: IncidentStore
        /// SQLite would start the query over if stepped again after its last row.
        private var finished = false

        init(store: IncidentStore, layout: IncidentTableLayout, filter: IncidentTableFilter) throws {
            self.store = store
            decoder = StoredRowDecoder(layout: layout)
            var sql = "SELECT fid, event_id, event_date, latitude, longitude, extra, "
                + IncidentTableSchema.typedColumns.map { SQLiteDatabase.quote(identifier: $0.name) }.joined(separator: ", ") + " FROM incidents"
            var conditions: [String] = []
            var values: [SQLValue] = []
            if let box = filter.box {
                conditions.append("fid IN (SELECT id FROM rtree_incidents_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)")
                values += [.real(box.maxX), .real(box.minX), .real(box.maxY), .real(box.minY)]
            }
            if let from = filter.from { conditions.append("event_date >= ?"); values.append(.text(from.description)) }
            if let to = filter.to { conditions.append("event_date <= ?"); values.append(.text(to.description)) }
            if let number = try store.number(of: filter.source), store.numbersSources {
                // Unary + keeps SQLite off the (frontier_source, event_id) index: a source is most of the table,
                // read fastest in fid order (the index's order took a sort and random reads: 6.2 s against
                // 3.8 s for a million rows).
                conditions.append("+frontier_source = ?")
                values.append(.integer(Int64(number)))
            }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY fid"
            statement = try store.db.prepare(sql)
            for (i, v) in values.enumerated() { try statement.bind(v, at: Int32(i + 1)) }
        }

        public func next(only: Set<Int>? = nil) throws -> StoredRow? {
            guard !finished else { return nil }
            guard try statement.step() else { finished = true; return nil }
            let lat = statement.double(3), lon = statement.double(4)
            let s = statement
            let values = decoder.values(id: s.text(1), date: s.text(2), lat: lat, lon: lon, extraJSON: s.text(5), only: only) { k in
                s.isNull(Int32(6 + k)) ? nil : s.text(Int32(6 + k))
            }
            return StoredRow(fid: Int(statement.int(0)), values: values, point: Coordinate(lon: lon, lat: lat))
        }
    }

    /// The rows within the filter's box, dates and source, in fid order.
    /// - Throws: `FrontierError.emptyStore` before the first import; `.invalid` when the store holds several
    ///   sources and the filter chooses none (`layout(source:)`).
    public func cursor(_ filter: IncidentTableFilter = IncidentTableFilter()) throws -> Cursor {
        guard let layout = try layout(source: filter.source) else { throw FrontierError.emptyStore(file: path) }
        return try Cursor(store: self, layout: layout, filter: filter)
    }

    /// A summary of the store: counts, date range, extent, and breakdowns.
    public struct Info {
        public var rows = 0
        public var firstDate: String?
        public var lastDate: String?
        public var extent: Envelope?
        public var byCountry: [(String, Int)] = []
        public var byGeoPrecision: [(String, Int)] = []
        public var columns: [String] = []
        /// With several sources: each one's name and row count, in number order.
        public var bySource: [(String, Int)] = []
    }

    public func info() throws -> Info {
        var info = Info()
        info.rows = Int(try db.scalar("SELECT count(*) FROM incidents") ?? "0") ?? 0
        info.firstDate = try db.scalar("SELECT min(event_date) FROM incidents")
        info.lastDate = try db.scalar("SELECT max(event_date) FROM incidents")
        let e = try db.query("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'incidents'") {
            $0.isNull(0) ? nil : Envelope(minX: $0.double(0), minY: $0.double(1), maxX: $0.double(2), maxY: $0.double(3))
        }
        info.extent = e.first ?? nil
        info.byCountry = try db.query("SELECT coalesce(country, ''), count(*) FROM incidents GROUP BY 1 ORDER BY 2 DESC, 1") {
            ($0.text(0) ?? "", Int($0.int(1)))
        }
        info.byGeoPrecision = try db.query("SELECT coalesce(geo_precision, ''), count(*) FROM incidents GROUP BY 1 ORDER BY 1") {
            ($0.text(0) ?? "", Int($0.int(1)))
        }
        info.columns = sources.flatMap(\.layout.columns).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        if numbersSources {
            let counts = Dictionary(uniqueKeysWithValues: try db.query("SELECT frontier_source, count(*) FROM incidents GROUP BY 1") {
                (Int($0.int(0)), Int($0.int(1)))
            })
            info.bySource = sources.map { ($0.name, counts[$0.number] ?? 0) }
        }
        return info
    }
}

extension IncidentStore: IncidentDatabase {
    public var name: String { path }

    public func rows(_ filter: IncidentTableFilter) throws -> any StoredRowCursor { try cursor(filter) }

    /// The first and last event date of every row of `source` (days since 1970-01-01; nil: every row),
    /// whatever a query's box keeps: the period the source covers.
    public func period(source: String?) throws -> ClosedRange<Int>? {
        let bounds: [(String?, String?)]
        if let number = try number(of: source), numbersSources {
            // One pass over the table (0.2 s at a million rows); through the (source, id) index each bound took 0.6 s.
            bounds = try db.query("SELECT min(event_date), max(event_date) FROM incidents WHERE +frontier_source = \(number)") { ($0.text(0), $0.text(1)) }
        } else {
            // The date index gives each bound at once.
            bounds = [(try db.scalar("SELECT min(event_date) FROM incidents"), try db.scalar("SELECT max(event_date) FROM incidents"))]
        }
        guard let (first, last) = bounds.first, let first, let last,
              case .success(let a) = CivilDate.parse(Substring(first)), case .success(let b) = CivilDate.parse(Substring(last)),
              a <= b else { return nil }
        return a.daysSinceEpoch...b.daysSinceEpoch
    }
}
