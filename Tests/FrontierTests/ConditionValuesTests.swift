import XCTest
@testable import FrontierBase
@testable import FrontierPlaces
@testable import FrontierScan

/// The pieces behind issue 27's "a --where value no row holds" notice and unknown fatalities: the values a
/// conditioned column held merge to the same set whichever thread read which rows, stop at their limit, and
/// the unknown-fatalities words are read as the validator reads them.
final class ConditionValuesTests: XCTestCase {
    private func values(_ texts: [String], matching: Set<String> = []) -> ConditionValues {
        var v = ConditionValues()
        for t in texts {
            let key = RegionAliases.normalize(t)
            v.note(t, normalized: key, matches: matching.contains(t))
        }
        return v
    }

    /// "battles" and "Battles" normalize alike: the smallest spelling is kept, in whichever order threads merge.
    func testMergingInEitherOrderKeepsTheSameValues() {
        let a = values(["battles", "Riots"]), b = values(["Battles", "Protests"], matching: ["Protests"])
        var ab = a, ba = b
        ab.merge(b)
        ba.merge(a)
        XCTAssertEqual(ab.values, ba.values)
        XCTAssertEqual(Set(ab.values.values), ["Battles", "Riots", "Protests"])
        XCTAssertEqual(ab.matched, [RegionAliases.normalize("Protests")])
        XCTAssertEqual(EditDistance.nearest(to: "Battle", among: Array(ab.values.values)), ["Battles", "Riots", "Protests"])
    }

    /// Past 500 distinct values the column is too free to suggest from, yet matches are still known.
    func testFiveHundredAndOneValuesOverflowButMatchesStayExact() {
        let many = values((1...501).map { "note \($0)" }, matching: ["note 501"])
        XCTAssertTrue(many.overflowed)
        XCTAssertEqual(many.values.count, 500)
        XCTAssertEqual(many.matched, [RegionAliases.normalize("note 501")])
        var split = values((1...250).map { "note \($0)" })
        split.merge(values((251...501).map { "note \($0)" }))
        XCTAssertTrue(split.overflowed, "two threads of 250 and 251 values overflow together")
    }

    /// NA, N/A, -, unknown in any case with spaces or tabs around; "many", "N A" and "0" are not.
    func testUnknownFatalitiesWords() {
        for text in ["NA", "na", " N/A ", "-", "\tUnknown", "UNKNOWN "] {
            XCTAssertTrue(Array(text.utf8).withUnsafeBufferPointer(RowValidator.isUnknownCount), text)
        }
        for text in ["many", "N A", "0", "", "--", "unknown!"] {
            XCTAssertFalse(Array(text.utf8).withUnsafeBufferPointer(RowValidator.isUnknownCount), text)
        }
    }
}
