import Foundation
import Geo
import XCTest
import Frontier
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierPostGIS

/// The everyday questions in one command each (issue 12): distance bands and sides, year/quarter/all
/// windows and partial ones, change against the previous window, chosen regions, source profiles, the
/// delimiter and chosen columns. Expected values are worked out by hand or built with `Geodesic.direct`.
final class AnswersCLITests: FolderTestCase {
    let g = Geodesic.wgs84
    static let header = "event_id_cnty,event_date,country,admin1,latitude,longitude,geo_precision,fatalities\n"

    // MARK: - Bands and sides

    /// Points at 5, 20, 35 and 60 km either side of the Panj stretch of AFG-TJK (68.5°E–70.5°E, on
    /// segments running east–west), each built perpendicular to one segment's midpoint with
    /// `Geodesic.direct`. For the points within 50 km every other segment is checked to lie farther
    /// (triangle bound (dA + dB − L) / 2, else samples every 50 m), so the distance, the band and the side
    /// are that segment's: a border line has one country on its left all along, and north of the Panj at
    /// these longitudes is Tajikistan. The 60 km points need only every segment beyond 50 km. Plus two
    /// points 15 km beyond the line's two ends.
    private func bandPoints() throws -> (rows: [(id: String, lon: Double, lat: Double, band: Int?, side: String)], ends: [(id: String, lon: Double, lat: Double, side: String)]) {
        let line = try BorderSet.load(geodata: GeoDataLocation.resolve(boundaries: .naturalEarth)).border("AFG-TJK").geometry.coordinates()
        func beyond(_ limit: Double, from p: Coordinate, skipping i: Int?) -> Bool {
            (0..<(line.count - 1)).allSatisfy { j in
                if j == i { return true }
                let seg = g.inverse(from: line[j], to: line[j + 1])
                if (g.inverse(from: p, to: line[j]).distance + g.inverse(from: p, to: line[j + 1]).distance - seg.distance) / 2 > limit { return true }
                return stride(from: 0.0, through: seg.distance, by: 50).allSatisfy { s in
                    g.inverse(from: p, to: g.direct(from: line[j], azimuth: seg.azimuth1, distance: s).coordinate).distance - 50 > limit
                }
            }
        }
        var rows: [(String, Double, Double, Int?, String)] = []
        var perBand: [Int: Int] = [:]
        var leftCountry: String?
        for i in 0..<(line.count - 1) {
            let a = line[i], b = line[i + 1]
            guard min(a.x, b.x) > 68.5, max(a.x, b.x) < 70.5 else { continue }
            let seg = g.inverse(from: a, to: b)
            guard seg.distance > 2_000, abs(sin(seg.azimuth1 * .pi / 180)) > 0.77 else { continue }
            // The first such segment anchors the sides: heading east, its left is north, Tajikistan.
            let left = leftCountry ?? (sin(seg.azimuth1 * .pi / 180) > 0 ? "TJK" : "AFG")
            leftCountry = left
            let right = left == "TJK" ? "AFG" : "TJK"
            let foot = g.direct(from: a, azimuth: seg.azimuth1, distance: seg.distance / 2)
            for (km, band) in [(5.0, 10), (20, 25), (35, 50), (60, nil as Int?)] {
                for turn in [-90.0, 90.0] {
                    let p = g.direct(from: foot.coordinate, azimuth: foot.azimuth + turn, distance: km * 1000).coordinate
                    guard beyond(band == nil ? 50_500 : km * 1000 + 200, from: p, skipping: band == nil ? nil : i) else { continue }
                    rows.append(("P\(rows.count)", p.x, p.y, band, turn < 0 ? left : right))
                    perBand[band ?? 0, default: 0] += 1
                }
            }
        }
        XCTAssertEqual(perBand.count, 4, "points in every band and beyond: \(perBand)")
        XCTAssertGreaterThanOrEqual(perBand.values.min() ?? 0, 4, "enough points per band: \(perBand)")
        // Beyond the ends: north-west of the Amu Darya tripoint lies Uzbekistan (Termez side), east of the
        // Wakhan's end China.
        let (first, last) = (line[0], line[line.count - 1])
        let (west, east) = first.x < last.x ? (first, last) : (last, first)
        let w = g.direct(from: west, azimuth: 315, distance: 15_000).coordinate
        let e = g.direct(from: east, azimuth: 90, distance: 15_000).coordinate
        return (rows, [("END-W", w.x, w.y, "UZB"), ("END-E", e.x, e.y, "CHN")])
    }

