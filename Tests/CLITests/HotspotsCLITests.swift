import Foundation
import Geo
import XCTest

/// `--regions grid:…|priogrid` in every command that takes cells, `hotspots` and `trends` end to end.
final class HotspotsCLITests: FolderTestCase {
    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path

    func testCellsInJoinAggregateMapAndTrends() throws {
        // Khatlon's representative point (37.844177, 69.150368): PRIO-GRID row (90 + 37.5)·2 + 1 = 256,
        // col (180 + 69)·2 + 1 = 499, gid 255·720 + 499 = 184099; its EASE-Grid 2.0 cell from PROJ here.
        var p = [Coordinate(x: 69.150368, y: 37.844177)]
        _ = try Transformer(from: "EPSG:4326", to: "EPSG:6933").transform(&p)
        let ease = "G10km:\(Int((p[0].x / 10_000).rounded(.down))):\(Int((p[0].y / 10_000).rounded(.down)))"
        let join = try FrontierBinary.run(["join", Self.reported, "--regions", "priogrid", "--columns", "event_id_cnty", "--format", "csv"])
        XCTAssertEqual(join.status, 0, join.stderr)
        XCTAssertTrue(join.stdout.contains("REPORTED-001,PG:184099,TJK,PG:184099\n"), join.stdout)
        let joinEase = try FrontierBinary.run(["join", Self.reported, "--regions", "grid:10km", "--columns", "event_id_cnty", "--format", "csv"])
        XCTAssertTrue(joinEase.stdout.contains("REPORTED-001,\(ease),TJK,\(ease)\n"), joinEase.stdout)
        let aggregate = try FrontierBinary.run(["aggregate", Self.reported, "--regions", "grid:10km", "--window", "all", "--format", "csv"])
        XCTAssertTrue(aggregate.stdout.contains("\(ease),TJK,\(ease),2025-11-26,2026-01-29,3,10,false\n"), aggregate.stdout)
        let geojson = try FrontierBinary.run(["aggregate", Self.reported, "--regions", "priogrid", "--window", "month", "--format", "geojson"])
        XCTAssertTrue(geojson.stdout.contains("\"region_id\":\"PG:184099\""))
        XCTAssertTrue(geojson.stdout.contains("[69,37.5]") || geojson.stdout.contains("[69,37.5],"), "the cell's corner")
        let map = try FrontierBinary.run(["map", Self.reported, "--regions", "grid:25km", "--out", path("g.html")])
        XCTAssertEqual(map.status, 0, map.stderr)
        XCTAssertTrue(try String(contentsOfFile: path("g.html"), encoding: .utf8).contains("data-region=\"G25km:"))
        let trends = try FrontierBinary.run(["trends", Self.reported, "--regions", "priogrid", "--format", "csv"])
        XCTAssertTrue(trends.stdout.contains("PG:184099,TJK,PG:184099,2026-01-29,1,"), trends.stdout)
        let refused = try FrontierBinary.run(["near", Self.reported, "--border", "AFG-TJK", "--within", "10km", "--regions", "grid:10km"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("is a grid"), refused.stderr)
        let small = try FrontierBinary.run(["join", Self.reported, "--regions", "grid:100m"])
        XCTAssertEqual(small.status, 64)
    }

    /// Twenty-five 10 km cells with one incident a month for a year, and one of them with 40 more in the
    /// final month: that cell (and its neighbours' bins) is hot only at the end.
    func testANewClusterIsANewHotSpot() throws {
        let file = try writeNewCluster()
        let bins = try FrontierBinary.run(["hotspots", file, "--regions", "grid:10km", "--window", "month", "--distance", "15km", "--time-lag", "0", "--format", "csv"])
        XCTAssertEqual(bins.status, 0, bins.stderr)
        let rows = bins.stdout.split(separator: "\n")
        XCTAssertEqual(rows.first, "region_id,window_start,window_end,events,gi_z,gi_p,bin")
        XCTAssertEqual(rows.count - 1, 25 * 12, "every location × every window")
        let summary = try FrontierBinary.run(["hotspots", file, "--regions", "grid:10km", "--window", "month", "--distance", "15km", "--time-lag", "0", "--summary", "--format", "csv"])
        let lines = summary.stdout.split(separator: "\n")
        XCTAssertEqual(lines.first, "region_id,region_country,pattern,trend_z,trend_p,hot_windows,cold_windows")
        XCTAssertEqual(lines.count - 1, 25)
        let hot = lines.filter { $0.contains("New Hot Spot") }
        XCTAssertEqual(hot.count, 1, summary.stdout)
        XCTAssertTrue(hot.first?.hasSuffix(",1,0") ?? false, "hot in one window only")
        XCTAssertTrue(summary.stderr.contains("a cube of 25 locations × 12 windows: 1 hot and 0 cold patterns"), summary.stderr)
        let fatalities = try FrontierBinary.run(["hotspots", file, "--regions", "grid:10km", "--window", "month", "--distance", "15km", "--value", "fatalities", "--format", "csv"])
        XCTAssertTrue(fatalities.stdout.hasPrefix("region_id,window_start,window_end,fatalities,"))
        // The map's hotspots layer shades the same cell with the same pattern, in the legend's colour.
        let map = try FrontierBinary.run(["map", file, "--regions", "grid:10km", "--window", "month", "--layer", "hotspots", "--distance", "15km",
                                          "--time-lag", "0", "--style", "choropleth", "--out", path("hot.html")])
        XCTAssertEqual(map.status, 0, map.stderr)
        let html = try String(contentsOfFile: path("hot.html"), encoding: .utf8)
        let newHot = try XCTUnwrap(hot.first?.split(separator: ",").first)
        XCTAssertTrue(html.contains("data-region=\"\(newHot)\" data-events=\"52\" data-fatalities=\"92\" fill=\"#fee0d2\""), "the new hot spot in its colour")
        XCTAssertEqual(html.components(separatedBy: " fill=\"#fee0d2\"").count - 1, 2, "one cell and its legend swatch")
        XCTAssertTrue(html.contains(">New Hot Spot</text>"))
        let stray = try FrontierBinary.run(["map", file, "--distance", "15km", "--out", path("x.html")])
        XCTAssertEqual(stray.status, 64, "--distance belongs to --layer hotspots")
        let badAlpha = try FrontierBinary.run(["hotspots", file, "--distance", "15km", "--alpha", "0.2"])
        XCTAssertEqual(badAlpha.status, 64)
    }

    func testTrendsFlagASurgeWorkedOutByHand() throws {
        // As of 2026-03-31 in Kabul: 3 incidents in the last seven days, one in each of the four weeks
        // before (avg_4w 1): a surge (3 ≥ 2 × 1). The latest four weeks hold 6 (1.5 a week); the 52 weeks
        // before hold 26 (0.5 a week): rising (1.5 ≥ 2 × 0.5).
        let asOf = CivilDateText.days("2026-03-31")
        var lines = ["event_id_cnty,event_date,latitude,longitude"]
        var n = 0
        func add(_ day: Int, _ count: Int) { for _ in 0..<count { n += 1; lines.append("K\(n),\(CivilDateText.date(day)),34.53,69.17") } }
        add(asOf, 3)
        for k in 1...4 { add(asOf - 7 * k, 1) }
        for k in stride(from: 6, through: 54, by: 2) { add(asOf - 7 * k, 1) }
        // History from 400 days before (outside the 56 weeks looked at): the 12-month baseline, which reaches
        // back 391 days, lies within the data, so rising is told (issue 27, item 6).
        add(asOf - 400, 1)
        let file = try write(lines.joined(separator: "\n") + "\n", "kabul.csv")
        let r = try FrontierBinary.run(["trends", file, "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "region_id,region_country,region_name,as_of,events_week,avg_4w,surge,events_month_weekly,avg_12m_weekly,rising,volatile_weeks\n"
                       + "AFG:Kabul,AFG,Kabul,2026-03-31,3,1,true,1.5,0.5,true,1\n")
        // The map outlines the region the alert is for, and says so in its legend.
        let map = try FrontierBinary.run(["map", file, "--out", path("k.html")])
        XCTAssertEqual(map.status, 0, map.stderr)
        let html = try String(contentsOfFile: path("k.html"), encoding: .utf8)
        XCTAssertEqual(html.components(separatedBy: "data-alert=").count - 1, 1)
        XCTAssertTrue(html.contains("data-alert=\"AFG:Kabul\""))
        XCTAssertTrue(html.contains("surge or rising threat at the last date (frontier trends)"))
        let strict = try FrontierBinary.run(["trends", file, "--surge-ratio", "4", "--format", "csv"])
        XCTAssertTrue(strict.stdout.contains(",3,1,false,1.5,0.5,true,"), strict.stdout)
        let earlier = try FrontierBinary.run(["trends", file, "--as-of", "2026-03-30", "--format", "csv"])
        // A day earlier the latest seven days (03-24…03-30) hold only the 03-24 incident: no surge.
        XCTAssertTrue(earlier.stdout.contains("AFG:Kabul,AFG,Kabul,2026-03-30,1,"), earlier.stdout)
        XCTAssertTrue(earlier.stdout.contains(",false,"), earlier.stdout)
    }
}

/// Dates as days since 1970-01-01 and back, through Foundation's calendar (not Frontier's arithmetic).
enum CivilDateText {
    static let formatter: DateFormatter = {
        let f = DateFormatter()
        f.calendar = Calendar(identifier: .gregorian)
        f.timeZone = TimeZone(identifier: "UTC")
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = "yyyy-MM-dd"
        return f
    }()

    static func days(_ text: String) -> Int { Int((formatter.date(from: text)?.timeIntervalSince1970 ?? 0) / 86_400) }
    static func date(_ days: Int) -> String { formatter.string(from: Date(timeIntervalSince1970: Double(days) * 86_400)) }
}

extension HotspotsCLITests {
    func testRegionsListsACountrysCellsWithExactAreas() throws {
        let r = try FrontierBinary.run(["regions", "--regions", "grid:50km", "--country", "TJK", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertGreaterThan(rows.count, 40)
        XCTAssertTrue(rows.allSatisfy { $0[1] == "TJK" && $0[3] == "2500" && $0[0].hasPrefix("G50km:") }, "equal-area cells of 2,500 km² in Tajikistan")
        // Tajikistan is about 141,000 km² (Natural Earth's outline, geodesic): its cells by centre cover about as much.
        let countries = try FrontierBinary.run(["regions", "--regions", "admin0", "--format", "csv"])
        let tjk = try XCTUnwrap(countries.stdout.split(separator: "\n").first { $0.hasPrefix("TJK:") }?.split(separator: ",")[3]).description
        XCTAssertEqual(Double(rows.count) * 2500, try XCTUnwrap(Double(tjk)), accuracy: 0.12 * (Double(tjk) ?? 0))
        let pg = try FrontierBinary.run(["regions", "--regions", "priogrid", "--country", "TJK", "--format", "csv"])
        XCTAssertTrue(pg.stdout.contains("\nPG:183377,TJK,PG:183377,"), "the cell of 37.25°N 68.25°E: row 255, col 497")
        let none = try FrontierBinary.run(["regions", "--regions", "grid:10km"])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stderr.contains("name a country with --country"), none.stderr)
    }
}
