import Foundation
import Frontier
import FrontierArrow

/// The questions the C ABI answers, each from its options: the same requests the command line makes.
enum Questions {
    static let names = ["regions", "borders", "buffer", "join", "near", "aggregate", "hotspots", "trends", "map", "import"]

    /// - Throws: `OptionProblem` for an option given wrongly; `FrontierError` for what the request finds.
    /// - Parameter rows: the caller's table of incidents, for the questions that read incidents (else `input`).
    static func answer(_ question: String, _ o: RequestOptions, rows: (any IncidentRowSource)? = nil) throws -> Answer {
        let answer: Answer
        switch question {
        case "regions": answer = try regions(o)
        case "borders": answer = try Answer(table: BordersRequest(geodata: InputOptions.geodata(o)).answer().table)
        case "buffer": answer = try buffer(o)
        case "join": answer = try join(o, rows: rows)
        case "near": answer = try near(o, rows: rows)
        case "aggregate": answer = try aggregate(o, rows: rows)
        case "hotspots": answer = try hotspots(o, rows: rows)
        case "trends": answer = try trends(o, rows: rows)
        case "map": answer = try map(o, rows: rows)
        case "import": answer = try importIncidents(o, rows: rows)
        default:
            throw OptionProblem(option: nil, message: "no question '\(MessageText.escaped(question))' (there are: \(names.joined(separator: ", ")))")
        }
        try o.checkAllRead(question: question)
        return answer
    }

    private static func regions(_ o: RequestOptions) throws -> Answer {
        let request = RegionsRequest(places: try InputOptions.places(o), country: try o.text("country"), border: try o.text("border"),
                                     geodata: try InputOptions.geodata(o))
        return try Answer(table: request.answer().table)
    }

    private static func buffer(_ o: RequestOptions) throws -> Answer {
        let bands = try InputOptions.bands(o, required: true) ?? []
        guard bands.count == 1 else { throw OptionProblem(option: "within", message: "takes one distance for a buffer, not \(bands.count)") }
        let request = BufferRequest(target: try zoneTarget(o), within: bands[0], side: try o.text("side"), places: try InputOptions.places(o),
                                    geodata: try InputOptions.geodata(o))
        return try Answer(table: request.answer().table)
    }

    /// `border` or `region`: exactly one names the zone.
    private static func zoneTarget(_ o: RequestOptions) throws -> ZoneTarget {
        let border = try o.text("border"), region = try o.text("region")
        guard (border == nil) != (region == nil) else {
            throw OptionProblem(option: "border", message: "or region names the zone: give exactly one of them")
        }
        return border.map(ZoneTarget.border) ?? .region(region ?? "")
    }

    private static func join(_ o: RequestOptions, rows: (any IncidentRowSource)?) throws -> Answer {
        let request = JoinRequest(input: try InputOptions.query(o, rows: rows), places: try InputOptions.places(o), geodata: try InputOptions.geodata(o),
                                  columns: try o.list("columns"))
        try o.checkAllRead(question: "join")
        let scan = try request.open()
        let recorder = ScanRecorder()
        let columns = IncidentRowColumns(columns: scan.columns, scan: scan.scan)
        var builder = ArrowBatchBuilder(fields: columns.fields)
        let summary = try scan.run(recorder.events) { row in try builder.append(columns.row(row.incident, appended: row.appended)) }
        var answer = Answer(fields: columns.fields, batches: builder.finish())
        answer.report = try recorder.report(summary, file: scan.scan.name)
        return answer
    }

    private static func near(_ o: RequestOptions, rows: (any IncidentRowSource)?) throws -> Answer {
        let request = NearRequest(input: try InputOptions.query(o, rows: rows), target: try zoneTarget(o),
                                  within: try InputOptions.bands(o, required: true) ?? [], sides: try InputOptions.sides(o),
                                  places: try InputOptions.places(o), geodata: try InputOptions.geodata(o), columns: try o.list("columns"))
        try o.checkAllRead(question: "near")
        let scan = try request.open()
        let recorder = ScanRecorder()
        let columns = IncidentRowColumns(columns: scan.columns, scan: scan.scan)
        var builder = ArrowBatchBuilder(fields: columns.fields)
        let summary = try scan.run(recorder.events) { row in try builder.append(columns.row(row.incident, appended: row.appended)) }
        var answer = Answer(fields: columns.fields, batches: builder.finish())
        answer.report = try recorder.report(summary.scan, file: scan.scan.name)
        return answer
    }

