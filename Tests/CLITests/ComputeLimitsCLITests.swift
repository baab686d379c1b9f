import Foundation
import XCTest

/// Inputs that made a computation trap, hang or answer wrongly (issue 25, items 6, 8 and 11): counts whose
/// sum overflows, hot-spot analyses whose work grows with the square of the locations or the windows, and
/// buffers so wide they wrap around the globe. Each now ends promptly with a clear message and its exit code.
final class ComputeLimitsCLITests: FolderTestCase {
    @discardableResult
    private func run(_ args: [String], _ status: Int32, says message: String? = nil,
                     file: StaticString = #filePath, line: UInt = #line) throws -> FrontierBinary.Result {
        let r = try FrontierBinary.run(args)
        XCTAssertEqual(r.status, status, "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        if let message { XCTAssertTrue(r.stderr.contains(message), "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line) }
        XCTAssertFalse(r.stderr.contains("Fatal error") || r.stderr.contains("Program crashed"), r.stderr, file: file, line: line)
        return r
    }

    private let header = "event_id_cnty,event_date,latitude,longitude,fatalities\n"

    // MARK: - Fatalities (item 6)

    /// 2,049 rows of 2^52 fatalities summed past Int.max and trapped (SIGILL) in aggregate, hotspots, map
    /// and a store; each row is now rejected by the per-incident ceiling, with its line and field.
    func testFatalities4503599627370496In2049RowsAreRejectedNotATrap() throws {
        let rows = (0..<2049).map { "X\($0),2025-11-26,37.12,70.58,4503599627370496\n" }.joined()
        let file = try write(header + rows, "f.csv")
        let why = "f.csv:2: field 'fatalities': fatalities 4503599627370496 above the ceiling of 1000000 for one incident"
        for command in [["aggregate", file, "--window", "all"], ["hotspots", file, "--distance", "50km", "--value", "fatalities"],
                        ["map", file, "--out", path("m.html")], ["import", file, "--store", path("s.gpkg")], ["trends", file]] {
            let r = try run(command, 1, says: why)
            XCTAssertTrue(r.stderr.contains("read 2049, rejected 2049"), r.stderr)
            XCTAssertTrue(r.stderr.contains("f.csv was rejected (2049 fatalities above the ceiling in 'fatalities')"), r.stderr)
        }
    }

    /// The ceiling is a million per incident: 1,000,001 is rejected, 1,000,000 is counted.
    func testFatalities1000001IsRejectedAnd1000000Counted() throws {
        let file = try write(header + "A1,2025-11-26,37.12,70.58,1000001\nA2,2025-11-26,37.12,70.58,1000000\n", "g.csv")
        let r = try run(["aggregate", file, "--window", "all", "--format", "csv"], 0,
                        says: "g.csv:2: field 'fatalities': fatalities 1000001 above the ceiling of 1000000 for one incident")
        XCTAssertTrue(r.stderr.contains("read 2, rejected 1"), r.stderr)
        XCTAssertTrue(r.stdout.contains("AFG:Badakhshan,AFG,Badakhshan,2025-11-26,2025-11-26,1,1000000,false\n"), r.stdout)
        try run(["aggregate", file, "--window", "all", "--strict"], 65, says: "g.csv:2: field 'fatalities'")
    }
}
