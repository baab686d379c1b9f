import Foundation
import XCTest

/// Issue 25 items 3, 4, 10 through the binary: a stray quote rejects its own row (named by line and field)
/// instead of swallowing the rows below it; a record longer than 64 MB is one rejected row, not a failed
/// run or unbounded memory; two ids whose 64-bit hashes collide are both kept.
final class CSVStrictnessCLITests: FolderTestCase {
    private let header = "event_id_cnty,event_date,latitude,longitude,fatalities,admin1\n"

    private func row(_ i: Int, admin1: String = "Badakhshan") -> String { "R\(i),2025-11-2\(i % 10),37.12,70.58,\(i),\(admin1)\n" }

    /// Rows 1–10, with `"Kabul` (a quote never closed on its line) in row 3 and `Ghazni "c"` in row 8.
    private var strayQuotes: String {
        header + (1...10).map { row($0, admin1: $0 == 3 ? "\"Kabul" : $0 == 8 ? "Ghazni \"c\"" : "Badakhshan") }.joined()
    }

    /// It said `read 5, rejected 0`: rows 3–8 were one record whose admin1 ran over five lines.
    func testStrayQuoteInRow3DoesNotSwallowRows4To8() throws {
        let input = try write(strayQuotes, "stray.csv")
        let rejects = path("rejects.csv")
        let r = try FrontierBinary.run(["aggregate", input, "--window", "all", "--format", "csv", "--rejects", rejects])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("read 10, rejected 2, unmatched 0; counted 8 incidents"), r.stderr)
        XCTAssertTrue(r.stderr.contains("stray.csv:4: field 'admin1': a quote opened in this field is closed 5 lines further down "
                                        + "and text follows it (a stray quote?)"), r.stderr)
        XCTAssertTrue(r.stderr.contains("stray.csv:9: field 'admin1': a quote inside an unquoted field"), r.stderr)
        // Rows 1, 2, 4–7, 9 and 10 are counted (fatalities 55 − 3 − 8); 3 and 8 are not.
        XCTAssertTrue(r.stdout.hasSuffix(",8,44,false\n"), r.stdout)
        let lines = try String(contentsOfFile: rejects, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3)
        guard lines.count == 3 else { return }
        XCTAssertTrue(lines[1].hasPrefix("\"R3,2025-11-23,37.12,70.58,3,\"\"Kabul\",,,,,,\"line 4, field 'admin1': a quote opened"), lines[1])
        XCTAssertTrue(lines[2].hasPrefix("\"R8,2025-11-28,37.12,70.58,8,Ghazni \"\"c\"\"\",,,,,,\"line 9, field 'admin1': a quote inside"), lines[2])
        // --strict makes them exit 65, as any rejected row.
        XCTAssertEqual(try FrontierBinary.run(["aggregate", input, "--window", "all", "--strict"]).status, 65)
    }

    /// The same rejections and counts from one thread or two, from join's rows, and from standard input,
    /// in a file long enough for many chunks, with quoted fields (commas, doubled quotes, newlines) that are
    /// well formed around the broken ones.
    func testStrayQuotesAreRejectedAlikeByEveryReaderAndChunking() throws {
        var text = header
        var bad: [(line: Int, reason: String)] = []
        var line = 2
        for i in 1...30_000 {
            switch i % 1000 {
            case 17:  // never closed on its line: the next quote is in the next two-line row
                text += "Q\(i),2025-11-26,37.12,70.58,1,\"Kabul\n"
                bad.append((line, "a quote opened in this field is closed"))
            case 500:
                text += "Q\(i),2025-11-26,37.12,70.58,1,Ghazni \"c\"\n"
                bad.append((line, "a quote inside an unquoted field"))
            case 900:
                text += "Q\(i),2025-11-26,37.12,70.58,1,\"Gh\"azni\n"
                bad.append((line, "text after the closing quote of a quoted field"))
            default:
                if i % 7 == 0 {
                    text += "Q\(i),2025-11-26,37.12,70.58,1,\"a, \"\"quoted\"\"\nname\"\n"
                    line += 1
                } else {
                    text += "Q\(i),2025-11-26,37.12,70.58,1,Kunduz\n"
                }
            }
            line += 1
        }
        let input = try write(text, "many.csv")
        var rejectFiles: [String] = []
        for (name, args) in [("t1", ["aggregate", input, "--window", "week", "--threads", "1"]),
                             ("t2", ["aggregate", input, "--window", "week", "--threads", "2"]),
                             ("join", ["join", input, "--format", "csv", "--out", path("joined.csv")])] {
            let rejects = path("rej-\(name).csv")
            let r = try FrontierBinary.run(args + ["--rejects", rejects])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("read 30000, rejected 90"), "\(name): \(r.stderr)")
            rejectFiles.append(try String(contentsOfFile: rejects, encoding: .utf8))
        }
        XCTAssertEqual(rejectFiles[0], rejectFiles[1])
        XCTAssertEqual(rejectFiles[0], rejectFiles[2])
        let lines = rejectFiles[0].split(separator: "\n").dropFirst()
        XCTAssertEqual(lines.count, 90, "one line each: a malformed row is its first line")
        XCTAssertEqual(bad.count, 90)
        for (line, reason) in bad {
            XCTAssertTrue(rejectFiles[0].contains("\"line \(line), field 'admin1': \(reason)"), "line \(line): \(reason)")
        }
        let stdin = try FrontierBinary.run(["aggregate", "-", "--input-format", "csv", "--window", "week", "--rejects", path("rej-stdin.csv")],
                                           stdin: Data(text.utf8))
        XCTAssertEqual(stdin.status, 0, stdin.stderr)
        XCTAssertEqual(try String(contentsOfFile: path("rej-stdin.csv"), encoding: .utf8), rejectFiles[0])
    }

    /// A quote never closed, in a file larger than the 64 MB record cap, with no line end after it: one
    /// rejected row naming the cap; the rows before and after it are read, and the run succeeds.
    func testA65MBRecordIsRejectedAsOneRowNamingTheCap() throws {
        var text = header + row(1) + "R2,2025-11-22,37.12,70.58,2,\"" + String(repeating: "x", count: 65 << 20)
        text += "\n" + row(3)
        let input = try write(text, "long.csv")
        let r = try FrontierBinary.run(["aggregate", input, "--window", "all", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("long.csv:3: row: the record is longer than 64 MB, the most one record may hold"), r.stderr)
        XCTAssertTrue(r.stderr.contains("read 3, rejected 1"), r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix(",2,4,false\n"), "rows 1 and 3 (fatalities 1 + 3) are counted: \(r.stdout)")
    }

    /// `CsCNaPbaJ-I` and `9w9E17-sZZE` share an FNV-1a 64-bit hash: the second was rejected as a duplicate.
    func testIDsWhoseHashesCollideAreNotDuplicates() throws {
        let input = try write(header + "CsCNaPbaJ-I,2025-11-26,37.12,70.58,1,Badakhshan\n9w9E17-sZZE,2025-11-26,37.12,70.58,2,Badakhshan\n"
                              + "CsCNaPbaJ-I,2025-11-27,37.12,70.58,4,Badakhshan\n", "ids.csv")
        for threads in ["1", "2"] {
            let r = try FrontierBinary.run(["aggregate", input, "--window", "all", "--format", "csv", "--threads", threads])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("read 3, rejected 1"), r.stderr)
            XCTAssertTrue(r.stderr.contains("ids.csv:4: field 'event_id_cnty': duplicate id 'CsCNaPbaJ-I'"), r.stderr)
            XCTAssertTrue(r.stdout.hasSuffix(",2,3,false\n"), r.stdout)
        }
        let geojson = try write("""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[70.58,37.12]},"properties":{"event_id_cnty":"CsCNaPbaJ-I","event_date":"2025-11-26","fatalities":1}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[70.58,37.12]},"properties":{"event_id_cnty":"9w9E17-sZZE","event_date":"2025-11-26","fatalities":2}}]}
            """, "ids.geojson")
        let g = try FrontierBinary.run(["aggregate", geojson, "--window", "all", "--format", "csv"])
        XCTAssertEqual(g.status, 0, g.stderr)
        XCTAssertTrue(g.stderr.contains("read 2, rejected 0"), g.stderr)
    }
}
