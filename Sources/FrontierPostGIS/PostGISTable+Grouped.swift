import Foundation
import Geo
import FrontierBase
import FrontierTables

extension PostGISTable {
    /// An aggregate pushed down: the server locates the rows (`locatedSQL`) and groups them by region and by
    /// every value the query reads of a row (date, precision, reported place, the split field and the
    /// filter's columns), counting them and summing their fatalities; Frontier gets one row per group, its
    /// count as `StoredRow.weight`, and makes the windows from the dates as it always does (ISO and Saturday
    /// weeks, Nd). The answer is small (regions × days × values) and read whole, as one query rather than a
    /// cursor, which PostgreSQL would not run in parallel.
    final class GroupedRows: StoredRowCursor {
        private let table: PostGISTable
        private let layout: IncidentTableLayout
        private let fatalitiesField: String
        private let filter: IncidentTableFilter
        private let locate: ServerLocating
        /// Read at the first `next`, which says which columns the command reads (the groups' keys); each
        /// group becomes a row when asked for (all of them as rows at once took 90 MB at 5M incidents).
        private var answer: (result: PGResult, keys: [(column: Int, sql: String)], index: [String: Int])?
        /// Where a group's fatalities sum and its stand-in id go among the layout's columns.
        private lazy var fatalitiesColumn = layout.columns.firstIndex(of: fatalitiesField)
        private lazy var idColumn = layout.columns.firstIndex(of: layout.idField)
        private var position = 0

        /// Nil when the layout cannot be grouped (no recorded fatalities column: its counts come from text).
        init?(table: PostGISTable, layout: IncidentTableLayout, filter: IncidentTableFilter, locate: ServerLocating) {
            guard let fatalitiesField = layout.fatalitiesField else { return nil }
            self.table = table
            self.layout = layout
            self.fatalitiesField = fatalitiesField
            self.filter = filter
            self.locate = locate
        }

        func next(only: Set<Int>?) throws -> StoredRow? {
            if answer == nil { answer = try read(only) }
            guard let (result, keys, index) = answer, position < result.rows else { return nil }
            defer { position += 1 }
            let r = position
            let countColumn = 1 + keys.count
            func number(_ column: Int) throws -> Int {
                guard let text = result.text(r, column), let n = Int(text) else {
                    throw FrontierError.database(database: table.url.masked, reason: "a group's count or fatalities sum (\(result.text(r, column) ?? "NULL")) does not fit a 64-bit integer")
                }
                return n
            }
            var values = [String](repeating: "", count: layout.columns.count)
            for (k, key) in keys.enumerated() { values[key.column] = result.text(r, 1 + k) ?? "" }
            // A group of unknown counts (its sum is of NULLs) reads as unknown, as each of its rows would.
            let unknown = result.text(r, countColumn + 2) == "t"
            if let i = fatalitiesColumn { values[i] = unknown ? "NA" : String(try number(countColumn + 1)) }
            if let i = idColumn { values[i] = "group" }  // read as an id, never shown
            return StoredRow(fid: 0, values: values, point: Coordinate(lon: 0, lat: 0),
                             serverRegion: try table.region(result.text(r, 0), in: index), weight: try number(countColumn))
        }

        /// Binds `value` as the next text parameter.
        private func parameter(_ value: String, _ values: inout [String?]) -> String {
            values.append(value)
            return "$\(values.count)::text"
        }

        private func read(_ only: Set<Int>?) throws -> (PGResult, [(column: Int, sql: String)], [String: Int]) {
            let decoder = StoredRowDecoder(layout: layout)
            // One SQL expression per column the command reads: the text the decoder would give. The column's
            // name, a key of `extra`, is a bound parameter like every value.
            var values: [String?] = []
            var keys: [(column: Int, sql: String)] = []
            for (column, source) in decoder.sources.enumerated() where only?.contains(column) ?? true {
                let name = layout.columns[column]
                func key() -> String { values.append(name); return "$\(values.count)::text" }
                switch source {
                case .id, .latitude, .longitude: continue  // never read by a command that counts
                case .date: keys.append((column, "i.event_date::text"))
                case .typed(let k):
                    if name == fatalitiesField { continue }  // summed
                    let typed = "i." + PGConnection.quote(identifier: IncidentTableSchema.typedColumns[k].name) + "::text"
                    keys.append((column, "COALESCE(i.extra ->> \(key()), \(typed))"))
                case .extraOnly: keys.append((column, "i.extra ->> \(key())"))
                }
            }
            let t = table.url.quotedTable
            let aliases = keys.indices.map { "k\($0)" }
            // Whether the row's fatalities are a word for unknown (the text is in `extra`, the typed column
            // NULL): such rows are grouped apart, so their count of unknown values is kept.
            let fatalitiesText = "COALESCE(i.extra ->> \(parameter(fatalitiesField, &values)), i.fatalities::text)"
            let words = Incident.unknownFatalitiesWords.sorted().map { parameter($0, &values) }.joined(separator: ", ")
            let unknown = "COALESCE(lower(btrim(\(fatalitiesText), ' ' || chr(9))) IN (\(words)), false)"
            let located = PostGISTable.locatedSQL(t, filter: filter, locate: locate,
                                                  columns: zip(keys.map(\.sql), aliases).map { ($0, $1) } + [("i.fatalities", "f"), (unknown, "u")],
                                                  values: &values)
            let keyList = aliases.map { ", " + $0 }.joined()
            let sql = "SELECT region_id\(keyList), count(*)::text, COALESCE(sum(f), 0)::text, u FROM (\(located)) l GROUP BY region_id\(keyList), u"
            let result = try table.connection.transaction { () throws -> PGResult in
                // JIT-compiling the plan cost 1.8 s at 1M rows and saved nothing; with room to hash the groups
                // they are not sorted on disk (this transaction only).
                try table.connection.execute("SET LOCAL jit = off; SET LOCAL work_mem = '256MB'")
                return try table.connection.execute(sql, values)
            }
            return (result, keys, Dictionary(uniqueKeysWithValues: locate.regionIDs.enumerated().map { ($1, $0) }))
        }
    }
}
