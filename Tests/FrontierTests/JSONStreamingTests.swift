import Foundation
import Geo
import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPostGIS
@testable import FrontierScan

/// GeoJSON is read as a stream: features one at a time, sparse properties, strict JSON with the place of
/// each error, numbers exactly as Foundation's reader gave them.
final class JSONStreamingTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func feature(_ properties: String, _ x: Double = 70.5, _ y: Double = 37.5) -> String {
        "{\"type\":\"Feature\",\"properties\":{\(properties)},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(x),\(y)]}}"
    }

    private func write(_ text: String, _ name: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try TestSupport.write(text, to: url)
        return url.path
    }

    private func readIncidents(_ path: String, format: InputFormat) throws -> (IncidentReader, [Incident], [Rejection]) {
        var o = IncidentReader.Options()
        o.format = format
        let reader = try IncidentReader(path: path, options: o)
        var rejections: [Rejection] = []
        reader.onReject = { rejections.append($0) }
        var incidents: [Incident] = []
        while let i = try reader.next() { incidents.append(i) }
        return (reader, incidents, rejections)
    }

    /// The JSON error a document gives, as the reader's message.
    private func syntaxError(_ text: String, lineMode: Bool = false) -> String {
        let r = JSONReader(bytes: Array(text.utf8), file: "t.json", lineMode: lineMode)
        do {
            try r.skipValue()
            try r.finishText()
            return "no error"
        } catch { return "\(error)" }
    }

    // MARK: - Streaming

    /// The second feature's bytes are not there yet (a non-blocking pipe: reading ahead would fail with
    /// EAGAIN): the first feature is yielded all the same, for a FeatureCollection and for GeoJSONL.
    func testTwoFeatureStreamYieldsTheFirstBeforeTheSecondsBytesArrive() throws {
        for lines in [false, true] {
            var fds: [Int32] = [0, 0]
            XCTAssertEqual(pipe(&fds), 0)
            defer { close(fds[0]) }
            XCTAssertEqual(fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK), 0)
            func send(_ s: String) { _ = s.utf8CString.dropLast().withUnsafeBytes { Glibc.write(fds[1], $0.baseAddress, $0.count) } }
            let stream = GeoJSONFeatureStream(reader: JSONReader(fileDescriptor: fds[0], file: "pipe", lineMode: lines, blockSize: 64),
                                              file: "pipe", lines: lines, lonLat: .incidents)
            send((lines ? "" : "{\"type\":\"FeatureCollection\",\"features\":[") + feature("\"id\":\"first\"") + (lines ? "\n" : ","))
            let first = try XCTUnwrap(try stream.next())
            XCTAssertEqual(first.properties.first?.value, .string("first"))
            send(feature("\"id\":\"second\"", 71, 38) + (lines ? "\n" : "]}"))
            close(fds[1])
            let second = try XCTUnwrap(try stream.next())
            XCTAssertEqual(second.properties.first?.value, .string("second"))
            XCTAssertEqual(second.geometry?.point.0, Coordinate(x: 71, y: 38))
            XCTAssertNil(try stream.next())
        }
    }

    /// An incident needs a Point: of any other geometry only the type is kept, never its coordinates (a huge
    /// polygon costs no memory); the row's reason is what it was.
    func testIncidentGeometryKeepsNoCoordinatesOfAPolygon() throws {
        let polygon = "{\"coordinates\":[[[70,37],[71,37],[71,38],[70,37]]],\"type\":\"Polygon\"}"
        let shape = try GeoJSONShape.read(JSONReader(bytes: Array(polygon.utf8), file: "p"), pointOnly: true)
        guard case .badPosition(count: 1, numbers: false)? = shape.coordinates else { return XCTFail("\(String(describing: shape.coordinates))") }
        XCTAssertEqual(shape.point.1, "geometry is a Polygon, not a Point")
        let reasons = ["[[1,2],[3,4]]": "bad number in coordinates", "[[1,2]]": "empty coordinates", "[]": "empty coordinates",
                       "[1]": "empty coordinates", "[\"a\",1]": "bad number in coordinates", "[1,true]": "bad number in coordinates", "7": "empty coordinates"]
        for (coordinates, reason) in reasons {
            let point = try GeoJSONShape.read(JSONReader(bytes: Array("{\"type\":\"Point\",\"coordinates\":\(coordinates)}".utf8), file: "p"), pointOnly: true)
            XCTAssertEqual(point.point.1, reason, coordinates)
        }
    }

    /// Each feature bringing its own property name: every name is a column, and each row holds only its own.
    func testFeaturesWithTheirOwnPropertyNamesKeepOnlyTheirOwnValues() throws {
        let lines = (1...50).map { i in feature("\"event_date\":\"2025-11-26\",\"only_\(i)\":\(i)") }.joined(separator: "\n")
        let (reader, incidents, _) = try readIncidents(try write(lines, "sparse.geojsonl"), format: .geojsonl)
        XCTAssertEqual(reader.columns.count, 51)
        XCTAssertEqual(reader.columns.prefix(3), ["event_date", "only_1", "only_2"])
        XCTAssertEqual(incidents.count, 50)
        for (i, incident) in incidents.enumerated() {
            XCTAssertEqual(incident.values.count, 51, "every row spans the columns")
            XCTAssertEqual(incident.values.sparseEntries?.count, 2, "row \(i + 1) stores its two properties, no nulls")
            XCTAssertEqual(incident.values[i + 1], .int(Int64(i + 1)))
            XCTAssertEqual(incident.values[(i + 1) % 50 + 1], .null)
        }
    }

    func testTenThousandAndOneDistinctPropertyNamesAreAnErrorNamingTheFeature() throws {
        let lines = (1...10_001).map { i in feature("\"k\(i)\":1") }.joined(separator: "\n")
        XCTAssertThrowsError(try readIncidents(try write(lines, "wide.geojsonl"), format: .geojsonl)) { error in
            XCTAssertEqual("\(error)", self.dir.path + "/wide.geojsonl:10001: feature 10001 brings a property name beyond 10000 distinct ones ('k10001'); "
                           + "each is a column: at most 10000 can be read")
        }
    }

    /// A property given twice in one feature keeps its last value (as Foundation's reader did); the column
    /// order is first appearance, names sorted within a feature.
    func testColumnOrderAndRepeatedNames() throws {
        let fc = "{\"type\":\"FeatureCollection\",\"features\":[\(feature("\"b\":1,\"a\":2,\"b\":3")),\(feature("\"c\":true,\"a\":null"))]}"
        let (reader, incidents, _) = try readIncidents(try write(fc, "order.geojson"), format: .geojson)
        XCTAssertEqual(reader.columns, ["a", "b", "c"])
        XCTAssertEqual(Array(incidents[0].values), [.int(2), .int(3), .null])
        XCTAssertEqual(Array(incidents[1].values), [.null, .null, .bool(true)])
    }

    // MARK: - Strictness

    func testStrictJSONErrorsSayWhatAndWhere() {
        let cases: [(String, String)] = [
            ("[1] x", "text after the end of the JSON value: 'x' (line 1, column 5)"),
            ("[1,]", "a trailing comma before ']' (line 1, column 4)"),
            ("{\"a\":1,}", "expected a member name in double quotes, found '}' (line 1, column 8)"),
            ("[\"\\x\"]", "an invalid escape '\\x' in a string (line 1, column 3)"),
            ("[\"\\ud800\"]", "an unpaired surrogate \\uD800 in a string (line 1, column 3)"),
            ("[\"\\udc00\"]", "an unpaired surrogate \\uDC00 in a string (line 1, column 3)"),
            ("[\"\\ud800\\u0041\"]", "an unpaired surrogate \\uD800 in a string (line 1, column 3)"),
            ("[\"a\tb\"]", "an unescaped control character (byte 0x09) in a string (line 1, column 4)"),
            ("[01]", "a number with a leading zero (line 1, column 3)"),
            ("[1.]", "expected a digit after '.', found ']' (line 1, column 4)"),
            ("[1e400]", "the number 1e400 is out of range (line 1, column 7)"),
            ("[1" + String(repeating: "0", count: 400) + "]", "the number 1\(String(repeating: "0", count: 400)) is out of range (line 1, column 403)"),
            ("[\"caf\u{E9}\"]", "no error"),
            ("[tru]", "expected 'true', found ']' (line 1, column 5)"),
            ("\n\n[NaN]", "expected a value, found 'N' (line 3, column 2)"),
            ("[1", "expected ',' or ']', found the end of the file (line 1, column 3)"),
            (String(repeating: "[", count: 65) + String(repeating: "]", count: 65), "arrays and objects nest more than 64 levels deep (line 1, column 65)"),
        ]
        for (text, expected) in cases { XCTAssertEqual(syntaxError(text), expected, text) }
        XCTAssertEqual(syntaxError(String(repeating: "[", count: 64) + String(repeating: "]", count: 64)), "no error", "64 levels are read")
        // Invalid UTF-8 inside a string, skipped or kept.
        let bad = JSONReader(bytes: [0x5B, 0x22, 0xFF, 0x22, 0x5D], file: "t.json")
        XCTAssertThrowsError(try bad.skipValue()) { XCTAssertEqual("\($0)", "invalid UTF-8 in a string (line 1, column 5)") }
        let kept = JSONReader(bytes: [0x22, 0x61, 0xC3, 0x22], file: "t.json")
        XCTAssertThrowsError(try kept.string()) { XCTAssertEqual("\($0)", "invalid UTF-8 in a string (line 1, column 5)") }
        let big = JSONReader(bytes: Array("1e400".utf8), file: "t.json")
        XCTAssertThrowsError(try big.double()) { XCTAssertEqual("\($0)", "the number 1e400 is out of range (line 1, column 6)") }
        // In line mode a newline ends the text.
        XCTAssertEqual(syntaxError("[1,\n2]", lineMode: true), "expected a value, found the end of the line (line 1, column 4)")
    }

    /// A FeatureCollection's error names the file, the line and the feature; nothing of it is read.
    func testBadEscapeInFeatureTwoNamesFileLineAndFeature() throws {
        let fc = "{\"type\":\"FeatureCollection\",\"features\":[\n\(feature("\"a\":\"ok\"")),\n\(feature("\"a\":\"\\q\""))\n]}"
        XCTAssertThrowsError(try readIncidents(try write(fc, "esc.geojson"), format: .geojson)) { error in
            XCTAssertEqual("\(error)", self.dir.path + "/esc.geojson:3: is not valid JSON: feature 2: an invalid escape '\\q' in a string (column 38)")
        }
        XCTAssertThrowsError(try GeoJSONFeatureFile.read(path: try write(fc, "esc-regions.geojson"), context: GEOSContext())) { error in
            XCTAssertEqual("\(error)", self.dir.path + "/esc-regions.geojson:3: is not valid JSON: feature 2: an invalid escape '\\q' in a string (column 38)")
        }
    }

    /// A GeoJSONL line that is not valid JSON is a rejected row saying why; the next line is read.
    func testBadLineIsRejectedAndTheNextLineRead() throws {
        let text = [feature("\"id\":\"A\""), "{\"type\":\"Feature\",\"properties\":{\"id\":\"\\ud800\"}}", feature("\"id\":\"C\"")].joined(separator: "\n")
        let (_, incidents, rejections) = try readIncidents(try write(text, "bad.geojsonl"), format: .geojsonl)
        XCTAssertEqual(incidents.map { $0.values[0] }, [.string("A"), .string("C")])
        XCTAssertEqual(rejections.map { "\($0.line): \($0.reason)" }, ["2: not valid JSON: an unpaired surrogate \\uD800 in a string (column 39)"])
    }

    /// A UTF-8 byte order mark before the document is skipped, as Foundation's reader skipped it.
    func testByteOrderMarkBeforeTheCollectionAndTheFirstLineIsSkipped() throws {
        let fc = "\u{FEFF}{\"type\":\"FeatureCollection\",\"features\":[\(feature("\"a\":1"))]}"
        XCTAssertEqual(try readIncidents(try write(fc, "bom.geojson"), format: .geojson).1.count, 1)
        XCTAssertEqual(try readIncidents(try write("\u{FEFF}" + feature("\"a\":1") + "\n", "bom.geojsonl"), format: .geojsonl).1.count, 1)
    }

    func testCollectionMembersInAnyOrderAndTheirErrors() throws {
        let late = "{\"features\":[\(feature("\"a\":1"))],\"type\":\"FeatureCollection\"}"
        XCTAssertEqual(try readIncidents(try write(late, "late.geojson"), format: .geojson).1.count, 1)
        let twice = "{\"type\":\"FeatureCollection\",\"features\":[],\"features\":[]}"
        XCTAssertThrowsError(try readIncidents(try write(twice, "twice.geojson"), format: .geojson)) {
            XCTAssertEqual("\($0)", self.dir.path + "/twice.geojson:1: is not valid JSON: names \"features\" twice (column 54)")
        }
        let crsLast = "{\"type\":\"FeatureCollection\",\"features\":[\(feature("\"a\":1"))],\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:3857\"}}}"
        XCTAssertThrowsError(try readIncidents(try write(crsLast, "crs.geojson"), format: .geojson)) {
            XCTAssertTrue("\($0)".contains("declares the CRS EPSG:3857"), "\($0)")
        }
        XCTAssertThrowsError(try readIncidents(try write("{\"type\":\"Feature\"}", "one.geojson"), format: .geojson)) {
            XCTAssertEqual("\($0)", self.dir.path + "/one.geojson: is not a GeoJSON FeatureCollection")
        }
    }

    // MARK: - Same values as Foundation's reader

    /// Every coordinate of every bundled layer, bit for bit, and every property, typed, as JSONSerialization
    /// read them (the regions' areas and the compact file derive from these numbers).
    func testBundledLayersReadExactlyAsFoundationReadThem() throws {
        let sets = [TestSupport.geodata.directory, TestSupport.geodata.directory.appendingPathComponent("natural-earth")]
        var compared = 0
        for set in sets {
            for name in ["admin0.geojson", "admin1.geojson", "borders.geojson"] {
                let url = set.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: url.path) else { continue }
                let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
                let expected = try XCTUnwrap(root["features"] as? [[String: Any]])
                let handle = try FileHandle(forReadingFrom: url)
                defer { try? handle.close() }
                let stream = GeoJSONFeatureStream(reader: JSONReader(fileDescriptor: handle.fileDescriptor, file: name, blockSize: 4096),
                                                  file: name, lines: false, lonLat: .regions)
                var index = 0
                while let record = try stream.next() {
                    let old = expected[index]
                    let geometry = try XCTUnwrap(old["geometry"] as? [String: Any])
                    XCTAssertEqual(flatten(record.geometry?.coordinates).map(\.bitPattern), flattenFoundation(geometry["coordinates"]).map(\.bitPattern),
                                   "\(name) feature \(index + 1)")
                    let oldProperties = (old["properties"] as? [String: Any] ?? [:]).mapValues(foundationValue)
                    XCTAssertEqual(Dictionary(record.properties.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 }), oldProperties)
                    index += 1
                    compared += 1
                }
                XCTAssertEqual(index, expected.count)
            }
        }
        XCTAssertGreaterThan(compared, 100)
    }

    /// Numbers of every syntax: whole numbers in 64 bits stay integers, `-0` is 0, others are doubles;
    /// nested values are kept as Foundation writes them.
    func testPropertyNumbersAndNestedValuesAsFoundationGaveThem() throws {
        let texts = ["0", "-0", "17", "-17", "1.0", "1e2", "-0.0", "0.1", "9223372036854775807", "-9223372036854775807",
                     "99999999999999999999", "70.123456789012345678", "4.9e-324", "1.5e-400", "[\"b\",{\"z\":1,\"a\":2.5,\"B\":null}]", "{\"x\":[]}"]
        let properties = texts.enumerated().map { "\"p\($0.offset)\":\($0.element)" }.joined(separator: ",")
        let text = "{\"type\":\"FeatureCollection\",\"features\":[\(feature(properties))]}"
        let stream = GeoJSONFeatureStream(reader: JSONReader(bytes: Array(text.utf8), file: "n.geojson"), file: "n.geojson", lines: false, lonLat: nil)
        let record = try XCTUnwrap(try stream.next())
        let old = try XCTUnwrap(((try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])?["features"] as? [[String: Any]])?[0]["properties"] as? [String: Any])
        for (key, value) in record.properties {
            XCTAssertEqual(value, foundationValue(old[key] as Any), "\(key): \(texts[Int(key.dropFirst())!])")
        }
        XCTAssertEqual(record.properties.last?.value, .string("{\"x\":[]}"))
        XCTAssertEqual(record.properties[14].value, .string("[\"b\",{\"a\":2.5,\"B\":null,\"z\":1}]"))
    }

    private func flatten(_ c: GeoJSONCoordinates?) -> [Double] {
        switch c {
        case .position(let p)?: return [p.x, p.y]
        case .positions(let ps)?: return ps.flatMap { [$0.x, $0.y] }
        case .nested(let items)?: return items.flatMap { flatten($0) }
        default: return []
        }
    }

    private func flattenFoundation(_ value: Any?) -> [Double] {
        guard let array = value as? [Any] else { return [] }
        if let x = array.first as? NSNumber, let y = array[1] as? NSNumber { return [x.doubleValue, y.doubleValue] }
        return array.flatMap { flattenFoundation($0) }
    }

    /// What the Foundation-based reader made of a property value.
    private func foundationValue(_ value: Any) -> PropertyValue {
        switch value {
        case let s as String: return .string(s)
        case let n as NSNumber:
            switch String(cString: n.objCType) {
            case "c", "B": return .bool(n.boolValue)
            case "d", "f": return .double(n.doubleValue)
            default: return .int(n.int64Value)
            }
        case is NSNull: return .null
        default:
            let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])) ?? Data()
            return .string(String(decoding: data, as: UTF8.self))
        }
    }
}
