import Foundation
import XCTest
import Geo
import Frontier
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierPostGIS
@testable import FrontierSynth

/// `Synth` (docs/architecture.md, "Synthetic data"): deterministic, ACLED's layout, marked synthetic in every
/// row, located consistently with `RegionSet.locate`, and clustered along Afghanistan's borders.
final class SynthTests: XCTestCase {
    static let header = "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,actor2,country,admin1,location,"
        + "latitude,longitude,geo_precision,fatalities,source,notes"

    private func generate(count: Int, seed: UInt64) throws -> String {
        try Synth(options: SynthOptions(count: count, seed: seed), geodata: TestSupport.geodata).text()
    }

    /// Header and rows, split into fields (synth writes no embedded line ends).
    private func table(_ text: String) -> (header: String, rows: [[String]]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(lines.last, "", "the file ends with a line end")
        return (String(lines[0]), lines.dropFirst().dropLast().map { csvFields(String($0)) })
    }

    /// One 20,000-row sample shared by the distribution tests (generating it is the slow part).
    nonisolated(unsafe) private static var sample: (header: String, rows: [[String]])?
    private func sample20k() throws -> [[String]] {
        if let s = Self.sample { return s.rows }
        let t = table(try generate(count: 20_000, seed: 42))
        Self.sample = t
        return t.rows
    }

    private func column(_ name: String) -> Int { Synth.columns.firstIndex(of: name)! }

    // MARK: - Determinism and layout

    func testSameSeedSameBytesAndOtherSeedOtherBytes() throws {
        let a = try generate(count: 2_000, seed: 7)
        let b = try generate(count: 2_000, seed: 7)
        XCTAssertEqual(a.utf8.count, b.utf8.count)
        XCTAssertTrue(a == b, "the same seed gives byte-identical output")
        let c = try generate(count: 2_000, seed: 8)
        XCTAssertNotEqual(a, c)
        let rowsA = table(a).rows, rowsC = table(c).rows
        let samePoints = zip(rowsA, rowsC).filter { $0[column("latitude")] == $1[column("latitude")] }.count
        XCTAssertLessThan(samePoints, 20, "another seed draws other points, not a shuffled copy")
        // A generator can be run twice, and a shorter run is a prefix of a longer one.
        let synth = try Synth(options: SynthOptions(count: 300, seed: 7), geodata: TestSupport.geodata)
        XCTAssertEqual(try synth.text(), try synth.text())
        let short = table(try synth.text()).rows
        XCTAssertEqual(short, Array(rowsA.prefix(300)))
    }

    func testChunkedStreamingEqualsText() throws {
        let synth = try Synth(options: SynthOptions(count: 12_000, seed: 3), geodata: TestSupport.geodata)
        var chunks: [String] = []
        let rows = try synth.write(text: { chunks.append($0) })
        XCTAssertEqual(rows, 12_000)
        XCTAssertGreaterThan(chunks.count, 1, "12,000 rows (~3 MB) come in several ~1 MB chunks")
        XCTAssertTrue(chunks.allSatisfy { $0.hasSuffix("\n") }, "chunks end at line ends")
        XCTAssertTrue(chunks.dropLast().allSatisfy { $0.utf8.count >= 1 << 20 && $0.utf8.count < (1 << 20) + 4096 })
        XCTAssertEqual(chunks.joined(), try synth.text())
    }

    func testHeaderIsACLEDLayout() throws {
        let (header, rows) = table(try generate(count: 10, seed: 1))
        XCTAssertEqual(header, Self.header)
        XCTAssertEqual(Synth.header, Self.header)
        XCTAssertEqual(rows.count, 10)
        XCTAssertTrue(rows.allSatisfy { $0.count == 16 })
    }

    func testCountMustBePositive() {
        XCTAssertThrowsError(try Synth(options: SynthOptions(count: 0, seed: 1), geodata: TestSupport.geodata))
    }

    // MARK: - Every row

