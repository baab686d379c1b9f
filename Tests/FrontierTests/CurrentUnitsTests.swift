import XCTest
import Geo
import FrontierGeoDataBuild
@testable import FrontierBase
@testable import FrontierPlaces

/// Issue 32: the default set's provinces are today's units with their ISO 3166-2 codes; the Natural Earth
/// set keeps 0.1's units; old names find today's units. Areas are pyproj's `Geod.geometry_area_perimeter`
/// on the committed admin1.geojson; the codes are pycountry 26.2.16's (python/tests/test_region_codes.py
/// compares every one where pycountry is installed).
final class CurrentUnitsTests: XCTestCase {
    var context: GEOSContext!
    var today: RegionSet!
    var naturalEarth: RegionSet!
    var aliases: RegionAliases!

    override func setUpWithError() throws {
        context = try GEOSContext()
        today = try RegionSet.load(.admin1, geodata: TestSupport.geodata, context: context)
        naturalEarth = try RegionSet.load(.admin1, geodata: GeoDataLocation(directory: TestSupport.geodata.root, boundaries: .naturalEarth),
                                          context: context)
        aliases = try RegionAliases.bundled(TestSupport.geodata)
    }

    private func listing(_ set: RegionSet, _ country: String) -> [String] {
        set.regions(inCountry: country).map { "\($0.id) \($0.code)" }
    }

    func testPakistanAndTajikistanAreTodaysProvincesWithTheirCodes() {
        XCTAssertEqual(listing(today, "PAK"), [
            "PAK:Azad Jammu and Kashmir PK-JK", "PAK:Balochistan PK-BA", "PAK:Gilgit-Baltistan PK-GB",
            "PAK:Islamabad Capital Territory PK-IS", "PAK:Khyber Pakhtunkhwa PK-KP", "PAK:Punjab PK-PB", "PAK:Sindh PK-SD",
        ])
        XCTAssertEqual(listing(today, "TJK"), [
            "TJK:Districts of Republican Subordination TJ-RA", "TJK:Dushanbe TJ-DU", "TJK:Gorno-Badakhshan TJ-GB",
            "TJK:Khatlon TJ-KT", "TJK:Sughd TJ-SU",
        ])
    }

    /// Natural Earth's set is 0.1's reference as drawn: its old units keep their ids, renamed ones get their
    /// unit's code, and units that no longer exist (F.A.T.A.) have none.
    func testTheNaturalEarthSetKeepsItsUnitsAndCodesOnlyThoseThatStillExist() {
        XCTAssertEqual(listing(naturalEarth, "PAK"), [
            "PAK:Azad Kashmir PK-JK", "PAK:Baluchistan PK-BA", "PAK:F.A.T.A. ", "PAK:F.C.T. PK-IS", "PAK:K.P. PK-KP",
            "PAK:Northern Areas PK-GB", "PAK:Punjab PK-PB", "PAK:Sind PK-SD",
        ])
        XCTAssertEqual(naturalEarth.regions.count, 142)
        XCTAssertEqual(today.regions.count, 141, "142 − F.A.T.A. − Dadra and Nagar Haveli − Daman and Diu + their merger + Telangana")
    }

    func testEveryProvinceOfTheDefaultSetHasOneCodeOfItsOwnCountry() {
        var seen: [String: String] = [:]
        for r in today.regions {
            let prefix = ["AFG": "AF", "CHN": "CN", "IND": "IN", "IRN": "IR", "KGZ": "KG", "PAK": "PK", "TJK": "TJ", "TKM": "TM", "UZB": "UZ"][r.country]
            XCTAssertTrue(r.code.hasPrefix("\(prefix ?? "?")-"), "\(r.id): '\(r.code)'")
            XCTAssertNil(seen[r.code], "\(r.code) on \(r.id) and \(seen[r.code] ?? "")")
            seen[r.code] = r.id
        }
    }

    /// Bajaur and North Waziristan were F.A.T.A. agencies until 2018; ACLED codes them Khyber Pakhtunkhwa.
    func testBajaurAndNorthWaziristanAreInKhyberPakhtunkhwa() throws {
        for (place, point) in [("Bajaur", Coordinate(x: 71.50, y: 34.68)), ("North Waziristan", Coordinate(x: 70.10, y: 32.98))] {
            XCTAssertEqual(try today.locate(point).map { today.regions[$0].id }, "PAK:Khyber Pakhtunkhwa", place)
            XCTAssertEqual(try naturalEarth.locate(point).map { naturalEarth.regions[$0].id }, "PAK:F.A.T.A.", place)
        }
    }

    /// Hyderabad is Telangana's capital since the 2014 split; Vijayawada stays in Andhra Pradesh; Khujand is
    /// Sughd's capital, Gharm in the Rasht valley (Districts of Republican Subordination).
    func testTheSplitAndRenamedUnitsHoldTheirCities() throws {
        for (city, point, id) in [("Hyderabad", Coordinate(x: 78.4867, y: 17.385), "IND:Telangana"),
                                  ("Vijayawada", Coordinate(x: 80.648, y: 16.5062), "IND:Andhra Pradesh"),
                                  ("Khujand", Coordinate(x: 69.622, y: 40.2826), "TJK:Sughd"),
                                  ("Gharm", Coordinate(x: 70.368, y: 39.0227), "TJK:Districts of Republican Subordination")] {
            XCTAssertEqual(try today.locate(point).map { today.regions[$0].id }, id, city)
        }
    }

