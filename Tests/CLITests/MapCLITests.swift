import Foundation
import XCTest

/// `frontier map`: what the report holds, that a real browser renders it offline, and that nothing from the
/// data becomes markup.
final class MapCLITests: FolderTestCase {

    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path
    /// Where the browser test leaves its screenshot (kept after the run, for a person to look at).
    static let screenshot = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-report-screenshot.png")

    private func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    private func attributes(_ name: String, in text: String) -> [String] {
        text.components(separatedBy: "\(name)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// Per-region totals from `frontier aggregate` (summed over windows): the numbers the map must show.
    private func aggregateTotals(_ input: String) throws -> [String: (Int, Int)] {
        let r = try FrontierBinary.run(["aggregate", input, "--window", "week", "--format", "csv"])
        var totals: [String: (Int, Int)] = [:]
        for line in r.stdout.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            totals[f[0], default: (0, 0)].0 += Int(f[5])!
            totals[f[0], default: (0, 0)].1 += Int(f[6])!
        }
        return totals
    }

    func testPointsRegionsLegendAndTableMatchAggregate() throws {
        let input = dir.appendingPathComponent("s.csv").path
        XCTAssertEqual(try FrontierBinary.run(["synth", "--count", "1500", "--seed", "11", "--out", input]).status, 0)
        let out = dir.appendingPathComponent("report.html").path
        let r = try FrontierBinary.run(["map", input, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        let totals = try aggregateTotals(input)
        let mapped = totals.filter { !$0.key.isEmpty }.values.reduce(0) { $0 + $1.0 }
        XCTAssertTrue(r.stderr.contains("mapped 1500 incidents as points"), r.stderr)
        XCTAssertEqual(count("<circle class=\"incident\"", in: html), 1500, "one mark per incident")
        let regionIDs = attributes("data-region", in: html.components(separatedBy: "<table")[0])
        XCTAssertEqual(regionIDs.count, Set(regionIDs).count, "one path per region")
        for (id, t) in totals where !id.isEmpty {
            XCTAssertTrue(regionIDs.contains(id), "\(id) is drawn")
            XCTAssertTrue(html.contains("data-region=\"\(id)\" data-events=\"\(t.0)\" data-fatalities=\"\(t.1)\""), "\(id) shaded by aggregate's count")
            if let row = html.range(of: "<tr data-region=\"\(id)\">") {
                let cells = html[row.upperBound...].prefix { $0 != "\n" }
                XCTAssertTrue(cells.contains("<td class=\"n events\">\(t.0)</td><td class=\"n fatalities\">\(t.1)</td>"), "table row for \(id)")
            }
        }
        let maxima = attributes("data-max", in: html).compactMap(Int.init)
        XCTAssertEqual(maxima.last, totals.values.map(\.0).max(), "the legend's top class ends at the largest region total")
        XCTAssertEqual(mapped, 1500)
    }

    func testManyIncidentsAreBinnedAndEveryIncidentCounted() throws {
        let input = dir.appendingPathComponent("s.csv").path
        XCTAssertEqual(try FrontierBinary.run(["synth", "--count", "6000", "--seed", "12", "--out", input]).status, 0)
        let out = dir.appendingPathComponent("map.svg").path
        let r = try FrontierBinary.run(["map", input, "--format", "svg", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        XCTAssertEqual(count("<circle", in: svg), 0)
        let binned = attributes("data-count", in: svg).compactMap(Int.init).reduce(0, +)
        XCTAssertEqual(binned, 6000, "every incident falls in one bin")
    }

    func testTextFromTheDataNeverBecomesMarkup() throws {
        let hostile = "\"><img src=x onerror=alert(1)><script>alert(2)</script>"
        let input = dir.appendingPathComponent("x.csv")
        try Data("""
            event_id_cnty,event_date,event_type,actor1,location,latitude,longitude,fatalities,notes
            X1,2025-11-26,"<script>alert(3)</script>","\(hostile.replacingOccurrences(of: "\"", with: "\"\""))","\(hostile.replacingOccurrences(of: "\"", with: "\"\""))",37.12,70.58,1,"\(hostile.replacingOccurrences(of: "\"", with: "\"\""))"

            """.utf8).write(to: input)
        let out = dir.appendingPathComponent("r.html").path
        let r = try FrontierBinary.run(["map", input.path, "--title", "<b>title</b>", "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        for markup in ["<script", "<img", "<b>"] {
            XCTAssertFalse(html.contains(markup), "\(markup) must not appear as markup")
        }
        // No element carries an attribute that came from the data (inside a tag, not as escaped text).
        for attribute in ["onerror", "src"] {
            XCTAssertNil(html.range(of: "<[^>]*\\b\(attribute)=", options: .regularExpression), "\(attribute)= inside a tag")
        }
        XCTAssertTrue(html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), "shown as text")
        XCTAssertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "shown as text")
        XCTAssertFalse(html.contains("href="), "no links")
    }

    /// Boundary files are data too (`--geodata` can point anywhere): a crafted border id shows as text.
    func testCraftedGeoDataNamesAreEscaped() throws {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let geodata = dir.appendingPathComponent("GeoData")
        try FileManager.default.copyItem(at: repo.appendingPathComponent("GeoData"), to: geodata)
        let borders = geodata.appendingPathComponent("borders.geojson")
        let text = try String(contentsOf: borders, encoding: .utf8)
            .replacingOccurrences(of: "\"country_a\":\"AFG\",\"country_b\":\"TJK\"", with: "\"country_a\":\"<script>alert(1)</script>\",\"country_b\":\"TJK\"")
        XCTAssertTrue(text.contains("<script>"), "fixture edit applied")
        try Data(text.utf8).write(to: borders)
        let out = dir.appendingPathComponent("m.html").path
        let r = try FrontierBinary.run(["map", Self.reported, "--geodata", geodata.path, "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let html = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertFalse(html.contains("<script"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    /// Headless Chromium loads the report offline (all network refused), with no console errors, and takes a
    /// screenshot at `screenshot`.
    func testChromiumRendersTheReportOffline() throws {
        let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try XCTSkipUnless(chromium != nil, "headless Chromium (Debian chromium) is not installed: `make test` installs it")
        let out = dir.appendingPathComponent("report.html").path
        XCTAssertEqual(try FrontierBinary.run(["map", Self.reported, "--near", "AFG-TJK", "--within", "75km", "--out", out]).status, 0)
        try? FileManager.default.removeItem(at: Self.screenshot)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: chromium!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                       "--proxy-server=http://127.0.0.1:9", "--enable-logging=stderr", "--v=0",
                       "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
                       "--window-size=1000,1400", "--screenshot=\(Self.screenshot.path)", "file://\(out)"]
        let log = dir.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        p.standardError = handle
        p.standardOutput = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        let messages = try String(contentsOf: log, encoding: .utf8)
        XCTAssertEqual(p.terminationStatus, 0, messages)
        let png = try Data(contentsOf: Self.screenshot)
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG screenshot")
        XCTAssertGreaterThan(png.count, 20_000, "the screenshot shows a drawn page")
        let consoleErrors = messages.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("net::ERR") }
        XCTAssertEqual(consoleErrors, [], "no console errors and no network requests")
    }
}