    /// The band points are built on Natural Earth's line: proving which segment is nearest needs segments
    /// of a few kilometres (at 35 km off a 1 km segment its neighbours are within 4 m of it), and the bands
    /// and sides are the same code whichever line is loaded. OpenStreetMap's lines have their distances
    /// checked in ProximityTests and their sides, 100 m from every segment, in BoundaryConsistencyTests.
    static let longSegments = ["--boundaries", "natural-earth"]

    private func bandFile() throws -> (path: String, rows: [(id: String, lon: Double, lat: Double, band: Int?, side: String)]) {
        let (rows, ends) = try bandPoints()
        var text = Self.header
        for r in rows { text += "\(r.id),2026-01-10,,,\(r.lat),\(r.lon),1,1\n" }
        for e in ends { text += "\(e.id),2026-01-10,,,\(e.lat),\(e.lon),1,1\n" }
        return (try write(text, "bands.csv"), rows)
    }

    func testNearBandsAndSidesAgainstPointsBuiltAtKnownDistances() throws {
        let (file, points) = try bandFile()
        let r = try FrontierBinary.run(["near", file, "--border", "AFG-TJK", "--within", "10km,25km,50km", "--format", "csv"] + Self.longSegments)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix(Self.header.dropLast() + ",region_id,region_country,region_name,distance_km,band_km,side\n"), r.stdout)
        let got = Dictionary(uniqueKeysWithValues: records(r.stdout).map { ($0["event_id_cnty"] ?? "", $0) })
        for p in points {
            if let band = p.band {
                let row = try XCTUnwrap(got[p.id], "\(p.id) (\(band) km band) missing")
                XCTAssertEqual(row["band_km"], String(band), p.id)
                XCTAssertEqual(row["side"], p.side, p.id)
            } else {
                XCTAssertNil(got[p.id], "\(p.id) lies 60 km away")
            }
        }
        XCTAssertNil(got["END-W"], "beyond the west end, in Uzbekistan: not kept by default")
        XCTAssertNil(got["END-E"], "beyond the east end, in China: not kept by default")
        XCTAssertEqual(got.count, points.filter { $0.band != nil }.count)

        let tjk = try FrontierBinary.run(["near", file, "--border", "AFG-TJK", "--within", "10km,25km,50km", "--side", "TJK", "--format", "csv"] + Self.longSegments)
        XCTAssertEqual(Set(records(tjk.stdout).compactMap { $0["event_id_cnty"] }),
                       Set(points.filter { $0.band != nil && $0.side == "TJK" }.map(\.id)))

        let any = try FrontierBinary.run(["near", file, "--border", "AFG-TJK", "--within", "25km", "--any-country", "--format", "csv"] + Self.longSegments)
        let anyRows = Dictionary(uniqueKeysWithValues: records(any.stdout).map { ($0["event_id_cnty"] ?? "", $0) })
        XCTAssertEqual(anyRows["END-W"]?["side"], "UZB")
        XCTAssertEqual(anyRows["END-E"]?["side"], "CHN")
        XCTAssertNil(anyRows["END-W"]?["band_km"], "one distance: no band column")

