import Foundation
import Frontier
import FrontierArrow

/// The questions the C ABI answers, each from its options: the same requests the command line makes.
enum Questions {
    static let names = ["regions", "borders", "buffer", "join", "near", "aggregate", "hotspots", "trends", "map", "import", "match"]

    /// - Throws: `OptionProblem` for an option given wrongly; `FrontierError` for what the request finds.
    /// - Parameter rows: the caller's table of incidents, for the questions that read incidents (else `input`).
    /// - Parameter stage: how much of a counting question to answer (`Stage`); the whole for every other.
    static func answer(_ question: String, _ o: RequestOptions, rows: (any IncidentTable)? = nil, stage: Stage = .whole) throws -> Answer {
        // Like --strict: a rejected row fails the question (exit 65 on the command line), once the whole is read.
        let strict = readsIncidents.contains(question) && question != "import" ? try o.flag("strict") : false
        let answer: Answer
        switch question {
        case "regions": answer = try regions(o)
        case "borders": answer = try Answer(table: BordersRequest(geodata: InputOptions.geodata(o)).answer().table)
        case "buffer": answer = try buffer(o)
        case "join": answer = try join(o, rows: rows)
        case "near": answer = try near(o, rows: rows)
        case "aggregate": answer = try aggregate(o, rows: rows, stage: stage)
        case "hotspots": answer = try hotspots(o, rows: rows, stage: stage)
        case "trends": answer = try trends(o, rows: rows, stage: stage)
        case "map": answer = try map(o, rows: rows)
        case "import": answer = try importIncidents(o, rows: rows)
        case "match": answer = try match(o)
        default:
            throw OptionProblem(option: nil, message: "no question '\(MessageText.escaped(question))' (there are: \(names.joined(separator: ", ")))")
        }
        try o.checkAllRead(question: question)
        if strict, let rejected = answer.report["rejected"] as? Int, rejected > 0, !stage.isCount {
            throw FrontierError.rejectedWhenStrict(file: try o.text("input") ?? "the table", reasons: answer.report["rejected_by_kind"] as? [String: Int] ?? [:])
        }
        return answer
    }

    /// The questions that read incidents (and so take the input's options).
    static let readsIncidents: Set<String> = ["join", "near", "aggregate", "hotspots", "trends", "map", "import"]

    /// `border` or `region`: exactly one names the zone.
    static func zoneTarget(_ o: RequestOptions) throws -> ZoneTarget {
        let border = try o.text("border"), region = try o.text("region")
        guard (border == nil) != (region == nil) else {
            throw OptionProblem(option: "border", message: "or region names the zone: give exactly one of them")
        }
        return border.map(ZoneTarget.border) ?? .region(region ?? "")
    }

    /// The recorder of a question reading incidents located in `places`, listing mismatches when the
    /// `mismatches` keyword asks (as `--mismatches` does: for the bundled regions only).
    static func recorder(_ o: RequestOptions, places: PlaceSource?) throws -> ScanRecorder {
        ScanRecorder(mismatches: try o.flag("mismatches"), comparable: places?.isBundled ?? false)
    }

    /// Runs a scan whose answer is a table (`run` gets the events to report through), recording its rejected rows.
    static func tableAnswer(scan: IncidentScan, recorder: ScanRecorder = ScanRecorder(),
                            _ run: (ScanEvents) throws -> (RecordTable, ScanSummary)) throws -> Answer {
        let (table, summary) = try run(recorder.events)
        var answer = try Answer(table: table)
        answer.report = try recorder.report(summary, scan: scan)
        return answer
    }

    /// Runs a per-incident scan: `run` hands each kept incident and the answer's appended values to `write`.
    static func rowsAnswer(columns: IncidentColumns, scan: IncidentScan, recorder: ScanRecorder,
                           _ run: (ScanEvents, (Incident, [PropertyValue]) throws -> Void) throws -> ScanSummary) throws -> Answer {
        let typed = IncidentRowColumns(columns: columns, scan: scan)
        var builder = ArrowBatchBuilder(fields: typed.fields)
        let summary = try run(recorder.events) { incident, appended in try builder.append(typed.row(incident, appended: appended)) }
        var answer = Answer(fields: typed.fields, batches: builder.finish())
        answer.report = try recorder.report(summary, scan: scan, countsFatalities: false)
        return answer
    }
}
