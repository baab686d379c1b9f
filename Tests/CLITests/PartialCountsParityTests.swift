import Foundation
import XCTest
import Frontier

/// A file counted in three parts (`partial`), the parts added together (`PartialCounts.adding`) and finished
/// (`finish`) answers with the table one scan of the whole file gives, and the one `frontier` prints: what
/// `frontier.spark` relies on to add partitions up.
final class PartialCountsParityTests: RequestParityCase {
    private var whole: String!
    private var parts: [String]!

    /// 3,000 synthetic rows and two bad ones (no duplicate id: finding those across parts is the caller's),
    /// cut into three files of whole rows, each with the header.
    override func setUpWithError() throws {
        try super.setUpWithError()
        whole = try synth(3000, seed: 5)
        try appendBadRows(to: whole)
        var lines = try String(contentsOfFile: whole, encoding: .utf8).split(separator: "\n").map(String.init)
        lines.removeLast()  // appendBadRows' last row repeats the first id
        try (lines.joined(separator: "\n") + "\n").write(toFile: whole, atomically: true, encoding: .utf8)
        let rows = lines.dropFirst()
        let third = (rows.count + 2) / 3
        parts = try (0..<3).map { k in
            let slice = rows.dropFirst(k * third).prefix(third)
            return try write(([lines[0]] + slice).joined(separator: "\n") + "\n", "part\(k).csv")
        }
    }

    private func input(_ path: String) -> IncidentQuery { query(path) }

    func testAggregateWithCompareAndFillFinishedFromPartsIsTheWholeFilesAnswer() throws {
        func request(_ path: String) throws -> AggregateRequest {
            AggregateRequest(input: input(path), window: try TimeWindow(parsing: "week"), fill: true, comparesPrevious: true)
        }
        let one = try request(whole).open().run()
        let counted = try parts.map { try request($0).open().partial() }
        let finished = try request(whole).open().finish(try PartialCounts.adding(counted))
        XCTAssertEqual(try csv(finished.table), try csv(one.table))
        XCTAssertEqual(try csv(finished.table), try cli(["aggregate", whole, "--window", "week", "--fill", "--compare", "previous", "--format", "csv"]).stdout)
        XCTAssertEqual(finished.summary, one.summary)
        // 3,002 rows read, the two bad ones rejected; every kept row counted in the finished answer.
        XCTAssertEqual([finished.summary.read, finished.summary.rejected, finished.counted], [3002, 2, 3000])
    }

    func testAggregateByBandAndSplitFinishedFromPartsIsTheWholeFilesAnswer() throws {
        func request(_ path: String) throws -> AggregateRequest {
            AggregateRequest(input: input(path), window: .month, split: "event_type",
                             near: NearBorder(border: "AFG-TJK", within: try Distance.list(parsing: "10km,50km")))
        }
        let finished = try request(whole).open().finish(try PartialCounts.adding(try parts.map { try request($0).open().partial() }))
        XCTAssertEqual(try csv(finished.table), try csv(try request(whole).open().run().table))
        XCTAssertEqual(Set(finished.table.columns.suffix(2)), ["band_km", "event_type"])
    }

    func testHotspotsOnAGridFinishedFromPartsAreTheWholeFilesAnswer() throws {
        func request(_ path: String) throws -> HotspotsRequest {
            HotspotsRequest(input: input(path), places: try PlaceSource(argument: "grid:25km"), window: .month,
                            distance: try Distance(parsing: "40km"), rows: .summary)
        }
        let one = try request(whole).open().run()
        let finished = try request(whole).open().finish(try PartialCounts.adding(try parts.map { try request($0).open().partial() }))
        XCTAssertEqual(try csv(finished.table), try csv(one.table))
        XCTAssertFalse(one.table.records.isEmpty)
    }

    func testTrendsFinishedFromPartsAreTheWholeFilesAnswer() throws {
        func request(_ path: String) -> TrendsRequest { TrendsRequest(input: input(path)) }
        let one = try request(whole).open().run()
        let finished = try request(whole).open().finish(try PartialCounts.adding(try parts.map { try request($0).open().partial() }))
        XCTAssertEqual(try csv(finished.table), try csv(one.table))
        XCTAssertEqual(finished.asOf, one.asOf)
    }

