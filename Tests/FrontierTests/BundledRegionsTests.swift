import XCTest
import Geo
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPlaces

/// Facts about the real boundaries, checked against both bundled boundary sets (OpenStreetMap's outlines,
/// the default, and Natural Earth's, kept so earlier results can be reproduced).
final class BundledRegionsTests: XCTestCase {
    /// One boundary set, loaded.
    struct Loaded {
        let set: BoundarySet
        let admin0: RegionSet
        let admin1: RegionSet
        let borders: BorderSet

        func touches(_ regionID: String, _ borderID: String) throws -> Bool {
            let region = try XCTUnwrap(admin1.region(id: regionID), "\(set): \(regionID)")
            return try borders.border(borderID).geometry.intersects(region.geometry)
        }
    }

    var context: GEOSContext!
    var sets: [Loaded] = []

    override func setUpWithError() throws {
        context = try GEOSContext()
        sets = try BoundarySet.allCases.map { set in
            let location = GeoDataLocation(directory: TestSupport.geodata.root, boundaries: set)
            return Loaded(set: set, admin0: try RegionSet.load(.admin0, geodata: location, context: context),
                          admin1: try RegionSet.load(.admin1, geodata: location, context: context),
                          borders: try BorderSet.load(geodata: location, context: context))
        }
    }

    func testCountsAndNoRepairsNeeded() {
        for s in sets {
            XCTAssertEqual(s.admin0.regions.map(\.country), ["AFG", "CHN", "IND", "IRN", "KGZ", "PAK", "TJK", "TKM", "UZB"], "\(s.set)")
            XCTAssertEqual(s.admin1.regions(inCountry: "AFG").count, 34, "\(s.set): Afghanistan has 34 provinces")
            // The default set has today's units (UnitChange); Natural Earth's keeps its own names.
            XCTAssertEqual(s.admin1.regions(inCountry: "TJK").map(\.name), s.set == .naturalEarth
                           ? ["Dushanbe", "Gorno-Badakhshan", "Khatlon", "Leninabad", "Tadzhikistan Territories"]
                           : ["Districts of Republican Subordination", "Dushanbe", "Gorno-Badakhshan", "Khatlon", "Sughd"], "\(s.set)")
            XCTAssertEqual(s.admin1.regions(inCountry: "CHN").map(\.name), ["Xinjiang", "Xizang"], "\(s.set)")
            XCTAssertTrue(s.admin0.repairs.isEmpty && s.admin1.repairs.isEmpty, "\(s.set): \(s.admin0.repairs) \(s.admin1.repairs)")
        }
    }

    func testCorrectedNamesArePresent() {
        for s in sets {
            for id in ["AFG:Panjshir", "AFG:Parwan", "AFG:Daykundi", "AFG:Uruzgan", "UZB:Tashkent", "UZB:Tashkent City"] {
                XCTAssertNotNil(s.admin1.region(id: id), "\(s.set): \(id)")
            }
        }
    }

    func testWhichProvincesTouchWhichBorders() throws {
        for s in sets {
            XCTAssertTrue(try s.touches("AFG:Badakhshan", "AFG-TJK"), "\(s.set)")
            XCTAssertTrue(try s.touches("AFG:Badakhshan", "AFG-CHN"), "\(s.set)")
            XCTAssertTrue(try s.touches("TJK:Gorno-Badakhshan", "AFG-TJK"), "\(s.set)")
            XCTAssertTrue(try s.touches("TJK:Gorno-Badakhshan", "CHN-TJK"), "\(s.set)")
            XCTAssertTrue(try s.touches("TJK:Khatlon", "AFG-TJK"), "\(s.set)")
            XCTAssertFalse(try s.touches("TJK:Khatlon", "AFG-CHN"), "\(s.set)")
            for border in s.borders.borders {
                XCTAssertFalse(try s.touches("AFG:Panjshir", border.id), "\(s.set): Panjshir is landlocked within Afghanistan (\(border.id))")
            }
        }
    }

    /// Areas against official figures (2%), and pinned to 0.1 km² against pyproj's `Geod.geometry_area_perimeter`
    /// on the committed GeoJSON (computed outside Frontier: AFG 641,640.98 / 642,152.31 km², TJK 141,114.13 /
    /// 142,227.54, Badakhshan 43,552.55 / 43,693.48 for OpenStreetMap / Natural Earth).
    func testEllipsoidalAreas() throws {
        let pinned: [BoundarySet: (afg: Double, tjk: Double, bdk: Double)] = [
            .openStreetMap: (641_640.98, 141_114.13, 43_552.55), .naturalEarth: (642_152.31, 142_227.54, 43_693.48),
        ]
        for s in sets {
            let afg = try XCTUnwrap(s.admin0.region(id: "AFG:Afghanistan")).areaKm2()
            let tjk = try XCTUnwrap(s.admin0.region(id: "TJK:Tajikistan")).areaKm2()
            let bdk = try XCTUnwrap(s.admin1.region(id: "AFG:Badakhshan")).areaKm2()
            XCTAssertEqual(afg, 652_230, accuracy: 652_230 * 0.02, "\(s.set)")
            XCTAssertEqual(tjk, 143_100, accuracy: 143_100 * 0.02, "\(s.set)")
            XCTAssertEqual(bdk, 44_059, accuracy: 44_059 * 0.02, "\(s.set)")
            let p = try XCTUnwrap(pinned[s.set])
            XCTAssertEqual(afg, p.afg, accuracy: 0.1, "\(s.set)")
            XCTAssertEqual(tjk, p.tjk, accuracy: 0.1, "\(s.set)")
            XCTAssertEqual(bdk, p.bdk, accuracy: 0.1, "\(s.set)")
        }
    }

