import CArrow
import Foundation
import XCTest
import Frontier
@testable import FrontierArrow

/// The Arrow C data interface as the specification lays it out, checked byte by byte through the C structs a
/// consumer receives, and released as a consumer releases them (run under the address sanitizer too).
final class ArrowExportTests: XCTestCase {
    private func column(_ name: String, _ kind: ArrowColumn.Kind, _ values: [ArrowValue?]) throws -> ArrowColumn {
        var c = ArrowColumn(name: name, kind: kind)
        for v in values { try c.append(v) }
        return c
    }

    private func bytes(_ buffer: UnsafeRawPointer?, _ count: Int) -> [UInt8] {
        guard let buffer else { return [] }
        return Array(UnsafeRawBufferPointer(start: buffer, count: count))
    }

    func testUTF8ColumnHasValidityBitsOffsetsAndBytes() throws {
        let c = try column("name", .utf8, [.text("a"), nil, .text("ccc")])
        XCTAssertEqual(c.count, 3)
        XCTAssertEqual(c.nullCount, 1)
        XCTAssertEqual(c.validity, [0b101], "bit i for value i, least significant first")
        XCTAssertEqual(c.offsets, [0, 1, 1, 4])
        XCTAssertEqual(c.values, Array("accc".utf8))
    }

    func testExportedBatchReadsBackThroughTheCStructsAndReleasesOnce() throws {
        let batch = ArrowBatch(columns: [
            try column("events", .int64, [.int(3), .int(-1)]),
            try column("km", .float64, [.double(43.5057), nil]),
            try column("day", .date32, [.date(20418), .date(0)]),
            try column("partial", .bool, [.bool(true), .bool(false)]),
        ])
        var array = ArrowArray()
        batch.export(to: &array)
        XCTAssertEqual(array.length, 2)
        XCTAssertEqual(array.n_children, 4)
        XCTAssertEqual(array.n_buffers, 1)
        XCTAssertNil(array.buffers[0], "a batch's rows are all present: no validity bitmap")
        let events = array.children[0]!.pointee
        XCTAssertEqual(events.null_count, 0)
        XCTAssertNil(events.buffers[0])
        XCTAssertEqual(bytes(events.buffers[1], 16), [3, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255])
        let km = array.children[1]!.pointee
        XCTAssertEqual(km.null_count, 1)
        XCTAssertEqual(bytes(km.buffers[0], 1), [0b01])
        XCTAssertEqual(km.buffers[1]!.load(as: Double.self), 43.5057)
        let day = array.children[2]!.pointee
        XCTAssertEqual(day.buffers[1]!.load(as: Int32.self), 20418, "2025-11-26 is day 20418 of the epoch")
        XCTAssertEqual(bytes(array.children[3]!.pointee.buffers[1], 1), [0b01])
        XCTAssertEqual(Int(bitPattern: array.children[1]!.pointee.buffers[1]) % 8, 0, "buffers are 8-byte aligned at least")
        array.release!(&array)
        XCTAssertNil(array.release, "released: the consumer must not call it again")
    }

    func testSchemaNamesFormatsAndGeoArrowMetadata() throws {
        var schema = ArrowSchema()
        exportArrowSchema([ArrowField(name: "region_id", kind: .utf8), ArrowField(name: "window_start", kind: .date32),
                           ArrowField(name: "geometry", kind: .wkb)], to: &schema)
        XCTAssertEqual(String(cString: schema.format), "+s")
        XCTAssertEqual(schema.n_children, 3)
        let children = (0..<3).map { schema.children[$0]!.pointee }
        XCTAssertEqual(children.map { String(cString: $0.format) }, ["u", "tdD", "z"])
        XCTAssertEqual(children.map { String(cString: $0.name) }, ["region_id", "window_start", "geometry"])
        XCTAssertEqual(children[0].flags, Int64(ARROW_FLAG_NULLABLE))
        XCTAssertNil(children[0].metadata)
        // int32 pairs, then per pair int32 length + key, int32 length + value.
        let metadata = UnsafeRawPointer(children[2].metadata!)
        XCTAssertEqual(metadata.load(as: Int32.self), 2)
        let keyLength = Int(metadata.load(fromByteOffset: 4, as: Int32.self))
        XCTAssertEqual(String(decoding: UnsafeRawBufferPointer(start: metadata + 8, count: keyLength), as: UTF8.self), "ARROW:extension:name")
        let valueLength = Int(metadata.load(fromByteOffset: 8 + keyLength, as: Int32.self))
        XCTAssertEqual(String(decoding: UnsafeRawBufferPointer(start: metadata + 12 + keyLength, count: valueLength), as: UTF8.self), "geoarrow.wkb")
        schema.release!(&schema)
        XCTAssertNil(schema.release)
    }

