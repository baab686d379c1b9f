import XCTest
import Geo
import FrontierBase

/// A row's text read in place (`RowValues.withText`, `Incident.withText`) is exactly the text `text` copies
/// out, for dense and sparse rows alike: the per-row mismatch test reads names this way.
final class RowValuesTests: XCTestCase {
    private let long = "Gorno-Badakhshan Autonomous Province"  // past 15 bytes: a string with storage of its own

    func testTextReadInPlaceIsTheTextCopiedOutInADenseRow() {
        let row = RowValues([.string("AFG"), .string(long), .int(7), .double(2.5), .bool(true), .null])
        let read = (0..<row.count).map { i in row.withText(i) { $0 } }
        XCTAssertEqual(read, ["AFG", long, "7", "2.5", "true", nil])
        XCTAssertEqual(read, row.map(\.text))
    }

    func testTextReadInPlaceIsTheTextCopiedOutInASparseRow() {
        let row = RowValues(count: 6, entries: [.init(column: 1, value: .string(long)), .init(column: 4, value: .int(-3))])
        let read = (0..<row.count).map { i in row.withText(i) { $0 } }
        XCTAssertEqual(read, [nil, long, nil, nil, "-3", nil])
        XCTAssertEqual(read, row.map(\.text))
    }

    func testAnIncidentsTextIsEmptyForANullAColumnNotKeptOrNoColumn() {
        let incident = Incident(line: 2, id: "", idHash: 0, coordinate: Coordinate(x: 70.5, y: 37.1), fatalities: 0,
                                values: RowValues(count: 3, entries: [.init(column: 0, value: .string(long)), .init(column: 1, value: .null)]))
        XCTAssertEqual(incident.withText(0) { $0 }, long)
        XCTAssertEqual(incident.withText(1) { $0 }, "")
        XCTAssertEqual(incident.withText(2) { $0 }, "")
        XCTAssertEqual(incident.withText(3) { $0 }, "")
        XCTAssertEqual(incident.withText(nil) { $0 }, "")
        XCTAssertEqual([0, 1, 2, 3, nil].map { incident.text($0) }, [long, "", "", "", ""])
    }
}
