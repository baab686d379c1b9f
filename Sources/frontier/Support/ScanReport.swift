import ArgumentParser
import Foundation
import Frontier

/// What every reading command says about its input, said one way: notices about missing columns, the first
/// rejected rows on stderr and all of them in --rejects, the --mismatches listing, the closing summary, and
/// the exit code (65 for rejections under --strict, 1 when every row was rejected).
final class ScanReport {
    let scan: IncidentScan
    private let input: IncidentInputOptions
    /// Whether the command's answer uses fatalities (then a missing column is worth a notice).
    private let countsFatalities: Bool
    private var rejectsFile: (file: OutputFile, rows: RowStreamWriter)?
    private var mismatchFile: (file: OutputFile, rows: RowStreamWriter)?
    private var shown = 0
    private var writeError: Error?
    static let shownLimit = 10
    /// The input's name as messages show it (a file name may hold anything but NUL and '/').
    private var shownName: String { MessageText.escaped(scan.name) }

    /// The field mapping in use, for the notice that names a detected profile.
    static func describe(_ f: IncidentFields) -> String {
        "id \(f.id), date \(f.date), fatalities \(f.fatalities), admin-1 \(f.admin1), precision \(f.geoPrecision)"
    }

    /// `countsFatalities`: whether the command's answer uses fatalities (then a missing column is worth a notice).
    init(scan: IncidentScan, input: IncidentInputOptions, countsFatalities: Bool, checksMismatches: Bool) throws {
        self.scan = scan
        self.input = input
        self.countsFatalities = countsFatalities
        scan.notices.forEach(note)
        if let path = input.rejects {
            let file = try OutputFile(path)
            rejectsFile = (file, file.rows(format: .csv, columns: scan.columns + ["reject_reason"]))
        }
        if let path = input.mismatches {
            if !checksMismatches {
                Diagnostics.note("notice: --mismatches compares with the bundled regions only: nothing to list for these regions")
            } else if scan.fieldColumns.country == nil && scan.fieldColumns.admin1 == nil {
                Diagnostics.note("notice: the input has no country/admin1 columns: nothing to compare for --mismatches")
            } else {
                let file = try OutputFile(path)
                mismatchFile = (file, file.rows(format: .csv, columns: [
                    "line", "id", "reported_country", "reported_admin1", "region_id", "region_country", "region_name", "latitude", "longitude",
                ]))
            }
        }
    }

    func reject(_ r: Rejection) {
        if shown < ScanReport.shownLimit {
            Diagnostics.note("rejected \(shownName):\(r.line): \(r.place): \(r.reason)" + Self.hint(r.problem))
            shown += 1
        }
        guard let (file, rows) = rejectsFile, writeError == nil else { return }
        do {
            try rows.write(values: r.values.map(PropertyValue.string) + [.string("line \(r.line), \(r.place): \(r.reason)")], point: nil)
        } catch { writeError = file.failure(error) }
    }

    /// The flag that changes a rejection's rule, where one does.
    static func hint(_ problem: RowProblem) -> String {
        if case .implausibleDate = problem { return " (accept other years with --years, e.g. --years 1800-2100)" }
        return ""
    }

    /// Lists a kept incident whose reported place disagrees with its region (`ScanEvents.onMismatch`; region
    /// columns empty when it lies outside every region yet reports a country they cover).
    func writeMismatch(_ row: MismatchRow) throws {
        guard let rows = mismatchFile?.rows else { return }
        try rows.write(values: [
            .int(Int64(row.line)), .string(row.id), .string(row.reportedCountry), .string(row.reportedAdmin1),
            .string(row.region?.id ?? ""), .string(row.region?.country ?? ""), .string(row.region?.name ?? ""),
            .double(row.coordinate.lat), .double(row.coordinate.lon),
        ], point: nil)
    }

