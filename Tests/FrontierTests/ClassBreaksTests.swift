import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierReport

/// Shading classes against hand-worked groupings.
final class ClassBreaksTests: XCTestCase {
    func testNaturalBreaksFindTheObviousGroups() {
        // Three clear groups: within-class spread is least when cut at 3 and 12.
        let c = ClassBreaks([1, 1, 2, 2, 3, 10, 11, 12, 100], classes: 3, method: .natural)
        XCTAssertEqual(c.upper, [3, 12, 100])
        XCTAssertEqual(c.lower, [1, 10, 100])
        XCTAssertEqual((0..<c.count).map(c.label), ["1–3", "10–12", "100"])
    }

    func testNearlyEqualRegionsShareAClassAndOneBusyCellStandsAlone() {
        // Badakhshan 4,350 and Gorno-Badakhshan 4,338 must not fall in different classes.
        let regions = ClassBreaks([4350, 4338, 2122, 587, 402, 243, 212, 50], classes: 5, method: .natural)
        XCTAssertEqual(regions.index(of: 4350), regions.index(of: 4338))
        // Skewed cell counts: the top class holds only the outlier, not everything from 18 up.
        let cells = ClassBreaks([1, 2, 2, 3, 4, 5, 8, 9, 12, 18, 20, 25, 3878], classes: 5, method: .natural)
        XCTAssertEqual(cells.lower.last, 3878)
        XCTAssertNotEqual(cells.index(of: 18), cells.index(of: 3878))
    }

    func testEveryValueInExactlyOneClassAndTiesTogether() {
        for method in ClassBreaks.Method.allCases {
            let values = [5, 5, 5, 5, 1, 7, 7, 300, 2, 2]
            let c = ClassBreaks(values, classes: 4, method: method)
            for v in values {
                XCTAssertEqual((0..<c.count).filter { c.lower[$0] <= v && v <= c.upper[$0] }.count, 1, "\(v) \(method)")
            }
            XCTAssertEqual(zip(c.upper, c.upper.dropFirst()).allSatisfy { $0 < $1 }, true)
            XCTAssertNil(c.index(of: 0), "zero is no class")
        }
        XCTAssertEqual(ClassBreaks([4, 4, 4], classes: 5, method: .quantiles).count, 1, "one distinct value, one class")
        XCTAssertEqual(ClassBreaks([], classes: 5, method: .natural).count, 0)
    }

    func testGroupedNumbers() {
        XCTAssertEqual(NumberFormat.grouped(167295), "167,295")
        XCTAssertEqual(NumberFormat.grouped(100000), "100,000")
        XCTAssertEqual(NumberFormat.grouped(999), "999")
        XCTAssertEqual(NumberFormat.grouped(-1234), "-1,234")
    }
}
