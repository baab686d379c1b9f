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

/// Collects the rows a scan rejects (and, asked, the kept rows whose reported place disagrees with their
/// region) and turns its summary into the report's counts.
final class ScanRecorder {
    private(set) var rejections: [[String: Any]] = []
    /// The `mismatches` keyword: what `--mismatches` lists, asked for.
    let mismatchesAsked: Bool
    /// Whether the regions can be compared with what rows report (the bundled ones: they have the alias tables).
    private let mismatchesComparable: Bool
    private var mismatches: [[String: Any]] = []

    /// - Parameters:
    ///   - mismatches: list the kept rows whose reported country or admin-1 disagrees with their region.
    ///   - comparable: the question's regions are the bundled ones (else a notice says nothing is listed).
    init(mismatches: Bool = false, comparable: Bool = false) {
        mismatchesAsked = mismatches
        mismatchesComparable = comparable
    }

    /// Whether mismatched rows are listed: asked for, and comparable. A request that checks mismatches only
    /// when asked (`AggregateRequest.listsMismatches`, …) is given this.
    var listsMismatches: Bool { mismatchesAsked && mismatchesComparable }

    var events: ScanEvents {
        let lists = listsMismatches
        return ScanEvents(onReject: { [weak self] r in
            self?.rejections.append(["line": r.line, "field": r.field, "problem": r.reason, "kind": r.problem.kind, "values": r.values])
        }, onMismatch: { [weak self] m in
            // The columns of --mismatches' file; the region's null outside every region.
            guard lists else { return }
            self?.mismatches.append([
                "line": m.line, "id": m.id, "reported_country": m.reportedCountry, "reported_admin1": m.reportedAdmin1,
                "region_id": m.region?.id ?? NSNull(), "region_country": m.region?.country ?? NSNull(), "region_name": m.region?.name ?? NSNull(),
                "latitude": m.coordinate.lat, "longitude": m.coordinate.lon,
            ])
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
        var said = ((notices ? scan.notices : []) + s.notices).compactMap { NoticeText.text($0, file: file, countsFatalities: countsFatalities) }
        if mismatchesAsked {
            // Where nothing can be compared, the command line's notices, naming the keyword.
            if !mismatchesComparable {
                said.append("mismatches compares with the bundled regions only: nothing to list for these regions")
            } else if scan.fieldColumns.country == nil && scan.fieldColumns.admin1 == nil {
                said.append("the input has no country/admin1 columns: nothing to compare for mismatches")
            } else {
                report["mismatches"] = mismatches
            }
        }
        report["notices"] = said
        report["first_day"] = s.firstDay.map { CivilDate(daysSinceEpoch: $0).description } ?? NSNull()
        report["last_day"] = s.lastDay.map { CivilDate(daysSinceEpoch: $0).description } ?? NSNull()
        return report
    }
}
