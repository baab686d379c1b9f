import Foundation
import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierScan

/// A caller's table read in parts by the scan's workers (`IncidentTable`): the rows kept, their numbers and
/// every rejection are those of the same rows as a CSV file, whatever the part size and number of workers;
/// a duplicate id is caught across parts, and a valid later copy of an id whose first copy was rejected kept.
final class TableScanTests: XCTestCase {
    private static let columns = ["event_id_cnty", "event_date", "latitude", "longitude", "fatalities", "notes"]
    private static let rows: [[String]] = [
        ["G1", "2025-11-26", "37.1", "70.5", "1", "first"],
        ["B1", "2025-11-26", "abc", "70.5", "1", "bad number"],
        ["G2", "2025-11-27", "37.2", "70.6", "0", "second"],
        ["G1", "2025-11-28", "37.3", "70.7", "2", "G1 again in the next part"],
        ["G3", "2025-13-45", "37.1", "70.5", "1", "impossible date"],
        ["G3", "2025-11-29", "37.4", "70.8", "3", "G3's first valid copy"],
        ["G4", "2025-11-30", "37.5", "70.9", "0", "fourth"],
        ["G2", "2025-12-01", "37.6", "71.0", "1", "G2 again two parts on"],
        ["G5", "2025-12-02", "37.7", "71.1", "4", "fifth"],
        ["G6", "2025-12-03", "137.0", "71.2", "1", "latitude out of range"],
    ]

    /// Rows as a table of `partRows` rows a part; coordinates typed as floats where they parse, as Arrow
    /// hands a frame's over.
    private func table(partRows: Int) -> ValuesTable {
        ValuesTable(columns: Self.columns, rows: Self.rows.map { row in
            RowValues(row.enumerated().map { i, text in (i == 2 || i == 3) ? Double(text).map(PropertyValue.double) ?? .string(text) : .string(text) })
        }, partRows: partRows)
    }

    /// A table in UCDP's layout is told from its column names, as a file is (regression: tables kept ACLED's
    /// names, so UCDP's repeated ids and bad dates went unseen in a frame and were caught in its file).
    func testATableInUCDPsLayoutIsToldFromItsColumns() throws {
        let rows: [RowValues] = [
            [.int(1), .string("2025-03-01"), .int(1), .int(1), .double(37.0), .double(70.0)],
            [.int(1), .string("2025-03-02"), .int(2), .int(1), .double(37.1), .double(70.1)],
            [.int(2), .string("bad"), .int(3), .int(1), .double(37.2), .double(70.2)],
        ]
        var query = IncidentQuery(path: "the table", format: .csv)
        query.rows = ValuesTable(columns: ["id", "date_start", "best", "where_prec", "latitude", "longitude"], rows: rows)
        let scan = try IncidentScan(query)
        XCTAssertTrue(scan.notices.contains { if case .profileDetected(.ucdp) = $0 { return true } else { return false } })
        XCTAssertEqual(scan.fieldColumns.id, 0)
        var rejections: [String] = []
        let summary = try scan.run(onReject: { rejections.append("\($0.line) \($0.field)") }) { _ in }
        XCTAssertEqual(rejections, ["2 id", "3 date_start"])
        XCTAssertEqual(summary.kept, 1)
    }

    private func scan(_ query: IncidentQuery) throws -> (kept: [String], rejections: [String], summary: ScanSummary) {
        var kept: [String] = [], rejections: [String] = []
        let summary = try IncidentScan(query).run(onReject: { r in
            rejections.append("\(r.line) \(r.field): \(r.reason) [\(r.values.joined(separator: "|"))]")
        }) { kept.append("\($0.incident.line) \($0.incident.id)") }
        return (kept, rejections, summary)
    }

