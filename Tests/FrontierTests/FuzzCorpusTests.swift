import Foundation
import XCTest
import Frontier
@testable import FrontierFormats
@testable import FrontierPostGIS
@testable import FrontierFuzzing

/// Every fuzz target over every committed seed and every committed crash input (Fuzz/): none may trap or
/// break its target's properties. libFuzzer itself runs under `make fuzz`; this keeps what it found fixed in
/// `make test`.
final class FuzzCorpusTests: XCTestCase {
    func testEveryTargetSurvivesItsCorpusAndPastCrashes() throws {
        let fuzz = TestSupport.repositoryRoot.appendingPathComponent("Fuzz")
        var ran = 0
        for target in FuzzTarget.allCases {
            for folder in ["corpus/\(target.rawValue)", "crashes"] {
                let dir = fuzz.appendingPathComponent(folder)
                let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
                for name in names.sorted() where folder != "crashes" || name.hasPrefix(target.rawValue + "-") {
                    let report = target.run(Array(try Data(contentsOf: dir.appendingPathComponent(name))))
                    XCTAssertEqual(report.violations, [], "\(target.rawValue) \(folder)/\(name)")
                    ran += 1
                }
            }
        }
        XCTAssertGreaterThanOrEqual(ran, 25, "the committed seeds were found and run")
    }

    /// The CSV strictness seeds: each is refused for the reason it was made for, on the right line.
    func testTheCSVStrictnessSeedsAreRejectedWhereTheyBreak() throws {
        let dir = TestSupport.repositoryRoot.appendingPathComponent("Fuzz/corpus/csv")
        func refusals(_ name: String) throws -> [String] {
            let report = FuzzTarget.csv.run(Array(try Data(contentsOf: dir.appendingPathComponent(name))))
            XCTAssertEqual(report.violations, [], name)
            return report.refusals
        }
        let stray = try refusals("stray-quote-rows-3-8.csv")
        XCTAssertTrue(stray.contains { $0.hasPrefix("4: a quote opened in this field is closed 5 lines further down") }, "\(stray)")
        XCTAssertTrue(stray.contains { $0.hasPrefix("9: a quote inside an unquoted field") }, "\(stray)")
        XCTAssertTrue(stray.contains { $0.hasPrefix("4: field 'admin1': a quote opened") }, "the scan rejects the row: \(stray)")
        XCTAssertTrue(try refusals("quote-in-unquoted-field.csv").contains { $0.hasPrefix("2: a quote inside an unquoted field") })
        let after = try refusals("text-after-closing-quote.csv")
        XCTAssertTrue(after.contains { $0.hasPrefix("2: text after the closing quote") }, "\(after)")
        XCTAssertTrue(after.contains { $0.hasPrefix("4: text after the closing quote") }, "a CR not before LF: \(after)")
        XCTAssertFalse(after.contains { $0.hasPrefix("3:") }, "a CRLF after a closing quote ends the record: \(after)")
        XCTAssertTrue(try refusals("unclosed-quote-at-end.csv").contains { $0.hasPrefix("3: a quote opened in this field is never closed") })
        let long = try refusals("record-over-cap.csv")
        XCTAssertTrue(long.contains { $0.hasPrefix("2: the record is longer than 300 bytes") }, "\(long)")
        XCTAssertTrue(long.contains { $0.hasPrefix("203: the record is longer than 300 bytes") }, "\(long)")
    }

    /// Hand-made hostile inputs of each kind, beyond the seeds: each is refused with the message expected
    /// (not trapped, not let through), and breaks no property.
    func testHostileInputsAreRefusedNotTrapped() {
        let cases: [(FuzzTarget, [UInt8], String)] = [
            (.csv, Array("a,b\n\"unterminated".utf8), "2: a quote opened in this field is never closed"),
            (.csv, [0xEF, 0xBB], "no 'latitude' or 'longitude' column"),
            (.csv, Array(repeating: 0x0D, count: 100), "is empty: expected a header row"),
            (.csv, Array("x,y,latitude,longitude\n1,2,nan,inf\n1,2,1e400,-1e400\n".utf8), "2: field 'latitude': NaN"),
            (.csv, Array("a,b\n1,\"x\"\"y\"z\n".utf8), "2: text after the closing quote"),
            (.geojson, Array("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[1,2]]]}}]}".utf8),
             "Polygon"),
            (.geojson, Array(String(repeating: "[", count: 5000).utf8), "levels deep"),
            (.geojsonl, Array("{}\n[]\n\u{1E}\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[\"a\",1]}}".utf8), "4: field 'geometry': bad number in coordinates"),
            (.gpkgBinary, [0x47, 0x50, 0, 0b1110], "no envelope or box"), (.gpkgBinary, [0x47, 0x50, 0, 0b0010, 0, 0, 0, 0, 1, 2, 3], "no envelope or box"),
            (.dateAndNumber, Array("9999999999999999999999-01-01".utf8), "date: unparseable"), (.dateAndNumber, [], "date: unparseable"),
            (.dateAndNumber, Array("2025-11-26T25:00".utf8), "date: impossible"), (.dateAndNumber, Array("+5 Jan 2025".utf8), "date: unparseable"),
            (.locateIndex, Array(repeating: 0xFF, count: 200), "Truncated"), (.locateIndex, Array(repeating: 0, count: 120), "Truncated"),
        ]
        for (target, bytes, expected) in cases {
            let report = target.run(bytes)
            XCTAssertEqual(report.violations, [], "\(target.rawValue) \(bytes.prefix(40))")
            XCTAssertFalse(report.refusals.isEmpty, "\(target.rawValue) \(bytes.prefix(40)) is refused")
            XCTAssertTrue(report.refusals.contains { $0.contains(expected) }, "\(target.rawValue): \(report.refusals) should say \(expected)")
        }
    }
}
