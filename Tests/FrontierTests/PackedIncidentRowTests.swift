import Foundation
import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierTables
@testable import FrontierScan

/// The GeoPackage store's rows written as bytes (`IncidentRowEncoder.packed`) hold, value for value, what
/// `encode` gives (the PostGIS table's rows and the store's before): the point blob, id, date, typed columns,
/// coordinates, the `extra` JSON and the row hash, on inputs chosen to take every branch.
final class PackedIncidentRowTests: XCTestCase {
    /// Every kept row of `csv` (or GeoJSON), encoded both ways by the scan's own workers.
    private func bothEncodings(_ text: String, ext: String = "csv", given: IncidentFields.Given = .init(),
                               file: StaticString = #filePath, line: UInt = #line) throws -> [(EncodedIncidentRow, PackedSQLRow)] {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("in.\(ext)")
        try TestSupport.write(text, to: url)
        var query = IncidentQuery(path: url.path, format: ext == "csv" ? .csv : .geojson)
        query.given = given
        query.fields = SourceProfile.acled.fields(given)
        query.storesText = true
        let scan = try IncidentScan(query)
        let encoder = try IncidentRowEncoder(source: scan.name, columns: scan.columns, fields: scan.query.fields, fieldColumns: scan.fieldColumns)
        var rows: [(EncodedIncidentRow, PackedSQLRow)] = []
        _ = try scan.run(onReject: { XCTFail("rejected: \($0)", file: file, line: line) },
                         prepare: { (encoder.encode($0.incident), encoder.packed($0.incident)) }, keep: { _ in false }) { prepared, _ in rows.append(prepared) }
        return rows
    }

    /// The packed row's values as the SQL values `encode` would bind, in `rowColumns` order.
    private func values(_ row: PackedSQLRow) -> [SQLValue] {
        row.withValues { v in
            (0..<v.count).map { k -> SQLValue in
                switch v.kind(k) {
                case .null: return .null
                case .integer: return .integer(v.integer(k))
                case .real: return .real(v.real(k))
                case .text: return .text(String(decoding: v.bytes(k), as: UTF8.self))
                case .blob: return .blob(Array(v.bytes(k)))
                }
            }
        }
    }

    private func expected(_ e: EncodedIncidentRow) -> [SQLValue] {
        [.blob(GeoPackageBinary.point(e.point)), .text(e.id), .text(e.date)] + e.typed
            + [.real(e.point.lat), .real(e.point.lon), e.extra.map(SQLValue.text) ?? .null, .text(e.hash)]
    }

    private func assertSame(_ rows: [(EncodedIncidentRow, PackedSQLRow)], file: StaticString = #filePath, line: UInt = #line) {
        for (encoded, packed) in rows {
            XCTAssertEqual(values(packed).map(describe), expected(encoded).map(describe), encoded.id, file: file, line: line)
        }
    }

    private func describe(_ v: SQLValue) -> String {
        switch v {
        case .null: return "NULL"
        case .integer(let n): return "int \(n)"
        case .real(let d): return "real \(d.bitPattern)"
        case .text(let s): return "text \(s.debugDescription) \(Array(s.utf8))"
        case .blob(let b): return "blob \(b)"
        }
    }