    func testStreamGivesSchemaThenBatchesThenTheEnd() throws {
        let fields = [ArrowField(name: "n", kind: .int64)]
        var first = ArrowBatchBuilder(fields: fields)
        try first.append([.int(1)])
        var stream = ArrowArrayStream()
        ArrowBatchStream.export(fields: fields, batches: first.finish(), to: &stream)
        var schema = ArrowSchema()
        XCTAssertEqual(stream.get_schema(&stream, &schema), 0)
        XCTAssertEqual(String(cString: schema.children[0]!.pointee.name), "n")
        schema.release!(&schema)
        var array = ArrowArray()
        XCTAssertEqual(stream.get_next(&stream, &array), 0)
        XCTAssertEqual(array.length, 1)
        array.release!(&array)
        XCTAssertEqual(stream.get_next(&stream, &array), 0)
        XCTAssertNil(array.release, "a released array marks the end")
        stream.release!(&stream)
        XCTAssertNil(stream.release)
    }

    func testAStreamErrorIsEIOWithItsMessage() throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "the disk went away" } }
        var stream = ArrowArrayStream()
        ArrowBatchStream.export(fields: [ArrowField(name: "n", kind: .int64)], next: { throw Broken() }, to: &stream)
        var array = ArrowArray()
        XCTAssertEqual(stream.get_next(&stream, &array), EIO)
        XCTAssertEqual(String(cString: stream.get_last_error(&stream)!), "the disk went away")
        stream.release!(&stream)
    }

    func testBuilderCutsBatchesAndKeepsAnEmptyAnswerTyped() throws {
        var builder = ArrowBatchBuilder(fields: [ArrowField(name: "n", kind: .int64)])
        for i in 0..<(ArrowBatchBuilder.batchRows + 5) { try builder.append([.int(Int64(i))]) }
        XCTAssertEqual(builder.finish().map(\.length), [ArrowBatchBuilder.batchRows, 5])
        var empty = ArrowBatchBuilder(fields: [ArrowField(name: "n", kind: .int64)])
        XCTAssertEqual(empty.finish().map(\.length), [0], "one empty batch: the answer's type still reaches the consumer")
    }

    func testTableColumnsAreTypedByTheirValues() throws {
        var table = RecordTable(columns: ["id", "events", "share", "day", "change", "none", "flag"])
        table.records = [
            Record(values: [.string("A"), .int(2), .int(1), .string("2026-01-18"), .double(12.5), .null, .bool(true)]),
            Record(values: [.string("B"), .int(3), .double(0.5), .string("2026-02-01"), .string("new"), .null, .bool(false)]),
        ]
        XCTAssertEqual(table.arrowFields.map(\.kind), [.utf8, .int64, .float64, .date32, .utf8, .utf8, .bool])
        let (_, batches) = try table.arrowBatches()
        XCTAssertEqual(batches[0].columns[4].values, Array("12.5new".utf8), "a mixed column keeps the values as written")
        XCTAssertEqual(batches[0].columns[5].nullCount, 2)
    }

    func testNotQuiteADateStaysText() {
        XCTAssertTrue(ArrowValue.isCalendarDate("2024-02-29"))
        XCTAssertFalse(ArrowValue.isCalendarDate("2023-02-29"), "no such day")
        XCTAssertFalse(ArrowValue.isCalendarDate("2026-01-18T00:00:00"))
        XCTAssertFalse(ArrowValue.isCalendarDate("AFG:Badakhshan"))
    }

    func testAnExportedStreamReadsBackThroughTheImporterAndLeavesTheCallersStructReleased() throws {
        let fields = [ArrowField(name: "id", kind: .utf8), ArrowField(name: "n", kind: .int64), ArrowField(name: "km", kind: .float64),
                      ArrowField(name: "ok", kind: .bool), ArrowField(name: "day", kind: .date32)]
        var builder = ArrowBatchBuilder(fields: fields)
        try builder.append([.text("A"), .int(7), .double(2.5), .bool(true), .date(20418)])
        try builder.append([nil, nil, nil, nil, nil])
        var stream = ArrowArrayStream()
        ArrowBatchStream.export(fields: fields, batches: builder.finish(), to: &stream)
        let reader = try ArrowStreamReader(moving: &stream, name: "t")
        XCTAssertNil(stream.release, "moved: the caller's struct is released")
        XCTAssertEqual(reader.names, ["id", "n", "km", "ok", "day"])
        let batch = try XCTUnwrap(reader.next(name: "t"))
        XCTAssertEqual(batch.length, 2)
        XCTAssertEqual((0..<5).map { batch.value(column: $0, row: 0) }, [.string("A"), .int(7), .double(2.5), .bool(true), .string("2025-11-26")])
        XCTAssertEqual((0..<5).map { batch.value(column: $0, row: 1) }, [.null, .null, .null, .null, .null])
        XCTAssertNil(try reader.next(name: "t"))
    }

    func testATypeFrontierDoesNotReadIsAnErrorNamingTheColumn() {
        XCTAssertThrowsError(try ArrowImportedType(format: "+l", dictionary: nil, column: "shape", file: "t")) { error in
            XCTAssertTrue("\(error)".contains("column 'shape' has the Arrow type '+l'"), "\(error)")
        }
        XCTAssertEqual(try ArrowImportedType(format: "tsn:UTC", dictionary: nil, column: "d", file: "t"), .timestamp(perSecond: 1_000_000_000))
        XCTAssertEqual(try ArrowImportedType(format: "i", dictionary: "u", column: "c", file: "t"),
                       .dictionary(indexBytes: 4, signed: true, largeValues: false))
    }

    /// A producer's batch missing what its schema promises is an error naming the column, never a read of a
    /// buffer that is not there.
    func testABatchWithoutItsValuesBufferIsAnErrorNotACrash() throws {
        var listed: [UnsafeRawPointer?] = [nil]
        try listed.withUnsafeMutableBufferPointer { buffers in
            var child = ArrowArray(length: 2, null_count: 0, offset: 0, n_buffers: 1, n_children: 0,
                                   buffers: buffers.baseAddress, children: nil, dictionary: nil, release: nil, private_data: nil)
            try withUnsafeMutablePointer(to: &child) { childPointer in
                var children: [UnsafeMutablePointer<ArrowArray>?] = [childPointer]
                try children.withUnsafeMutableBufferPointer { list in
                    let array = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
                    array.initialize(to: ArrowArray(length: 2, null_count: 0, offset: 0, n_buffers: 1, n_children: 1, buffers: nil,
                                                    children: list.baseAddress, dictionary: nil, release: nil, private_data: nil))
                    XCTAssertThrowsError(try ArrowImportedBatch(array: array, types: [.int(bytes: 8, signed: true)], names: ["n"], file: "t")) { error in
                        XCTAssertEqual("\(error)", "t: column 'n' of an Arrow batch has 1 buffers where its type has 2")
                    }
                }
            }
        }
    }
}

