import XCTest
import Geo
import Frontier
@testable import FrontierBase
@testable import FrontierPlaces

final class RegionLookupTests: XCTestCase {
    var lookup: RegionLookup!
    var aliases: RegionAliases!
    var set: RegionSet!

    override func setUpWithError() throws {
        set = try RegionSet.load(.admin1, geodata: TestSupport.geodata, context: try GEOSContext())
        aliases = try RegionAliases.bundled(TestSupport.geodata)
        lookup = RegionLookup(regions: set, aliases: aliases)
    }

    func testIdsNamesAndAliases() throws {
        XCTAssertEqual(try lookup.resolve("AFG:Badakhshan").id, "AFG:Badakhshan")
        XCTAssertEqual(try lookup.resolve("Badakhshan").id, "AFG:Badakhshan")
        XCTAssertEqual(try lookup.resolve("Helmand").id, "AFG:Hilmand")
        XCTAssertEqual(try lookup.resolve("Herat").id, "AFG:Hirat")
        XCTAssertEqual(try lookup.resolve("Sar-e Pul").id, "AFG:Sari Pul")
        XCTAssertEqual(try lookup.resolve("Paktia").id, "AFG:Paktya")
        XCTAssertEqual(try lookup.resolve("Nimruz").id, "AFG:Nimroz")
        XCTAssertEqual(try lookup.resolve("Sugd").id, "TJK:Sughd")
        XCTAssertEqual(try lookup.resolve("Khyber Pakhtunkwa").id, "PAK:Khyber Pakhtunkhwa")
        XCTAssertEqual(try lookup.resolve("N.W.F.P.").id, "PAK:Khyber Pakhtunkhwa")
        XCTAssertEqual(try lookup.resolve("Gilgit Baltistan").id, "PAK:Gilgit-Baltistan")
        XCTAssertEqual(try lookup.resolve("Baluchistan").id, "PAK:Balochistan")
        XCTAssertEqual(try lookup.resolve("GBAO").id, "TJK:Gorno-Badakhshan")
        XCTAssertEqual(try lookup.resolve("Panjsher province").id, "AFG:Panjshir", "UCDP spelling with suffix")
        XCTAssertEqual(try lookup.resolve("afg:helmand").id, "AFG:Hilmand")
    }

    func testAmbiguousNameListsTheIds() {
        XCTAssertThrowsError(try lookup.resolve("Punjab")) { error in
            guard case FrontierError.ambiguousRegion(_, let ids) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(ids, ["IND:Punjab", "PAK:Punjab"])
        }
        XCTAssertEqual(try lookup.resolve("PAK:Punjab").id, "PAK:Punjab")
    }

    /// "Badakhshan" is AFG:Badakhshan's name as written, and a word of TJK:Gorno-Badakhshan's: it finds the
    /// Afghan province, and says the Tajik one was also named in part (issue 27, item 4).
    func testBadakhshanIsTheAfghanProvinceAndAlsoPartOfGornoBadakhshan() throws {
        let found = try lookup.match("Badakhshan")
        XCTAssertEqual(found.region.id, "AFG:Badakhshan")
        XCTAssertFalse(found.readAsOtherSpelling)
        XCTAssertEqual(found.partlyNamed, ["TJK:Gorno-Badakhshan"])
        XCTAssertEqual(try lookup.match("Badakhshan province").partlyNamed, ["TJK:Gorno-Badakhshan"])
        XCTAssertEqual(try lookup.match("AFG:Badakhshan").partlyNamed, [], "an id names one region")
        XCTAssertEqual(try lookup.match("AFG:Badakshan").partlyNamed, [], "limited to one country")
        XCTAssertEqual(try lookup.match("GBAO").partlyNamed, [])
    }

    /// "Badakh" begins both Badakhshans' names and equals neither: ambiguous, not the first found.
    func testBadakhIsPartOfBothBadakhshansAndAmbiguous() {
        XCTAssertThrowsError(try lookup.match("Badakh")) { error in
            guard case FrontierError.ambiguousRegion(_, let ids) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(ids, ["AFG:Badakhshan", "TJK:Gorno-Badakhshan"])
        }
    }

    /// A part of one region's name only ("Gorno", "Khatl") finds it, read as another spelling; two letters
    /// are too short to be read as part of a name.
    func testGornoIsPartOfOneNameOnly() throws {
        let gorno = try lookup.match("Gorno")
        XCTAssertEqual(gorno.region.id, "TJK:Gorno-Badakhshan")
        XCTAssertTrue(gorno.readAsOtherSpelling)
        XCTAssertEqual(try lookup.resolve("Khatl").id, "TJK:Khatlon")
        XCTAssertThrowsError(try lookup.match("Kh")) { error in
            guard case FrontierError.unknownRegion = error else { return XCTFail("\(error)") }
        }
    }

    func testMisspellingSuggestsTheNearestName() {
        XCTAssertThrowsError(try lookup.resolve("Badakhshn")) { error in
            guard case FrontierError.unknownRegion(_, let suggestions) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(suggestions.first, "AFG:Badakhshan")
        }
        XCTAssertThrowsError(try lookup.resolve("Atlantis")) { error in
            XCTAssertTrue("\(error)".hasPrefix("no region 'Atlantis'"), "\(error)")
        }
    }

    /// One table serves both sets (the default's current units and Natural Earth's older ones): each alias
    /// names a region of one of them, and within each set no alias names two regions of one country.
    func testEveryAliasNamesARealRegionAndNoAliasIsAmbiguousWithinACountry() throws {
        let naturalEarth = try RegionSet.load(.admin1, geodata: GeoDataLocation(directory: TestSupport.geodata.root, boundaries: .naturalEarth),
                                              context: set.context)
        let sets = [set!, naturalEarth]
        for (alias, regionIDs) in aliases.allAliases {
            for id in regionIDs {
                XCTAssertTrue(sets.contains { $0.region(id: id) != nil }, "alias '\(alias)' names unknown region \(id)")
            }
            for s in sets {
                let countries = regionIDs.filter { s.region(id: $0) != nil }.map { $0.prefix(3) }
                XCTAssertEqual(Set(countries).count, countries.count, "alias '\(alias)' maps to two regions of one country: \(regionIDs)")
            }
        }
        XCTAssertGreaterThan(aliases.allAliases.count, 150)
    }
}
