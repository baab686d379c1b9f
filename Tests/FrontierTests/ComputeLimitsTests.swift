import Foundation
import XCTest
import Geo
@testable import Frontier

/// The engine's side of issue 25's items 6, 8 and 11: checked sums and the per-incident fatalities
/// ceiling, the O(n log n) Mann-Kendall S against the pairwise definition, the hot-spot work caps, and the
/// buffer ceiling.
final class ComputeLimitsTests: XCTestCase {
    // MARK: - Fatalities (item 6)

    /// Two cells' worth of Int.max / 2 + 1: the sum is refused with a message, not a trap or a wrapped value.
    func testFatalitiesSumPastIntMaxThrowsInsteadOfTrapping() throws {
        var a = Aggregation(window: .day)
        let half = Int.max / 2 + 1
        let day = CivilDate(daysSinceEpoch: 20_000)
        try a.add(region: 0, date: day, fatalities: half)
        XCTAssertThrowsError(try a.add(region: 0, date: day, fatalities: half)) { error in
            XCTAssertEqual("\(error)", "the fatalities counted together add up to more than 9223372036854775807, the largest total a 64-bit count holds")
        }
        // The failed add left the cell as it was.
        XCTAssertEqual(a.cells.values.first, Aggregation.Counts(events: 1, fatalities: half))
        // Renumbering merges cells, checked too.
        var b = Aggregation(window: .day)
        try b.add(region: 0, date: day, fatalities: half)
        try b.add(region: 1, date: day, fatalities: half)
        XCTAssertThrowsError(try b.renumbered([0, 0]))
        var counts = Aggregation.Counts(events: Int.max, fatalities: 0)
        XCTAssertThrowsError(try counts.add(Aggregation.Counts(events: 1))) { error in
            XCTAssertTrue("\(error)".hasPrefix("the incidents counted together"), "\(error)")
        }
    }

    /// The reader rejects a row above the per-incident ceiling with its line and field, keeps the one at it.
    func testRowWith1000001FatalitiesIsRejectedAtItsLine() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("in.csv")
        try TestSupport.write("id,event_date,latitude,longitude,fatalities\nA,2025-11-26,37,70,1000000\nB,2025-11-26,37,70,1000001\n", to: url)
        let reader = try IncidentReader(path: url.path, options: .init())
        var rejections: [Rejection] = []
        reader.onReject = { rejections.append($0) }
        var incidents: [Incident] = []
        while let i = try reader.next() { incidents.append(i) }
        XCTAssertEqual(incidents.map(\.fatalities), [1_000_000])
        XCTAssertEqual(rejections.map(\.line), [3])
        XCTAssertEqual(rejections.first?.field, "fatalities")
        XCTAssertEqual(rejections.first?.problem, .fatalitiesAboveCeiling(1_000_001, limit: 1_000_000))
        XCTAssertEqual(rejections.first?.reason, "fatalities 1000001 above the ceiling of 1000000 for one incident")
    }

    /// A space-time cube's Double bins are exact only up to 2^53 in all: beyond it the builder refuses.
    func testCubeWhoseAmountsPass2To53IsRefused() throws {
        var builder = CubeBuilder()
        builder.add(location: 0, day: 20_000, amount: 9_007_199_254_740_992)
        builder.add(location: 0, day: 20_001, amount: 1_000_000)
        XCTAssertThrowsError(try builder.cube(window: .day, from: nil, to: nil, centre: { _ in Coordinate(lon: 70, lat: 37) })) { error in
            XCTAssertTrue("\(error)".contains("the most a space-time cube holds exactly"), "\(error)")
        }
    }
}