    func testEveryRowIsMarkedSyntheticWithUniqueIDsValidDatesAndValues() throws {
        let rows = try sample20k()
        XCTAssertEqual(rows.count, 20_000)
        var ids = Set<String>()
        let types = Dictionary(uniqueKeysWithValues: SynthVocabulary.eventTypes.map { ($0.name, Set($0.subEvents.map(\.name))) })
        XCTAssertEqual(Set(types.keys), ["Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
                                         "Riots", "Strategic developments"])
        var precision = [0, 0, 0, 0], zeroFatalities = 0, seenTypes = Set<String>(), maxFatalities = 0
        for (i, row) in rows.enumerated() {
            XCTAssertEqual(row.count, 16, "row \(i + 1)")
            XCTAssertEqual(row[column("source")], "synthetic")
            let notes = row[column("notes")]
            XCTAssertTrue(notes.lowercased().contains("synthetic") && notes.contains("not a real event"), notes)
            XCTAssertTrue(notes.contains("seed 42"))
            let id = row[column("event_id_cnty")]
            XCTAssertTrue(id.hasPrefix("SYN") && id.dropFirst(3).allSatisfy(\.isNumber), id)
            XCTAssertEqual(Int(id.dropFirst(3)), i + 1)
            XCTAssertTrue(ids.insert(id).inserted, "duplicate id \(id)")

            let date = row[column("event_date")]
            XCTAssertTrue(Self.isValidDate(date), date)
            XCTAssertTrue(date >= "2024-01-01" && date <= "2026-12-31", date)
            XCTAssertEqual(row[column("year")], String(date.prefix(4)))

            let type = row[column("event_type")]
            XCTAssertTrue(types[type]?.contains(row[column("sub_event_type")]) == true, "\(type): \(row[column("sub_event_type")])")
            seenTypes.insert(type)
            XCTAssertFalse(row[column("actor1")].isEmpty)

            let p = try XCTUnwrap(Int(row[column("geo_precision")]))
            XCTAssertTrue((1...3).contains(p))
            precision[p] += 1
            let f = try XCTUnwrap(Int(row[column("fatalities")]), row[column("fatalities")])
            XCTAssertGreaterThanOrEqual(f, 0)
            if f == 0 { zeroFatalities += 1 }
            maxFatalities = max(maxFatalities, f)

            for name in ["latitude", "longitude"] {
                let text = row[column(name)]
                XCTAssertEqual(text.split(separator: ".").last?.count, 5, "\(name) \(text) has 5 decimals")
                XCTAssertNotNil(Double(text))
            }
        }
        XCTAssertEqual(seenTypes.count, 6)
        let n = Double(rows.count)
        XCTAssertEqual(Double(precision[1]) / n, 0.6, accuracy: 0.02)
        XCTAssertEqual(Double(precision[2]) / n, 0.3, accuracy: 0.02)
        XCTAssertEqual(Double(precision[3]) / n, 0.1, accuracy: 0.02)
        XCTAssertGreaterThan(Double(zeroFatalities) / n, 0.55, "most incidents kill no one")
        XCTAssertGreaterThan(maxFatalities, 30, "a heavy tail")
    }

    /// Each row's country (the admin-0 name, as ACLED writes it) and admin1 (the region name) are those of
    /// the region `RegionSet.locate` finds for the printed coordinates.
    func testCountryAndAdmin1AreThoseOfTheLocatedRegion() throws {
        let rows = try sample20k()
        let ctx = try GEOSContext()
        let admin1 = try RegionSet.load(.admin1, geodata: TestSupport.geodata, context: ctx)
        let admin0 = try RegionSet.load(.admin0, geodata: TestSupport.geodata, context: ctx)
        let countryName = Dictionary(uniqueKeysWithValues: admin0.regions.map { ($0.country, $0.name) })
        var countries: [String: Int] = [:]
        for row in rows {
            let p = Coordinate(lon: Double(row[column("longitude")])!, lat: Double(row[column("latitude")])!)
            let index = try XCTUnwrap(try admin1.locate(p), "\(p) lies in no region")
            let region = admin1.regions[index]
            XCTAssertEqual(row[column("country")], countryName[region.country], "\(p)")
            XCTAssertEqual(row[column("admin1")], region.name, "\(p)")
            countries[row[column("country")], default: 0] += 1
        }
        XCTAssertEqual(countries.keys.contains("Afghanistan"), true)
        XCTAssertGreaterThan(countries["Afghanistan"]!, rows.count / 4)
        for name in ["Pakistan", "Tajikistan", "Iran", "Uzbekistan", "Turkmenistan", "Kyrgyzstan"] {
            XCTAssertGreaterThan(countries[name] ?? 0, 0, name)
        }
    }

    // MARK: - Spatial distribution

    /// About 70% (±7%) of the incidents lie within 60 km of a border line of Afghanistan.
    ///
    /// The distance is measured without any planar step: the six AFG lines are densified along their
    /// geodesic segments (PROJ's `geod_direct`), and the geodesic distance (`geod_inverse`) to the nearest
    /// vertex is an upper bound of the distance to the line, too large by at most half the spacing. So:
    /// - vertices every 5 km: d ≤ 60 km → within; d > 62.5 km → outside (both certain);
    /// - in between, vertices every 250 m near the point: d ≤ 60 → within; d > 60.125 → outside;
    ///   anything left is counted as undecided and the test requires both the certain count and the
    ///   certain-plus-undecided count to be in the band.
    /// Candidate vertices are first narrowed by a lower bound of the geodesic distance that only widens
    /// the set: |Δlat|·110.5 km (the shortest meridian degree) and |Δlon|·111.3 km·cos(max |lat| + 1°).
    func testAboutSeventyPercentWithinSixtyKilometresOfAfghanBorders() throws {
        let rows = try sample20k()
        let borders = try BorderSet.load(geodata: TestSupport.geodata)
        let afg = borders.borders.filter { $0.countryA == "AFG" || $0.countryB == "AFG" }
        XCTAssertEqual(afg.map(\.id), ["AFG-CHN", "AFG-IRN", "AFG-PAK", "AFG-TJK", "AFG-TKM", "AFG-UZB"])
        let lines = try afg.flatMap { b in try (b.geometry.type == .multiLineString ? b.geometry.parts() : [b.geometry]).map { try $0.coordinates() } }
        let coarse = VertexGrid(lines: lines, spacingKm: 5)
        let fine = VertexGrid(lines: lines, spacingKm: 0.25)

        var within = 0, undecided = 0
        for row in rows {
            let p = Coordinate(lon: Double(row[column("longitude")])!, lat: Double(row[column("latitude")])!)
            let dc = coarse.nearestVertexKm(p, maxKm: 62.5)
            if dc <= 60 { within += 1; continue }
            if dc > 62.5 { continue }
            let df = fine.nearestVertexKm(p, maxKm: 60.2)
            if df <= 60 { within += 1 } else if df <= 60.125 { undecided += 1 }
        }
        let n = Double(rows.count)
        let low = Double(within) / n, high = Double(within + undecided) / n
        XCTAssertGreaterThanOrEqual(low, 0.63, "within 60 km: \(low)")
        XCTAssertLessThanOrEqual(high, 0.77, "within 60 km: \(high)")
        XCTAssertLessThan(undecided, 20)
    }

