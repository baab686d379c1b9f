import XCTest
import Frontier
@testable import FrontierAnalyses
@testable import FrontierBase

/// The flat counts behind `Aggregation`: the same cells and totals as a plain dictionary, whatever order
/// regions and windows come in, past the point where the arrays stop growing, and with spread shares on
/// the same cells.
final class DenseCountsTests: XCTestCase {
    /// A fixed sequence of (region, day, fatalities): a linear congruential generator, so every run adds
    /// the same rows.
    private func rows(_ n: Int, regions: Int, days: Int, seed: UInt64) -> [(Int?, Int, Int)] {
        var x = seed
        func next() -> Int { x = x &* 6364136223846793005 &+ 1442695040888963407; return Int(x >> 33) }
        return (0..<n).map { _ in
            let r = next() % (regions + 1)
            return (r == regions ? nil : r, 19_000 + next() % days, next() % 4)
        }
    }

    /// What the cells must hold: counted in a dictionary by hand.
    private func expected(_ rows: [(Int?, Int, Int)], window: TimeWindow) -> [Aggregation.Key: Aggregation.Counts] {
        var cells: [Aggregation.Key: Aggregation.Counts] = [:]
        for (r, day, f) in rows {
            let key = Aggregation.Key(region: Int32(r ?? -1), window: Int32(window.ordinal(of: CivilDate(daysSinceEpoch: day))), band: 0, split: 0)
            cells[key, default: .init()].events += 1
            cells[key, default: .init()].fatalities += f
        }
        return cells
    }

    /// Regions met out of order and windows met before the first one: the arrays grow both ways.
    func testCellsMatchADictionaryAsTheArraysGrow() throws {
        let data = rows(20_000, regions: 300, days: 900, seed: 7).reversed()
        var aggregation = Aggregation(window: .week(start: 0))
        for (r, day, f) in data { try aggregation.add(region: r, date: CivilDate(daysSinceEpoch: day), fatalities: f) }
        XCTAssertEqual(aggregation.cells, expected(Array(data), window: .week(start: 0)))
        XCTAssertEqual(aggregation.cells.values.reduce(0) { $0 + $1.events }, 20_000)
    }

    /// 5,000 regions × 2,000 days go past `DenseCounts.maxCells`: the cells met after the arrays stop growing
    /// are kept in the dictionary, and each cell's counts stay whole in one place.
    func testCellsPastTheLimitGoToTheDictionaryAndStayExact() throws {
        let data = rows(60_000, regions: 5_000, days: 2_000, seed: 11)
        var aggregation = Aggregation(window: .day)
        for (r, day, f) in data + data.prefix(1000) {
            try aggregation.add(region: r, date: CivilDate(daysSinceEpoch: day), fatalities: f)
        }
        XCTAssertEqual(aggregation.cells, expected(data + data.prefix(1000), window: .day))
    }

    /// The arrays hold rows only for the regions met: a hundred regions numbered up to 4,950 over a thousand
    /// windows (5,000 region numbers × 1,024 windows would pass `maxCells`) all stay in them, with their counts.
    func testRegionsMetAreRowsWhateverTheirNumbers() throws {
        var dense = DenseCounts()
        var added = 0
        for k in 0..<100 {
            for window in stride(from: 0, to: 1_000, by: 7) {
                XCTAssertTrue(try dense.add(region: Int32(4_950 - 50 * k), window: Int32(window), events: 1, fatalities: k))
                added += 1
            }
        }
        XCTAssertTrue(try dense.add(region: -1, window: 999, events: 2, fatalities: 0), "the unmatched row")
        var cells = 0, events = 0, fatalities = 0
        dense.forEach { region, window, e, f in
            cells += 1
            events += e
            fatalities += f
            if region >= 0 { XCTAssertEqual(f, (4_950 - Int(region)) / 50, "region \(region) window \(window)") }
        }
        XCTAssertEqual(cells, added + 1)
        XCTAssertEqual(events, added + 2)
        XCTAssertEqual(fatalities, (0..<100).reduce(0, +) * 143)
    }

    /// A range spread over two weeks puts shares on a cell that also holds whole counts.
    func testSpreadSharesJoinTheWholeCountsOfTheirCell() throws {
        var aggregation = Aggregation(window: .week(start: 0))
        let monday = CivilDate(year: 2025, month: 11, day: 24)!
        try aggregation.add(region: 3, date: monday, fatalities: 2)
        try aggregation.spread(region: 3, days: monday.daysSinceEpoch - 1...monday.daysSinceEpoch, fatalities: 4)
        let key = Aggregation.Key(region: 3, window: Int32(TimeWindow.week(start: 0).ordinal(of: monday)), band: 0, split: 0)
        XCTAssertEqual(aggregation.cells[key], Aggregation.Counts(events: 1, fatalities: 2, eventShare: 0.5, fatalityShare: 2))
        XCTAssertEqual(try aggregation.rows().map(\.counts.weightedEvents), [0.5, 1.5])
    }

    /// A cell's incidents past a 64-bit count are an error, as in the dictionary.
    func testAnOverflowingCellIsAnError() throws {
        var aggregation = Aggregation(window: .week(start: 0))
        let day = CivilDate(year: 2025, month: 1, day: 1)!
        try aggregation.add(region: 0, date: day, fatalities: 0, weight: Int.max)
        XCTAssertThrowsError(try aggregation.add(region: 0, date: day, fatalities: 0, weight: 1))
        XCTAssertEqual(aggregation.cells.values.first?.events, Int.max, "a refused add leaves the counts as they were")
    }

    /// The rows come in region order (unmatched first), then window, band and split value by its text, not
    /// by the order the values were met: the keys are sorted, not the rows, so their order must be the same.
    func testRowsComeInRegionWindowBandAndSplitOrder() throws {
        var aggregation = Aggregation(window: .day)
        let monday = CivilDate(year: 2025, month: 1, day: 6)!, tuesday = CivilDate(year: 2025, month: 1, day: 7)!
        for (region, date, band, split) in [(2, tuesday, 1, "Riots"), (2, tuesday, 0, "Battles"), (nil, monday, 0, "Riots"),
                                            (0, tuesday, 0, "Riots"), (2, monday, 1, "Battles"), (0, tuesday, 0, "Battles"),
                                            (2, tuesday, 0, "Riots")] as [(Int?, CivilDate, Int, String)] {
            try aggregation.add(region: region, date: date, fatalities: 1, band: band, split: split)
        }
        var layout = Aggregation.Layout()
        layout.bands = 2
        layout.includeUnmatched = true
        let rows = try aggregation.rows(layout)
        let first = try XCTUnwrap(rows.first).window
        let order = rows.map { "\($0.region ?? -1) \($0.window - first) \($0.band ?? -1) \($0.split ?? "")" }
        XCTAssertEqual(order, ["-1 0 0 Riots", "0 1 0 Battles", "0 1 0 Riots", "2 0 1 Battles", "2 1 0 Battles", "2 1 0 Riots", "2 1 1 Riots"])
    }
}
