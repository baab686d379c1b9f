import Foundation
import XCTest
import Frontier

/// `frontier --version`: the build, the GeoData folder in use and how it was found, the C libraries; and a
/// GeoData folder that is missing or incomplete is said with the paths and the variable that name it.
final class VersionTests: XCTestCase {
    private var repositoryGeoData: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData").path
    }

    private var environmentWithoutGeoData: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["FRONTIER_GEODATA"] = nil
        return env
    }

    func testVersionNamesTheBuildTheGeoDataFolderAndTheCLibraries() throws {
        let r = try FrontierBinary.run(["--version"], environment: environmentWithoutGeoData)
        XCTAssertEqual(r.status, 0, r.stderr)
        // The in-process report is the same engine; the CLI adds only the words for how the folder was found.
        let report = VersionReport()
        XCTAssertEqual(r.stdout, """
            frontier \(FrontierVersion.build)
            GeoData: \(repositoryGeoData) (the source tree this program was built from)
            libraries: \(report.librariesLine)

            """)
        XCTAssertTrue(FrontierVersion.build.hasPrefix(FrontierVersion.release), FrontierVersion.build)
    }

    func testVersionWithAMissingGeoDataFolderSucceedsAndSaysWhichNameWasWrong() throws {
        var env = environmentWithoutGeoData
        env["FRONTIER_GEODATA"] = "/nonexistent/GeoData"
        let r = try FrontierBinary.run(["--version"], environment: env)
        XCTAssertEqual(r.status, 0, "--version is how a user finds out why: it does not fail")
        XCTAssertTrue(r.stdout.contains(
            "GeoData: none: GeoData folder /nonexistent/GeoData does not exist or holds no admin0.geojson (named by FRONTIER_GEODATA)\n"), r.stdout)
    }

    func testAFileMissingFromTheGeoDataFolderNamesTheFolderAndHowItWasChosen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geodata-damaged-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: repositoryGeoData, toPath: dir.path)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.removeItem(at: dir.appendingPathComponent("admin1.geojson"))
        var env = environmentWithoutGeoData
        env["FRONTIER_GEODATA"] = dir.path
        let r = try FrontierBinary.run(["regions", "--border", "AFG-TJK"], environment: env)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("Error: \(dir.path)/admin1.geojson: cannot open for reading"), r.stderr)
        XCTAssertTrue(r.stderr.contains("the GeoData folder \(dir.path) (named by FRONTIER_GEODATA) is incomplete or damaged: "
                                        + "reinstall Frontier, or name a complete folder with --geodata DIR or FRONTIER_GEODATA"), r.stderr)
        // The same folder named by the flag is said to be named by the flag.
        let flagged = try FrontierBinary.run(["regions", "--border", "AFG-TJK", "--geodata", dir.path], environment: environmentWithoutGeoData)
        XCTAssertTrue(flagged.stderr.contains("(named by --geodata) is incomplete or damaged"), flagged.stderr)
    }

    func testAnInputFileOutsideTheGeoDataFolderIsNotBlamedOnIt() throws {
        let r = try FrontierBinary.run(["join", "/nonexistent/incidents.csv"], environment: environmentWithoutGeoData)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertFalse(r.stderr.contains("GeoData folder"), r.stderr)
    }

    func testUnknownFlagIsAUsageError() throws {
        let r = try FrontierBinary.run(["--no-such-flag"])
        XCTAssertEqual(r.status, 64, "swift-argument-parser's EX_USAGE")
    }

    func testHelpSaysWhereGeoDataIsLookedForAndHowToComplete() throws {
        let r = try FrontierBinary.run(["--help"])
        XCTAssertEqual(r.status, 0)
        let text = r.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(text.contains("GeoData is looked for in --geodata DIR, else $FRONTIER_GEODATA, else ../share/frontier/GeoData beside the program's real path"), text)
        XCTAssertTrue(text.contains("frontier --generate-completion-script bash|zsh|fish"), text)
    }
}