    /// Lengths pinned against pyproj's `Geod.geometry_length` on the committed borders.geojson: 1,314.656 km
    /// (OpenStreetMap; the surveyed border, mostly the Panj, is cited at 1,344-1,357 km) and 1,144.609 km
    /// (Natural Earth, generalized).
    func testAfghanTajikBorderIsOneLineBetweenTheTripoints() throws {
        let pinned: [BoundarySet: Double] = [.openStreetMap: 1_314.656, .naturalEarth: 1_144.609]
        for s in sets {
            let line = try s.borders.border("TJK-AFG")
            XCTAssertEqual(line.id, "AFG-TJK")
            XCTAssertEqual(line.parts, 1, "\(s.set)")
            XCTAssertEqual(line.geometry.type, .lineString, "\(s.set)")
            let coords = try line.geometry.coordinates()
            let ends = try [XCTUnwrap(coords.first), XCTUnwrap(coords.last)].sorted { $0.lon < $1.lon }
            // Afghanistan–Uzbekistan–Tajikistan tripoint near 67.8 E 37.2 N; Chinese tripoint near 74.9 E 37.2 N.
            XCTAssertEqual(ends[0].lon, 67.8, accuracy: 0.1, "\(s.set)")
            XCTAssertEqual(ends[0].lat, 37.2, accuracy: 0.1, "\(s.set)")
            XCTAssertEqual(ends[1].lon, 74.9, accuracy: 0.1, "\(s.set)")
            XCTAssertEqual(ends[1].lat, 37.2, accuracy: 0.1, "\(s.set)")
            XCTAssertEqual(try line.lengthKm(), try XCTUnwrap(pinned[s.set]), accuracy: 0.001, "\(s.set)")
        }
        XCTAssertTrue((1_300...1_360).contains(try XCTUnwrap(sets.first { $0.set == .openStreetMap }).borders.border("AFG-TJK").lengthKm()))
    }

    func testEveryAdmin1RegionLiesInItsCountry() throws {
        for s in sets {
            for country in s.admin0.regions {
                let provinces = s.admin1.regions(inCountry: country.country)
                XCTAssertFalse(provinces.isEmpty, "\(s.set): \(country.id)")
                for p in provinces {
                    let outside = try p.geometry.difference(country.geometry).area()
                    XCTAssertLessThan(outside / (try p.geometry.area()), 0.001, "\(s.set): \(p.id) sticks out of \(country.id)")
                }
            }
        }
    }

    func testProvincesOfOneCountryDoNotOverlap() throws {
        for s in sets {
            for country in s.admin0.regions {
                let provinces = s.admin1.regions(inCountry: country.country)
                for (i, a) in provinces.enumerated() {
                    let ea = try XCTUnwrap(a.geometry.envelope())
                    for b in provinces[(i + 1)...] where ea.intersects(try XCTUnwrap(b.geometry.envelope())) {
                        let overlap = try a.geometry.intersection(b.geometry).area()
                        XCTAssertLessThan(overlap, 1e-9, "\(s.set): \(a.id) overlaps \(b.id)")
                    }
                }
            }
        }
    }

    func testUnknownBorderListsTheKnownOnes() {
        for s in sets {
            XCTAssertThrowsError(try s.borders.border("AFG-XXX")) { error in
                XCTAssertTrue("\(error)".contains("AFG-TJK"), "\(error)")
            }
        }
    }
}

/// Every bundled region's envelope, read from its WKB without parsing it (`Region.envelope`), is the one GEOS
/// gives its parsed polygon.
final class RegionEnvelopeTests: XCTestCase {
    func testEveryBundledRegionsEnvelopeIsGEOSs() throws {
        for set in BoundarySet.allCases {
            let location = GeoDataLocation(directory: TestSupport.geodata.root, boundaries: set)
            for layer in [RegionSource.admin0, .admin1] {
                let fresh = try RegionSet.load(layer, geodata: location, context: GEOSContext())
                let parsed = try RegionSet.load(layer, geodata: location, context: GEOSContext())
                for (a, b) in zip(fresh.regions, parsed.regions) {
                    let expected = try b.geometry.envelope()
                    XCTAssertNotNil(expected, "\(set) \(b.id)")
                    XCTAssertEqual(try a.envelope, expected, "\(set) \(a.id)")
                    // Asked again, and after parsing: the same.
                    XCTAssertEqual(try b.envelope, expected, "\(set) \(b.id)")
                }
            }
        }
    }
}