    private static func aggregate(_ o: RequestOptions, rows: (any IncidentRowSource)?) throws -> Answer {
        let window = try InputOptions.window(o)
        let near = try InputOptions.nearBorder(o)
        let compare = try o.text("compare")
        let comparison: WindowComparison
        switch compare {
        case nil, "previous": comparison = .previous
        case "previous-year": comparison = .previousYear
        default: throw OptionProblem(option: "compare", message: "must be previous or previous-year, not '\(MessageText.escaped(compare ?? ""))'")
        }
        let request = AggregateRequest(input: try InputOptions.query(o, rows: rows), places: try InputOptions.places(o), chosen: try o.list("region") ?? [],
                                       geodata: try InputOptions.geodata(o), window: window, fill: try o.flag("fill"),
                                       comparesPrevious: compare != nil, split: try o.text("split"),
                                       includeUnmatched: try o.flag("include_unmatched"), near: near, comparison: comparison,
                                       datePrecision: try InputOptions.datePrecision(o))
        try o.checkAllRead(question: "aggregate")
        try request.validate()
        let recorder = ScanRecorder()
        let scan = try request.open()
        let result = try scan.run(recorder.events)
        var answer = try Answer(table: result.table)
        answer.report = try recorder.report(result.summary, file: scan.scan.name)
        return answer
    }

    private static func hotspots(_ o: RequestOptions, rows: (any IncidentRowSource)?) throws -> Answer {
        guard let distanceText = try o.text("distance") else {
            throw OptionProblem(option: "distance", message: "is missing: the neighbourhood's reach, e.g. \"15km\"")
        }
        let distance: Distance
        do { distance = try Distance(parsing: distanceText) } catch let error as FrontierError { throw OptionProblem(option: "distance", message: "\(error)") }
        let valueText = try o.text("value") ?? "events"
        guard let value = HotspotsValue(rawValue: valueText) else {
            throw OptionProblem(option: "value", message: "must be events or fatalities, not '\(MessageText.escaped(valueText))'")
        }
        let request = HotspotsRequest(input: try InputOptions.query(o, rows: rows), places: try InputOptions.places(o), geodata: try InputOptions.geodata(o),
                                      window: try InputOptions.window(o, fallback: "month"), distance: distance, timeLag: try o.integer("time_lag") ?? 1,
                                      alpha: try o.number("alpha") ?? 0.05, value: value, rows: try o.flag("summary") ? .summary : .bins,
                                      datePrecision: try InputOptions.datePrecision(o), near: try InputOptions.nearBorder(o), chosen: try o.list("region") ?? [])
        try o.checkAllRead(question: "hotspots")
        try request.validate()
        let recorder = ScanRecorder()
        let scan = try request.open()
        let result = try scan.run(recorder.events)
        var answer = try Answer(table: result.table)
        answer.report = try recorder.report(result.summary, file: scan.scan.name)
        return answer
    }

    private static func trends(_ o: RequestOptions, rows: (any IncidentRowSource)?) throws -> Answer {
        let defaults = SurgeAlerts.Thresholds()
        let thresholds = SurgeAlerts.Thresholds(surgeRatio: try o.number("surge_ratio") ?? defaults.surgeRatio,
                                                risingRatio: try o.number("rising_ratio") ?? defaults.risingRatio,
                                                minimumAverage: try o.number("min_average") ?? defaults.minimumAverage,
                                                volatilitySD: try o.number("volatility_sd") ?? defaults.volatilitySD,
                                                volatileMinimumEvents: try o.integer("volatile_min_events") ?? defaults.volatileMinimumEvents)
        let request = TrendsRequest(input: try InputOptions.query(o, rows: rows), places: try InputOptions.places(o), geodata: try InputOptions.geodata(o),
                                    asOf: try InputOptions.date(o, "as_of"), thresholds: thresholds, near: try InputOptions.nearBorder(o),
                                    chosen: try o.list("region") ?? [])
        try o.checkAllRead(question: "trends")
        try request.validate()
        let recorder = ScanRecorder()
        let scan = try request.open()
        let result = try scan.run(recorder.events)
        var answer = try Answer(table: result.table)
        answer.report = try recorder.report(result.summary, file: scan.scan.name)
        return answer
    }

