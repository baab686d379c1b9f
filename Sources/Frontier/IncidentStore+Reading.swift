import Foundation
import Geo

/// Reading a store back as incident rows, with the spatial and date filters pushed into SQL (the R-tree
/// and the event_date index), so a query reads only the rows it needs.
extension IncidentStore {
    /// What a reading command needs from the store; nil fields do not filter.
    public struct Filter: Sendable {
        public var box: Envelope?
        public var from: CivilDate?
        public var to: CivilDate?
        public init(box: Envelope? = nil, from: CivilDate? = nil, to: CivilDate? = nil) {
            self.box = box
            self.from = from
            self.to = to
        }
    }

    /// Streams stored rows in fid order as (fid, text values in `layout.columns` order, point).
    public final class Cursor {
        private let statement: SQLiteDatabase.Statement
        private let layout: Layout
        private let typedNames: [String]
        private let store: IncidentStore
        /// SQLite would start the query over if stepped again after its last row.
        private var finished = false

        init(store: IncidentStore, layout: Layout, filter: Filter) throws {
            self.store = store
            self.layout = layout
            typedNames = IncidentStore.typedColumns.map(\.name)
            var sql = "SELECT fid, event_id, event_date, latitude, longitude, extra, "
                + typedNames.map(SQLiteDatabase.quote(identifier:)).joined(separator: ", ") + " FROM incidents"
            var conditions: [String] = []
            var values: [SQLValue] = []
            if let box = filter.box {
                conditions.append("fid IN (SELECT id FROM rtree_incidents_geom WHERE minx <= ? AND maxx >= ? AND miny <= ? AND maxy >= ?)")
                values += [.real(box.maxX), .real(box.minX), .real(box.maxY), .real(box.minY)]
            }
            if let from = filter.from { conditions.append("event_date >= ?"); values.append(.text(from.description)) }
            if let to = filter.to { conditions.append("event_date <= ?"); values.append(.text(to.description)) }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY fid"
            statement = try store.db.prepare(sql)
            for (i, v) in values.enumerated() { try statement.bind(v, at: Int32(i + 1)) }
        }

        public func next() throws -> (fid: Int, values: [String], point: Coordinate)? {
            guard !finished else { return nil }
            guard try statement.step() else { finished = true; return nil }
            var extra: [String: String] = [:]
            if let json = statement.text(5),
               let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] {
                for (k, v) in object { extra[k] = v as? String ?? "\(v)" }
            }
            var typed: [String: String] = [:]
            for (k, name) in typedNames.enumerated() {
                let i = Int32(6 + k)
                typed[name] = statement.isNull(i) ? "" : (statement.text(i) ?? "")
            }
            let lat = statement.double(3), lon = statement.double(4)
            let values = layout.columns.map { name -> String in
                if let original = extra[name] { return original }
                switch name {
                case layout.idField: return statement.text(1) ?? ""
                case layout.dateField: return statement.text(2) ?? ""
                case layout.latField: return NumberFormat.shortest(lat)
                case layout.lonField: return NumberFormat.shortest(lon)
                default: return typed[name] ?? ""
                }
            }
            return (Int(statement.int(0)), values, Coordinate(lon: lon, lat: lat))
        }
    }

    public func cursor(_ filter: Filter = Filter()) throws -> Cursor {
        guard let layout else {
            throw Failure(description: "\(path) holds no incidents yet: import some with frontier import")
        }
        return try Cursor(store: self, layout: layout, filter: filter)
    }

    /// `frontier store info`: counts, date range, extent, and breakdowns.
    public struct Info {
        public var rows = 0
        public var firstDate: String?
        public var lastDate: String?
        public var extent: Envelope?
        public var byCountry: [(String, Int)] = []
        public var byGeoPrecision: [(String, Int)] = []
        public var columns: [String] = []
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
        info.columns = layout?.columns ?? []
        return info
    }
}
