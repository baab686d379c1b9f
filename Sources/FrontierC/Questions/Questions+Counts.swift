import Frontier

/// The questions that count incidents per place and window: tables built by the engine's own rules.
extension Questions {
    static func aggregate(_ o: RequestOptions, rows: (any IncidentTable)?, stage: Stage) throws -> Answer {
        let window = try InputOptions.window(o, anchors: true)
        let near = try InputOptions.nearBorder(o)
        let compare = try o.text("compare")
        let sort = try o.text("sort") ?? "region"
        guard let order = Aggregation.Order(rawValue: sort) else {
            throw OptionProblem(option: "sort", message: "takes region, events or change, not '\(MessageText.escaped(sort))'")
        }
        let comparison: WindowComparison
        switch compare {
        case nil, "previous": comparison = .previous
        case "previous-year": comparison = .previousYear
        default: throw OptionProblem(option: "compare", message: "must be previous or previous-year, not '\(MessageText.escaped(compare ?? ""))'")
        }
        let places = try InputOptions.places(o)
        let recorder = try recorder(o, places: places)
        var request = AggregateRequest(input: try InputOptions.query(o, rows: rows), places: places, chosen: try o.list("region") ?? [],
                                       geodata: try InputOptions.geodata(o), window: window, fill: try o.flag("fill"),
                                       partialColumn: try o.flag("partial") ? true : nil, comparesPrevious: compare != nil,
                                       order: order, top: try o.integer("top"), split: try o.text("split"),
                                       includeUnmatched: try o.flag("include_unmatched"), near: near,
                                       listsMismatches: recorder.listsMismatches, comparison: comparison,
                                       datePrecision: try InputOptions.datePrecision(o))
        request.regionCode = try o.flag("region_code")
        try o.checkAllRead(question: "aggregate")
        try request.validate()
        let scan = try request.open()
        var (answer, result) = try counting(stage, scan: scan.scan, recorder: recorder, run: scan.run, partial: scan.partial,
                                            finish: scan.finish) { ($0.table, $0.summary) }
        // Windows the data covers only in part count fewer days than they hold: said, so a low count is not read as a fall.
        if let result { answer.report["partial_windows"] = result.partialWindows.map { [$0.start.description, $0.end.description] } }
        return answer
    }

    static func hotspots(_ o: RequestOptions, rows: (any IncidentTable)?, stage: Stage) throws -> Answer {
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
        // Hot spots list no mismatches (as on the command line): asked, a notice says so.
        let recorder = try recorder(o, places: nil)
        try o.checkAllRead(question: "hotspots")
        try request.validate()
        let scan = try request.open()
        return try counting(stage, scan: scan.scan, recorder: recorder, run: scan.run, partial: scan.partial, finish: scan.finish) {
            ($0.table, $0.summary)
        }.answer
    }

    static func trends(_ o: RequestOptions, rows: (any IncidentTable)?, stage: Stage) throws -> Answer {
        let defaults = SurgeAlerts.Thresholds()
        let thresholds = SurgeAlerts.Thresholds(surgeRatio: try o.number("surge_ratio") ?? defaults.surgeRatio,
                                                risingRatio: try o.number("rising_ratio") ?? defaults.risingRatio,
                                                minimumAverage: try o.number("min_average") ?? defaults.minimumAverage,
                                                volatilitySD: try o.number("volatility_sd") ?? defaults.volatilitySD,
                                                volatileMinimumEvents: try o.integer("volatile_min_events") ?? defaults.volatileMinimumEvents)
        var request = TrendsRequest(input: try InputOptions.query(o, rows: rows), places: try InputOptions.places(o), geodata: try InputOptions.geodata(o),
                                    asOf: try InputOptions.date(o, "as_of"), thresholds: thresholds, near: try InputOptions.nearBorder(o),
                                    chosen: try o.list("region") ?? [])
        request.regionCode = try o.flag("region_code")
        // Trends list no mismatches (as on the command line): asked, a notice says so.
        let recorder = try recorder(o, places: nil)
        try o.checkAllRead(question: "trends")
        try request.validate()
        let scan = try request.open()
        return try counting(stage, scan: scan.scan, recorder: recorder, run: scan.run, partial: scan.partial, finish: scan.finish) {
            ($0.table, $0.summary)
        }.answer
    }

    /// Answers a counting question at its stage: `whole` reads the input and answers; `count` answers with
    /// the part's cells (`PartCells`), its report holding the `part` to finish with (and, asked, the part's
    /// mismatched rows, lines within the part); `finish` answers from the parts' counts added together, its
    /// report the parts' merged summary.
    /// - Returns: the answer, and the question's own result (nil when counting a part).
    /// - Throws: `OptionProblem` for `mismatches` at `finish`, which reads no rows.
    static func counting<Result>(_ stage: Stage, scan: IncidentScan, recorder: ScanRecorder, run: (ScanEvents) throws -> Result,
                                 partial: (ScanEvents) throws -> PartialCounts, finish: (PartialCounts) throws -> Result,
                                 table: (Result) throws -> (RecordTable, ScanSummary)) throws -> (answer: Answer, result: Result?) {
        var result: Result?
        if recorder.mismatchesAsked, case .finish = stage {
            // The finish reads no rows: each part lists its own at stage count.
            throw OptionProblem(option: "mismatches", message: "lists the rows a scan reads: at stage count each part lists its own, not at stage finish")
        }
        switch stage {
        case .whole:
            let answer = try tableAnswer(scan: scan, recorder: recorder) { events in
                let r = try run(events)
                result = r
                return try table(r)
            }
            return (answer, result)
        case .count:
            let counts = try partial(recorder.events)
            var answer = Answer(fields: PartCells.fields, batches: try PartCells.batches(counts.cells))
            // A part whose every row was rejected is no error: the other parts may hold the rows; `finish` decides.
            answer.report = try recorder.report(counts.summary, scan: scan, refusesEmpty: false)
            answer.report["part"] = PartReport.json(counts.summary, dateRanges: counts.dateRanges)
            return (answer, nil)
        case .finish(let whole, _):
            let answer = try tableAnswer(scan: scan) { _ in
                let r = try finish(whole)
                result = r
                return try table(r)
            }
            return (answer, result)
        }
    }
}
