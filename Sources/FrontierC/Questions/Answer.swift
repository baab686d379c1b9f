import Foundation
import Frontier
import FrontierArrow

/// What a question hands back through the C ABI: its rows as typed record batches, and a report (JSON) of
/// what was read: the scan's counts and every rejected row.
struct Answer {
    var fields: [ArrowField]
    var batches: [ArrowBatch]
    var report: [String: Any] = [:]

    /// An answer held whole as a table (regions, borders, aggregate).
    init(table: RecordTable) throws {
        (fields, batches) = try table.arrowBatches()
    }

    init(fields: [ArrowField], batches: [ArrowBatch]) {
        self.fields = fields
        self.batches = batches
    }
}

/// Collects the rows a scan rejects and turns its summary into the report's counts.
final class ScanRecorder {
    private(set) var rejections: [[String: Any]] = []

    var events: ScanEvents {
        ScanEvents(onReject: { [weak self] r in
            self?.rejections.append(["line": r.line, "field": r.field, "problem": r.reason, "kind": r.problem.kind, "values": r.values])
        })
    }

    /// The report's counts and notices (what the scan noticed on opening, and the summary's, found while
    /// reading) and the column duplicate ids are told by (`id_column`: a caller holding an input in parts
    /// finds duplicates across them); an input whose every row was rejected is an error, as on the command line.
    /// - Throws: `FrontierError.everyRowRejected`.
    /// - Parameters:
    ///   - scan: the scan read; `notices` adds what it noticed on opening (else only the summary's).
    ///   - refusesEmpty: an input whose every row was rejected is an error (not for one part of an input).
    func report(_ s: ScanSummary, scan: IncidentScan, notices: Bool = true, countsFatalities: Bool = true,
                refusesEmpty: Bool = true) throws -> [String: Any] {
        let file = scan.name
        if refusesEmpty, s.everyRowRejected { throw FrontierError.everyRowRejected(file: file, reasons: s.rejectedByKind) }
        var report: [String: Any] = [
            "read": s.read, "rejected": s.rejected, "kept": s.kept, "unmatched": s.unmatched, "mismatched": s.mismatched,
            "rejected_by_kind": s.rejectedByKind, "region_level": s.regionLevel, "country_level": s.countryLevel,
            "unknown_fatalities": s.unknownFatalities, "rejections": rejections,
        ]
        report["id_column"] = scan.fieldColumns.id.map { scan.columns[$0] } ?? NSNull()
        report["notices"] = ((notices ? scan.notices : []) + s.notices).compactMap { NoticeText.text($0, file: file, countsFatalities: countsFatalities) }
        report["first_day"] = s.firstDay.map { CivilDate(daysSinceEpoch: $0).description } ?? NSNull()
        report["last_day"] = s.lastDay.map { CivilDate(daysSinceEpoch: $0).description } ?? NSNull()
        return report
    }
}
