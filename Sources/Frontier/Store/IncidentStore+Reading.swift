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

        /// Where a layout column's value lives in a stored row.
        private enum Source { case id, date, latitude, longitude, typed(Int32), extraOnly }
        private lazy var sources: [Source] = layout.columns.map { name in
            switch name {
            case layout.idField: return .id
            case layout.dateField: return .date
            case layout.latField: return .latitude
            case layout.lonField: return .longitude
            default:
                if let k = typedNames.firstIndex(of: name) { return .typed(Int32(6 + k)) }
                return .extraOnly
            }
        }
        /// Each column's JSON key as bytes (`"name":`), for the cheap test before decoding `extra`.
        private lazy var keyBytes: [[UInt8]] = layout.columns.map { Array((JSONText.string($0) + ":").utf8) }

        /// The next row. With `only`, just those columns get their values (the rest are empty), and the
        /// `extra` JSON is decoded only when one of them is in it: aggregate needs four columns, not sixteen.
        public func next(only: Set<Int>? = nil) throws -> (fid: Int, values: [String], point: Coordinate)? {
            guard !finished else { return nil }
            guard try statement.step() else { finished = true; return nil }
            var extra: [String: String] = [:]
            if let json = statement.text(5), needsExtra(json, only: only),
               let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] {
                for (k, v) in object { extra[k] = v as? String ?? "\(v)" }
            }
            let lat = statement.double(3), lon = statement.double(4)
            var values = [String](repeating: "", count: layout.columns.count)
            for (i, source) in sources.enumerated() {
                if let only, !only.contains(i) { continue }
                if !extra.isEmpty, let original = extra[layout.columns[i]] { values[i] = original; continue }
                switch source {
                case .id: values[i] = statement.text(1) ?? ""
                case .date: values[i] = statement.text(2) ?? ""
                case .latitude: values[i] = NumberFormat.shortest(lat)
                case .longitude: values[i] = NumberFormat.shortest(lon)
                case .typed(let column): values[i] = statement.isNull(column) ? "" : (statement.text(column) ?? "")
                case .extraOnly: break
                }
            }
            return (Int(statement.int(0)), values, Coordinate(lon: lon, lat: lat))
        }

        /// Whether any wanted column is among the JSON's keys (a byte search before decoding).
        private func needsExtra(_ json: String, only: Set<Int>?) -> Bool {
            guard let only else { return true }
            let text = Array(json.utf8)
            return only.contains { i in
                let key = keyBytes[i]
                guard key.count <= text.count else { return false }
                return (0...(text.count - key.count)).contains { text[$0..<($0 + key.count)].elementsEqual(key) }
            }
        }
    }

    public func cursor(_ filter: Filter = Filter()) throws -> Cursor {
        try makeCursor(filter)
    }

    private func makeCursor(_ filter: Filter) throws -> Cursor {
        guard let layout else {
            throw FrontierError.emptyStore(file: path)
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

extension IncidentStore {
    /// The first and last event date of every stored row (days since 1970-01-01), whatever a query's box
    /// keeps: the period the store covers.
    public func period() throws -> ClosedRange<Int>? {
        guard let first = try db.scalar("SELECT min(event_date) FROM incidents"), let last = try db.scalar("SELECT max(event_date) FROM incidents"),
              case .success(let a) = CivilDate.parse(Substring(first)), case .success(let b) = CivilDate.parse(Substring(last)),
              a <= b else { return nil }
        return a.daysSinceEpoch...b.daysSinceEpoch
    }
}
