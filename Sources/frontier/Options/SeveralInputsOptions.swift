import ArgumentParser
import Frontier

/// More inputs after the first, read with their own layouts into one answer, and their names (`source`).
struct SeveralInputsOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("More inputs read with the first, each with its own layout (a UCDP header is recognised) and id check.",
                                 valueName: "more"))
    var more: [String] = []

    @Option(name: .customLong("source-name"), help: ArgumentHelp("With several inputs: the name of each in turn (default: its file name).",
                                                                 valueName: "name"))
    var names: [String] = []

    var isSeveral: Bool { !more.isEmpty }

    /// Every input, the first (`input.incidents`) first.
    func paths(_ input: IncidentInputOptions) -> [String] { [input.incidents] + more }

    /// What several inputs cannot do is said before anything is read. `namesOne`: a single input may be
    /// named too (`import` names the store's source its rows go into).
    func check(_ input: IncidentInputOptions, namesOne: Bool = false) throws {
        let all = paths(input), format = { (path: String) in input.inputFormat.flatMap(InputFormat.init(rawValue:)) ?? InputFormat(path: path) }
        for case let path? in input.profiles.map(\.path) {
            guard all.contains(path) else {
                throw ValidationError("--profile names '\(MessageText.escaped(path))', which is not among the inputs: give NAME:FILE with FILE as given")
            }
            if format(path)?.isDatabase == true {
                throw ValidationError("--profile applies to CSV and GeoJSON: the store '\(MessageText.escaped(path))' reads its rows under the layout they were imported with")
            }
        }

        guard isSeveral || !names.isEmpty else { return }
        guard isSeveral || namesOne else { throw ValidationError("--source-name names each of several inputs: give two or more") }
        if !names.isEmpty && names.count != all.count {
            throw ValidationError("--source-name is given \(names.count) times for \(all.count) inputs: name each input once, in order")
        }
        if isSeveral, input.rejects != nil || input.mismatches != nil {
            throw ValidationError("--rejects and --mismatches write one input's rows: with several inputs, run them one input at a time")
        }
        if all.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input can be read once: give at most one input as -") }
    }

    /// The inputs as the engine reads them: each named, each read as the first would be with its own path,
    /// a store's source chosen (`stores`), and a store holding several sources standing for each of them
    /// (`NamedInput.expanding`).
    /// - Throws: `UsageError` when a store of several sources meets what one input alone may have
    ///   (--source-name, --rejects, --mismatches); the errors of opening a store.
    func sources(_ input: IncidentInputOptions, _ stores: StoreSourceOptions) throws -> [NamedInput] {
        let all = paths(input)
        let shown = names.isEmpty ? NamedInput.names(all) : names
        let given = try stores.applied(to: zip(shown, all).map { name, path in NamedInput(name: name, query: input.query(path)) })
        let expanded = try NamedInput.expanding(given)
        if expanded.count > given.count {
            if !names.isEmpty { throw UsageError("--source-name names each input given: a store holding several sources names its own") }
            if input.rejects != nil || input.mismatches != nil {
                throw UsageError("--rejects and --mismatches write one input's rows: a store holding several sources is read as one input per source")
            }
        }
        return expanded
    }

    /// The command's input files: the first's, then the others'.
    func files(_ input: IncidentInputOptions) -> CommandFiles {
        more.reduce(input.files) { $0 + .input($1, role: "an input this command reads") }
    }

    /// Writes a per-incident answer over several inputs (join, near): each input's notices, its rejections
    /// as they come, the rows, then each input's summary line.
    /// - Returns: each input's summary, and the first failure one of them reported, for the caller to throw
    ///   once its own total is said.
    static func write<Scan>(_ answer: SourcedAnswer<Scan>, input: IncidentInputOptions, output: OutputOptions) throws
        -> (summaries: [ScanSummary], failure: Error?) {
        answer.scans.forEach { $0.notices.forEach(Diagnostics.note) }
        if answer.columns.replacesSource { Diagnostics.note("notice: an input's own source column is replaced by the input's name") }
        let reports = try answer.scans.map { try ScanReport(scan: $0.scan, input: input, countsFatalities: false, checksMismatches: false) }
        let out = try IncidentOutput(output, names: answer.columns.names)
        let appended = answer.scans[0].columns.appended.count + 1
        let summaries = try answer.run({ reports[$0].events() }) { row in try out.write(row, appended: appended) }
        try out.finish()
        return (summaries, finish(reports, summaries: summaries, names: answer.sources.map(\.name)))
    }

    /// Says each input's summary line; returns the first failure one of them reported (`--strict`, every
    /// row rejected), for the caller to throw once its own total is said.
    static func finish(_ reports: [ScanReport], summaries: [ScanSummary], names: [String]) -> Error? {
        var failure: Error?
        for (k, report) in reports.enumerated() {
            do { try report.finish(summaries[k], line: "\(MessageText.escaped(names[k])): " + report.counts(summaries[k], locates: true)) } catch {
                failure = failure ?? error
            }
        }
        return failure
    }
}
