import Foundation
import XCTest

/// Help that teaches: every command's help is reviewed as a snapshot, has examples, and every example runs.
final class HelpCLITests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/help")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let commands: [[String]] = [
        // synth before match and import: their examples read the files synth's examples write.
        [], ["regions"], ["borders"], ["join"], ["near"], ["buffer"], ["aggregate"], ["hotspots"], ["trends"], ["map"], ["synth"], ["match"],
        ["import"], ["store"], ["store", "info"], ["db"], ["db", "init"], ["geodata"], ["geodata", "build"], ["geodata", "compact"],
    ]

    private static func snapshotName(_ command: [String]) -> String {
        (["frontier"] + command).joined(separator: "-") + ".txt"
    }

    /// Help text changes show up in review: set FRONTIER_RECORD_HELP=1 to rewrite the snapshots.
    func testHelpSnapshots() throws {
        let record = ProcessInfo.processInfo.environment["FRONTIER_RECORD_HELP"] == "1"
        for command in Self.commands {
            // Help is wrapped to the terminal's width: pin it so the snapshots do not depend on where tests run.
            let r = try FrontierBinary.run(command + ["--help"], environment: ["COLUMNS": "80", "PATH": "/usr/bin:/bin"])
            XCTAssertEqual(r.status, 0, "\(command)")
            let file = Self.fixtures.appendingPathComponent(Self.snapshotName(command))
            if record { try Data(r.stdout.utf8).write(to: file); continue }
            let expected = try String(contentsOf: file, encoding: .utf8)
            XCTAssertEqual(r.stdout, expected, "help of `frontier \(command.joined(separator: " "))` changed: review it, then FRONTIER_RECORD_HELP=1 swift test --filter HelpCLITests")
        }
    }

    func testNoArgumentsShowsTheCommandsAndAQuickStart() throws {
        let r = try FrontierBinary.run([])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("Quick start: frontier"), r.stdout)
        for name in ["regions", "borders", "join", "near", "buffer", "aggregate", "hotspots", "trends", "map", "import", "synth"] {
            XCTAssertTrue(r.stdout.contains("  \(name) "), "\(name) listed")
        }
    }

    /// The examples of every command's help, run in order in a scratch folder holding a copy of GeoData.
    func testEveryHelpExampleRunsAndExitsZero() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-examples-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("GeoData"), to: dir.appendingPathComponent("GeoData"))
        var ran = 0
        var cluster: PostgresCluster?
        defer { cluster?.stop() }
        var skippedDatabase = 0
        for command in Self.commands where !command.isEmpty {
            let help = try FrontierBinary.run(command + ["--help"], environment: ["COLUMNS": "300", "PATH": "/usr/bin:/bin"]).stdout
            let examples = help.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.hasPrefix("frontier ") }
            XCTAssertGreaterThanOrEqual(examples.count, 2, "`frontier \(command.joined(separator: " "))` shows examples")
            for example in examples {
                var args = example.split(separator: " ").map(String.init).dropFirst().map { $0 }
                if let bar = args.firstIndex(of: "|") { args = Array(args[..<bar]) }  // only frontier's part of a pipeline
                // Building from OpenStreetMap takes minutes and PyPI's wheel (`make geodata`); its output is what
                // BoundaryConsistencyTests check.
                if args.contains("--osm") { continue }
                if args.starts(with: ["geodata", "build"]) {
                    let worldMap = "/usr/share/qgis/resources/data/world_map.gpkg"
                    guard FileManager.default.fileExists(atPath: worldMap) else { continue }
                    args = args.map { $0 == "world_map.gpkg" ? worldMap : $0 }
                }
                args = args.map { $0 == "GeoData/" ? dir.appendingPathComponent("GeoData").path + "/" : $0 }
                // A PostGIS example runs against a private server: the same table on this test's cluster.
                if args.contains(where: { $0.hasPrefix("postgresql://") }) {
                    if cluster == nil { cluster = try? PostgresCluster() }
                    guard let cluster else { skippedDatabase += 1; continue }
                    args = args.map { arg in
                        guard arg.hasPrefix("postgresql://"), let table = arg.components(separatedBy: "table=").last else { return arg }
                        return cluster.url(table: table)
                    }
                }
                let r = try FrontierBinary.run(args, environment: ["FRONTIER_GEODATA": dir.appendingPathComponent("GeoData").path,
                                                                  "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""],
                                               workingDirectory: dir)
                XCTAssertEqual(r.status, 0, "example `\(example)` failed: \(r.stderr)")
                ran += 1
            }
        }
        XCTAssertGreaterThan(ran, 20)
        if skippedDatabase > 0 { print("note: \(skippedDatabase) PostGIS examples not run: no PostgreSQL server with PostGIS here (`make test` installs one)") }
    }
}
