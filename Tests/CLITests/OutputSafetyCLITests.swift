import Foundation
import XCTest

/// Outputs that cannot destroy what they are not meant to (issue 25, items 1, 2 and 14 and the lower ones on
/// interrupted runs, --columns and negative counts): special files are written straight, links followed,
/// permissions kept, an output naming an input or another output refused before any work, temporary files
/// removed on SIGTERM, and --csv-safe against formula injection. Special files are made in the test's own
/// folder, never the system's.
final class OutputSafetyCLITests: FolderTestCase {

    private let header = "event_id_cnty,event_date,latitude,longitude,fatalities,country,admin1\n"
    private var twoRows: String { header + "A1,2025-11-26,37.12,70.58,1,Afghanistan,Badakhshan\nA2,2025-11-27,38.54,68.78,2,Tajikistan,Dushanbe\n" }
    /// Row 3 is rejected (latitude 999).
    private var threeRows: String { twoRows + "A3,2025-11-28,999,70.58,1,Afghanistan,Badakhshan\n" }

    private func fileType(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    private func permissions(_ path: String) -> mode_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o777 : 0
    }

    private func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    /// A character device like /dev/null (1, 3), made here; nil where mknod is not permitted (not root).
    private func nullDevice(_ name: String) -> String? {
        mknod(path(name), S_IFCHR | 0o666, makedev(1, 3)) == 0 ? path(name) : nil
    }

    private func makedev(_ major: UInt32, _ minor: UInt32) -> dev_t {
        // glibc's encoding of gnu_dev_makedev.
        dev_t(minor & 0xff) | (dev_t(major & 0xfff) << 8) | (dev_t(minor & ~0xff) << 12) | (dev_t(major & ~0xfff) << 32)
    }

    // MARK: - Item 1: special files, links and permissions

    func testOutToAFIFOFeedsItsReaderAndTheFIFOStays() throws {
        let input = try write(twoRows, "i.csv")
        let expected = try run(["join", input, "--format", "csv"], 0).stdout
        let fifo = path("f")
        let got = try readingFIFO(fifo) { try run(["join", input, "--format", "csv", "--out", fifo], 0) }
        XCTAssertEqual(String(decoding: got, as: UTF8.self), expected)
        XCTAssertEqual(fileType(fifo), S_IFIFO, "still a FIFO, not a regular file")
    }

