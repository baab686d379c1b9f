import XCTest
import Geo
@testable import FrontierPlaces

/// The mismatch verdict (docs/architecture.md, "Rejections"): a reported place that names the located region
/// or its country, in any spelling the alias table knows, agrees; any other disagrees. Asked by region index,
/// as the scan asks, the verdict is the one asked with the region itself, whatever was asked before.
final class MismatchCheckTests: XCTestCase {
    func testVerdictsByRegionIndexAreThoseOfTheRegionWhateverCameBefore() throws {
        let regions = try RegionSet.load(.admin1, geodata: TestSupport.geodata)
        let badakhshan = try XCTUnwrap(regions.regions.firstIndex { $0.country == "AFG" && $0.name == "Badakhshan" })
        let sughd = try XCTUnwrap(regions.regions.firstIndex { $0.country == "TJK" && $0.name.hasPrefix("Sughd") })
        let byIndex = try MismatchCheck.bundled(TestSupport.geodata, comparesAdmin1: true)
        let byRegion = try MismatchCheck.bundled(TestSupport.geodata, comparesAdmin1: true)
        // Asked in this order, each repeat and each change of place in one region is a new case for the
        // remembered last place of that region.
        let asked: [(String?, String?, Int, Bool)] = [
            ("Afghanistan", "Badakhshan", badakhshan, false),
            ("Afghanistan", "Badakhshan", badakhshan, false),
            ("afghanistan", "BADAKHSHAN", badakhshan, false),
            ("Tajikistan", "Badakhshan", badakhshan, true),
            ("Afghanistan", "Kunduz", badakhshan, true),
            ("Afghanistan", nil, badakhshan, false),
            (nil, nil, badakhshan, false),
            ("Tajikistan", "Sughd", sughd, false),
            ("Afghanistan", "Badakhshan", badakhshan, false),
            ("Afghanistan", "Sughd", sughd, true),
        ]
        // More places in one region than the check keeps per region: the verdicts past them are still asked.
        let many = (0..<40).map { ("Afghanistan", "Nowhere \($0)", badakhshan, true) } as [(String?, String?, Int, Bool)]
        for (country, admin1, region, expected) in asked + many + asked {
            let context = "\(country ?? "nil") / \(admin1 ?? "nil") in \(regions.regions[region].name)"
            XCTAssertEqual(byIndex.disagrees(reportedCountry: country, reportedAdmin1: admin1, region: region, of: regions), expected, context)
            XCTAssertEqual(byRegion.disagrees(reportedCountry: country, reportedAdmin1: admin1, located: regions.regions[region]), expected, context)
        }
    }
}