    func testATableInPartsAnswersAsTheSameRowsInACSVFile() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("rows.csv")
        try TestSupport.write(([Self.columns] + Self.rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n", to: csv)
        let file = try scan(IncidentQuery(path: csv.path, format: .csv))
        // The file's lines count its header: row k is line k + 1.
        XCTAssertEqual(file.kept, ["2 G1", "4 G2", "7 G3", "8 G4", "10 G5"])
        for partRows in [1, 3, 4, 100] {
            for workers in [1, 2] {
                var query = IncidentQuery(path: "the table", format: .csv)
                query.rows = table(partRows: partRows)
                query.workers = workers
                let table = try scan(query)
                let context = "\(partRows) rows a part, \(workers) worker(s)"
                XCTAssertEqual(table.kept, ["1 G1", "3 G2", "6 G3", "7 G4", "9 G5"], context)
                XCTAssertEqual(table.rejections, [
                    "2 latitude: bad number 'abc' [B1|2025-11-26|abc|70.5|1|bad number]",
                    "4 event_id_cnty: duplicate id 'G1' [G1|2025-11-28|37.3|70.7|2|G1 again in the next part]",
                    "5 event_date: impossible date '2025-13-45' [G3|2025-13-45|37.1|70.5|1|impossible date]",
                    "8 event_id_cnty: duplicate id 'G2' [G2|2025-12-01|37.6|71.0|1|G2 again two parts on]",
                    "10 latitude: latitude 137 outside ±90 [G6|2025-12-03|137.0|71.2|1|latitude out of range]",
                ], context)
                XCTAssertEqual(table.rejections,
                               file.rejections.map { line in
                                   // The file's line numbers are one more than the table's row numbers.
                                   let n = Int(line.prefix { $0 != " " })!
                                   return "\(n - 1)" + line.drop { $0 != " " }
                               }, context)
                XCTAssertEqual(table.summary.read, 10, context)
                XCTAssertEqual(table.summary.rejected, 5, context)
                XCTAssertEqual(table.summary.kept, 5, context)
                XCTAssertEqual(table.summary.firstDay, CivilDate(year: 2025, month: 11, day: 26)?.daysSinceEpoch, context)
                XCTAssertEqual(table.summary.lastDay, CivilDate(year: 2025, month: 12, day: 2)?.daysSinceEpoch, context)
            }
        }
    }

    /// Whole numbers a table holds typed (a frame's int64 fatalities and precision) are read as they are,
    /// not printed and parsed back, and decide as their text does in a file: the same counts kept, the same
    /// rows refused with the same messages, at the ceiling, past it, and past the largest whole number read.
    func testTypedWholeNumbersDecideAsTheirTextInAFile() throws {
        let fatalities: [Int64] = [0, 7, -1, 1_000_000, 1_000_001, 1 << 52, (1 << 52) + 1, .min, .max]
        let precisions: [Int64] = [1, 2, 3, 0, 1, 2, .max, .min, 3]
        let columns = ["event_id_cnty", "event_date", "latitude", "longitude", "fatalities", "geo_precision"]
        let texts = zip(fatalities, precisions).enumerated().map { i, pair in
            ["T\(i)", "2025-11-26", "37.1", "70.5", String(pair.0), String(pair.1)]
        }
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("typed.csv")
        try TestSupport.write(([columns] + texts).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n", to: csv)
        // Both numbered as the table's rows: a file's row k is its line k + 1.
        func described(_ incident: Incident, line: Int) -> String {
            "\(line) \(incident.fatalities) \(incident.geoPrecision.map(String.init) ?? "-")"
        }
        var fileIncidents: [String] = [], fileRejections: [String] = []
        _ = try IncidentScan(IncidentQuery(path: csv.path, format: .csv)).run(onReject: { r in
            fileRejections.append("\(r.line - 1) \(r.field): \(r.reason)")
        }) { fileIncidents.append(described($0.incident, line: $0.incident.line - 1)) }

        var query = IncidentQuery(path: "the table", format: .csv)
        query.rows = ValuesTable(columns: columns, rows: zip(texts, zip(fatalities, precisions)).map { text, numbers in
            [.string(text[0]), .string(text[1]), .double(37.1), .double(70.5), .int(numbers.0), .int(numbers.1)]
        })
        var incidents: [String] = [], rejections: [String] = []
        _ = try IncidentScan(query).run(onReject: { r in rejections.append("\(r.line) \(r.field): \(r.reason)") }) {
            incidents.append(described($0.incident, line: $0.incident.line))
        }
        XCTAssertEqual(incidents, ["1 0 1", "2 7 2", "4 1000000 0"])
        XCTAssertEqual(incidents, fileIncidents)
        XCTAssertEqual(rejections, [
            "3 fatalities: negative fatalities -1",
            "5 fatalities: fatalities 1000001 above the ceiling of 1000000 for one incident",
            "6 fatalities: fatalities 4503599627370496 above the ceiling of 1000000 for one incident",
            "7 fatalities: number out of range '4503599627370497'",
            "8 fatalities: number out of range '-9223372036854775808'",
            "9 fatalities: number out of range '9223372036854775807'",
        ])
        XCTAssertEqual(rejections, fileRejections)
    }
}
