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

    /// The fields of a row as its record holds them, each a borrowed buffer.
    private func textRow(_ fields: [[UInt8]]) -> RowValues {
        let copies = fields.map { bytes -> UnsafeMutableBufferPointer<UInt8> in
            let b = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, bytes.count))
            _ = b.initialize(from: bytes)
            return UnsafeMutableBufferPointer(rebasing: b[0..<bytes.count])
        }
        defer { copies.forEach { $0.baseAddress.map { $0.deallocate() } } }
        return RowValues(TextFields(count: fields.count) { UnsafeBufferPointer(copies[$0]) })
    }

    func testATextRowReadsAsTheStringsOfItsFieldsAndEqualsTheDenseRowOfThem() {
        let row = textRow([Array("AFG".utf8), [], Array(long.utf8), Array("Khatlon \"South\"".utf8)])
        let dense = RowValues([.string("AFG"), .string(""), .string(long), .string("Khatlon \"South\"")])
        XCTAssertEqual(row.count, 4)
        XCTAssertEqual(Array(row), Array(dense))
        XCTAssertEqual(row, dense)
        XCTAssertEqual(dense, row)
        XCTAssertNotEqual(row, RowValues([.string("AFG"), .null, .string(long), .string("Khatlon \"South\"")]))
        XCTAssertEqual((0..<4).map { i in row.withText(i) { $0 } }, ["AFG", "", long, "Khatlon \"South\""])
        XCTAssertEqual((0..<4).map { i in row.withUTF8(i) { Array($0) } }, (0..<4).map { i in dense.withUTF8(i) { Array($0) } })
    }

    /// As a String of them would: a lone continuation byte reads as U+FFFD (EF BF BD), valid UTF-8 as it is.
    func testATextRowKeepsUTF8AndRepairsWhatIsNot() {
        let row = textRow([Array("Dushanbe".utf8), [0x42, 0x80, 0x43], Array("Душанбе".utf8)])
        XCTAssertEqual(row.withUTF8(1) { Array($0) }, [0x42, 0xEF, 0xBF, 0xBD, 0x43])
        XCTAssertEqual(row[1], .string("B\u{FFFD}C"))
        XCTAssertEqual(row[2], .string("Душанбе"))
        XCTAssertEqual(row.withUTF8(0) { Array($0) }, Array("Dushanbe".utf8))
    }

    func testTheUTF8OfOtherValuesIsTheirTextAndEmptyForANull() {
        let row = RowValues([.int(-3), .double(2.5), .bool(false), .null, .string(long)])
        XCTAssertEqual((0..<5).map { i in row.withUTF8(i) { String(decoding: $0, as: UTF8.self) } }, ["-3", "2.5", "false", "", long])
        let sparse = RowValues(count: 3, entries: [.init(column: 2, value: .int(12))])
        XCTAssertEqual((0..<3).map { i in sparse.withUTF8(i) { String(decoding: $0, as: UTF8.self) } }, ["", "", "12"])
        // A column past the row's last reads as an empty field, in every storage.
        XCTAssertEqual(row.withUTF8(5) { $0.count }, 0)
        XCTAssertEqual(sparse.withUTF8(3) { $0.count }, 0)
        XCTAssertEqual(textRow([Array("AFG".utf8)]).withUTF8(1) { $0.count }, 0)
    }
}
