import XCTest
import Geo
@testable import Frontier

/// Facts about the real boundaries, checked against the bundled GeoData.
final class BundledRegionsTests: XCTestCase {
    var context: GEOSContext!
    var admin0: RegionSet!
    var admin1: RegionSet!
    var borders: BorderSet!

    override func setUpWithError() throws {
        context = try GEOSContext()
        admin0 = try RegionSet.load(.admin0, geodata: TestSupport.geodata, context: context)
        admin1 = try RegionSet.load(.admin1, geodata: TestSupport.geodata, context: context)
        borders = try BorderSet.load(geodata: TestSupport.geodata, context: context)
    }

    func testCountsAndNoRepairsNeeded() {
        XCTAssertEqual(admin0.regions.map(\.country), ["AFG", "CHN", "IND", "IRN", "KGZ", "PAK", "TJK", "TKM", "UZB"])
        XCTAssertEqual(admin1.regions(inCountry: "AFG").count, 34, "Afghanistan has 34 provinces")
        XCTAssertEqual(admin1.regions(inCountry: "TJK").map(\.name),
                       ["Dushanbe", "Gorno-Badakhshan", "Khatlon", "Leninabad", "Tadzhikistan Territories"])
        XCTAssertEqual(admin1.regions(inCountry: "CHN").map(\.name), ["Xinjiang", "Xizang"])
        XCTAssertTrue(admin0.repairs.isEmpty && admin1.repairs.isEmpty, "\(admin0.repairs) \(admin1.repairs)")
    }

    func testCorrectedNamesArePresent() {
        for id in ["AFG:Panjshir", "AFG:Parwan", "AFG:Daykundi", "AFG:Uruzgan", "UZB:Tashkent", "UZB:Tashkent City"] {
            XCTAssertNotNil(admin1.region(id: id), id)
        }
    }

    private func touches(_ regionID: String, _ borderID: String) throws -> Bool {
        let region = try XCTUnwrap(admin1.region(id: regionID))
        return try borders.border(borderID).geometry.intersects(region.geometry)
    }

    func testWhichProvincesTouchWhichBorders() throws {
        XCTAssertTrue(try touches("AFG:Badakhshan", "AFG-TJK"))
        XCTAssertTrue(try touches("AFG:Badakhshan", "AFG-CHN"))
        XCTAssertTrue(try touches("TJK:Gorno-Badakhshan", "AFG-TJK"))
        XCTAssertTrue(try touches("TJK:Gorno-Badakhshan", "CHN-TJK"))
        XCTAssertTrue(try touches("TJK:Khatlon", "AFG-TJK"))
        XCTAssertFalse(try touches("TJK:Khatlon", "AFG-CHN"))
        for border in borders.borders {
            XCTAssertFalse(try touches("AFG:Panjshir", border.id), "Panjshir is landlocked within Afghanistan (\(border.id))")
        }
    }

    func testEllipsoidalAreas() throws {
        let afg = try XCTUnwrap(admin0.region(id: "AFG:Afghanistan")).areaKm2()
        let tjk = try XCTUnwrap(admin0.region(id: "TJK:Tajikistan")).areaKm2()
        let bdk = try XCTUnwrap(admin1.region(id: "AFG:Badakhshan")).areaKm2()
        XCTAssertEqual(afg, 652_230, accuracy: 652_230 * 0.02)
        XCTAssertEqual(tjk, 143_100, accuracy: 143_100 * 0.02)
        XCTAssertEqual(bdk, 44_059, accuracy: 44_059 * 0.02)
    }

    func testAfghanTajikBorderIsOneLineBetweenTheTripoints() throws {
        let line = try borders.border("TJK-AFG")
        XCTAssertEqual(line.id, "AFG-TJK")
        XCTAssertEqual(line.parts, 1)
        XCTAssertEqual(line.geometry.type, .lineString)
        let coords = try line.geometry.coordinates()
        let ends = [coords.first!, coords.last!].sorted { $0.lon < $1.lon }
        // Afghanistan–Uzbekistan–Tajikistan tripoint near 67.8 E 37.2 N; Chinese tripoint near 74.9 E 37.2 N.
        XCTAssertEqual(ends[0].lon, 67.8, accuracy: 0.1)
        XCTAssertEqual(ends[0].lat, 37.2, accuracy: 0.1)
        XCTAssertEqual(ends[1].lon, 74.9, accuracy: 0.1)
        XCTAssertEqual(ends[1].lat, 37.2, accuracy: 0.1)
        XCTAssertEqual(try line.lengthKm(), 1145, accuracy: 5)
    }

    func testEveryAdmin1RegionLiesInItsCountry() throws {
        for country in admin0.regions {
            let provinces = admin1.regions(inCountry: country.country)
            XCTAssertFalse(provinces.isEmpty, country.id)
            let countryArea = try country.geometry.area()
            for p in provinces {
                let outside = try p.geometry.difference(country.geometry).area()
                XCTAssertLessThan(outside / (try p.geometry.area()), 0.001, "\(p.id) sticks out of \(country.id)")
            }
            _ = countryArea
        }
    }

    func testProvincesOfOneCountryDoNotOverlap() throws {
        for country in admin0.regions {
            let provinces = admin1.regions(inCountry: country.country)
            for (i, a) in provinces.enumerated() {
                let ea = try XCTUnwrap(a.geometry.envelope())
                for b in provinces[(i + 1)...] where ea.intersects(try XCTUnwrap(b.geometry.envelope())) {
                    let overlap = try a.geometry.intersection(b.geometry).area()
                    XCTAssertLessThan(overlap, 1e-9, "\(a.id) overlaps \(b.id)")
                }
            }
        }
    }

    func testUnknownBorderListsTheKnownOnes() {
        XCTAssertThrowsError(try borders.border("AFG-XXX")) { error in
            XCTAssertTrue("\(error)".contains("AFG-TJK"), "\(error)")
        }
    }
}
