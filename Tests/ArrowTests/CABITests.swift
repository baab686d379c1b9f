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

    func testUnknownQuestionAndNonObjectOptions() {
        XCTAssertEqual(call("trend", "{}").code, 64)
        XCTAssertEqual((call("borders", "[1]").report["error"] as? [String: Any])?["message"] as? String,
                       "the request's options are not a JSON object")
        XCTAssertEqual(call("borders", #"{"boundaries": "natural-earth", "colour": "red"}"#).code, 64, "a misspelt option is never ignored")
    }
}
