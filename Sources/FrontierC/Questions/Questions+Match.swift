import Frontier

/// Pairing two sources' reports of one event (`frontier match`): two inputs by path, the pairs (or the
/// events in none) as the answer, each input's reading and the matching's counts in the report.
extension Questions {
    static func match(_ o: RequestOptions) throws -> Answer {
        guard let a = try o.text("a"), let b = try o.text("b") else {
            throw OptionProblem(option: "a", message: "and b name the two inputs to pair (paths, stores or postgresql:// URLs)")
        }
        let within = try o.text("within") ?? "10km"
        guard let distance = try? Distance(parsing: within) else {
            throw OptionProblem(option: "within", message: "takes one distance with its unit (e.g. \"10km\"), not '\(MessageText.escaped(within))'")
        }
        let side = try o.text("unmatched").map { name in
            guard let side = MatchAnswer.Side(rawValue: name) else {
                throw OptionProblem(option: "unmatched", message: "must be a, b or both, not '\(MessageText.escaped(name))'")
            }
            return side
        }
        var request = MatchRequest(a: IncidentQuery(path: a, format: InputFormat(path: a) ?? .csv), b: IncidentQuery(path: b, format: InputFormat(path: b) ?? .csv),
                                   within: distance, days: try o.integer("days") ?? 1, geodata: try InputOptions.geodata(o))
        request.minScore = try o.number("min_score") ?? EventMatcher.defaultMinScore
        request.taxonomy = try o.text("taxonomy")
        try o.checkAllRead(question: "match")
        let found = try request.answer()
        var answer = try Answer(table: side.map(found.unmatched) ?? found.table)
        let r = found.result
        answer.report = ["pairs": r.pairs.count, "candidates": r.candidates, "unmatched_a": r.unmatchedA.count, "unmatched_b": r.unmatchedB.count,
                         "greedy_clusters": r.greedyClusters,
                         "read": [found.summaryA.read, found.summaryB.read], "rejected": [found.summaryA.rejected, found.summaryB.rejected]]
        return answer
    }
}
