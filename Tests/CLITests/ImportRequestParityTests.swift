import Foundation
import XCTest
import Frontier

/// `ImportRequest` run in this process stores what `frontier import` stores from the same file: each into its
/// own GeoPackage, the report's counts are the numbers of the command's closing line, and the two stores read
/// back the same. The counts are also worked out by hand: a first import inserts every kept row, a second
/// changes nothing, a sync deletes the rows a newer export dropped, and an input of rejected rows leaves no
/// store behind.
final class ImportRequestParityTests: RequestParityCase {
    private var input: String!
    private var bad: [(line: Int, field: String, problem: RowProblem)] = []

    override func setUpWithError() throws {
        try super.setUpWithError()
        input = try synth(2000, seed: 3)
        bad = try appendBadRows(to: input)
    }

    /// The numbers of the command's closing line: read, rejected, inserted, updated, unchanged and (with
    /// --sync) deleted.
    private func counts(_ stderr: String, file: StaticString = #filePath, line: UInt = #line) throws -> [Int] {
        let summary = try XCTUnwrap(lines(stderr, startingWith: "read ").last, stderr, file: file, line: line)
        let pattern = try NSRegularExpression(pattern: #"^read (\d+), rejected (\d+): inserted (\d+), updated (\d+), unchanged (\d+)(?:, deleted (\d+))? in [0-9.]+ s → (.+)$"#)
        let match = try XCTUnwrap(pattern.firstMatch(in: summary, range: NSRange(summary.startIndex..., in: summary)), summary, file: file, line: line)
        return (1...6).compactMap { i in Range(match.range(at: i), in: summary).flatMap { Int(summary[$0]) } }
    }

    private func numbers(_ report: ImportReport, sync: Bool) -> [Int] {
        [report.read, report.rejected, report.inserted, report.updated, report.unchanged] + (sync ? [report.deleted] : [])
    }

    /// Imports `file` into `library` in this process and into `command` with the command line; asserts the
    /// counts agree and the rejected rows heard are the ones the command printed.
    /// - Returns: the report.
    @discardableResult
    private func both(_ file: String, library: String, command: String, sync: Bool = false,
                      source: StaticString = #filePath, line: UInt = #line) throws -> ImportReport {
        var rejections: [Rejection] = []
        let request = ImportRequest(input: query(file), destination: .store(path: library), sync: sync)
        let answer = try request.open().run(ScanEvents(onReject: { rejections.append($0) }))
        let r = try cli(["import", file, "--store", command] + (sync ? ["--sync"] : []), file: source, line: line)
        XCTAssertEqual(try counts(r.stderr, file: source, line: line), numbers(answer.report, sync: sync), r.stderr, file: source, line: line)
        XCTAssertEqual(lines(r.stderr, startingWith: "rejected "), rejectedLines(rejections, input: file), file: source, line: line)
        XCTAssertEqual(answer.destinationName, library, file: source, line: line)
        XCTAssertEqual([answer.summary.read, answer.summary.rejected], [answer.report.read, answer.report.rejected], file: source, line: line)
        XCTAssertNil(answer.report.warning, file: source, line: line)
        XCTAssertNil(answer.referenceTables, "a GeoPackage store gets no reference tables", file: source, line: line)
        return answer.report
    }

    /// The two stores read back the same, by the engine and by the command line.
    private func assertSameStores(_ library: String, _ command: String, rows: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let join = try JoinRequest(input: IncidentQuery(path: library, format: .gpkg)).open()
        var records: [(incident: Incident, appended: [PropertyValue])] = []
        _ = try join.run { records.append(($0.incident, $0.appended)) }
        let fromCommand = try cli(["join", command, "--format", "csv"], file: file, line: line).stdout
        XCTAssertEqual(try csv(table(join.columns, records)), fromCommand, file: file, line: line)
        XCTAssertEqual(records.count, rows, file: file, line: line)
    }

    /// A first import inserts the 2,000 kept rows (three rejected); the same file again changes nothing.
    func testImportTwice() throws {
        let (library, command) = (path("library.gpkg"), path("command.gpkg"))
        let first = try both(input, library: library, command: command)
        XCTAssertEqual(numbers(first, sync: true), [2003, 3, 2000, 0, 0, 0])
        let again = try both(input, library: library, command: command)
        XCTAssertEqual(numbers(again, sync: true), [2003, 3, 0, 0, 2000, 0])
        try assertSameStores(library, command, rows: 2000)
    }

    /// A newer export without every tenth row and with one row's fatalities changed, imported with sync:
    /// 200 deleted, 1 updated, the other 1,799 unchanged.
    func testSyncDeletesWhatTheExportDropped() throws {
        let (library, command) = (path("library.gpkg"), path("command.gpkg"))
        try both(input, library: library, command: command)
        let rows = try String(contentsOfFile: input, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = rows[0].split(separator: ",").map(String.init)
        let fatalities = try XCTUnwrap(header.firstIndex(of: "fatalities"))
        var newer = [rows[0]]
        for (i, row) in rows[1...2000].enumerated() where i % 10 != 0 {
            var fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if i == 1 { fields[fatalities] = String((Int(fields[fatalities]) ?? 0) + 7) }
            newer.append(fields.joined(separator: ","))
        }
        let newerFile = try write(newer.joined(separator: "\n") + "\n", "newer.csv")
        let sync = try both(newerFile, library: library, command: command, sync: true)
        XCTAssertEqual(numbers(sync, sync: true), [1800, 0, 0, 1, 1799, 200])
        try assertSameStores(library, command, rows: 1800)
    }

    /// Every row rejected: the engine throws `EveryRowRejected` and removes the file of the store it was
    /// creating, as the command does (exit 1, no file). Until an import completes, a new store is written
    /// beside its name, never under it.
    func testEveryRowRejectedLeavesNoStore() throws {
        let allBad = try write("""
            event_id_cnty,event_date,latitude,longitude,fatalities
            B1,2025-11-26,37.1,70.5,-4
            B2,2025-13-45,37.1,70.5,1

            """, "bad.csv")
        let (library, command) = (path("library.gpkg"), path("command.gpkg"))
        let importing = try ImportRequest(input: query(allBad), destination: .store(path: library)).open()
        let temporary = try XCTUnwrap(importing.temporaryPath, "a new store has a file beside its name")
        XCTAssertEqual(URL(fileURLWithPath: temporary).deletingLastPathComponent().path, URL(fileURLWithPath: library).deletingLastPathComponent().path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: temporary), "opened, the new store's file exists")
        XCTAssertFalse(FileManager.default.fileExists(atPath: library), "but nothing is under its name")
        var rejections: [Rejection] = []
        XCTAssertThrowsError(try importing.run(ScanEvents(onReject: { rejections.append($0) }))) { error in
            XCTAssertTrue(error is ImportScan.EveryRowRejected, "\(error)")
        }
        for suffix in ["", "-wal", "-shm"] { XCTAssertFalse(FileManager.default.fileExists(atPath: library + suffix), library + suffix) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: temporary), "the new store's file is removed")
        XCTAssertEqual([importing.summary.read, importing.summary.rejected, importing.summary.kept], [2, 2, 0])
        XCTAssertEqual(importing.summary.rejectedByKind, ["negative fatalities in 'fatalities'": 1, "impossible date in 'event_date'": 1])
        XCTAssertEqual(rejections.map(\.problem), [.negativeFatalities(-4), .impossibleDate("2025-13-45")])

        let r = try FrontierBinary.run(["import", allBad, "--store", command])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(lines(r.stderr, startingWith: "rejected "), rejectedLines(rejections, input: allBad))
        XCTAssertEqual(lines(r.stderr, startingWith: "read "), ["read 2, rejected 2"])
        XCTAssertTrue(r.stderr.hasSuffix("Error: every row of \(allBad) was rejected (1 impossible date in 'event_date', "
                                         + "1 negative fatalities in 'fatalities'): nothing to answer\n"), r.stderr)
        for suffix in ["", "-wal", "-shm"] { XCTAssertFalse(FileManager.default.fileExists(atPath: command + suffix), command + suffix) }
    }
}