        let wrongSide = try FrontierBinary.run(["near", file, "--border", "AFG-TJK", "--within", "25km", "--side", "PAK"] + Self.longSegments)
        XCTAssertEqual(wrongSide.status, 64, "a usage error: the border's id names its countries")
        XCTAssertTrue(wrongSide.stderr.contains("not one of AFG-TJK's countries"), wrongSide.stderr)
        let bufferList = try FrontierBinary.run(["buffer", "--border", "AFG-TJK", "--within", "10km,25km"] + Self.longSegments)
        XCTAssertEqual(bufferList.status, 64, "buffer draws one zone")
    }

    func testAggregateCountsEachBand() throws {
        let (file, points) = try bandFile()
        let r = try FrontierBinary.run(["aggregate", file, "--window", "all", "--near", "AFG-TJK", "--within", "10km,25km,50km", "--format", "csv"] + Self.longSegments)
        XCTAssertEqual(r.status, 0, r.stderr)
        var perBand: [String: Int] = [:]
        for row in records(r.stdout) { perBand[row["band_km"] ?? "?", default: 0] += Int(row["events"] ?? "") ?? 0 }
        for band in [10, 25, 50] {
            XCTAssertEqual(perBand[String(band)], points.filter { $0.band == band }.count, "\(band) km band")
        }
        let south = try FrontierBinary.run(["aggregate", file, "--window", "all", "--near", "AFG-TJK", "--within", "50km", "--side", "AFG", "--format", "csv"] + Self.longSegments)
        XCTAssertEqual(records(south.stdout).reduce(0) { $0 + (Int($1["events"] ?? "") ?? 0) },
                       points.filter { $0.band != nil && $0.side == "AFG" }.count)
        XCTAssertTrue(records(south.stdout).allSatisfy { $0["region_country"] == "AFG" })
    }

    // MARK: - Periods

    /// Four incidents in Kabul: 2024-02-10, 2024-05-20, 2024-12-31, 2025-03-01.
    private func periodFile() throws -> String {
        try write(Self.header + """
        K1,2024-02-10,Afghanistan,Kabul,34.53,69.17,1,1
        K2,2024-05-20,Afghanistan,Kabul,34.53,69.17,1,2
        K3,2024-12-31,Afghanistan,Kabul,34.53,69.17,1,3
        K4,2025-03-01,Afghanistan,Kabul,34.53,69.17,1,4

        """, "periods.csv")
    }

    private func windows(_ args: [String], file: String) throws -> [String] {
        let r = try FrontierBinary.run(["aggregate", file, "--format", "csv"] + args)
        XCTAssertEqual(r.status, 0, r.stderr)
        return records(r.stdout).map { [$0["window_start"], $0["window_end"], $0["events"], $0["fatalities"], $0["partial"]].map { $0 ?? "-" }.joined(separator: " ") }
    }

    func testQuarterYearAllAndNDayWindowsWithPartialOnes() throws {
        let file = try periodFile()
        XCTAssertEqual(try windows(["--window", "quarter"], file: file), [
            "2024-01-01 2024-03-31 1 1 true", "2024-04-01 2024-06-30 1 2 false",
            "2024-10-01 2024-12-31 1 3 false", "2025-01-01 2025-03-31 1 4 true",
        ])
        XCTAssertEqual(try windows(["--window", "quarter", "--from", "2024-01-01", "--to", "2025-03-31"], file: file).map { $0.hasSuffix("false") }, [true, true, true, true])
        XCTAssertEqual(try windows(["--window", "year"], file: file), ["2024-01-01 2024-12-31 3 6 true", "2025-01-01 2025-12-31 1 4 true"])
        XCTAssertEqual(try windows(["--window", "all"], file: file), ["2024-02-10 2025-03-01 4 10 false"])
        XCTAssertEqual(try windows(["--window", "all", "--from", "2024-01-01", "--to", "2024-12-31"], file: file), ["2024-01-01 2024-12-31 3 6 false"])
        // 2024 has 366 days: a 365-day window from 2024-01-01 ends on 2024-12-30, and 2024-12-31 starts the next.
        XCTAssertEqual(try windows(["--window", "365d", "--anchor", "2024-01-01", "--partial"], file: file),
                       ["2024-01-01 2024-12-30 2 3 true", "2024-12-31 2025-12-30 2 7 true"])
        // The contract's columns stay as they were for the other windows; the partial ones are still told.
        let week = try FrontierBinary.run(["aggregate", file, "--window", "week", "--format", "csv"])
        XCTAssertTrue(week.stdout.hasPrefix("region_id,region_country,region_name,window_start,window_end,events,fatalities\n"), week.stdout)
        XCTAssertTrue(week.stderr.contains("partly covered: 2 windows (2024-02-05..2024-02-11, 2025-02-24..2025-03-02) counted over fewer days"), week.stderr)
        let weekPartial = try windows(["--window", "week", "--partial"], file: file)
        // 2024-02-10 is a Saturday (week 2024-02-05..11, covered from the 10th); 2025-03-01 a Saturday too.
        XCTAssertEqual(weekPartial.first, "2024-02-05 2024-02-11 1 1 true")
        XCTAssertEqual(weekPartial.last, "2025-02-24 2025-03-02 1 4 true")
        XCTAssertEqual(weekPartial[1], "2024-05-20 2024-05-26 1 2 false")
    }

    // MARK: - Change and chosen regions

    /// January and February 2026: Badakhshan 2 → 3, Takhar 4 → 1, Kunduz 1 → 0, Kabul 0 → 2, and one
    /// December 2025 incident in Takhar.
    private func changeFile() throws -> String {
        var text = Self.header
        let places = ["Badakhshan": "37.12,70.58", "Takhar": "36.73,69.53", "Kunduz": "36.73,68.86", "Kabul": "34.53,69.17"]
        var n = 0
        func add(_ admin1: String, _ date: String, _ count: Int, fatalities: Int = 1) {
            for _ in 0..<count {
                n += 1
                text += "C\(n),\(date),Afghanistan,\(admin1),\(places[admin1]!),1,\(fatalities)\n"
            }
        }
        add("Takhar", "2025-12-15", 1)
        add("Badakhshan", "2026-01-05", 2); add("Badakhshan", "2026-02-05", 3, fatalities: 2)
        add("Takhar", "2026-01-06", 4); add("Takhar", "2026-02-06", 1)
        add("Kunduz", "2026-01-07", 1)
        add("Kabul", "2026-02-08", 2)
        return try write(text, "change.csv")
    }

    func testCompareWithThePreviousWindowSortedByChange() throws {
        let file = try changeFile()
        let r = try FrontierBinary.run(["aggregate", file, "--window", "month", "--compare", "previous", "--from", "2026-02-01", "--sort", "change", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("region_id,region_country,region_name,window_start,window_end,events,fatalities,partial,events_prev,fatalities_prev,change_pct,change,fatalities_change_pct\n"))
        let rows = records(r.stdout).map { [$0["region_id"], $0["window_start"], $0["events"], $0["fatalities"], $0["events_prev"], $0["fatalities_prev"], $0["change_pct"]].map { $0 ?? "-" }.joined(separator: " ") }
        // A rise from none (Kabul) has no percentage, says new, and leads: the newest trouble.
        XCTAssertEqual(rows, [
            "AFG:Kabul 2026-02-01 2 2 0 0 new",
            "AFG:Badakhshan 2026-02-01 3 6 2 2 50",
            "AFG:Takhar 2026-02-01 1 1 4 4 -75",
            "AFG:Kunduz 2026-02-01 0 0 1 1 -100",
        ])
        let top = try FrontierBinary.run(["aggregate", file, "--window", "month", "--compare", "previous", "--from", "2026-02-01", "--sort", "change", "--top", "2", "--format", "csv"])
        XCTAssertEqual(records(top.stdout).map { $0["region_id"] ?? "" }, ["AFG:Kabul", "AFG:Badakhshan"])
        // --from inside a window: that window is counted from --from (Badakhshan's Feb 5 and Takhar's Feb 6
        // incidents fall before it); the window before is still read whole.
        let mid = try FrontierBinary.run(["aggregate", file, "--window", "month", "--compare", "previous", "--from", "2026-02-07", "--format", "csv"])
        XCTAssertEqual(records(mid.stdout).map { "\($0["region_id"] ?? "") \($0["events"] ?? "") \($0["events_prev"] ?? "") \($0["partial"] ?? "")" },
                       ["AFG:Badakhshan 0 2 true", "AFG:Kabul 2 0 true", "AFG:Kunduz 0 1 true", "AFG:Takhar 0 4 true"])
        // Without --from, the data's first window has nothing before it that was read: empty, not zero.
        let all = try FrontierBinary.run(["aggregate", file, "--window", "month", "--compare", "previous", "--format", "csv"])
        let december = records(all.stdout).filter { $0["window_start"] == "2025-12-01" }
        XCTAssertEqual(december.map { "\($0["region_id"] ?? "") \($0["events_prev"] ?? "-") \($0["change_pct"] ?? "-")" }, ["AFG:Takhar  "])
        let busiest = try FrontierBinary.run(["aggregate", file, "--window", "month", "--sort", "events", "--top", "1", "--format", "csv"])
        XCTAssertEqual(records(busiest.stdout).map { "\($0["region_id"] ?? "") \($0["window_start"] ?? "") \($0["events"] ?? "")" }, ["AFG:Takhar 2026-01-01 4"])
        let wrong = try FrontierBinary.run(["aggregate", file, "--window", "month", "--sort", "change"])
        XCTAssertEqual(wrong.status, 64)
        XCTAssertTrue(wrong.stderr.contains("--sort change needs --compare previous"), wrong.stderr)
    }

    func testChosenRegionsGetExactlyTheirSeriesWithZeros() throws {
        let file = try changeFile()
        let r = try FrontierBinary.run(["aggregate", file, "--window", "month", "--region", "Badakhshan", "--region", "Khatlon", "--fill", "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = records(r.stdout).map { "\($0["region_id"] ?? "") \($0["window_start"] ?? "") \($0["events"] ?? "")" }
        XCTAssertEqual(rows, [
            "AFG:Badakhshan 2025-12-01 0", "AFG:Badakhshan 2026-01-01 2", "AFG:Badakhshan 2026-02-01 3",
            "TJK:Khatlon 2025-12-01 0", "TJK:Khatlon 2026-01-01 0", "TJK:Khatlon 2026-02-01 0",
        ])
        let unknown = try FrontierBinary.run(["aggregate", file, "--window", "month", "--region", "Badakshn"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("did you mean AFG:Badakhshan"), unknown.stderr)
    }

    func testWhereIgnoresCaseORsOneFieldANDsFieldsAndReadsRegionColumns() throws {
        let file = try changeFile()
        func events(_ args: [String]) throws -> Int {
            let r = try FrontierBinary.run(["aggregate", file, "--window", "all", "--format", "csv"] + args)
            XCTAssertEqual(r.status, 0, r.stderr)
            return records(r.stdout).reduce(0) { $0 + (Int($1["events"] ?? "") ?? 0) }
        }
        XCTAssertEqual(try events(["--where", "admin1=badakhshan"]), 5)
        XCTAssertEqual(try events(["--where", "admin1=BADAKHSHAN", "--where", "admin1=takhar"]), 11)
        XCTAssertEqual(try events(["--where", "admin1=Badakhshan", "--where", "country=Tajikistan"]), 0)
        XCTAssertEqual(try events(["--where", "region_id=AFG:Kunduz"]), 1)
        XCTAssertEqual(try events(["--where", "region_name=kabul", "--where", "region_name=Kunduz"]), 3)
        let join = try FrontierBinary.run(["join", file, "--where", "region_country=afg", "--where", "admin1=kabul", "--format", "csv"])
        XCTAssertEqual(records(join.stdout).map { $0["event_id_cnty"] ?? "" }.count, 2)
        let map = try FrontierBinary.run(["map", file, "--where", "admin1=takhar", "--out", path("m.html")])
        XCTAssertTrue(map.stderr.contains("mapped 6 incidents"), map.stderr)
        let mapRegion = try FrontierBinary.run(["map", file, "--region", "AFG:Kabul", "--out", path("k.html")])
        XCTAssertTrue(mapRegion.stderr.contains("mapped 2 incidents"), mapRegion.stderr)
    }

    // MARK: - Source profiles, delimiters, columns

    /// A UCDP GED-shaped file: where_prec 1 (exact), 3 (near), 4 (admin-1) and 6 (country level);
    /// type_of_violence 1–3; the last row reports Takhar while lying in Badakhshan (Fayzabad); the
    /// country-level row names no province, as UCDP's do.
    static let ucdp = """
    id,date_start,best,country,adm_1,type_of_violence,where_prec,latitude,longitude
    11,2021-03-02,4,Tajikistan,Khatlon province,1,1,37.40,69.35
    12,2021-03-20,2,Afghanistan,Takhar province,2,3,37.05,69.45
    13,2021-04-11,7,Afghanistan,Badakhshan province,3,4,37.12,70.58
    14,2021-04-30,1,Afghanistan,,1,6,37.05,69.60
    15,2021-05-09,3,Afghanistan,Takhar province,1,1,37.12,70.58

    """

    func testUCDPProfileFromTheHeaderAndByName() throws {
        let file = try write(Self.ucdp, "ged.csv")
        let detected = try FrontierBinary.run(["aggregate", file, "--window", "all", "--regions", "admin0", "--format", "csv"])
        XCTAssertEqual(detected.status, 0, detected.stderr)
        XCTAssertTrue(detected.stderr.contains("has UCDP GED's columns: read with --profile ucdp"), detected.stderr)
        XCTAssertEqual(records(detected.stdout).map { "\($0["region_id"] ?? "") \($0["events"] ?? "") \($0["fatalities"] ?? "")" },
                       ["AFG:Afghanistan 4 13", "TJK:Tajikistan 1 4"], "best is the fatalities")
        let named = try FrontierBinary.run(["aggregate", file, "--window", "all", "--regions", "admin0", "--profile", "ucdp", "--format", "csv"])
        XCTAssertEqual(named.stdout, detected.stdout)
        XCTAssertFalse(named.stderr.contains("has UCDP GED's columns"), named.stderr)
        // Field flags override the profile: fatalities from the id column (11 + … + 15 = 65).
        let overridden = try FrontierBinary.run(["aggregate", file, "--window", "all", "--regions", "admin0", "--fatalities-field", "id", "--format", "csv"])
        XCTAssertEqual(records(overridden.stdout).reduce(0) { $0 + (Int($1["fatalities"] ?? "") ?? 0) }, 65)

        // where_prec 4 and 6 read as geo_precision 3, the 6 flagged country-level; adm_1 is compared.
        let near = try FrontierBinary.run(["near", file, "--border", "AFG-TJK", "--within", "200km", "--mismatches", path("mm.csv"), "--format", "csv"])
        XCTAssertEqual(near.status, 0, near.stderr)
        XCTAssertTrue(near.stderr.contains("2 of them have geo_precision 3 (placed at a region's representative point; 1 only at country level)"), near.stderr)
        let mismatches = records(try String(contentsOfFile: path("mm.csv"), encoding: .utf8))
        XCTAssertEqual(mismatches.map { $0["id"] ?? "" }, ["15"], "reports Takhar, lies in Badakhshan")
        XCTAssertEqual(mismatches.first?["reported_admin1"], "Takhar province")
        let geoPrecision = try FrontierBinary.run(["join", file, "--max-geo-precision", "2", "--format", "csv"])
        XCTAssertEqual(records(geoPrecision.stdout).map { $0["id"] ?? "" }, ["11", "12", "15"])

        // The map names UCDP's violence types in words.
        let map = try FrontierBinary.run(["map", file, "--out", path("ged.html")])
        XCTAssertEqual(map.status, 0, map.stderr)
        let html = try String(contentsOfFile: path("ged.html"), encoding: .utf8)
        for words in ["State-based violence", "Non-state violence", "One-sided violence"] { XCTAssertTrue(html.contains(words), words) }
    }

    func testSemicolonAndTabSeparatedFilesReadAsTheirHeaderShows() throws {
        let comma = try write(Self.ucdp, "ged.csv")
        let semicolon = try write(Self.ucdp.replacingOccurrences(of: ",", with: ";"), "ged-semicolon.csv")
        let tab = try write(Self.ucdp.replacingOccurrences(of: ",", with: "\t"), "ged-tab.csv")
        let expected = try FrontierBinary.run(["join", comma, "--format", "csv"])
        XCTAssertEqual(expected.status, 0, expected.stderr)
        for (file, name) in [(semicolon, "';'"), (tab, "tab")] {
            let r = try FrontierBinary.run(["join", file, "--format", "csv"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(r.stdout, expected.stdout, "\(name): the same rows, written comma-separated")
            XCTAssertTrue(r.stderr.contains("is read as \(name)-separated"), r.stderr)
        }
        let forced = try FrontierBinary.run(["join", semicolon, "--delimiter", "comma"])
        XCTAssertEqual(forced.status, 1)
        XCTAssertTrue(forced.stderr.contains("no 'latitude' or 'longitude' column"), forced.stderr)
        let bad = try FrontierBinary.run(["join", comma, "--delimiter", "|"])
        XCTAssertEqual(bad.status, 64)
    }

    func testProfileAndDelimiterWorkInEveryReadingCommand() throws {
        let comma = try write(Self.ucdp, "ged.csv")
        let semicolon = try write(Self.ucdp.replacingOccurrences(of: ",", with: ";"), "ged-semicolon.csv")
        let flags = ["--profile", "ucdp", "--delimiter", "semicolon"]
        for args in [["join"], ["near", "--border", "AFG-TJK", "--within", "200km"], ["aggregate", "--window", "month"]] {
            let (command, rest) = (args[0], Array(args.dropFirst()))
            let x = try FrontierBinary.run([command, comma] + rest + ["--format", "csv"])
            let y = try FrontierBinary.run([command, semicolon] + rest + flags + ["--format", "csv"])
            XCTAssertEqual(y.status, 0, y.stderr)
            XCTAssertEqual(x.stdout, y.stdout, command)
            XCTAssertFalse(y.stderr.contains("notice"), "named, not detected: \(y.stderr)")
        }
        let map = try FrontierBinary.run(["map", semicolon, "--out", path("m.html")] + flags)
        XCTAssertTrue(map.stderr.contains("mapped 5 incidents"), map.stderr)
        let store = path("s.gpkg")
        let imported = try FrontierBinary.run(["import", semicolon, "--store", store] + flags)
        XCTAssertTrue(imported.stderr.contains("inserted 5"), imported.stderr)
        let fromStore = try FrontierBinary.run(["aggregate", store, "--window", "month", "--format", "csv"])
        let fromFile = try FrontierBinary.run(["aggregate", comma, "--window", "month", "--format", "csv"])
        XCTAssertEqual(fromStore.stdout, fromFile.stdout, "the store keeps UCDP's mapping: best is the fatalities")
    }

    func testSpreadsheetDecimalCommasTimesAfterDatesAndStoresKeepTheProfile() throws {
        // A ';' file from a comma-decimal locale, with UCDP's date-times.
        let european = Self.ucdp.replacingOccurrences(of: ",", with: ";")
            .replacingOccurrences(of: "37.40;69.35", with: "37,40;69,35")
            .replacingOccurrences(of: "2021-03-02", with: "2021-03-02 00:00:00.000")
        let file = try write(european, "ged-eu.csv")
        let r = try FrontierBinary.run(["join", file, "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("read 5, rejected 0"), r.stderr)
        XCTAssertTrue(r.stdout.contains("11,2021-03-02 00:00:00.000,4,Tajikistan,Khatlon province,1,1,\"37,40\",\"69,35\",TJK:Khatlon"), r.stdout)
        // The store records the profile: precision, admin-1 and event types read back as from the file.
        let store = path("ged.gpkg")
        XCTAssertEqual(try FrontierBinary.run(["import", try write(Self.ucdp, "ged.csv"), "--store", store]).status, 0)
        let fromStore = try FrontierBinary.run(["join", store, "--max-geo-precision", "2", "--format", "csv"])
        XCTAssertEqual(records(fromStore.stdout).map { $0["id"] ?? "" }, ["11", "12", "15"])
        let near = try FrontierBinary.run(["near", store, "--border", "AFG-TJK", "--within", "200km", "--mismatches", path("mm.csv"), "--format", "csv"])
        XCTAssertTrue(near.stderr.contains("2 of them have geo_precision 3 (placed at a region's representative point; 1 only at country level)"), near.stderr)
        XCTAssertEqual(records(try String(contentsOfFile: path("mm.csv"), encoding: .utf8)).map { $0["id"] ?? "" }, ["15"])
        // A store read through the zone's box still covers its whole period: the same partial flags as the file.
        let args = ["--window", "quarter", "--near", "AFG-TJK", "--within", "25km", "--format", "csv"]
        let a = try FrontierBinary.run(["aggregate", store] + args), b = try FrontierBinary.run(["aggregate", try write(Self.ucdp, "ged2.csv")] + args)
        XCTAssertEqual(a.stdout, b.stdout)
    }

    func testRegionConditionsAndOrderingsThatCannotHoldAreErrors() throws {
        let file = try changeFile()
        let unknown = try FrontierBinary.run(["aggregate", file, "--window", "all", "--where", "region_country=XYZ"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no region has region_country 'XYZ'; region_country is one of: AFG, CHN"), unknown.stderr)
        let geojson = try FrontierBinary.run(["aggregate", file, "--window", "month", "--top", "2", "--format", "geojson"])
        XCTAssertEqual(geojson.status, 64)
        let mapBands = try FrontierBinary.run(["map", file, "--near", "AFG-TJK", "--within", "10km,25km", "--out", path("m.html")])
        XCTAssertEqual(mapBands.status, 64)
        let anyRegion = try FrontierBinary.run(["near", file, "--region", "Kabul", "--within", "5km", "--any-country"])
        XCTAssertEqual(anyRegion.status, 64)
    }

    func testColumnsPicksWhatJoinAndNearWrite() throws {
        let file = try write(Self.ucdp, "ged.csv")
        let join = try FrontierBinary.run(["join", file, "--columns", "adm_1,id", "--format", "csv"])
        XCTAssertEqual(join.status, 0, join.stderr)
        XCTAssertEqual(join.stdout.split(separator: "\n").first, "adm_1,id,region_id,region_country,region_name")
        XCTAssertEqual(join.stdout.split(separator: "\n")[1], "Khatlon province,11,TJK:Khatlon,TJK,Khatlon")
        let near = try FrontierBinary.run(["near", file, "--border", "AFG-TJK", "--within", "10km,50km", "--columns", "id", "--format", "csv"])
        XCTAssertEqual(near.stdout.split(separator: "\n").first, "id,region_id,region_country,region_name,distance_km,band_km,side")
        let unknown = try FrontierBinary.run(["join", file, "--columns", "id,nope"])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no column 'nope'"), unknown.stderr)
    }

    // MARK: - The real UCDP sample

    func testUCDPSampleReadsWithItsProfileAloneAndCommandsAgree() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/realdata/ucdp_ged_afghanistan_region.csv").path
        guard FileManager.default.fileExists(atPath: sample) else {
            throw XCTSkip("../shared/realdata/ucdp_ged_afghanistan_region.csv is absent on this machine")
        }
        // --columns keeps the rows to one line each (the sample's texts hold newlines).
        let near = try FrontierBinary.run(["near", sample, "--profile", "ucdp", "--border", "AFG-PAK", "--within", "10km,25km,50km", "--columns", "id", "--format", "csv"])
        XCTAssertEqual(near.status, 0, near.stderr)
        XCTAssertTrue(near.stderr.contains("read 200, rejected 0"), near.stderr)
        let nearRows = records(near.stdout)
        let aggregate = try FrontierBinary.run(["aggregate", sample, "--profile", "ucdp", "--window", "all", "--near", "AFG-PAK", "--within", "10km,25km,50km", "--format", "csv"])
        XCTAssertEqual(aggregate.status, 0, aggregate.stderr)
        var byBand: [String: Int] = [:]
        for row in records(aggregate.stdout) { byBand[row["band_km"] ?? "", default: 0] += Int(row["events"] ?? "") ?? 0 }
        var nearByBand: [String: Int] = [:]
        for row in nearRows { nearByBand[row["band_km"] ?? "", default: 0] += 1 }
        XCTAssertEqual(byBand, nearByBand)
        XCTAssertGreaterThan(nearRows.count, 0)
        let map = try FrontierBinary.run(["map", sample, "--profile", "ucdp", "--near", "AFG-PAK", "--within", "50km", "--out", path("ucdp.html")])
        XCTAssertEqual(map.status, 0, map.stderr)
        XCTAssertTrue(map.stderr.contains("mapped \(nearRows.count) incidents"), map.stderr)
    }
}