    func testIntegersCoordinatesDatesAndJSONAsEncodeWritesThem() throws {
        let header = "event_id_cnty,event_date,latitude,longitude,geo_precision,fatalities,notes,country,\"we\"\"ird\\name\",extra_col"
        let rows = [
            // Plain: everything typed, nothing in extra.
            "A1,2025-11-26,37.1,70.5,1,0,plain,Afghanistan,x,y",
            // Integers that do not print back: leading zero, plus sign, -0, spaces, Int64's edge and beyond.
            "A2,2025-11-26,37.10,70.50,007,+5,n,AFG,\"a\tb\",\"\"",
            "A3,2025-11-26,37,70,-0,,\"q\"\"uote\",,\"line\nbreak\",\"back\\\\slash\"",
            "A4,2025-11-26,37.0,070.5,\" 5\",12,\"\u{1}ctrl\u{1F}\",é,😀,\"\"",
            "A5,26 November 2025,-0.5,0.0001,,0,,,,",
            "A6,2025-11-26T10:00:00,0.001,1e1,2,3,\"x\r\ny\",Tajikistan,\"\"\"\",z",
            "A7,2025-11-26,37.123456789012345,70.12345678901234,3,,,,,",
            "A8,2025-11-26,-0,+70.5,4,5,,,,",
        ]
        let got = try bothEncodings(([header] + rows).joined(separator: "\n") + "\n")
        XCTAssertEqual(got.map(\.0.id), ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8"])
        assertSame(got)
        // Spot checks of what encode decided, so that the comparison is not between two equal mistakes.
        let a2 = values(got[1].1)
        XCTAssertEqual(describe(a2[3 + 8]), describe(.text("007")), "geo_precision keeps text that is no integer")
        XCTAssertEqual(describe(a2[3 + 9]), describe(.text("+5")))
        XCTAssertEqual(describe(a2[17]), describe(.text(#"{"latitude":"37.10","longitude":"70.50","we\"ird\\name":"a\tb","extra_col":""}"#)))
        let a5 = values(got[4].1)
        XCTAssertEqual(describe(a5[2]), describe(.text("2025-11-26")), "the ISO date")
        XCTAssertEqual(describe(a5[3 + 8]), "NULL", "an empty integer is NULL…")
        guard case .text(let extra) = a5[17] else { return XCTFail("A5 has an extra object") }
        XCTAssertEqual(extra, #"{"event_date":"26 November 2025","geo_precision":"","we\"ird\\name":"","extra_col":""}"#,
                       "…and kept as '' in extra, beside the date as written (0.0001 prints back as it is)")
        XCTAssertEqual(describe(values(got[0].1)[17]), describe(.text(#"{"we\"ird\\name":"x","extra_col":"y"}"#)))
    }

    /// UCDP's mapping: the typed fatalities column holds `best` (NULL when unknown), a column that is only
    /// called "fatalities" keeps its text in extra.
    func testMappedFatalitiesAndUnknownCounts() throws {
        let text = """
            event_id_cnty,event_date,latitude,longitude,best,fatalities
            U1,2025-11-26,37.1,70.5,12,3
            U2,2025-11-26,37.1,70.5,NA,x

            """
        let got = try bothEncodings(text, given: IncidentFields.Given(fatalities: "best"))
        assertSame(got)
        let fatalities = 3 + IncidentTableSchema.typedColumns.firstIndex { $0.name == "fatalities" }!
        XCTAssertEqual(describe(values(got[0].1)[fatalities]), "int 12")
        XCTAssertEqual(describe(values(got[1].1)[fatalities]), "NULL")
    }

    /// GeoJSON properties are typed: numbers and booleans are written as their text, as `encode` does.
    func testGeoJSONTypedProperties() throws {
        let text = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[70.5,37.1]},"properties":{"event_id_cnty":"G1","event_date":"2025-11-26","fatalities":4,"geo_precision":2.0,"flag":true,"note":null}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[70.25,-0.5]},"properties":{"event_id_cnty":"G2","event_date":"2025-11-27","fatalities":0,"geo_precision":1,"flag":false,"note":"n"}}
            ]}
            """
        let got = try bothEncodings(text, ext: "geojson")
        XCTAssertEqual(got.count, 2)
        assertSame(got)
    }

    /// The byte test for coordinates agrees with printing: every text a coordinate is commonly written as,
    /// for values of every magnitude, against `NumberFormat.shortest`.
    func testPrintsShortestAgreesWithPrinting() {
        var generator = SystemRandomNumberGenerator()
        var texts: [(String, Double)] = []
        for _ in 0..<20_000 {
            let magnitude = [1e-5, 1e-3, 0.5, 1, 10, 100, 1e6, 1e13][Int.random(in: 0..<8, using: &generator)]
            let v = Double.random(in: -2...2, using: &generator) * magnitude
            for digits in [0, 1, 3, 5, 6, 7, 12, 15, 17] {
                let text = String(format: "%.\(digits)f", v)
                texts.append((text, Double(text) ?? v))
                texts.append((text, v))
            }
            texts.append((NumberFormat.shortest(v), v))
            texts.append(("\(v)", v))
        }
        for special in ["0", "-0", "0.0", "1", "-1", "10", "37.100", "037.1", "+37.1", " 37.1", "1e1", "0.001", "0.0001", "-0.001",
                        "123456789012345", "1234567890123456", "12345678901234.5", "0.1234567890123456", "5.", ".5", "-", ""] {
            texts.append((special, Double(special) ?? 0))
        }
        for (text, value) in texts {
            var t = text
            let fast = t.withUTF8 { IncidentRowEncoder.printsShortest($0, value) }
            XCTAssertEqual(fast, text == NumberFormat.shortest(value), "\(text) for \(value)")
        }
    }

    func testCanonicalIntegerAgreesWithInt64() {
        let texts = ["0", "-0", "1", "-1", "007", "+5", " 5", "5 ", "", "-", "9223372036854775807", "9223372036854775808",
                     "-9223372036854775808", "-9223372036854775809", "12a", "1.0", "٣", "99999999999999999999"]
            + (0..<2000).map { _ in String(Int64.random(in: .min ... .max)) }
        for text in texts {
            var t = text
            let got = t.withUTF8 { IncidentRowEncoder.canonicalInteger($0) }
            let want = Int64(text).flatMap { String($0) == text ? $0 : nil }
            XCTAssertEqual(got, want, text)
        }
    }

    func testHexAndJSONStringsAsTheStdlibWritesThem() {
        for v: UInt64 in [0, 1, 0xF, 0x10, 0xdead_beef, .max, 0x0123_4567_89ab_cdef] {
            var out: [UInt8] = []
            IncidentRowEncoder.appendHex(v, to: &out)
            XCTAssertEqual(String(decoding: out, as: UTF8.self), String(v, radix: 16))
        }
        for s in ["", "plain", "q\"uote", "back\\slash", "\n\r\t", "\u{0}\u{1}\u{1F}", "é😀", "\u{7F}", "mixed \"\\\n end"] {
            var out: [UInt8] = []
            var text = s
            text.withUTF8 { IncidentRowEncoder.appendJSONString($0, to: &out) }
            XCTAssertEqual(String(decoding: out, as: UTF8.self), JSONText.string(s), s.debugDescription)
        }
    }
}
