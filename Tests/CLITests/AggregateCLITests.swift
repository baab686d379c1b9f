import Foundation
import XCTest

/// `frontier aggregate` end to end, checked against `join` grouped by hand with Foundation's own calendar
/// (an independent path), and across thread counts.
final class AggregateCLITests: FolderTestCase {

    private func csvRows(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { line in
            var fields: [String] = [], cur = "", quoted = false
            for c in line {
                if c == "\"" { quoted.toggle() } else if c == "," && !quoted { fields.append(cur); cur = "" } else { cur.append(c) }
            }
            fields.append(cur)
            return fields
        }
    }

    /// Window start for a date, computed with Foundation's Calendar (not Frontier's arithmetic).
    private func windowStart(_ date: String, kind: String) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let f = DateFormatter()
        f.calendar = cal
        f.timeZone = cal.timeZone
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        let day = f.date(from: date)!
        let start: Date
        switch kind {
        case "day": start = day
        case "month": start = cal.date(from: cal.dateComponents([.year, .month], from: day))!
        case "week", "saturday":
            cal.firstWeekday = kind == "week" ? 2 : 7  // Monday / Saturday
            cal.minimumDaysInFirstWeek = 4
            start = cal.dateInterval(of: .weekOfYear, for: day)!.start
        default:  // "10d" anchored at 2024-01-03
            let anchor = f.date(from: "2024-01-03")!
            let days = cal.dateComponents([.day], from: anchor, to: day).day!
            let k = Int((Double(days) / 10).rounded(.down))
            start = cal.date(byAdding: .day, value: k * 10, to: anchor)!
        }
        return f.string(from: start)
    }

    func testAggregateEqualsJoinGroupedByHandForEveryWindowKind() throws {
        let input = dir.appendingPathComponent("synth.csv").path
        XCTAssertEqual(try FrontierBinary.run(["synth", "--count", "400", "--seed", "3", "--out", input]).status, 0)
        let joined = try FrontierBinary.run(["join", input, "--format", "csv"])
        XCTAssertEqual(joined.status, 0, joined.stderr)
        let rows = csvRows(joined.stdout)
        let h = rows[0]
        let (date, fat, region) = (h.firstIndex(of: "event_date")!, h.firstIndex(of: "fatalities")!, h.firstIndex(of: "region_id")!)
        for (kind, args) in [("day", ["--window", "day"]), ("week", ["--window", "week"]), ("month", ["--window", "month"]),
                             ("saturday", ["--window", "week", "--week-start", "saturday"]),
                             ("10d", ["--window", "10d", "--anchor", "2024-01-03"])] {
            var expected: [String: (Int, Int)] = [:]
            for r in rows.dropFirst() where !r[region].isEmpty {
                let key = "\(r[region])|\(windowStart(r[date], kind: kind))"
                expected[key, default: (0, 0)].0 += 1
                expected[key, default: (0, 0)].1 += Int(r[fat])!
            }
            let agg = try FrontierBinary.run(["aggregate", input, "--format", "csv"] + args)
            XCTAssertEqual(agg.status, 0, agg.stderr)
            let out = csvRows(agg.stdout)
            XCTAssertEqual(out[0], ["region_id", "region_country", "region_name", "window_start", "window_end", "events", "fatalities"])
            var got: [String: (Int, Int)] = [:]
            for r in out.dropFirst() { got["\(r[0])|\(r[3])"] = (Int(r[5])!, Int(r[6])!) }
            XCTAssertEqual(got.count, expected.count, kind)
            for (k, v) in expected { XCTAssertTrue(got[k].map { $0 == v } ?? false, "\(kind) \(k): \(String(describing: got[k])) vs \(v)") }
            let keys = out.dropFirst().map { "\($0[0])|\($0[3])" }
            XCTAssertEqual(keys, keys.sorted(), "sorted by region_id then window_start")
        }
    }

    /// A file with bad rows, duplicates and quoted newlines, cut into many chunks: one and two threads give
    /// the same bytes on stdout and in the rejects file, `join` rejects the same rows, and each reject is the
    /// one the generator put in, at its line.
    func testParallelAndSingleThreadedRunsAreIdentical() throws {
        let input = dir.appendingPathComponent("mixed.csv")
        var text = "event_id_cnty,event_date,latitude,longitude,fatalities,notes,event_type\n"
        var state: UInt64 = 99
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        for i in 0..<30_000 {
            let lat = 29.5 + next() * 9, lon = 61 + next() * 13
            let day = 1 + Int(next() * 28)
            var row = "E\(i),2025-02-\(day < 10 ? "0" : "")\(day),\(String(format: "%.5f", lat)),\(String(format: "%.5f", lon)),\(Int(next() * 4)),"
            switch i % 997 {
            case 1: row = "E\(i),2025-02-30,\(lat),\(lon),1,"                    // impossible date
            case 2: row = "E\(i - 2),2025-02-03,\(lat),\(lon),1,"                // duplicate id
            case 3: row = "E\(i),2025-02-03,\(lat),\(lon),-1,"                   // negative fatalities
            default: break
            }
            row += i % 7 == 0 ? "\"a note, with a comma and a\nnewline\"" : "plain"
            row += i % 3 == 0 ? ",Battles\n" : ",Riots\n"
            text += row
        }
        try Data(text.utf8).write(to: input)
        var outputs: [String] = [], rejects: [String] = []
        for t in ["1", "2"] {
            let rej = dir.appendingPathComponent("rej-\(t).csv")
            let r = try FrontierBinary.run(["aggregate", input.path, "--window", "week", "--split", "event_type", "--format", "csv",
                                            "--threads", t, "--rejects", rej.path])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("read 30000, rejected 93,"), r.stderr)
            outputs.append(r.stdout)
            rejects.append(try String(contentsOf: rej, encoding: .utf8))
        }
        XCTAssertEqual(outputs[0], outputs[1])
        XCTAssertEqual(rejects[0], rejects[1])
        let joinRejects = dir.appendingPathComponent("rej-join.csv")
        let join = try FrontierBinary.run(["join", input.path, "--format", "csv", "--rejects", joinRejects.path])
        XCTAssertEqual(join.status, 0, join.stderr)
        XCTAssertEqual(rejects[0], try String(contentsOf: joinRejects, encoding: .utf8), "join rejects what aggregate rejects")
        // The reasons the generator put in, each at its line: row i starts on line 2 + i, plus one for every
        // earlier row whose note holds a newline (every seventh, from row 0).
        var expected: [String] = []
        for i in 0..<30_000 {
            let line = 2 + i + (i + 6) / 7
            switch i % 997 {
            case 1: expected.append("line \(line), field 'event_date': impossible date '2025-02-30'")
            case 2: expected.append("line \(line), field 'event_id_cnty': duplicate id 'E\(i - 2)'")
            case 3: expected.append("line \(line), field 'fatalities': negative fatalities -1")
            default: break
            }
        }
        XCTAssertEqual(expected.count, 93)
        for reason in expected { XCTAssertTrue(rejects[0].contains("\"" + reason + "\"\n"), reason) }  // the last, quoted column
        XCTAssertEqual(rejects[0].components(separatedBy: ", field '").count - 1, 93, String(rejects[0].prefix(400)))
    }

    /// Duplicates are taken back out of the counts the workers kept for their chunks: a file with repeated
    /// ids (some with swapped coordinates, some dated months after or before every other row, some in the same chunk as
    /// their first occurrence, some chunks later) gives the same table, period and swapped-row notice as the
    /// same file without them, with one and two threads; only the read and rejected counts tell them apart.
    func testDuplicatesCountNowhereWhateverTheThreads() throws {
        var base = "event_id_cnty,event_date,latitude,longitude,fatalities,country\n"
        var withDuplicates = base
        var state: UInt64 = 7
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        var rows: [String] = []
        var duplicates = 0
        for i in 0..<30_000 {
            let (lat, lon) = (33 + next() * 2, 64 + next() * 5)
            let day = 1 + Int(next() * 28)
            // Every 500th row has latitude and longitude swapped (it would lie in Afghanistan the right way round).
            let (first, second) = i % 500 == 7 ? (lon, lat) : (lat, lon)
            let row = "E\(i),2025-02-\(day < 10 ? "0" : "")\(day),\(String(format: "%.5f", first)),\(String(format: "%.5f", second)),\(i % 4),Afghanistan\n"
            rows.append(row)
            base += row
            withDuplicates += row
            if i % 997 == 50 {
                // The id of a row just before (same chunk) or thousands of rows before (an earlier chunk), dated
                // after or before every other row, and the id of a swapped row with its swapped position.
                let earlier = i % 2 == 0 || i < 5_000 ? i - 3 : i - 5_000
                withDuplicates += "E\(earlier),\(i % 2 == 0 ? "2025-06-30" : "2024-11-15"),34.00000,66.00000,9,Afghanistan\n"
                withDuplicates += rows[(i / 500) * 500 + 7 - (i % 500 < 7 ? 500 : 0)]
                duplicates += 2
            }
        }
        XCTAssertEqual(duplicates, 62)
        let plain = dir.appendingPathComponent("plain.csv"), repeated = dir.appendingPathComponent("repeated.csv")
        try Data(base.utf8).write(to: plain)
        try Data(withDuplicates.utf8).write(to: repeated)
        func run(_ input: URL, threads: String) throws -> FrontierBinary.Result {
            let r = try FrontierBinary.run(["aggregate", input.path, "--window", "week", "--format", "csv", "--threads", threads])
            XCTAssertEqual(r.status, 0, r.stderr)
            return r
        }
        let expected = try run(plain, threads: "1")
        XCTAssertTrue(expected.stderr.contains("read 30000, rejected 0,"), expected.stderr)
        XCTAssertTrue(expected.stderr.contains("the data cover 2025-02-01..2025-02-28"), expected.stderr)
        XCTAssertTrue(expected.stderr.contains("notice: 60 rows of"), expected.stderr)
        for threads in ["1", "2", "3"] {
            let r = try run(repeated, threads: threads)
            XCTAssertEqual(r.stdout, expected.stdout, "\(threads) threads")
            XCTAssertTrue(r.stderr.contains("read 30062, rejected 62,"), r.stderr)
            let summary = { (text: String) in
                text.split(separator: "\n").filter { !$0.hasPrefix("rejected ") && !$0.hasPrefix("… and ") }
                    .map { $0.replacingOccurrences(of: "repeated.csv", with: "plain.csv").replacingOccurrences(of: "read 30062, rejected 62,", with: "read 30000, rejected 0,") }
            }
            XCTAssertEqual(summary(r.stderr), summary(expected.stderr), "\(threads) threads")
        }
    }

    /// A quote never closed near the end of a large file: the same rejected row and line from the chunked
    /// reader as from the streaming one, and the row after it is read.
    func testUnterminatedQuoteLateInTheFileNamesTheSameLine() throws {
        let input = dir.appendingPathComponent("broken.csv")
        var text = "event_id_cnty,event_date,latitude,longitude,fatalities,notes\n"
        for i in 0..<40_000 { text += i % 100 == 0 ? "E\(i),2025-02-03,35.1,65.1,1,\"two\nlines\"\n" : "E\(i),2025-02-03,35.1,65.1,1,ok\n" }
        text += "BAD,2025-02-03,35,65,1,\"never closed\nE99999,2025-02-03,35,65,1,ok\n"
        try Data(text.utf8).write(to: input)
        let aggregate = try FrontierBinary.run(["aggregate", input.path, "--window", "week", "--threads", "2"])
        let join = try FrontierBinary.run(["join", input.path, "--format", "csv"])
        XCTAssertEqual(aggregate.status, 0, aggregate.stderr)
        XCTAssertEqual(join.status, 0, join.stderr)
        XCTAssertTrue(aggregate.stderr.contains("broken.csv:40402: field 'notes': a quote opened in this field is never closed"), aggregate.stderr)
        XCTAssertTrue(aggregate.stderr.contains("read 40002, rejected 1,"), aggregate.stderr)
        XCTAssertTrue(join.stdout.contains("E99999,2025-02-03,35,65,1,ok"), "the row after it is read: \(join.stdout.suffix(200))")
        XCTAssertEqual(aggregate.stderr.split(separator: "\n").first, join.stderr.split(separator: "\n").first)
    }

    /// A quote inside an unquoted field is a rejected row (RFC 4180 read strictly), blank lines may precede
    /// the header: the chunked reader reads such a file exactly as join does.
    func testStrayQuotesAndLeadingBlankLinesReadAsJoinReadsThem() throws {
        let input = dir.appendingPathComponent("stray.csv")
        var text = "\n\nevent_id_cnty,event_date,latitude,longitude,fatalities,notes\n"
        for i in 0..<30_000 {
            let note = i % 50 == 0 ? "a 5\" gun" : (i % 77 == 0 ? "\"multi\nline\"" : "ok")
            text += "S\(i),\(i % 997 == 5 ? "2025-02-30" : "2025-02-03"),35.1,65.1,1,\(note)\n"
        }
        try Data(text.utf8).write(to: input)
        var rejects: [String] = []
        for (args, name) in [(["aggregate", input.path, "--window", "week", "--threads", "2"], "a2"),
                             (["aggregate", input.path, "--window", "week", "--threads", "1"], "a1"),
                             (["join", input.path, "--format", "csv"], "j")] {
            let rej = dir.appendingPathComponent("rej-\(name).csv")
            let r = try FrontierBinary.run(args + ["--rejects", rej.path])
            XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("read 30000, rejected 631"), "\(name): \(r.stderr)")
            rejects.append(try String(contentsOf: rej, encoding: .utf8))
        }
        XCTAssertEqual(rejects[0], rejects[2])
        XCTAssertEqual(rejects[1], rejects[2])
        XCTAssertTrue(rejects[2].contains("line 9, field 'event_date'"), String(rejects[2].prefix(300)))
        XCTAssertTrue(rejects[2].contains("line 4, field 'notes': a quote inside an unquoted field"), String(rejects[2].prefix(300)))
    }

    func testFromToFilterIncidentsButDoNotClipWindows() throws {
        let input = dir.appendingPathComponent("in.csv")
        try Data("""
            event_id_cnty,event_date,latitude,longitude,fatalities
            A,2025-11-24,37.12,70.58,1
            B,2025-11-26,37.12,70.58,2
            C,2025-11-30,37.12,70.58,4
            D,2025-12-01,37.12,70.58,8

            """.utf8).write(to: input)
        let r = try FrontierBinary.run(["aggregate", input.path, "--window", "week", "--from", "2025-11-25", "--to", "2025-11-30", "--format", "csv"])
        XCTAssertEqual(r.stdout, "region_id,region_country,region_name,window_start,window_end,events,fatalities\nAFG:Badakhshan,AFG,Badakhshan,2025-11-24,2025-11-30,2,6\n")
        let geo = try FrontierBinary.run(["aggregate", input.path, "--window", "week", "--format", "geojson"])
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(geo.stdout.utf8)) as? [String: Any])
        let props = try XCTUnwrap(((root["features"] as? [[String: Any]])?.first)?["properties"] as? [String: Any])
        XCTAssertEqual(props["events"] as? Int, 4)
        XCTAssertEqual(props["events_2025-11-24"] as? Int, 3)
        XCTAssertEqual(props["fatalities_2025-12-01"] as? Int, 8)
    }
}
