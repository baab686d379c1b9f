import CArrow
import Frontier
import FrontierArrow

/// How much of a counting question (aggregate, hotspots, trends) one call answers, by the `stage` option:
/// the whole (the default), the counts of one part of the input (`count`: a Spark partition's), or the answer
/// from every part's counts (`finish`: the input stream is then their cells, added together or not, and
/// `parts` their reports' `part`s, `columns` the input's column names, so that the request opens as it did
/// for the parts).
enum Stage {
    case whole
    case count
    case finish(PartialCounts, columns: [String])

    static let questions: Set<String> = ["aggregate", "hotspots", "trends"]

    /// Reads `stage` (and with `finish`, `parts` and `columns`, and the cells from `input`, moved in).
    /// - Throws: `OptionProblem` for a stage that is not one, or a finish without its parts or input;
    ///   `FrontierError` for cells that cannot be read.
    init(_ o: RequestOptions, question: String, input: UnsafeMutablePointer<ArrowArrayStream>?) throws {
        // Other questions leave `stage` unread: given to them, it is an unknown option, named as such.
        guard Self.questions.contains(question) else {
            self = .whole
            return
        }
        let name = try o.text("stage")
        switch name {
        case nil, "whole": self = .whole
        case "count": self = .count
        case "finish":
            guard let parts = try o.objects("parts"), !parts.isEmpty, let columns = try o.list("columns") else {
                throw OptionProblem(option: "parts", message: "and columns are needed to finish: each part's report[\"part\"] (one at least), and the input's column names")
            }
            guard let input else { throw OptionProblem(option: "stage", message: "finish reads the parts' cells from the input table, and none was given") }
            let read = try parts.enumerated().map { try PartReport.part($1, index: $0) }
            let cells = try PartCells.read(try ArrowStreamReader(moving: input, name: "the counts to finish"), name: "the counts to finish")
            let whole = try PartialCounts.adding([PartialCounts(cells: cells, summary: ScanSummary())]
                                                 + read.map { PartialCounts(cells: [], summary: $0.summary, dateRanges: $0.dateRanges) })
            self = .finish(whole, columns: columns)
        default:
            throw OptionProblem(option: "stage", message: "must be whole, count or finish, not '\(MessageText.escaped(name ?? ""))'")
        }
    }

    /// Counting one part: its rejections are judged (strict) only once the parts are finished.
    var isCount: Bool {
        if case .count = self { return true }
        return false
    }

    /// The rows a finishing request opens: none, under the input's own column names.
    var emptyInput: (any IncidentTable)? {
        guard case .finish(_, let columns) = self else { return nil }
        return NoIncidentRows(columns: columns)
    }
}

/// A table of no rows with these columns: what a finishing request opens, so that its columns, notices and
/// checks are those the parts were counted with.
final class NoIncidentRows: IncidentTable, Sendable {
    let columns: [String]
    init(columns: [String]) { self.columns = columns }
    func nextPart() throws -> IncidentRowPart? { nil }
}
