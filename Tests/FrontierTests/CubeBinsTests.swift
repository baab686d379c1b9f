import XCTest
@testable import FrontierAnalyses
@testable import FrontierPlaces
import Geo

/// The cube's bins in their own open-addressed table, checked against a Swift Dictionary doing the same adds.
final class CubeBinsTests: XCTestCase {
    /// 300,000 adds over 40,000 places and windows from −50 to 49 (negative ordinals are days before 1970
    /// in a daily window), enough to grow the table from 64 slots about twenty times: every bin as the
    /// dictionary has it, none twice.
    func testEveryBinIsTheDictionarysAfterManyGrowths() {
        var bins = CubeBins()
        var expected: [Int64: (incidents: Int, amount: Double, first: Int32, last: Int32)] = [:]
        var rng = PropertyTests.Seeded(state: 42)
        for _ in 0..<300_000 {
            let location = Int32(rng.next() % 400), window = Int32(Int(rng.next() % 100) - 50)
            let day = Int32(rng.next() % 10_000), amount = Double(rng.next() % 5)
            bins.update(location: location, window: window) { $0.add(amount, incidents: 1, days: day...day) }
            let key = Int64(location) << 32 | Int64(UInt32(bitPattern: window))
            let old = expected[key] ?? (0, 0, .max, .min)
            expected[key] = (old.incidents + 1, old.amount + amount, min(old.first, day), max(old.last, day))
        }
        XCTAssertEqual(bins.count, expected.count)
        var seen = Set<Int64>()
        bins.forEach { location, window, bin in
            let key = Int64(location) << 32 | Int64(UInt32(bitPattern: window))
            XCTAssertTrue(seen.insert(key).inserted, "bin \(location), \(window) read twice")
            guard let want = expected[key] else { return XCTFail("bin \(location), \(window) was never added") }
            XCTAssertEqual(bin.incidents, want.incidents)
            XCTAssertEqual(bin.amount, want.amount)
            XCTAssertEqual(bin.firstDay, want.first)
            XCTAssertEqual(bin.lastDay, want.last)
        }
        XCTAssertEqual(seen.count, expected.count)
    }

    func testAnEmptyTableHasNoBins() {
        let bins = CubeBins()
        XCTAssertTrue(bins.isEmpty)
        var n = 0
        bins.forEach { _, _, _ in n += 1 }
        XCTAssertEqual(n, 0)
    }

    /// The renumbering known from the cells' ids alone is the one their regions get once their polygons are
    /// made (which `hotspots` now does after the cube is built).
    func testACellsNumberFromItsIdIsItsRegionsIndex() throws {
        let grid = try XCTUnwrap(try Grid(argument: "grid:25km"))
        var cells = GridCells(grid: grid)
        let transformer = try grid.transformer()
        // Met in an order that is not their ids' order: east to west, then north to south.
        var points: [Coordinate] = []
        for lon in stride(from: 74.0, through: 61.0, by: -0.7) {
            for lat in stride(from: 38.0, through: 30.0, by: -0.9) { points.append(Coordinate(lon: lon, lat: lat)) }
        }
        for case let cell? in grid.cells(of: points, transformer: transformer) { _ = cells.number(of: cell) }
        XCTAssertGreaterThan(cells.cells.count, 100)
        let (regions, renumbering) = try cells.regions(countries: nil, context: try GEOSContext())
        XCTAssertEqual(cells.renumbering(), renumbering)
        XCTAssertNotEqual(renumbering.newNumbers, Array(0..<cells.cells.count), "the cells were met out of id order")
        for (n, cell) in cells.cells.enumerated() { XCTAssertEqual(regions.regions[renumbering.renumbered(n)].id, grid.id(cell)) }
    }
}
