import Frontier
import FrontierArrow

/// A part's cells (`PartialCounts.Cell`) as an Arrow table, with one fixed schema whatever the question, so a
/// caller can add parts together in its own engine (Spark's `groupBy(keys).sum(sums)`) and hand the sums back:
///
/// | column | type | what |
/// |---|---|---|
/// | region_id | utf8 | the region's id; null for a grid cell or no place |
/// | cell_x, cell_y | int64 | a grid cell's numbers; null for a region or no place |
/// | window | int64 | the window's ordinal (trends: the day since 1970-01-01) |
/// | band | int64 | the distance band's index, nearest first |
/// | split | utf8 | the split column's value; null when not splitting |
/// | events, fatalities | int64 | whole counts (summed) |
/// | event_share, fatality_share | float64 | spread shares (summed) |
/// | first_day, last_day | date32 | the cell's first and last day (min, max); null where not kept |
enum PartCells {
    /// The columns a caller groups by, and the ones it sums, takes the least of and the most of.
    static let keys = ["region_id", "cell_x", "cell_y", "window", "band", "split"]
    static let sums = ["events", "fatalities", "event_share", "fatality_share"]

    static let fields: [ArrowField] = [
        ArrowField(name: "region_id", kind: .utf8), ArrowField(name: "cell_x", kind: .int64), ArrowField(name: "cell_y", kind: .int64),
        ArrowField(name: "window", kind: .int64), ArrowField(name: "band", kind: .int64), ArrowField(name: "split", kind: .utf8),
        ArrowField(name: "events", kind: .int64), ArrowField(name: "fatalities", kind: .int64),
        ArrowField(name: "event_share", kind: .float64), ArrowField(name: "fatality_share", kind: .float64),
        ArrowField(name: "first_day", kind: .date32), ArrowField(name: "last_day", kind: .date32),
    ]

    static func batches(_ cells: [PartialCounts.Cell]) throws -> [ArrowBatch] {
        var builder = ArrowBatchBuilder(fields: fields)
        for c in cells {
            var region: ArrowValue?, x: ArrowValue?, y: ArrowValue?
            switch c.place {
            case .region(let id): region = .text(id)
            case .cell(let cell): (x, y) = (.int(Int64(cell.x)), .int(Int64(cell.y)))
            case .none: break
            }
            try builder.append([
                region, x, y, .int(Int64(c.window)), .int(Int64(c.band)), c.split.map(ArrowValue.text),
                .int(Int64(c.counts.events)), .int(Int64(c.counts.fatalities)),
                .double(c.counts.eventShare), .double(c.counts.fatalityShare),
                c.firstDay.map { .date(Int32(clamping: $0)) }, c.lastDay.map { .date(Int32(clamping: $0)) },
            ])
        }
        return builder.finish()
    }

    /// The cells of a table `batches` wrote (or any table with its columns, in any order; extra columns are
    /// ignored), read through to the end.
    /// - Throws: `FrontierError.invalid` naming the column missing or the row whose value is not its type's.
    static func read(_ reader: ArrowStreamReader, name: String) throws -> [PartialCounts.Cell] {
        var position: [String: Int] = [:]
        for field in fields {
            guard let i = reader.names.firstIndex(of: field.name) else {
                throw FrontierError.invalid(file: name, reason: "the counts to finish have no column '\(field.name)' (they need \(fields.map(\.name).joined(separator: ", ")))")
            }
            position[field.name] = i
        }
        var cells: [PartialCounts.Cell] = []
        var row = 0
        while let batch = try reader.next(name: name) {
            for r in 0..<batch.length {
                row += 1
                func value(_ column: String) -> PropertyValue { batch.value(column: position[column]!, row: r) }
                func bad(_ column: String) -> FrontierError {
                    FrontierError.invalid(file: name, reason: "row \(row) of the counts to finish has no readable '\(column)'")
                }
                func integer(_ column: String, optional: Bool = false) throws -> Int? {
                    switch value(column) {
                    case .int(let n): return Int(n)
                    case .null where optional: return nil
                    default: throw bad(column)
                    }
                }
                func number(_ column: String) throws -> Double {
                    switch value(column) {
                    case .double(let d): return d
                    case .int(let n): return Double(n)
                    default: throw bad(column)
                    }
                }
                func day(_ column: String) throws -> Int? {
                    switch value(column) {
                    case .null: return nil
                    case .string(let s):
                        guard case .success(let d) = CivilDate.parse(Substring(s)) else { throw bad(column) }
                        return d.daysSinceEpoch
                    default: throw bad(column)
                    }
                }
                let place: PartialCounts.Place
                switch (value("region_id"), try integer("cell_x", optional: true), try integer("cell_y", optional: true)) {
                case (.string(let id), nil, nil): place = .region(id)
                case (.null, let x?, let y?): place = .cell(Grid.Cell(x: x, y: y))
                case (.null, nil, nil): place = .none
                default: throw bad("region_id")
                }
                let split: String?
                switch value("split") {
                case .null: split = nil
                case .string(let s): split = s
                default: throw bad("split")
                }
                let counts = Aggregation.Counts(events: try integer("events") ?? 0, fatalities: try integer("fatalities") ?? 0,
                                                eventShare: try number("event_share"), fatalityShare: try number("fatality_share"))
                cells.append(PartialCounts.Cell(place: place, window: try integer("window") ?? 0, band: try integer("band") ?? 0, split: split,
                                                counts: counts, firstDay: try day("first_day"), lastDay: try day("last_day")))
            }
        }
        return cells
    }
}
