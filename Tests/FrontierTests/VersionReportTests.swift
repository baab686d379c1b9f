import Foundation
import XCTest
import Frontier

/// The version report against independent truth: pkg-config's versions of the C libraries installed here,
/// the CHANGELOG's top entry and the repository's tag, and scripts/version.sh's spelling of `git describe`.
final class VersionReportTests: XCTestCase {
    private func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, out: String) {
        let (status, data) = try TestSupport.run(executable, arguments, in: directory)
        return (status, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func testLibrariesAreTheVersionsPkgConfigReports() throws {
        let report = VersionReport()
        XCTAssertEqual(report.libraries.map(\.name), ["PROJ", "GEOS", "SQLite", "libpq"])
        for (library, module) in zip(report.libraries, ["proj", "geos", "sqlite3", "libpq"]) {
            let pkg = try run("/usr/bin/pkg-config", ["--modversion", module])
            XCTAssertEqual(pkg.status, 0, "pkg-config \(module)")
            // GEOS reports its C API's version after the library's: 3.11.1-CAPI-1.17.1.
            XCTAssertTrue(library.version == pkg.out || library.version.hasPrefix(pkg.out + "-"), "\(library.name) \(library.version) vs pkg-config \(pkg.out)")
        }
    }

    func testGeoDataIsReportedWithHowItWasFound() throws {
        let named = VersionReport(geoData: GeoDataChoice(folder: TestSupport.geodata.root.path))
        let location = try named.geoData.get()
        XCTAssertEqual(location.root.standardizedFileURL.path, TestSupport.geodata.root.standardizedFileURL.path)
        XCTAssertEqual(location.foundBy, .explicit)
        let fromEnvironment = try GeoDataLocation.resolve(environment: ["FRONTIER_GEODATA": TestSupport.geodata.root.path])
        XCTAssertEqual(fromEnvironment.foundBy, .environment)
        let missing = VersionReport(geoData: GeoDataChoice(folder: "/nonexistent/GeoData"))
        XCTAssertThrowsError(try missing.geoData.get()) { error in
            guard case FrontierError.notGeoData(let path, .explicit) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent/GeoData")
        }
    }

    func testReleaseIsTheChangelogsTopEntryAndTheLatestTag() throws {
        let changelog = try String(contentsOf: TestSupport.repositoryRoot.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let top = changelog.split(separator: "\n").first { $0.hasPrefix("## ") }
        XCTAssertEqual(top?.split(separator: " ").dropFirst().first.map(String.init), FrontierVersion.release)
        let tag = try run("/usr/bin/git", ["describe", "--tags", "--abbrev=0", "--match", "v[0-9]*"], in: TestSupport.repositoryRoot)
        guard tag.status == 0 else { throw XCTSkip("no v… tag reachable in this clone (shallow or exported): the tag is not checked") }
        XCTAssertEqual(tag.out, "v" + FrontierVersion.release, "the newest tag and CHANGELOG.md's top entry must name the same release")
    }

    /// version.sh in a scratch repository: each shape `git describe` takes, in Debian's spelling.
    func testVersionScriptSpellsEachShapeOfGitDescribe() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.repositoryRoot.appendingPathComponent("scripts/version.sh"),
                                         to: dir.appendingPathComponent("scripts/version.sh"))
        try TestSupport.write("# Changelog\n\n## 1.4.0 — 2026-01-01\n\n## 1.3.0 — 2025-01-01\n", to: dir.appendingPathComponent("CHANGELOG.md"))
        let git = { (args: [String]) throws -> String in
            let r = try self.run("/usr/bin/git", ["-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"] + args, in: dir)
            XCTAssertEqual(r.status, 0, "git \(args)")
            return r.out
        }
        let version = { try self.run("/bin/bash", ["scripts/version.sh"], in: dir).out }
        _ = try git(["init", "-q"])
        XCTAssertEqual(try version(), "1.4.0+untagged", "no commit yet: the CHANGELOG's entry, marked untagged")
        _ = try git(["add", "."])
        _ = try git(["commit", "-q", "-m", "one"])
        let first = try git(["rev-parse", "--short=7", "HEAD"])
        XCTAssertEqual(try version(), "1.4.0+untagged.g\(first)")
        _ = try git(["tag", "-a", "v1.4.0", "-m", "1.4.0"])
        XCTAssertEqual(try version(), "1.4.0")
        try TestSupport.write("changed\n", to: dir.appendingPathComponent("scripts/version.sh.note"))
        _ = try git(["add", "."])
        _ = try git(["commit", "-q", "-m", "two"])
        let second = try git(["rev-parse", "--short=7", "HEAD"])
        XCTAssertEqual(try version(), "1.4.0+1.g\(second)")
        try TestSupport.write("edited\n", to: dir.appendingPathComponent("scripts/version.sh.note"))
        XCTAssertEqual(try version(), "1.4.0+1.g\(second).dirty")
    }
}