    /// The report page (`frontier map`'s HTML) as a one-row answer: `format` and `document`, the whole page.
    private static func map(_ o: RequestOptions, rows: (any IncidentRowSource)?) throws -> Answer {
        let classes = try o.integer("classes") ?? 5
        let request = MapRequest(input: try InputOptions.query(o, rows: rows), places: try InputOptions.places(o), chosen: try o.list("region") ?? [],
                                 geodata: try InputOptions.geodata(o), window: try InputOptions.window(o, fallback: "week"),
                                 near: try InputOptions.nearBorder(o), classes: classes,
                                 title: try o.text("title") ?? "Incidents along Afghanistan's frontiers", format: .html,
                                 datePrecision: try InputOptions.datePrecision(o))
        try o.checkAllRead(question: "map")
        try request.validate()
        let recorder = ScanRecorder()
        let scan = try request.open()
        let result = try scan.run(recorder.events)
        var builder = ArrowBatchBuilder(fields: [ArrowField(name: "format", kind: .utf8), ArrowField(name: "document", kind: .utf8)])
        try builder.append([.text("html"), .text(String(decoding: result.document, as: UTF8.self))])
        var answer = Answer(fields: builder.fields, batches: builder.finish())
        answer.report = try recorder.report(result.summary, file: scan.scan.name)
        answer.report["mapped"] = result.mapped
        return answer
    }

    /// Stores the incidents (`frontier import`): `store` (a GeoPackage, created when missing) or `db` (a
    /// PostGIS URL); `sync`, `allow_mass_delete`, `strict`. The answer is one row of what happened.
    private static func importIncidents(_ o: RequestOptions, rows: (any IncidentRowSource)?) throws -> Answer {
        let store = try o.text("store"), db = try o.text("db")
        guard (store == nil) != (db == nil) else {
            throw OptionProblem(option: "store", message: "or db names where the incidents go: give exactly one of them")
        }
        let request = ImportRequest(input: try InputOptions.query(o, rows: rows), destination: db.map { .postgis(url: $0) } ?? .store(path: store ?? ""),
                                    sync: try o.flag("sync"), allowMassDelete: try o.flag("allow_mass_delete"), strict: try o.flag("strict"),
                                    geodata: try InputOptions.geodata(o))
        try o.checkAllRead(question: "import")
        try request.validate()
        let recorder = ScanRecorder()
        let importing = try request.open()
        let result: ImportAnswer
        do { result = try importing.run(recorder.events) } catch is ImportScan.EveryRowRejected {
            throw FrontierError.everyRowRejected(file: importing.scan.name, reasons: importing.summary.rejectedByKind)
        }
        let r = result.report
        let fields = ["read", "rejected", "inserted", "updated", "unchanged", "deleted"].map { ArrowField(name: $0, kind: .int64) }
            + [ArrowField(name: "destination", kind: .utf8), ArrowField(name: "warning", kind: .utf8)]
        var builder = ArrowBatchBuilder(fields: fields)
        try builder.append([r.read, r.rejected, r.inserted, r.updated, r.unchanged, r.deleted].map { ArrowValue.int(Int64($0)) }
                           + [.text(result.destinationName), r.warning.map(ArrowValue.text)])
        var answer = Answer(fields: fields, batches: builder.finish())
        answer.report = try recorder.report(result.summary, file: importing.scan.name)
        return answer
    }
}
