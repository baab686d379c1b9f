import Foundation
import XCTest
import Frontier

/// The library asked directly (a request built in this process, no binary) answers with the rows the command
/// line prints for the same question, byte for byte once written in the same format; and the errors are the
/// engine's, which the command line words with its flags. The CLI tests stay the contract: these show that
/// the contract is the library's answer and nothing the command adds.
final class LibraryParityTests: FolderTestCase {
    /// Writes `table` as the command line writes `--format format` and compares it with the command's
    /// standard output for `args`, which must succeed.
    private func assertSame(_ table: RecordTable, as args: [String], format: RowStreamWriter.Format = .csv,
                            file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try FrontierBinary.run(args + ["--format", format.rawValue])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        XCTAssertEqual(try RowStreamWriter.text(table, format: format), r.stdout, "\(args)", file: file, line: line)
    }

    /// The error `body` throws, which must be a `FrontierError`.
    private func frontierError(_ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> FrontierError? {
        do {
            try body()
            XCTFail("no error", file: file, line: line)
        } catch let error as FrontierError {
            return error
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: - regions

    /// Tajikistan's five provinces, as CSV and as GeoJSON (geometries included).
    func testTheRegionsOfACountry() throws {
        let answer = try RegionsRequest(country: "TJK").answer()
        XCTAssertEqual(answer.rows.map(\.id), ["TJK:Districts of Republican Subordination", "TJK:Dushanbe", "TJK:Gorno-Badakhshan",
                                               "TJK:Khatlon", "TJK:Sughd"])
        XCTAssertEqual(answer.repairs, [])
        try assertSame(answer.table, as: ["regions", "--country", "TJK"])
        try assertSame(answer.table, as: ["regions", "--country", "TJK"], format: .geojson)
    }

    /// The regions sharing a stretch of AFG-TJK, named in the other order; Badakhshan's area as pyproj's
    /// `Geod.geometry_area_perimeter` gives it on admin1.geojson (43,552.55 km²) and its box as shapely's
    /// `bounds`, under each boundary set.
    func testTheRegionsAlongABorder() throws {
        let badakhshan: [BoundarySet: (area: Double, box: Envelope)] = [
            .openStreetMap: (43552.6, Envelope(minX: 70.0038204, minY: 35.4424106, maxX: 74.88986, maxY: 38.48992)),
            .naturalEarth: (43693.5, Envelope(minX: 70.0038204, minY: 35.4424106, maxX: 74.8923067, maxY: 38.4730532)),
        ]
        for (set, expected) in badakhshan {
            let answer = try RegionsRequest(border: "TJK-AFG", geodata: GeoDataChoice(boundaries: set)).answer()
            XCTAssertEqual(answer.rows.map(\.id), ["AFG:Badakhshan", "AFG:Balkh", "AFG:Kunduz", "AFG:Takhar",
                                                   "TJK:Gorno-Badakhshan", "TJK:Khatlon"], set.rawValue)
            let row = try XCTUnwrap(answer.rows.first)
            XCTAssertEqual(row.areaKm2, expected.area, set.rawValue)
            XCTAssertEqual(row.bounds, expected.box, set.rawValue)
            try assertSame(answer.table, as: ["regions", "--border", "AFG-TJK", "--boundaries", set.rawValue])
        }
    }

    /// Tajikistan as one country: 141,114.13 km² by pyproj on the OpenStreetMap outline.
    func testACountryOfAdmin0() throws {
        let answer = try RegionsRequest(places: .regions(.admin0), country: "tjk").answer()
        XCTAssertEqual(answer.rows.map(\.id), ["TJK:Tajikistan"])
        XCTAssertEqual(answer.rows.first?.areaKm2, 141114.1)
        try assertSame(answer.table, as: ["regions", "--regions", "admin0", "--country", "tjk"], format: .json)
    }

    /// Equal-area cells of exactly 2,500 km², and PRIO-GRID's cell of 37.25°N 68.25°E (row 255, col 497:
    /// 68–68.5°E, 37–37.5°N), whose 2,461.56 km² is pyproj's `Geod.polygon_area_perimeter` of the same
    /// outline (eight points a side).
    func testTheCellsOfACountry() throws {
        let cells = try RegionsRequest(places: PlaceSource(argument: "grid:50km"), country: "TJK").answer()
        XCTAssertEqual(cells.rows.count, 58)
        XCTAssertTrue(cells.rows.allSatisfy { $0.country == "TJK" && $0.areaKm2 == 2500 && $0.id.hasPrefix("G50km:") })
        try assertSame(cells.table, as: ["regions", "--regions", "grid:50km", "--country", "TJK"])
        try assertSame(cells.table, as: ["regions", "--regions", "grid:50km", "--country", "TJK"], format: .geojson)

        let prio = try RegionsRequest(places: PlaceSource(argument: "priogrid"), country: "TJK").answer()
        let cell = try XCTUnwrap(prio.rows.first { $0.id == "PG:183377" })
        XCTAssertEqual(cell.areaKm2, 2461.6)
        XCTAssertEqual(cell.bounds, Envelope(minX: 68, minY: 37, maxX: 68.5, maxY: 37.5))
        try assertSame(prio.table, as: ["regions", "--regions", "priogrid", "--country", "TJK"])
    }

    /// A polygon layer of the caller's with a bow-tie: the repair is told as the layer loads and listed in
    /// the answer, which the command line prints as its "repaired:" line.
    func testARepairedLayer() throws {
        let layer = try write("""
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"region_id":"bow","region_name":"Bow"},"geometry":{"type":"Polygon","coordinates":[[[69,37],[70,38],[70,37],[69,38],[69,37]]]}},
            {"type":"Feature","properties":{"region_id":"sq","region_name":"Square"},"geometry":{"type":"Polygon","coordinates":[[[71,37],[72,37],[72,38],[71,38],[71,37]]]}}
            ]}
            """, "bowtie.geojson")
        var told: [String] = []
        let answer = try RegionsRequest(places: PlaceSource(argument: layer)).answer(repaired: { told.append($0) })
        XCTAssertEqual(answer.rows.map(\.id), ["bow", "sq"])
        XCTAssertEqual(told, answer.repairs)
        // GEOS finds the crossing of the bow-tie's diagonals at (69.5, 37.5).
        XCTAssertEqual(answer.repairs, ["bowtie.geojson feature 1 (bow): Self-intersection[69.5 37.5], repaired with MakeValid"])
        try assertSame(answer.table, as: ["regions", "--regions", layer])
        let r = try FrontierBinary.run(["regions", "--regions", layer, "--format", "csv"])
        XCTAssertEqual(r.stderr, answer.repairs.map { "repaired: \($0)\n" }.joined())
    }

    // MARK: - borders

    /// Every border line under each set: AFG-TJK 1,314.7 km in one piece (OpenStreetMap) and 1,144.6 km
    /// (Natural Earth), where KGZ-TJK stays in two pieces (lengths by pyproj's `Geod.geometry_length`).
    func testTheBorderLines() throws {
        let expected: [BoundarySet: [String: (parts: Int, km: Double)]] = [
            .openStreetMap: ["AFG-TJK": (1, 1314.7), "KGZ-TJK": (1, 876.3)],
            .naturalEarth: ["AFG-TJK": (1, 1144.6), "KGZ-TJK": (2, 825.2)],
        ]
        for (set, lines) in expected {
            let answer = try BordersRequest(geodata: GeoDataChoice(boundaries: set)).answer()
            XCTAssertEqual(answer.rows.count, 17, set.rawValue)
            for (id, line) in lines {
                let row = try XCTUnwrap(answer.rows.first { $0.id == id }, id)
                XCTAssertEqual(row.parts, line.parts, "\(set.rawValue) \(id)")
                XCTAssertEqual(row.lengthKm, line.km, "\(set.rawValue) \(id)")
            }
            try assertSame(answer.table, as: ["borders", "--boundaries", set.rawValue])
            try assertSame(answer.table, as: ["borders", "--boundaries", set.rawValue], format: .geojsonl)
        }
    }

    // MARK: - errors

    /// The engine's errors name no flag; the command line says the same thing with its flags, in the words
    /// it has always used.
    func testGridQuestionsTheEngineRefuses() throws {
        let grid = try PlaceSource(argument: "grid:10km")
        XCTAssertEqual(frontierError { _ = try RegionsRequest(places: grid).answer() }, .request(.gridNeedsCountry(grid: "grid:10km")))
        var r = try FrontierBinary.run(["regions", "--regions", "grid:10km"])
        XCTAssertEqual(r.stderr, "Error: a grid has cells everywhere: name a country with --country (e.g. --country AFG)\n")

        XCTAssertEqual(frontierError { _ = try RegionsRequest(places: grid, country: "TJK", border: "AFG-TJK").answer() },
                       .request(.gridAlongBorder(grid: "grid:10km")))
        r = try FrontierBinary.run(["regions", "--regions", "grid:10km", "--country", "TJK", "--border", "AFG-TJK"])
        XCTAssertEqual(r.stderr, "Error: --border lists regions along a line; with a grid, use --country\n")

        // A grid is not a list of regions; its name is quoted as it was written.
        let prio = try PlaceSource(argument: "PRIOGRID")
        XCTAssertEqual(frontierError { _ = try prio.loadRegions(geodata: GeoDataChoice(), context: GEOSContext()) },
                       .request(.gridNotRegions(grid: "PRIOGRID")))
        r = try FrontierBinary.run(["near", Self.reported, "--border", "AFG-TJK", "--within", "10km", "--regions", "PRIOGRID"])
        XCTAssertEqual(r.stderr, "Error: --regions PRIOGRID is a grid: this command works with regions (admin1, admin0 or a file); "
                       + "join, aggregate, map, hotspots, trends and regions --country take cells\n")
    }

    /// Errors that need no flag to mend read the same from the library and the command line.
    func testErrorsWordedAlike() throws {
        let countries = ["AFG", "CHN", "IND", "IRN", "KGZ", "PAK", "TJK", "TKM", "UZB"]
        let cases: [(request: RegionsRequest, error: FrontierError, args: [String])] = [
            (RegionsRequest(country: "XYZ"), .request(.unknownCountry(code: "XYZ", regions: "admin1", known: countries)),
             ["regions", "--country", "XYZ"]),
            (RegionsRequest(places: try PlaceSource(argument: "grid:50km"), country: "XYZ"),
             .request(.unknownCountry(code: "XYZ", regions: nil, known: countries)), ["regions", "--regions", "grid:50km", "--country", "XYZ"]),
            // China's box spans 23,125,743 one-kilometre cells: refused before any is made.
            (RegionsRequest(places: try PlaceSource(argument: "grid:1km"), country: "CHN"),
             .request(.tooManyCells(area: "China", grid: "grid:1km", count: 23_125_743, limit: 1_000_000)),
             ["regions", "--regions", "grid:1km", "--country", "CHN"]),
        ]
        for c in cases {
            let error = frontierError { _ = try c.request.answer() }
            XCTAssertEqual(error, c.error)
            XCTAssertFalse(c.error.description.contains("--"), c.error.description)
            let r = try FrontierBinary.run(c.args)
            XCTAssertEqual(r.status, 1)
            XCTAssertEqual(r.stderr, "Error: \(c.error)\n")
        }
        XCTAssertEqual(RegionsRequest.defaultMaxCells, 1_000_000)
    }

    /// The bound on a listing is the request's: Tajikistan's box spans more than ten 50 km cells.
    func testTheCellLimitIsTheRequests() throws {
        let request = RegionsRequest(places: try PlaceSource(argument: "grid:50km"), country: "TJK", maxCells: 10)
        guard case .request(.tooManyCells(let area, let grid, let count, let limit))? = frontierError({ _ = try request.answer() }) else {
            return XCTFail("not refused as too many cells")
        }
        XCTAssertEqual([area, grid], ["Tajikistan", "grid:50km"])
        XCTAssertEqual(limit, 10)
        XCTAssertGreaterThanOrEqual(count, 58, "at least the cells listed without the bound")
    }

    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path
}
