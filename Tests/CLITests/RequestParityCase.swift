import Foundation
import XCTest
import Frontier

/// What the request parity tests share (issue 26, item 6): the engine is asked in this process, its answer
/// written as a library caller writes it, and compared byte for byte with what `frontier` prints for the
/// equivalent flags; the values the tests also assert are worked out from the fixture by hand, so both sides
/// being wrong together still fails.
class RequestParityCase: FolderTestCase {
    /// Runs `frontier` with `args`, which must succeed.
    func cli(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(args)
        XCTAssertEqual(r.status, 0, "frontier \(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        return r
    }

    /// A table as `--format csv` writes it.
    func csv(_ table: RecordTable) throws -> String {
        try RowStreamWriter.text(table, format: .csv)
    }

    /// A CSV file as the command line reads it by default.
    func query(_ path: String) -> IncidentQuery {
        IncidentQuery(path: path, format: .csv)
    }

    /// The per-incident rows of a join or near, as the README's library example writes them.
    func table(_ columns: IncidentColumns, _ rows: [(incident: Incident, appended: [PropertyValue])]) -> RecordTable {
        RecordTable(columns: columns.names, records: rows.map { Record(values: columns.values(of: $0.incident, appended: $0.appended)) })
    }

    /// The rejected rows a caller heard through `ScanEvents.onReject`, written as `--rejects FILE` keeps
    /// them: the input's columns, then the reason with its line and field.
    func rejectsFile(_ rejections: [Rejection], columns: [String]) throws -> String {
        try csv(RecordTable(columns: columns + ["reject_reason"], records: rejections.map {
            Record(values: $0.values.map(PropertyValue.string) + [.string("line \($0.line), \($0.place): \($0.reason)")])
        }))
    }

    /// The lines the command line shows on stderr for rejected rows (the first ten), as heard in-process.
    func rejectedLines(_ rejections: [Rejection], input: String) -> [String] {
        rejections.prefix(10).map { "rejected \(input):\($0.line): \($0.place): \($0.reason)" }
    }

    /// The stderr lines starting with `prefix`.
    func lines(_ stderr: String, startingWith prefix: String) -> [String] {
        stderr.split(separator: "\n").map(String.init).filter { $0.hasPrefix(prefix) }
    }

    /// `frontier synth --count count --seed seed` written into the test's folder.
    func synth(_ count: Int, seed: Int, name: String = "synth.csv") throws -> String {
        let out = path(name)
        _ = try cli(["synth", "--count", "\(count)", "--seed", "\(seed)", "--out", out])
        return out
    }

    /// Appends three rows to a synthetic file (ACLED's columns, no quoted fields) that every command rejects:
    /// negative fatalities, a latitude beyond 90°, and the id of the file's first row again.
    /// - Returns: the rejections expected, as (line, field, problem).
    @discardableResult
    func appendBadRows(to file: String) throws -> [(line: Int, field: String, problem: RowProblem)] {
        var text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let firstID = String(lines[1].split(separator: ",")[0])
        func row(_ values: [String: String]) -> String {
            header.map { values[$0] ?? "" }.joined(separator: ",") + "\n"
        }
        let base = ["event_date": "2025-06-01", "latitude": "37.12", "longitude": "70.58", "fatalities": "1", "country": "Afghanistan",
                    "admin1": "Badakhshan", "geo_precision": "1"]
        text += row(base.merging(["event_id_cnty": "BAD-NEG", "fatalities": "-4"]) { $1 })
        text += row(base.merging(["event_id_cnty": "BAD-LAT", "latitude": "137.1"]) { $1 })
        text += row(base.merging(["event_id_cnty": firstID]) { $1 })
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let next = lines.count + 1  // line numbers count the header as line 1
        return [(next, "fatalities", .negativeFatalities(-4)), (next + 1, "latitude", .latitudeOutOfRange(137.1)),
                (next + 2, "event_id_cnty", .duplicateID(firstID))]
    }
}
