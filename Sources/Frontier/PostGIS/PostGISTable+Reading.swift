import Foundation
import Geo

/// Reading the table back as incident rows, like a store, through a cursor fetched in batches: the box through
/// the GiST index (`&&`, whose
/// float boxes are rounded outwards, so it only ever keeps too many: the command decides exactly), the
/// dates through the date index, rows in fid order.
extension PostGISTable: IncidentDatabase {
    public var name: String { url.masked }

    public func rows(_ filter: IncidentStore.Filter) throws -> any StoredRowCursor {
        guard let layout else { throw FrontierError.emptyStore(file: url.masked) }
        return try Cursor(table: self, layout: layout, filter: filter)
    }

    public func period() throws -> ClosedRange<Int>? {
        let r = try connection.execute("SELECT min(event_date)::text, max(event_date)::text FROM \(url.quotedTable)")
        guard r.rows == 1, let first = r.text(0, 0), let last = r.text(0, 1),
              case .success(let a) = CivilDate.parse(Substring(first)), case .success(let b) = CivilDate.parse(Substring(last)),
              a <= b else { return nil }
        return a.daysSinceEpoch...b.daysSinceEpoch
    }

    final class Cursor: StoredRowCursor {
        private let stream: PGRowStream
        private let decoder: StoredRowDecoder
        private let table: PostGISTable

        init(table: PostGISTable, layout: IncidentStore.Layout, filter: IncidentStore.Filter) throws {
            self.table = table
            decoder = StoredRowDecoder(layout: layout)
            var sql = "SELECT fid, event_id, event_date::text, latitude, longitude, extra::text, "
                + IncidentStore.typedColumns.map { PGConnection.quote(identifier: $0.name) + "::text" }.joined(separator: ", ")
                + " FROM \(table.url.quotedTable)"
            var conditions: [String] = []
            var values: [String?] = []
            func parameter(_ v: String) -> String { values.append(v); return "$\(values.count)" }
            if let box = filter.box {
                let corners = [box.minX, box.minY, box.maxX, box.maxY].map { parameter(String($0)) }
                conditions.append("geom && ST_MakeEnvelope(\(corners.map { "\($0)::float8" }.joined(separator: ", ")), 4326)")
            }
            if let from = filter.from { conditions.append("event_date >= \(parameter(from.description))::date") }
            if let to = filter.to { conditions.append("event_date <= \(parameter(to.description))::date") }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY fid"
            stream = try table.connection.rows(sql, values)
        }

        func next(only: Set<Int>?) throws -> (fid: Int, values: [String], point: Coordinate)? {
            guard let (r, i) = try stream.next() else { return nil }
            guard let fid = r.text(i, 0).flatMap(Int.init), let lat = r.double(i, 3), let lon = r.double(i, 4) else {
                throw FrontierError.database(database: table.url.masked, reason: "a row of \(table.url.table) has no fid or position")
            }
            let values = decoder.values(id: r.text(i, 1), date: r.text(i, 2), lat: lat, lon: lon, extraJSON: r.text(i, 5), only: only) { k in
                r.text(i, 6 + k)
            }
            return (fid, values, Coordinate(lon: lon, lat: lat))
        }
    }
}