/// A received batch's values lent as text in place (what the scan reads a frame's rows through) are the
/// very text `value` makes of them, for every type and null, so a frame's row validates as its file's does.
final class ArrowInPlaceTextTests: XCTestCase {
    private func lent(_ batch: ArrowImportedBatch, _ column: Int, _ row: Int) -> String {
        var text = ""
        batch.withText(column: column, row: row) { text = String(decoding: $0, as: UTF8.self) }
        return text
    }

    func testTextLentInPlaceIsTheValuesTextForEveryBuiltType() throws {
        let fields = [ArrowField(name: "id", kind: .utf8), ArrowField(name: "n", kind: .int64), ArrowField(name: "km", kind: .float64),
                      ArrowField(name: "ok", kind: .bool), ArrowField(name: "day", kind: .date32)]
        var builder = ArrowBatchBuilder(fields: fields)
        let rows: [[ArrowValue?]] = [
            [.text("AFG123"), .int(7), .double(2.5), .bool(true), .date(20418)],
            [nil, nil, nil, nil, nil],
            [.text(""), .int(Int64.min), .double(-0.0), .bool(false), .date(-719_528)],  // 0000-01-01
            [.text("Tāloqān"), .int(Int64.max), .double(1e300), .bool(true), .date(2_932_896)],  // 9999-12-31
            [.text("x"), .int(-1), .double(.infinity), .bool(false), .date(2_932_897)],  // 10000-01-01: made, not lent
        ]
        for row in rows { try builder.append(row) }
        var stream = ArrowArrayStream()
        ArrowBatchStream.export(fields: fields, batches: builder.finish(), to: &stream)
        let reader = try ArrowStreamReader(moving: &stream, name: "t")
        let batch = try XCTUnwrap(reader.next(name: "t"))
        for row in 0..<rows.count {
            for column in 0..<fields.count {
                XCTAssertEqual(lent(batch, column, row), batch.value(column: column, row: row).text ?? "", "row \(row), column \(column)")
            }
        }
        XCTAssertEqual(lent(batch, 1, 2), "-9223372036854775808")
        XCTAssertEqual(lent(batch, 4, 2), "0000-01-01")
        XCTAssertEqual(lent(batch, 4, 3), "9999-12-31")
        XCTAssertEqual(batch.finiteNumber(column: 2, row: 0), 2.5)
        XCTAssertNil(batch.finiteNumber(column: 2, row: 1), "null")
        XCTAssertNil(batch.finiteNumber(column: 2, row: 4), "infinite: read as text, which the validator refuses")
        XCTAssertNil(batch.finiteNumber(column: 1, row: 0), "a whole number is read as its text")
    }

