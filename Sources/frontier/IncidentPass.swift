import ArgumentParser
import Foundation
import Frontier
import Geo

/// What join and near share: input columns minus the ones a command appends (replaced, with a notice),
/// typed input values, the mismatch report and the closing summary line.
final class IncidentPass {
    let reader: IncidentReader
    let report = RejectReport()
    let keptColumns: [Int]
    let replacesColumns: Bool
    let typed: Bool
    private var mismatchWriter: RowStreamWriter?
    private var mismatchHandle: FileHandle?
    private var mismatchCheck: MismatchCheck?
    private var reportedCountry: Int?
    private var reportedAdmin1: Int?
    private(set) var mismatched = 0
    private(set) var unmatched = 0
    private(set) var written = 0

    init(input: IncidentInputOptions, appending appendedColumns: [String], format: OutputFormat,
         mismatchCheck: MismatchCheck?, storeFilter: IncidentStore.Filter = IncidentStore.Filter()) throws {
        let opened = try input.open(report: report, storeFilter: storeFilter)
        reader = opened
        let replaced = Set(appendedColumns)
        let columns = opened.columns
        keptColumns = columns.indices.filter { !replaced.contains(columns[$0]) }
        replacesColumns = keptColumns.count != columns.count
        if replacesColumns {
            let names = columns.filter { replaced.contains($0) }.joined(separator: ", ")
            Diagnostics.note("notice: the input already has \(names); they are replaced by this run's values")
        }
        typed = format != .csv && format != .table
        reportedCountry = columns.firstIndex(of: "country")
        reportedAdmin1 = columns.firstIndex(of: "admin1")
        if reportedCountry != nil || reportedAdmin1 != nil {
            self.mismatchCheck = mismatchCheck
            if let path = input.mismatches, mismatchCheck != nil {
                guard FileManager.default.createFile(atPath: path, contents: nil), let h = FileHandle(forWritingAtPath: path) else {
                    throw CLIError("cannot write \(path)")
                }
                mismatchHandle = h
                mismatchWriter = RowStreamWriter(handle: h, format: .csv, columns: [
                    "line", "id", "reported_country", "reported_admin1", "region_id", "region_country", "region_name", "latitude", "longitude",
                ])
            }
        } else if input.mismatches != nil {
            Diagnostics.note("notice: the input has no country/admin1 columns: nothing to compare for --mismatches")
        }
    }

    var outputColumns: [String] { keptColumns.map { reader.columns[$0] } }

    /// The row's input values for output: typed numbers for JSON formats, text for CSV/table.
    func inputValues(_ incident: Incident) -> [PropertyValue] {
        keptColumns.map { i in
            let v = incident.values[i]
            if typed, case .string(let s) = v { return PropertyValue.inferred(from: s) }
            return v
        }
    }

    var canPassThrough: Bool { !replacesColumns }

    func noteLocated(_ incident: Incident, region: Region?) {
        guard let region else { unmatched += 1; return }
        guard let check = mismatchCheck else { return }
        let country = reportedCountry.flatMap { incident.values[$0].text }
        let admin1 = reportedAdmin1.flatMap { incident.values[$0].text }
        if check.disagrees(reportedCountry: country, reportedAdmin1: admin1, located: region) {
            mismatched += 1
            mismatchWriter?.write(values: [
                .int(Int64(incident.line)), .string(incident.id), .string(country ?? ""), .string(admin1 ?? ""),
                .string(region.id), .string(region.country), .string(region.name),
                .double(incident.coordinate.lat), .double(incident.coordinate.lon),
            ], point: nil)
        }
    }

    func wrote() { written += 1 }

    /// Closes the side files and prints the summary; the exit code follows --strict.
    func finish(strict: Bool, extra: String = "") throws {
        report.finish()
        mismatchWriter?.finish()
        try? mismatchHandle?.close()
        if mismatched > 0 {
            Diagnostics.note("mismatched \(mismatched): reported country/admin1 differ from the located region (swapped latitude/longitude?)"
                             + (mismatchWriter == nil ? "; list them with --mismatches FILE" : ""))
        }
        Diagnostics.note("read \(reader.readCount), rejected \(reader.rejectedCount), unmatched \(unmatched)\(extra)")
        if strict && reader.rejectedCount > 0 { throw ExitCode(65) }  // EX_DATAERR
    }
}