    func testClusteredNotUniform() throws {
        let rows = try sample20k()
        // Hotspots: the busiest 0.1° cell holds far more than a uniform spread would put there.
        var cells: [String: Int] = [:]
        for row in rows {
            let lat = (Double(row[column("latitude")])! * 10).rounded(.down), lon = (Double(row[column("longitude")])! * 10).rounded(.down)
            cells["\(lat),\(lon)", default: 0] += 1
        }
        XCTAssertGreaterThan(cells.values.max()!, 100)
        // Dates cover the three years with a summer peak.
        var months = [Int](repeating: 0, count: 13)
        var years: [String: Int] = [:]
        for row in rows {
            let d = row[column("event_date")]
            months[Int(d.dropFirst(5).prefix(2))!] += 1
            years[String(d.prefix(4)), default: 0] += 1
        }
        XCTAssertEqual(Set(years.keys), ["2024", "2025", "2026"])
        XCTAssertTrue(years.values.allSatisfy { $0 > rows.count / 5 })
        XCTAssertGreaterThan(months[7], months[1])
    }

    private static func isValidDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-")
        guard s.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m) else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[m - 1]).contains(d)
    }
}

/// Vertices placed along each geodesic segment of some lines, bucketed in 0.5° cells.
private struct VertexGrid {
    private var cells: [Int: [Coordinate]] = [:]
    private static let cellDegrees = 0.5

    init(lines: [[Coordinate]], spacingKm: Double) {
        for line in lines {
            for (a, b) in zip(line, line.dropFirst()) {
                let inv = Geodesic.wgs84.inverse(from: a, to: b)
                let steps = max(1, Int((inv.distance / (spacingKm * 1000)).rounded(.up)))
                for k in 0..<steps {
                    add(Geodesic.wgs84.direct(from: a, azimuth: inv.azimuth1, distance: inv.distance * Double(k) / Double(steps)).coordinate)
                }
            }
            if let last = line.last { add(last) }
        }
    }

    private static func key(_ lat: Int, _ lon: Int) -> Int { lat * 100_000 + lon }

    private mutating func add(_ c: Coordinate) {
        let key = Self.key(Int((c.lat / Self.cellDegrees).rounded(.down)), Int((c.lon / Self.cellDegrees).rounded(.down)))
        cells[key, default: []].append(c)
    }

    /// The geodesic distance (km) to the nearest vertex, exact when it is at most `maxKm`; otherwise some
    /// value above `maxKm`.
    func nearestVertexKm(_ p: Coordinate, maxKm: Double) -> Double {
        precondition(abs(p.lat) < 60 && maxKm < 100)
        // Cells within the lower bound's reach: 100 km is under 1° of latitude, and under 2° of longitude
        // below 60°.
        let cosLat = cos((min(abs(p.lat) + 1, 90)) * .pi / 180)
        let latSpan = Int((maxKm / 110.5 / Self.cellDegrees).rounded(.up)) + 1
        let lonSpan = Int((maxKm / (111.3 * cosLat) / Self.cellDegrees).rounded(.up)) + 1
        let cy = Int((p.lat / Self.cellDegrees).rounded(.down)), cx = Int((p.lon / Self.cellDegrees).rounded(.down))
        var best = Double.infinity
        for y in (cy - latSpan)...(cy + latSpan) {
            for x in (cx - lonSpan)...(cx + lonSpan) {
                guard let vertices = cells[Self.key(y, x)] else { continue }
                for v in vertices {
                    let cos2 = cos((max(abs(p.lat), abs(v.lat)) + 1) * .pi / 180)
                    let lower = max(abs(v.lat - p.lat) * 110.5, abs(v.lon - p.lon) * 111.3 * cos2)
                    if lower > min(best, maxKm) { continue }
                    best = min(best, Geodesic.wgs84.inverse(from: p, to: v).distance / 1000)
                }
            }
        }
        return best
    }
}