    func testOutToACharacterDeviceDiscardsAndTheDeviceStays() throws {
        guard let device = nullDevice("n") else { throw XCTSkip("mknod needs root") }
        let input = try write(threeRows, "i.csv")
        // The same device for two outputs is fine: nothing is replaced.
        try run(["join", input, "--out", device, "--rejects", device, "--mismatches", device, "--format", "csv"], 0)
        try run(["synth", "--count", "10", "--out", device], 0)
        XCTAssertEqual(fileType(device), S_IFCHR, "still a character device")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted(), ["i.csv", "n"], "no temporary file left")
    }

    func testOutThroughALinkToProcSelfFdWritesStandardOutput() throws {
        let input = try write(twoRows, "i.csv")
        let link = path("o")
        XCTAssertEqual(symlink("/proc/self/fd/1", link), 0)
        let expected = try run(["join", input, "--format", "csv"], 0).stdout
        let r = try run(["join", input, "--format", "csv", "--out", link], 0)
        XCTAssertEqual(r.stdout, expected, "the rows reached the process's standard output (a regular file here)")
        XCTAssertEqual(fileType(link), S_IFLNK, "the link stays a link")
        // Through /dev/fd (the system's link to /proc/self/fd), from a link of the test's own.
        XCTAssertEqual(symlink("/dev/fd/1", path("fd1")), 0)
        let viaDevFd = try run(["join", input, "--format", "csv", "--out", path("fd1")], 0)
        XCTAssertEqual(viaDevFd.stdout, expected)
        XCTAssertEqual(fileType(path("fd1")), S_IFLNK)
    }

    func testOutThroughARelativeLinkReplacesItsTargetAndKeepsTheLink() throws {
        let input = try write(twoRows, "i.csv")
        try FileManager.default.createDirectory(atPath: path("sub"), withIntermediateDirectories: true)
        let target = try write("old\n", "sub/real.csv")
        XCTAssertEqual(chmod(target, 0o640), 0)
        XCTAssertEqual(symlink("sub/real.csv", path("l")), 0)
        let expected = try run(["join", input, "--format", "csv"], 0).stdout
        // Run from the test folder: a one-letter relative name whose link text is relative too.
        let r = try FrontierBinary.run(["join", "i.csv", "--format", "csv", "--out", "l"], workingDirectory: dir)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(text(target), expected, "the link's target was replaced")
        XCTAssertEqual(fileType(path("l")), S_IFLNK, "the link stays a link")
        XCTAssertEqual(permissions(target), 0o640, "the target keeps its permissions")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: path("sub")), ["real.csv"], "no temporary file left")
    }

    func testReplacedFileKeepsMode0600AndANewFileGetsTheUmaskMode() throws {
        let input = try write(twoRows, "i.csv")
        let existing = try write("secret\n", "private.csv")
        XCTAssertEqual(chmod(existing, 0o600), 0)
        try run(["join", input, "--out", existing], 0)
        XCTAssertEqual(permissions(existing), 0o600, "was 0644 after the rename")
        XCTAssertTrue(text(existing)?.hasPrefix("event_id_cnty,") ?? false)
        let mask = umask(0)
        umask(mask)
        try run(["join", input, "--out", path("new.csv")], 0)
        XCTAssertEqual(permissions(path("new.csv")), 0o666 & ~mask)
    }

    func testFolderAndBlockDeviceOutputsAreRefusedAtStart() throws {
        let input = try write(twoRows, "i.csv")
        try run(["join", input, "--out", dir.path], 64, says: "--out \(dir.path) is a folder: name a file in it")
        try run(["synth", "--count", "5", "--out", dir.path], 64, says: "is a folder")
        if mknod(path("blk"), S_IFBLK | 0o600, makedev(7, 0)) == 0 {
            try run(["join", input, "--rejects", path("blk")], 64, says: "--rejects \(path("blk")) is a block device")
            XCTAssertEqual(fileType(path("blk")), S_IFBLK)
        }
    }

    // MARK: - Item 2: an output naming an input, the store or another output

    func testRejectsNamingTheStoreIsRefusedAndTheStoreSurvives() throws {
        let store = path("s.gpkg")
        try run(["synth", "--count", "2000", "--out", path("a.csv")], 0)
        try run(["import", path("a.csv"), "--store", store], 0, says: "inserted 2000")
        let b = try write("event_id_cnty,event_date,latitude,longitude,fatalities\nN1,2025-11-26,37.12,70.58,1\nN2,2025-11-26,999,70.58,1\n", "b.csv")
        try run(["import", b, "--store", store, "--rejects", store], 64,
                says: "Error: --rejects \(store) is the store this command imports into; name another file")
        try run(["import", b, "--store", store, "--mismatches", dir.appendingPathComponent("./s.gpkg").path], 64, says: "is the store this command imports into")
        XCTAssertTrue(try run(["store", "info", store], 0).stdout.contains("incidents   2,000"))
        // A store this run would create is refused the same way, and nothing is created.
        try run(["import", b, "--store", path("new.gpkg"), "--rejects", path("new.gpkg")], 64, says: "the store this command imports into")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("new.gpkg")))
    }

    func testOutputNamingTheRegionsFileIsRefused() throws {
        let input = try write(twoRows, "i.csv")
        let layer = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"region_id":"R1","region_name":"R"},\
            "geometry":{"type":"Polygon","coordinates":[[[70,37],[71,37],[71,38],[70,37]]]}}]}
            """
        let regions = try write(layer, "r.geojson")
        for args in [["join", input, "--regions", regions, "--out", regions],
                     ["regions", "--regions", regions, "--out", regions],
                     ["aggregate", input, "--window", "month", "--regions", regions, "--out", regions],
                     ["buffer", "--regions", regions, "--region", "R1", "--within", "5km", "--out", regions]] {
            try run(args, 64, says: "--out \(regions) is the --regions file this command reads; name another file")
        }
        XCTAssertEqual(text(regions), layer)
    }

    func testTwoOutputsNamingOneFileAreRefusedHoweverSpelled() throws {
        let input = try write(threeRows, "i.csv")
        let out = path("x.csv")
        try run(["join", input, "--out", out, "--rejects", out], 64, says: "is the same file as")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "refused before any work")
        XCTAssertEqual(mkdir(path("sub"), 0o755), 0)
        try run(["join", input, "--out", out, "--rejects", dir.appendingPathComponent("sub/../x.csv").path], 64,
                says: "name another file for one of them")
        // An existing file through a link and a hard link.
        _ = try write("keep\n", "y.csv")
        XCTAssertEqual(symlink("y.csv", path("ylink")), 0)
        XCTAssertEqual(link(path("y.csv"), path("yhard")), 0)
        try run(["near", input, "--border", "AFG-TJK", "--within", "50km", "--out", path("ylink"), "--mismatches", path("y.csv")], 64,
                says: "--out \(path("ylink")) is the same file as --mismatches \(path("y.csv"))")
        try run(["aggregate", input, "--window", "month", "--out", path("yhard"), "--rejects", path("y.csv")], 64, says: "is the same file as")
        XCTAssertEqual(text(path("y.csv")), "keep\n")
        // The incidents read through a link are the input too.
        try run(["join", path("ylink"), "--input-format", "csv", "--out", path("y.csv")], 64, says: "is the incidents file this command reads")
        try run(["map", input, "--out", input], 64, says: "--out \(input) is the incidents file this command reads")
        XCTAssertEqual(text(input), threeRows)
    }

    // MARK: - Lower: interrupted runs leave no temporary file

    func testSIGTERMDuringSynthRemovesItsTemporaryFile() throws {
        let process = Process()
        process.executableURL = FrontierBinary.url
        process.arguments = ["synth", "--count", "5000000", "--out", path("X.csv")]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the temporary file to appear (the run writes for several seconds).
        var temporary: String?
        for _ in 0..<400 where temporary == nil {
            temporary = try FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix(".X.csv.") && $0.hasSuffix(".tmp") }
            if temporary == nil { usleep(25_000) }
        }
        XCTAssertNotNil(temporary, "synth started writing")
        usleep(200_000)
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(process.terminationStatus, SIGTERM)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "no .X.csv.*.tmp and no X.csv")
    }

    // MARK: - Item 14: --csv-safe

    private let formulas = "event_id_cnty,event_date,latitude,longitude,fatalities,notes,delta\n"
        + "F1,2025-11-26,37.12,70.58,1,\"=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",-12.5\n"
        + "F2,2025-11-26,37.12,70.58,1,=cmd|' /C calc'!A0,+3\n"
        + "F3,2025-11-26,999,70.58,1,@SUM(A1),-\n"

    func testCSVSafeNeutralisesHyperlinkAndCmdButNotNumbers() throws {
        let input = try write(formulas, "f.csv")
        let r = try run(["join", input, "--csv-safe", "--format", "csv", "--rejects", path("rej.csv")], 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        guard lines.count == 3 else { return XCTFail("header and two rows expected: \(r.stdout)") }
        XCTAssertTrue(lines[1].hasPrefix("F1,2025-11-26,37.12,70.58,1,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",-12.5,"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("F2,2025-11-26,37.12,70.58,1,'=cmd|' /C calc'!A0,+3,"), lines[2])
        // The rejects file is CSV an analyst opens too.
        let rejects = text(path("rej.csv")) ?? ""
        XCTAssertTrue(rejects.contains("\nF3,2025-11-26,999,70.58,1,'@SUM(A1),'-,"), rejects)
        // By default the output stays byte-faithful: the row's text as it came.
        let plain = try run(["join", input, "--format", "csv", "--rejects", path("rej2.csv")], 0)
        XCTAssertTrue(plain.stdout.contains("\nF2,2025-11-26,37.12,70.58,1,=cmd|' /C calc'!A0,+3,"), plain.stdout)
        XCTAssertTrue(text(path("rej2.csv"))?.contains("\nF3,2025-11-26,999,70.58,1,@SUM(A1),-,") ?? false)
    }

    func testCSVSafeReachesAggregateSplitAndImportRejects() throws {
        let input = try write(formulas, "f.csv")
        let r = try run(["aggregate", input, "--window", "all", "--split", "notes", "--csv-safe", "--format", "csv"], 0)
        XCTAssertTrue(r.stdout.contains(",'=cmd|' /C calc'!A0"), r.stdout)
        XCTAssertTrue(r.stdout.contains(",\"'=HYPERLINK("), r.stdout)
        try run(["import", input, "--store", path("s.gpkg"), "--csv-safe", "--rejects", path("rej.csv")], 0)
        XCTAssertTrue(text(path("rej.csv"))?.contains(",'@SUM(A1),'-,") ?? false, text(path("rej.csv")) ?? "")
        try run(["map", input, "--csv-safe", "--out", path("m.html"), "--rejects", path("rej-map.csv")], 0)
        XCTAssertTrue(text(path("rej-map.csv"))?.contains(",'@SUM(A1),'-,") ?? false)
    }

    // MARK: - Lower: --columns named twice, negative counts

    func testColumnsLatitudeLatitudeIsAUsageError() throws {
        let input = try write(twoRows, "i.csv")
        try run(["join", input, "--columns", "latitude,latitude", "--format", "json"], 64, says: "--columns names latitude twice")
        try run(["near", input, "--border", "AFG-TJK", "--within", "50km", "--columns", "latitude,Latitude", "--format", "json"], 64,
                says: "--columns names the column latitude twice")
    }

    func testTopMinusOneIsAClearUsageError() throws {
        let input = try write(twoRows, "i.csv")
        try run(["aggregate", input, "--window", "month", "--top", "-1"], 64, says: "--top takes a whole number ≥ 1: -1")
        try run(["aggregate", input, "--window", "month", "--top", "0"], 64, says: "--top takes a whole number ≥ 1: 0")
        try run(["join", input, "--threads", "-2"], 64, says: "--threads must be at least 1 (got -2)")
        try run(["join", input, "--max-geo-precision", "-1"], 64, says: "--max-geo-precision takes a whole number ≥ 1")
        try run(["synth", "--count", "-5"], 64, says: "--count must be greater than 0 (got -5)")
        try run(["map", input, "--classes", "-3", "--out", path("m.html")], 64, says: "--classes must be between 2 and 7 (got -3)")
        try run(["hotspots", input, "--distance", "50km", "--time-lag", "-1"], 64, says: "--time-lag must be between 0 and 100 (got -1)")
        try run(["trends", input, "--surge-ratio", "-2"], 64, says: "--surge-ratio must be a number above 0")
        // A negative longitude in --extent is a value, not a flag.
        try run(["map", input, "--extent", "-10,30,75,40", "--out", path("m.html")], 0)
    }
}
