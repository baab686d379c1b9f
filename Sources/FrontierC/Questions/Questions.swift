import Foundation
import Frontier
import FrontierArrow

/// The questions the C ABI answers, each from its options: the same requests the command line makes.
enum Questions {
    static let names = ["regions", "borders", "join", "near", "aggregate"]

    /// - Throws: `OptionProblem` for an option given wrongly; `FrontierError` for what the request finds.
    /// - Parameter rows: the caller's table of incidents, for the questions that read incidents (else `input`).
    static func answer(_ question: String, _ o: RequestOptions, rows: (any IncidentRowSource)? = nil) throws -> Answer {
        let answer: Answer
        switch question {
        case "regions": answer = try regions(o)
        case "borders": answer = try Answer(table: BordersRequest(geodata: InputOptions.geodata(o)).answer().table)
        case "join": answer = try join(o, rows: rows)
        case "near": answer = try near(o, rows: rows)
        case "aggregate": answer = try aggregate(o, rows: rows)
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
        let border = try o.text("border"), region = try o.text("region")
        guard (border == nil) != (region == nil) else {
            throw OptionProblem(option: "border", message: "or region names the zone: give exactly one of them")
        }
        let request = NearRequest(input: try InputOptions.query(o, rows: rows), target: border.map(ZoneTarget.border) ?? .region(region ?? ""),
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
        guard let windowText = try o.text("window") else {
            throw OptionProblem(option: "window", message: "is missing: day, week, month, quarter, year, all or Nd")
        }
        let window: TimeWindow
        do { window = try TimeWindow(parsing: windowText, weekStart: try o.text("week_start") ?? "monday") } catch let error as FrontierError {
            throw OptionProblem(option: "window", message: "\(error)")
        }
        var near: NearBorder?
        if let border = try o.text("near") {
            near = NearBorder(border: border, within: try InputOptions.bands(o, required: true) ?? [], sides: try InputOptions.sides(o))
        }
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
                                       includeUnmatched: try o.flag("include_unmatched"), near: near, comparison: comparison)
        try o.checkAllRead(question: "aggregate")
        try request.validate()
        let recorder = ScanRecorder()
        let scan = try request.open()
        let result = try scan.run(recorder.events)
        var answer = try Answer(table: result.table)
        answer.report = try recorder.report(result.summary, file: scan.scan.name)
        return answer
    }
}