    /// Dictionary-encoded text (pandas' categories) with an array offset and a byte that is not UTF-8, and
    /// an unsigned 64-bit value past Int64's range, which `value` gives as text.
    func testDictionariesOffsetsAndUnsignedValuesLendTheirText() throws {
        // The dictionary: "Tak\u{FF}ar" (a byte that is not UTF-8), "Badakhshan", "" (offsets 0, 6, 16, 16).
        let dictionaryOffsets: [Int32] = [0, 6, 16, 16]
        let dictionaryBytes: [UInt8] = [0x54, 0x61, 0x6B, 0xFF, 0x61, 0x72] + Array("Badakhshan".utf8)
        // Indices from offset 1: [9 (skipped), 1, 0, 2, 7 (outside the dictionary: null)].
        let indices: [Int8] = [9, 1, 0, 2, 7]
        let unsigned: [UInt64] = [0, UInt64(Int64.max) + 1, 42, 0, 7]
        try dictionaryOffsets.withUnsafeBytes { dOffsets in
            try dictionaryBytes.withUnsafeBytes { dBytes in
                try indices.withUnsafeBytes { iBytes in
                    try unsigned.withUnsafeBytes { uBytes in
                        var dictionaryBuffers: [UnsafeRawPointer?] = [nil, dOffsets.baseAddress, dBytes.baseAddress]
                        var indexBuffers: [UnsafeRawPointer?] = [nil, iBytes.baseAddress]
                        var unsignedBuffers: [UnsafeRawPointer?] = [nil, uBytes.baseAddress]
                        try dictionaryBuffers.withUnsafeMutableBufferPointer { db in
                            try indexBuffers.withUnsafeMutableBufferPointer { ib in
                                try unsignedBuffers.withUnsafeMutableBufferPointer { ub in
                                    var dictionary = ArrowArray(length: 3, null_count: 0, offset: 0, n_buffers: 3, n_children: 0, buffers: db.baseAddress,
                                                                children: nil, dictionary: nil, release: nil, private_data: nil)
                                    try withUnsafeMutablePointer(to: &dictionary) { d in
                                        var category = ArrowArray(length: 5, null_count: 0, offset: 0, n_buffers: 2, n_children: 0, buffers: ib.baseAddress,
                                                                  children: nil, dictionary: d, release: nil, private_data: nil)
                                        var count = ArrowArray(length: 5, null_count: 0, offset: 0, n_buffers: 2, n_children: 0, buffers: ub.baseAddress,
                                                               children: nil, dictionary: nil, release: nil, private_data: nil)
                                        try withUnsafeMutablePointer(to: &category) { c in
                                            try withUnsafeMutablePointer(to: &count) { n in
                                                var children: [UnsafeMutablePointer<ArrowArray>?] = [c, n]
                                                try children.withUnsafeMutableBufferPointer { list in
                                                    let array = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
                                                    array.initialize(to: ArrowArray(length: 4, null_count: 0, offset: 1, n_buffers: 1, n_children: 2, buffers: nil,
                                                                                    children: list.baseAddress, dictionary: nil, release: nil, private_data: nil))
                                                    let batch = try ArrowImportedBatch(array: array, types: [.dictionary(indexBytes: 1, signed: true, largeValues: false),
                                                                                                             .int(bytes: 8, signed: false)],
                                                                                       names: ["admin1", "n"], file: "t")
                                                    // Lent repaired, as `value` decodes it: an id hashes as the text it is kept as.
                                                    XCTAssertEqual((0..<4).map { lent(batch, 0, $0) }, ["Badakhshan", "Tak\u{FFFD}ar", "", ""])
                                                    XCTAssertEqual((0..<4).map { batch.value(column: 0, row: $0) }, [.string("Badakhshan"), .string("Tak\u{FFFD}ar"), .string(""), .null])
                                                    XCTAssertEqual((0..<4).map { lent(batch, 1, $0) }, ["9223372036854775808", "42", "0", "7"])
                                                    XCTAssertEqual((0..<4).map { batch.value(column: 1, row: $0).text }, ["9223372036854775808", "42", "0", "7"])
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
