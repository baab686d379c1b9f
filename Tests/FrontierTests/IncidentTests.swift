import XCTest
import Geo
import FrontierBase

/// An incident's CSV text (`raw`) is stored as the text and whether there is one: it reads back exactly as
/// given, none, empty or a slice of a longer text, through the initializer and the setter alike.
final class IncidentTests: XCTestCase {
    private func incident(raw: Substring?) -> Incident {
        Incident(line: 2, id: "AFG1", idHash: 1, coordinate: Coordinate(x: 70.5, y: 37.1), fatalities: 3, values: [], raw: raw)
    }

    func testTheTextReadsBackAsGivenToTheInitializer() {
        let chunk = "id,notes\nAFG1,\"a, b\"\nAFG2,c\n"
        let record = chunk.dropFirst(9).prefix(11)
        XCTAssertEqual(incident(raw: record).raw, "AFG1,\"a, b\"")
        XCTAssertNil(incident(raw: nil).raw)
        XCTAssertEqual(incident(raw: "").raw, "")
        XCTAssertNil(Incident(line: 2, id: "", idHash: 0, coordinate: Coordinate(x: 0, y: 0), fatalities: 0, values: []).raw)
    }

    func testTheSetterKeepsNoneApartFromEmpty() {
        var i = incident(raw: "AFG1,x")
        i.raw = nil
        XCTAssertNil(i.raw)
        i.raw = ""
        XCTAssertEqual(i.raw, "")
        i.raw = "AFG2,y"
        XCTAssertEqual(i.raw, "AFG2,y")
        XCTAssertEqual(i.fatalities, 3)
        XCTAssertEqual(i.line, 2)
    }
}
