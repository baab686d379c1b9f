import CArrow
import Foundation
import XCTest
@testable import FrontierC

/// The C ABI called in-process as a C caller calls it: the Python tests (python/tests) check its answers
/// against the command line; these check its contract (codes, the report, the stream's ownership).
final class CABITests: XCTestCase {
    private let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func call(_ question: String, _ options: String) -> (code: Int32, stream: ArrowArrayStream, report: [String: Any]) {
        var stream = ArrowArrayStream()
        var report: UnsafeMutablePointer<CChar>?
        let code = frontierAnswer(question, options, nil, &stream, &report)
        let text = report.map { String(cString: $0) } ?? ""
        frontierFree(report)
        let parsed = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
        return (code, stream, parsed)
    }

    private func rows(_ stream: inout ArrowArrayStream) -> Int {
        var total = 0
        while true {
            var array = ArrowArray()
            XCTAssertEqual(stream.get_next(&stream, &array), 0)
            guard let release = array.release else { break }
            total += Int(array.length)
            release(&array)
        }
        stream.release!(&stream)
        return total
    }

    func testBordersAnswerAsAStreamOfSeventeenLines() {
        var (code, stream, report) = call("borders", "{}")
        XCTAssertEqual(code, 0)
        XCTAssertTrue(report.isEmpty, "borders reads no incidents: nothing to report")
        XCTAssertEqual(rows(&stream), 17)
    }

