import Foundation
import XCTest
import Frontier

/// `NearRequest` asked in this process, its rows written as the README's library example writes them, gives
/// what `frontier near --format csv` prints for the same flags, byte for byte: around the AFG-TJK line (one
/// distance, bands, one side) and around a region named by its alias; the incidents kept and their distances
/// and bands are also worked out by hand.
final class NearRequestParityTests: RequestParityCase {
    private var input: String!
    private let appendedHeader = "region_id,region_country,region_name,distance_km"

    override func setUpWithError() throws {
        try super.setUpWithError()
        input = try write(RequestParityFixture.incidents(takharEdge: RequestParityFixture.takharEdge()), "incidents.csv")
    }

    private static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path

    /// Runs `request` in this process and `frontier near` with `flags`; asserts the CSV is the same, and the
    /// command's lines about what was returned and read carry the answer's counts.
    private func both(_ request: NearRequest, _ flags: [String], file: StaticString = #filePath, line: UInt = #line) throws
        -> (text: String, rows: [NearRow], scan: NearScan, summary: NearSummary, cli: FrontierBinary.Result) {
        let near = try request.open()
        var rows: [NearRow] = []
        var rejections: [Rejection] = []
        let summary = try near.run(ScanEvents(onReject: { rejections.append($0) })) { rows.append($0) }
        let text = try csv(table(near.columns, rows.map { ($0.incident, $0.appended) }))
        let r = try cli(["near", request.input.path] + flags + ["--format", "csv"], file: file, line: line)
        XCTAssertEqual(text, r.stdout, "near \(flags.joined(separator: " "))", file: file, line: line)
        let rough = summary.countryLevel > 0 ? "; \(summary.countryLevel) only at country level" : ""
        let sides = near.sidesKept.map { "; only incidents in " + $0.sorted().joined(separator: " or ") + " were kept" } ?? ""
        XCTAssertEqual(lines(r.stderr, startingWith: "returned "), [
            "returned \(summary.scan.kept) incidents within \(near.zone.within) of \(near.zone.name); \(summary.regionLevel) of them have "
                + "geo_precision 3 (placed at a region's representative point\(rough))\(sides)",
        ], file: file, line: line)
        let s = summary.scan
        XCTAssertEqual(lines(r.stderr, startingWith: "read "), ["read \(s.read), rejected \(s.rejected), unmatched \(s.unmatched)"], file: file, line: line)
        XCTAssertEqual(lines(r.stderr, startingWith: "rejected "), rejectedLines(rejections, input: request.input.path), file: file, line: line)
        XCTAssertEqual(lines(r.stderr, startingWith: "notice: "), near.notices.compactMap { notice in
            guard case .readAs(let name, let id, let regionName) = notice else { return nil }
            return "notice: '\(name)' is read as \(id) (\(regionName))"
        }, file: file, line: line)
        return (text, rows, near, summary, r)
    }

    private func request(_ path: String? = nil, _ target: ZoneTarget = .border("AFG-TJK"), within: String,
                         sides: SideChoice = .borderCountries) throws -> NearRequest {
        NearRequest(input: query(path ?? input), target: target, within: try Distance.list(parsing: within), sides: sides)
    }

    private func ids(_ rows: [NearRow]) -> [String] { rows.map { $0.incident.text(0) } }

    /// Within 25 km of AFG-TJK: Khorog on the Panj (about 2 km) and L1, a vertex of the line (0 km, on the
    /// edge both countries share: AFG by the tie rule); Fayzabad (59.5 km) and the rest are farther.
    func testWithin25kmOfTheBorder() throws {
        let (text, rows, near, summary, _) = try both(request(within: "25km"), ["--border", "AFG-TJK", "--within", "25km"])
        XCTAssertEqual(ids(rows), ["H1", "L1"])
        XCTAssertEqual(rows.map(\.side), ["TJK", "AFG"])
        XCTAssertEqual(rows.map { $0.region?.id }, ["TJK:Gorno-Badakhshan", "AFG:Badakhshan"])
        XCTAssertEqual(rows[1].distanceKm, 0, "a vertex of the line")
        XCTAssertGreaterThan(rows[0].distanceKm, 0)
        XCTAssertLessThan(rows[0].distanceKm, 5, "Khorog lies on the Panj")
        XCTAssertEqual(rows.map(\.bandKm), [nil, nil], "one distance: no band")
        XCTAssertEqual(near.columns.appended, ["region_id", "region_country", "region_name", "distance_km", "side"])
        XCTAssertTrue(text.hasPrefix("event_id_cnty,event_date,event_type,country,admin1,latitude,longitude,geo_precision,fatalities,\(appendedHeader),side\n"))
        XCTAssertEqual(near.sidesKept, ["AFG", "TJK"])
        XCTAssertEqual([summary.scan.read, summary.scan.rejected, summary.scan.kept, summary.regionLevel, summary.countryLevel], [13, 5, 2, 0, 0])
    }

    /// Bands of 10 and 25 km: both incidents are in the nearest; over synthetic incidents each row's band is
    /// the nearest holding its distance.
    func testBands() throws {
        let (text, rows, near, _, _) = try both(request(within: "10km,25km"), ["--border", "AFG-TJK", "--within", "10km,25km"])
        XCTAssertEqual(ids(rows), ["H1", "L1"])
        XCTAssertEqual(rows.map(\.bandKm), [10, 10])
        XCTAssertEqual(near.columns.appended, ["region_id", "region_country", "region_name", "distance_km", "band_km", "side"])
        XCTAssertTrue(text.contains(",\(appendedHeader),band_km,side\n"))

        let synthetic = try synth(3000, seed: 5)
        try appendBadRows(to: synthetic)
        let (_, many, _, summary, _) = try both(request(synthetic, within: "10km,25km"), ["--border", "AFG-TJK", "--within", "10km,25km"])
        XCTAssertEqual([summary.scan.read, summary.scan.rejected], [3003, 3])
        XCTAssertGreaterThan(many.filter { $0.bandKm == 10 }.count, 0)
        XCTAssertGreaterThan(many.filter { $0.bandKm == 25 }.count, 0)
        for row in many {
            XCTAssertLessThanOrEqual(row.distanceKm, 25)
            XCTAssertEqual(row.bandKm, row.distanceKm <= 10 ? 10 : 25, "\(row.incident.text(0)) at \(row.distanceKm) km")
            XCTAssertTrue(["AFG", "TJK"].contains(row.side), row.side)
        }
    }

    /// --side TJK keeps Khorog alone; over synthetic incidents, exactly the Tajik rows of the two-sided answer.
    func testOneSide() throws {
        let (_, rows, near, _, _) = try both(request(within: "25km", sides: .country("TJK")), ["--border", "AFG-TJK", "--within", "25km", "--side", "TJK"])
        XCTAssertEqual(ids(rows), ["H1"])
        XCTAssertEqual(near.sidesKept, ["TJK"])

        let synthetic = try synth(3000, seed: 5)
        let (_, tajik, _, _, _) = try both(request(synthetic, within: "25km", sides: .country("tjk")),
                                           ["--border", "AFG-TJK", "--within", "25km", "--side", "tjk"])
        let (_, twoSided, _, _, _) = try both(request(synthetic, within: "25km"), ["--border", "AFG-TJK", "--within", "25km"])
        XCTAssertEqual(ids(tajik), ids(twoSided.filter { $0.side == "TJK" }))
        XCTAssertGreaterThan(tajik.count, 0)
        XCTAssertLessThan(tajik.count, twoSided.count)
    }

    /// A region by its alias: GBAO is read as Gorno-Badakhshan (the notice the command prints), whose one
    /// reported incident lies inside it (0 km); the three in Khatlon are farther than 10 km from it.
    func testARegionByItsAlias() throws {
        let request = try request(Self.reported, .region("GBAO"), within: "10km")
        let (_, rows, near, summary, _) = try both(request, ["--region", "GBAO", "--within", "10km"])
        XCTAssertEqual(near.notices, [.readAs(name: "GBAO", id: "TJK:Gorno-Badakhshan", regionName: "Gorno-Badakhshan")])
        XCTAssertEqual(near.zone.name, "TJK:Gorno-Badakhshan")
        XCTAssertNil(near.sidesKept, "around a region, any country")
        XCTAssertEqual(ids(rows), ["REPORTED-002"])
        XCTAssertEqual(rows.map(\.distanceKm), [0])
        XCTAssertEqual(summary.regionLevel, 1, "placed at Darvaz's representative point (geo_precision 3)")
    }

    /// The reported incidents within 50 km of TJK-AFG (either order): Khatlon's representative point lies
    /// 43.5057 km from the line (pyproj's geodesics, NearCLITests), Gorno-Badakhshan's 70.5 km.
    func testReportedIncidentsAtAKnownDistance() throws {
        let (_, rows, near, summary, _) = try both(request(Self.reported, .border("TJK-AFG"), within: "50km"), ["--border", "TJK-AFG", "--within", "50km"])
        XCTAssertEqual(near.zone.name, "AFG-TJK")
        XCTAssertEqual(ids(rows), ["REPORTED-001", "REPORTED-003", "REPORTED-004"])
        XCTAssertEqual(rows.map(\.distanceKm), [43.5057, 43.5057, 43.5057])
        XCTAssertEqual(summary.regionLevel, 3)
    }
}