    /// Counts made with other regions (a region id these regions do not hold) are refused, never put elsewhere.
    func testCountsNamingAnUnknownRegionAreRefused() throws {
        let june = TimeWindow.month.ordinal(of: try XCTUnwrap(CivilDate(year: 2025, month: 6, day: 1)))
        let cell = PartialCounts.Cell(place: .region("ATL:Atlantis"), window: june, counts: Aggregation.Counts(events: 1))
        let request = AggregateRequest(input: input(whole), window: .month)
        XCTAssertThrowsError(try request.open().finish(PartialCounts(cells: [cell], summary: ScanSummary()))) {
            XCTAssertTrue("\($0)".contains("region 'ATL:Atlantis'"), "\($0)")
        }
    }

    /// Cells no count of the request could have made are refused, each saying what is wrong, never answered
    /// from (a negative count, a window centuries away, a split value the request has not, a hot-spot cell
    /// whose days leave its window).
    func testCellsNoCountCouldHaveMadeAreRefused() throws {
        let june = TimeWindow.month.ordinal(of: try XCTUnwrap(CivilDate(year: 2025, month: 6, day: 1)))
        let place = PartialCounts.Place.region("AFG:Badakhshan")
        let aggregate = AggregateRequest(input: input(whole), window: .month)
        let refused: [(PartialCounts.Cell, String)] = [
            (PartialCounts.Cell(place: place, window: june, counts: Aggregation.Counts(events: -3)), "has a negative or non-finite count"),
            (PartialCounts.Cell(place: place, window: 1 << 40, counts: Aggregation.Counts(events: 1)),
             "has window 1099511627776, which starts outside the years 1900-2100"),
            (PartialCounts.Cell(place: place, window: june, split: "Battles", counts: Aggregation.Counts(events: 1)),
             "has a split value, and the request does not split"),
            (PartialCounts.Cell(place: place, window: june, band: 2, counts: Aggregation.Counts(events: 1)), "has band 2 of 1"),
        ]
        for (cell, why) in refused {
            XCTAssertThrowsError(try aggregate.open().finish(PartialCounts(cells: [cell], summary: ScanSummary()))) {
                XCTAssertEqual("\($0)", "the counts to finish: cell 1 \(why)")
            }
        }
        let first = try XCTUnwrap(CivilDate(year: 2025, month: 6, day: 1)).daysSinceEpoch
        let spanning = PartialCounts.Cell(place: place, window: june, counts: Aggregation.Counts(events: 1), firstDay: first, lastDay: first + 45)
        let hotspots = HotspotsRequest(input: input(whole), distance: try Distance(parsing: "50km"))
        XCTAssertThrowsError(try hotspots.open().finish(PartialCounts(cells: [spanning], summary: ScanSummary()))) {
            XCTAssertEqual("\($0)", "the counts to finish: cell 1 has no first and last day within its window")
        }
    }

    /// A condition's value is missing from the whole only when every part with a valid row misses it; the
    /// nearest values are the nearest among the parts' own.
    func testAValueIsMissingFromTheWholeOnlyWhenEveryPartMissesIt() {
        func part(read: Int, rejected: Int = 0, missing: [ValueNotFound]) -> ScanSummary {
            var s = ScanSummary()
            (s.read, s.rejected, s.kept) = (read, rejected, read - rejected)
            s.valuesNotFound = missing
            return s
        }
        let a = ValueNotFound(column: "admin1", value: "Badakshan", nearest: ["Balkh", "Baghlan"], distinct: 4)
        let b = ValueNotFound(column: "admin1", value: "Badakshan", nearest: ["Badakhshan"], distinct: 2)
        let merged = ScanSummary.merged([part(read: 5, missing: [a]), part(read: 3, missing: [b]), part(read: 2, rejected: 2, missing: [])])
        XCTAssertEqual(merged.valuesNotFound, [ValueNotFound(column: "admin1", value: "Badakshan", nearest: ["Badakhshan", "Baghlan", "Balkh"], distinct: nil)])
        XCTAssertEqual([merged.read, merged.rejected, merged.kept], [10, 2, 8])
        // Found in the second part: not missing from the whole.
        XCTAssertEqual(ScanSummary.merged([part(read: 5, missing: [a]), part(read: 3, missing: [])]).valuesNotFound, [])
    }
}