    /// pyproj's areas on the committed files (km², to 0.001), within 0.05 km².
    func testAreasOfTheChangedUnitsAgreeWithPyproj() throws {
        for (id, km2) in [("TJK:Sughd", 25_619.067), ("TJK:Districts of Republican Subordination", 28_345.496),
                          ("PAK:Khyber Pakhtunkhwa", 101_602.792), ("IND:Telangana", 115_367.385), ("IND:Andhra Pradesh", 160_329.42),
                          ("IND:Dadra and Nagar Haveli and Daman and Diu", 557.093)] {
            XCTAssertEqual(try XCTUnwrap(today.region(id: id), id).areaKm2(), km2, accuracy: 0.05, id)
        }
    }

    func testOldNamesAndCodesFindTodaysUnits() throws {
        let lookup = RegionLookup(regions: today, aliases: aliases)
        for (name, id) in [("F.A.T.A.", "PAK:Khyber Pakhtunkhwa"), ("FATA", "PAK:Khyber Pakhtunkhwa"),
                           ("Federally Administered Tribal Areas", "PAK:Khyber Pakhtunkhwa"), ("N.W.F.P.", "PAK:Khyber Pakhtunkhwa"),
                           ("Leninabad", "TJK:Sughd"), ("Leninobod", "TJK:Sughd"), ("Northern Areas", "PAK:Gilgit-Baltistan"),
                           ("Tadzhikistan Territories", "TJK:Districts of Republican Subordination"), ("Karotegin", "TJK:Districts of Republican Subordination"),
                           ("RRP", "TJK:Districts of Republican Subordination"), ("Sind", "PAK:Sindh"), ("Orissa", "IND:Odisha"),
                           ("Daman and Diu", "IND:Dadra and Nagar Haveli and Daman and Diu"), ("Chardzhou", "TKM:Lebap")] {
            let found = try lookup.match(name)
            XCTAssertEqual(found.region.id, id, name)
            XCTAssertTrue(found.readAsOtherSpelling, "\(name): a notice says how it was read")
        }
        for (code, id) in [("PK-KP", "PAK:Khyber Pakhtunkhwa"), ("tj-ra", "TJK:Districts of Republican Subordination"),
                           ("AF-BDS", "AFG:Badakhshan"), ("IN-TS", "IND:Telangana")] {
            let found = try lookup.match(code)
            XCTAssertEqual(found.region.id, id, code)
            XCTAssertFalse(found.readAsOtherSpelling, code)
        }
        // In the Natural Earth set the same names find its own units.
        let old = RegionLookup(regions: naturalEarth, aliases: aliases)
        XCTAssertEqual(try old.resolve("F.A.T.A.").id, "PAK:F.A.T.A.")
        XCTAssertEqual(try old.resolve("Khyber Pakhtunkhwa").id, "PAK:K.P.")
        XCTAssertEqual(try old.resolve("Sughd").id, "TJK:Leninabad")
        XCTAssertEqual(try old.resolve("PK-KP").id, "PAK:K.P.")
    }

    /// A layer that repeats a code names no region by it: the lookup lists the regions holding it.
    func testARepeatedCodeIsAmbiguousNotTheFirst() throws {
        let square = { (x: Double) in try Geometry(wkt: "POLYGON((\(x) 0, \(x + 1) 0, \(x + 1) 1, \(x) 1, \(x) 0))", context: self.context) }
        let layer = try RegionSet(regions: [Region(id: "a", country: "", name: "A", code: "XX-1", geometry: square(0)),
                                            Region(id: "b", country: "", name: "B", code: "xx-1", geometry: square(2)),
                                            Region(id: "c", country: "", name: "C", code: "XX-2", geometry: square(4))], context: context)
        let lookup = RegionLookup(regions: layer, aliases: RegionAliases())
        XCTAssertEqual(try lookup.resolve("xx-2").id, "c")
        XCTAssertThrowsError(try lookup.resolve("XX-1")) { error in
            guard case FrontierError.ambiguousRegion(_, let ids) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(ids, ["a", "b"])
        }
    }

    /// Every change names regions Natural Earth has and makes one the default set has; the old ids are gone
    /// from it (a merge's and a rename's), a split's stays.
    func testEveryUnitChangeIsInBothSets() {
        for change in UnitChange.all {
            for id in change.from { XCTAssertNotNil(naturalEarth.region(id: id), "\(id) in Natural Earth") }
            XCTAssertNotNil(today.region(id: change.id), change.id)
            if case .split = change.kind {
                XCTAssertNotNil(today.region(id: change.from[0]))
            } else {
                for id in change.from { XCTAssertNil(today.region(id: id), "\(id) is no longer a unit") }
            }
        }
    }
}