    /// "read N, rejected M, unmatched U" (unmatched when the command locates regions).
    func counts(_ summary: ScanSummary, locates: Bool) -> String {
        "read \(summary.read), rejected \(summary.rejected)" + (locates ? ", unmatched \(summary.unmatched)" : "")
    }

    /// The events a request reports as it reads: rejections to stderr and --rejects, mismatches to
    /// --mismatches, progress to `progress`.
    func events(progress: ProgressLine? = nil) -> ScanEvents {
        ScanEvents(onReject: reject, onMismatch: writeMismatch, onProgress: progress?.update)
    }

    /// A scan's notice in the command line's words (the engine's wording, `ScanNotice.text`, naming flags):
    /// those of the opened input (said first), and those a finished scan's counts call for
    /// (docs/architecture.md, "Honest summaries").
    func note(_ notice: ScanNotice) {
        guard var text = notice.text(file: shownName, countsFatalities: countsFatalities, name: Self.flag) else { return }
        switch notice {
        case .profileDetected: text += " (\(Self.describe(scan.query.fields)))"
        case .locatedInFrontier: text += ": run `frontier db init --db URL` to load this GeoData's reference tables"
        default: break
        }
        Diagnostics.note((notice.isWarning ? "warning: " : "notice: ") + text)
    }

    /// An option as the command line names it: its flag.
    static func flag(_ option: NoticeOption) -> String {
        switch option {
        case .idField: return "--id-field"
        case .fatalitiesField: return "--fatalities-field"
        case .latField: return "--lat-field"
        case .lonField: return "--lon-field"
        case .delimiter: return "--delimiter"
        case .regions: return "--regions"
        case .profile(let profile): return "--profile \(profile.rawValue)"
        case .condition(let column, let value): return "--where \(column)=\(value)"
        }
    }

    /// The clauses the summary line adds for counts an answer must not hide, each only when it is not 0:
    /// incidents placed at a region's point or only at country level, and unknown fatalities.
    static func honestClauses(_ summary: ScanSummary, precision: Bool) -> String {
        var clauses = ""
        if precision && summary.regionLevel > 0 {
            let rough = summary.countryLevel > 0 ? "; \(summary.countryLevel) only at country level" : ""
            clauses += "; \(summary.regionLevel) kept incident\(summary.regionLevel == 1 ? " has" : "s have") geo_precision 3 "
                + "(placed at a region's representative point\(rough); --max-geo-precision 2 drops them)"
        }
        if summary.unknownFatalities > 0 {
            clauses += "; fatalities unknown for \(summary.unknownFatalities) (NA, N/A, - or unknown: counted as events, not in fatalities)"
        }
        return clauses
    }

    /// Closes the side files, prints the summary line (the command's own `line`, with `honestClauses`;
    /// `statesPrecision` false for a line that already states it), and exits as the contract says
    /// (docs/architecture.md, "Rejections").
    func finish(_ summary: ScanSummary, line: String, statesPrecision: Bool = true) throws {
        if summary.rejected > shown {
            Diagnostics.note("… and \(summary.rejected - shown) more rejected rows" + (rejectsFile == nil ? " (write them all with --rejects FILE)" : ""))
        }
        if let writeError { throw writeError }
        try rejectsFile?.rows.finish()
        try rejectsFile?.file.commit()
        try mismatchFile?.rows.finish()
        try mismatchFile?.file.commit()
        summary.notices.forEach(note)
        if summary.mismatched > 0 {
            Diagnostics.note("mismatched \(summary.mismatched): reported country/admin1 differ from the located region"
                             + (mismatchFile == nil ? "; list them with --mismatches FILE" : ""))
        }
        Diagnostics.note(line + Self.honestClauses(summary, precision: statesPrecision))
        if input.strict && summary.rejected > 0 { throw ExitCode(65) }  // EX_DATAERR
        if summary.everyRowRejected { throw FrontierError.everyRowRejected(file: scan.name, reasons: summary.rejectedByKind) }
    }
}
