import XCTest

final class VersionTests: XCTestCase {
    func testVersionNamesTheCLibraries() throws {
        let r = try FrontierBinary.run(["--version"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("PROJ 9."), r.stdout)
        XCTAssertTrue(r.stdout.contains("GEOS 3."), r.stdout)
    }

    func testUnknownFlagIsAUsageError() throws {
        let r = try FrontierBinary.run(["--no-such-flag"])
        XCTAssertEqual(r.status, 64, "swift-argument-parser's EX_USAGE")
    }
}
