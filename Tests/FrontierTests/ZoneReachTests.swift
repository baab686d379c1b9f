import XCTest
import Geo
import Frontier
@testable import FrontierPlaces

/// Which regions a border's zone reaches (issue 27, item 1: `aggregate --near AFG-TJK --within 50km --fill`
/// listed all 142 provinces): those with a point within the distance of the line, measured as `near`
/// measures incidents. The expected sets and distances were worked out apart from Frontier, with GeoPandas
/// 1.2 and pyproj 3.7 on GeoData's own polygons: regions meeting the line at distance 0, the others
/// measured in an azimuthal equidistant frame centred between the nearest points and then along the
/// geodesic between those points (`docs/architecture.md`, "Zones and regions").
final class ZoneReachTests: XCTestCase {
    private var regions: RegionSet!
    private var line: BorderLine!

    override func setUpWithError() throws {
        let context = try GEOSContext()
        regions = try RegionSet.load(.admin1, geodata: TestSupport.geodata, context: context)
        line = try BorderSet.load(geodata: TestSupport.geodata, context: context).border("AFG-TJK")
    }

    private func reached(within km: Double) throws -> [String] {
        let zone = try NearZone(border: line, within: Distance(metres: km * 1000))
        return try zone.regionsReached(in: regions).map { regions.regions[$0].id }
    }

    func testAFGTJKWithin50kmReachesFourteenProvincesOfWhichTenInAfghanistanAndTajikistan() throws {
        XCTAssertEqual(try reached(within: 50), [
            "AFG:Badakhshan", "AFG:Baghlan", "AFG:Balkh", "AFG:Kunduz", "AFG:Nuristan", "AFG:Samangan", "AFG:Takhar",
            "CHN:Xinjiang", "PAK:Gilgit-Baltistan", "PAK:Khyber Pakhtunkhwa",
            "TJK:Districts of Republican Subordination", "TJK:Gorno-Badakhshan", "TJK:Khatlon", "UZB:Surkhandarya",
        ])
    }

    func testDistancesToTheProvincesNearAFGTJKAgreeWithPyproj() throws {
        let zone = try NearZone(border: line, within: Distance(metres: 100_000))
        func km(_ id: String) throws -> Double? {
            try zone.distance(toRegion: XCTUnwrap(regions.index(id: id)), of: regions).map { $0 / 1000 }
        }
        // On the line (they share its vertices, or the line ends in them).
        for id in ["AFG:Badakhshan", "AFG:Balkh", "AFG:Kunduz", "AFG:Takhar", "TJK:Gorno-Badakhshan", "TJK:Khatlon", "CHN:Xinjiang", "UZB:Surkhandarya"] {
            XCTAssertEqual(try km(id), 0, id)
        }
        // pyproj's values (km, to 0.1 m; each the geodesic between two points of the shapes): within a metre.
        // Khyber Pakhtunkhwa's is K.P.'s before the 2018 merger: F.A.T.A.'s part lies farther from AFG-TJK.
        let expected = ["TJK:Districts of Republican Subordination": 13.7050, "PAK:Khyber Pakhtunkhwa": 15.7788, "PAK:Gilgit-Baltistan": 19.9951,
                        "AFG:Samangan": 39.1131, "AFG:Nuristan": 41.8810, "AFG:Baghlan": 43.0743, "KGZ:Batken": 99.3665]
        for (id, value) in expected {
            let d = try XCTUnwrap(try km(id), id)
            XCTAssertEqual(d, value, accuracy: 0.001, id)
        }
        // Beyond 100 km: Panjshir, Dushanbe.
        XCTAssertNil(try km("AFG:Panjshir"))
        XCTAssertNil(try km("TJK:Dushanbe"))
    }

    func testSamanganIsReachedJustBeyondItsDistanceAndNotJustShortOfIt() throws {
        let samangan = try XCTUnwrap(regions.index(id: "AFG:Samangan"))
        XCTAssertNotNil(try NearZone(border: line, within: Distance(metres: 39_120)).distance(toRegion: samangan, of: regions))
        XCTAssertNil(try NearZone(border: line, within: Distance(metres: 39_100)).distance(toRegion: samangan, of: regions))
        XCTAssertFalse(try reached(within: 39.1).contains("AFG:Samangan"))
        XCTAssertEqual(try reached(within: 40).filter { $0.hasPrefix("AFG:") || $0.hasPrefix("TJK:") }, [
            "AFG:Badakhshan", "AFG:Balkh", "AFG:Kunduz", "AFG:Samangan", "AFG:Takhar",
            "TJK:Districts of Republican Subordination", "TJK:Gorno-Badakhshan", "TJK:Khatlon",
        ])
    }

    func testTheQuickTestsAgreeWithMeasuringEveryVertex() throws {
        // `regionsReached` decides most regions from the nearest points in lon/lat or the segments' reach
        // boxes; measuring every vertex of every region must give the same set.
        let context = regions.context
        let borders = try BorderSet.load(geodata: TestSupport.geodata, context: context)
        for (border, km) in [("AFG-TJK", 39.11), ("AFG-TJK", 39.12), ("AFG-TJK", 100), ("AFG-IRN", 30), ("AFG-PAK", 5)] {
            let zone = try NearZone(border: borders.border(border), within: Distance(metres: km * 1000))
            let measured = try regions.regions.indices.filter { try zone.distance(toRegion: $0, of: regions) != nil }
            XCTAssertEqual(try zone.regionsReached(in: regions), measured, "\(border) \(km) km")
            XCTAssertEqual(try measured.filter { try zone.reaches(region: $0, of: regions) }, measured)
        }
    }

    func testARegionsZoneReachesItselfAndItsNeighbours() throws {
        let khatlon = try XCTUnwrap(regions.index(id: "TJK:Khatlon"))
        let zone = try NearZone(region: khatlon, of: regions, within: Distance(metres: 1))
        let ids = try zone.regionsReached(in: regions).map { regions.regions[$0].id }
        // GeoPandas: the regions whose polygons intersect Khatlon's (itself included).
        XCTAssertEqual(ids, ["AFG:Badakhshan", "AFG:Balkh", "AFG:Kunduz", "AFG:Takhar", "TJK:Districts of Republican Subordination",
                             "TJK:Gorno-Badakhshan", "TJK:Khatlon", "UZB:Surkhandarya"])
    }
}
