import XCTest
@testable import Frontier

/// The cube is built from one sum per location and window; its bins, period and cells are those of the
/// incidents added one by one, worked out by hand.
final class CubeBuilderTests: XCTestCase {
    /// Days 20000, 20005, 20040 and 20010 are 2024-10-04, 10-09, 11-13 and 10-14.
    private func builder() -> CubeBuilder {
        var b = CubeBuilder(window: .month)
        b.add(location: 0, day: 20_000, amount: 1)
        b.add(location: 0, day: 20_005, amount: 2)
        b.add(location: 0, day: 20_040, amount: 3)
        b.add(location: 1, day: 20_010, amount: 5)
        return b
    }

    func testBinsAreTheIncidentsSumsPerWindowOverTheirPeriod() throws {
        let made = try XCTUnwrap(try builder().cube(from: nil, to: nil) { Coordinate(lon: 70 + Double($0), lat: 37) })
        // October and November 2024: the period of the first and last day added.
        XCTAssertEqual(made.cube.steps, 2)
        XCTAssertEqual(made.locations, [0, 1])
        XCTAssertEqual(made.first, TimeWindow.month.ordinal(of: CivilDate(daysSinceEpoch: 20_000)))
        XCTAssertEqual([made.cube.value(location: 0, step: 0), made.cube.value(location: 0, step: 1),
                        made.cube.value(location: 1, step: 0), made.cube.value(location: 1, step: 1)], [3, 3, 5, 0])
    }

    func testCellsCountIncidentsWithTheirFirstAndLastDay() {
        let october = TimeWindow.month.ordinal(of: CivilDate(daysSinceEpoch: 20_000))
        let cells = builder().cells.sorted { ($0.location, $0.window) < ($1.location, $1.window) }
        XCTAssertEqual(cells.map(\.location), [0, 0, 1])
        XCTAssertEqual(cells.map(\.window), [october, october + 1, october])
        XCTAssertEqual(cells.map(\.incidents), [2, 1, 1])
        XCTAssertEqual(cells.map(\.amount), [3, 3, 5])
        XCTAssertEqual(cells.map(\.days), [20_000...20_005, 20_040...20_040, 20_010...20_010])
    }

    /// A part's cell added whole (its amount on its first day) widens the period to its last day.
    func testAPartsCellWidensThePeriodToItsLastDay() throws {
        var b = CubeBuilder(window: .month)
        b.add(location: 3, days: 20_000...20_040, amount: 4, incidents: 2)
        let made = try XCTUnwrap(try b.cube(from: nil, to: nil) { _ in Coordinate(lon: 70, lat: 37) })
        XCTAssertEqual(made.cube.steps, 2)
        XCTAssertEqual([made.cube.value(location: 0, step: 0), made.cube.value(location: 0, step: 1)], [4, 0])
    }

    func testRenumberingMovesEachLocationsBins() throws {
        var b = builder()
        b.renumber([1, 0])
        let made = try XCTUnwrap(try b.cube(from: nil, to: nil) { _ in Coordinate(lon: 70, lat: 37) })
        XCTAssertEqual([made.cube.value(location: 0, step: 0), made.cube.value(location: 1, step: 0), made.cube.value(location: 1, step: 1)], [5, 3, 3])
    }
}
