import XCTest
@testable import FrontierBase
@testable import FrontierAnalyses

/// The bundled event taxonomy as GeoData/README.md describes it, and a malformed file's error.
final class EventTaxonomyTests: XCTestCase {
    func testTheBundledClassesOfEachSourcesTypes() throws {
        let t = try EventTaxonomy.bundled(TestSupport.geodata)
        XCTAssertEqual(t.classes(source: "acled", type: "Battles", subType: "Armed clash"), [.stateBased, .nonState])
        XCTAssertEqual(t.classes(source: "ACLED", type: "violence against civilians", subType: ""), [.oneSided])
        XCTAssertEqual(t.classes(source: "acled", type: "Riots", subType: "Mob violence"), [.nonState, .oneSided], "the sub-type's row first")
        XCTAssertEqual(t.classes(source: "acled", type: "Riots", subType: "Something new"), [.nonState, .oneSided, .unarmed], "else the type's")
        XCTAssertEqual(t.classes(source: "acled", type: "Protests", subType: "Peaceful protest"), [.unarmed])
        XCTAssertEqual(t.classes(source: "ucdp", type: "1", subType: ""), [.stateBased])
        XCTAssertEqual(t.classes(source: "ucdp", type: "3", subType: ""), [.oneSided])
        XCTAssertNil(t.classes(source: "ucdp", type: "4", subType: ""))
        XCTAssertNil(t.classes(source: "acled", type: "Earthquake", subType: ""))
    }

    func testAnUnknownClassIsAnErrorNamingItsLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("taxonomy-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "source,event_type,sub_event_type,classes\nacled,Battles,,state-based\nacled,Riots,,violent\n".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try EventTaxonomy.load(path: path)) { error in
            guard case FrontierError.malformed(_, let line, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 3)
            XCTAssertEqual(reason, "class 'violent' is not one of state-based, non-state, one-sided, unarmed")
        }
    }
}