    func testNearReportsWhatItRead() {
        let input = repository.appendingPathComponent("GeoData/incidents-reported.csv").path
        var (code, stream, report) = call("near", #"{"input": "\#(input)", "border": "AFG-TJK", "within": ["10km", "75km"]}"#)
        XCTAssertEqual(code, 0, "\(report)")
        XCTAssertEqual(report["read"] as? Int, 4)
        XCTAssertEqual(report["kept"] as? Int, 4)
        XCTAssertEqual(report["first_day"] as? String, "2025-11-26")
        XCTAssertEqual(rows(&stream), 4)
    }

    func testAnOptionGivenWronglyIs64WithTheOptionNamed() {
        let (code, stream, report) = call("near", #"{"input": "x.csv", "border": "AFG-TJK", "within": 25}"#)
        XCTAssertEqual(code, 64)
        XCTAssertNil(stream.release, "no stream on failure")
        let error = report["error"] as? [String: Any]
        XCTAssertEqual(error?["option"] as? String, "within")
        XCTAssertEqual(error?["message"] as? String, "within: takes text or a list of text, not the number 25")
    }

    func testAMissingFileIsOneWithTheFileNamed() {
        let (code, _, report) = call("join", #"{"input": "/nonexistent/x.csv"}"#)
        XCTAssertEqual(code, 1)
        XCTAssertEqual((report["error"] as? [String: Any])?["file"] as? String, "/nonexistent/x.csv")
    }

    /// `mismatches`: the kept rows whose reported place disagrees with their region, as `--mismatches` lists
    /// them: Dushanbe reported as Badakhshan, Badakhshan reported as Kabul, a Pakistani row at 10°N 10°E
    /// outside every region; the Tajik row in Khatlon and the Badakhshan row in Badakhshan agree.
    func testMismatchesListTheRowsWhosePlaceDisagrees() throws {
        let dir = try FileManager.default.url(for: .itemReplacementDirectory, in: .userDomainMask, appropriateFor: repository, create: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let input = dir.appendingPathComponent("reported.csv")
        try Data("""
            event_id_cnty,event_date,country,admin1,latitude,longitude,fatalities
            M1,2025-06-01,Afghanistan,Badakhshan,38.56,68.78,1
            M2,2025-06-02,Tajikistan,Khatlon,37.9,68.8,0
            M3,2025-06-03,Afghanistan,Kabul,36.7,70.8,2
            M4,2025-06-04,Pakistan,Punjab,10.0,10.0,0
            M5,2025-06-05,Afghanistan,Badakhshan,36.7,70.8,3

            """.utf8).write(to: input)
        for question in ["join", "aggregate"] {
            let window = question == "aggregate" ? #", "window": "month""# : ""
            var (code, stream, report) = call(question, #"{"input": "\#(input.path)", "mismatches": true\#(window)}"#)
            XCTAssertEqual(code, 0, "\(report)")
            _ = rows(&stream)
            let listed = try XCTUnwrap(report["mismatches"] as? [[String: Any]], question)
            XCTAssertEqual(listed.map { $0["id"] as? String }, ["M1", "M3", "M4"], question)
            XCTAssertEqual(listed.map { $0["line"] as? Int }, [2, 4, 5], question)
            XCTAssertEqual(listed.map { $0["region_id"] as? String }, ["TJK:Dushanbe", "AFG:Badakhshan", nil], question)
            XCTAssertTrue(listed[2]["region_id"] is NSNull, "outside every region: null")
            XCTAssertEqual(report["mismatched"] as? Int, 3, question)
        }
        var (code, stream, report) = call("join", #"{"input": "\#(input.path)"}"#)
        XCTAssertEqual(code, 0)
        _ = rows(&stream)
        XCTAssertNil(report["mismatches"], "listed only when asked")
        (code, stream, report) = call("join", #"{"input": "\#(input.path)", "regions": "grid:10km", "mismatches": true}"#)
        _ = rows(&stream)
        XCTAssertNil(report["mismatches"])
        XCTAssertEqual(report["notices"] as? [String], ["mismatches compares with the bundled regions only: nothing to list for these regions"])
        // Counted in parts (as Spark counts), a part lists its own rows (here the whole file is the part; the
        // finish, which reads no rows, refuses the keyword: python/tests/test_keywords.py).
        (code, stream, report) = call("aggregate", #"{"input": "\#(input.path)", "window": "month", "stage": "count", "mismatches": true}"#)
        XCTAssertEqual(code, 0, "\(report)")
        _ = rows(&stream)
        XCTAssertEqual((report["mismatches"] as? [[String: Any]])?.map { $0["id"] as? String }, ["M1", "M3", "M4"])
        XCTAssertEqual((report["mismatches"] as? [[String: Any]])?.map { $0["line"] as? Int }, [2, 4, 5])
    }

    /// A PNG map comes back as bytes (an untagged binary column), rendered by headless Chromium as on the
    /// command line; an HTML page as text.
    func testAMapPictureIsABinaryDocument() throws {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        try XCTSkipUnless(["chromium", "chromium-browser", "google-chrome"].contains { name in path.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") } },
                          "headless Chromium is not on PATH (Debian: apt install chromium): a PNG map cannot be rendered here")
        let input = repository.appendingPathComponent("GeoData/incidents-reported.csv").path
        for (format, type) in [("png", "z"), ("html", "u")] {
            var (code, stream, report) = call("map", #"{"input": "\#(input)", "format": "\#(format)"}"#)
            XCTAssertEqual(code, 0, "\(report)")
            var schema = ArrowSchema()
            XCTAssertEqual(stream.get_schema(&stream, &schema), 0)
            let document = try XCTUnwrap(schema.children?[1]?.pointee)
            XCTAssertEqual(String(cString: try XCTUnwrap(document.name)), "document")
            XCTAssertEqual(String(cString: try XCTUnwrap(document.format)), type, format)
            XCTAssertNil(document.metadata, "no geometry tag on a picture")
            schema.release?(&schema)
            XCTAssertEqual(report["mapped"] as? Int, 4)
            XCTAssertEqual(rows(&stream), 1)
        }
    }

    func testUnknownQuestionAndNonObjectOptions() {
        XCTAssertEqual(call("trend", "{}").code, 64)
        XCTAssertEqual((call("borders", "[1]").report["error"] as? [String: Any])?["message"] as? String,
                       "the request's options are not a JSON object")
        XCTAssertEqual(call("borders", #"{"boundaries": "natural-earth", "colour": "red"}"#).code, 64, "a misspelt option is never ignored")
    }
}
