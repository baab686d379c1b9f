import Foundation
import XCTest

/// Inputs that made a computation trap, hang or answer wrongly (issue 25, items 6, 8 and 11): counts whose
/// sum overflows, hot-spot analyses whose work grows with the square of the locations or the windows, and
/// buffers so wide they wrap around the globe. Each now ends promptly with a clear message and its exit code.
final class ComputeLimitsCLITests: FolderTestCase {

    private let header = "event_id_cnty,event_date,latitude,longitude,fatalities\n"

    // MARK: - Fatalities (item 6)

    /// 2,049 rows of 2^52 fatalities summed past Int.max and trapped (SIGILL) in aggregate, hotspots, map
    /// and a store; each row is now rejected by the per-incident ceiling, with its line and field.
    func testFatalities4503599627370496In2049RowsAreRejectedNotATrap() throws {
        let rows = (0..<2049).map { "X\($0),2025-11-26,37.12,70.58,4503599627370496\n" }.joined()
        let file = try write(header + rows, "f.csv")
        let why = "f.csv:2: field 'fatalities': fatalities 4503599627370496 above the ceiling of 1000000 for one incident"
        for command in [["aggregate", file, "--window", "all"], ["hotspots", file, "--distance", "50km", "--value", "fatalities"],
                        ["map", file, "--out", path("m.html")], ["import", file, "--store", path("s.gpkg")], ["trends", file]] {
            let r = try run(command, 1, says: why)
            XCTAssertTrue(r.stderr.contains("read 2049, rejected 2049"), r.stderr)
            XCTAssertTrue(r.stderr.contains("f.csv was rejected (2049 fatalities above the ceiling in 'fatalities')"), r.stderr)
        }
    }

    /// The ceiling is a million per incident: 1,000,001 is rejected, 1,000,000 is counted.
    func testFatalities1000001IsRejectedAnd1000000Counted() throws {
        let file = try write(header + "A1,2025-11-26,37.12,70.58,1000001\nA2,2025-11-26,37.12,70.58,1000000\n", "g.csv")
        let r = try run(["aggregate", file, "--window", "all", "--format", "csv"], 0,
                        says: "g.csv:2: field 'fatalities': fatalities 1000001 above the ceiling of 1000000 for one incident")
        XCTAssertTrue(r.stderr.contains("read 2, rejected 1"), r.stderr)
        XCTAssertTrue(r.stdout.contains("AFG:Badakhshan,AFG,Badakhshan,2025-11-26,2025-11-26,1,1000000,false\n"), r.stdout)
        try run(["aggregate", file, "--window", "all", "--strict"], 65, says: "g.csv:2: field 'fatalities'")
    }

    // MARK: - Hot spots (item 8)

    /// Ten cells each with an incident on 1900-01-01 and one on 2100-12-31, by day: ten 73,414-window
    /// series, whose pairwise Mann-Kendall (2.7 billion pairs each) ran past 20 s; sorted, it is quick.
    func testTenCellsWithIncidentsIn1900And2100ByDayFinish() throws {
        let rows = (0..<10).map { k in
            "A\(k),1900-01-01,\(36.0 + Double(k) * 0.5),\(70.0 + Double(k) * 0.3),1\nB\(k),2100-12-31,\(36.0 + Double(k) * 0.5),\(70.0 + Double(k) * 0.3),1\n"
        }.joined()
        let file = try write(header + rows, "ten.csv")
        let r = try run(["hotspots", file, "--regions", "grid:10km", "--window", "day", "--distance", "50km", "--summary", "--format", "csv"], 0,
                        says: "a cube of 10 locations × 73414 windows")
        XCTAssertEqual(r.stdout.split(separator: "\n").count, 11, r.stdout)
    }

    /// `--years 1-9999` by day: one location's 3,652,059-window series (6.7 trillion pairs) hung for hours.
    func testYears1To9999ByDayFinishes() throws {
        let file = try write(header + "A1,0001-01-01,37.12,70.58,1\nA2,9999-12-31,37.12,70.58,1\n", "years.csv")
        try run(["hotspots", file, "--years", "1-9999", "--window", "day", "--distance", "50km", "--summary"], 0,
                says: "a cube of 1 locations × 3652059 windows")
    }

    /// 1 km cells by day over three years of synthetic incidents: about a thousand series of 1,095 windows.
    func testOneKilometreCellsByDayFinish() throws {
        let file = path("s.csv")
        try run(["synth", "--count", "1000", "--seed", "42", "--out", file], 0)
        try run(["hotspots", file, "--regions", "grid:1km", "--window", "day", "--distance", "5km", "--summary"], 0, says: "windows: ")
    }

    /// 10,500 cells at `--distance 20000km`: every cell is every other's candidate (110 million pairs, then
    /// Gi* over them): refused at once, before the search, naming --distance; by `map --layer hotspots` too.
    func testDistance20000kmOver10500CellsIsRefusedBeforeTheSearch() throws {
        let rows = (0..<10_500).map { k in "W\(k),2025-01-\(String(format: "%02d", 1 + k % 28)),\(28 + Double(k / 105) * 0.1),\(60 + Double(k % 105) * 0.2),1\n" }.joined()
        let file = try write(header + rows, "wide.csv")
        let why = "neighbourhoods of 10500 locations within 20000km would need 110250000 location pairs to test; at most 100000000 are done: use a shorter --distance, or fewer locations (a coarser --regions grid, narrower --from/--to)"
        try run(["hotspots", file, "--regions", "grid:10km", "--window", "month", "--distance", "20000km", "--summary"], 1, says: why)
        try run(["map", file, "--regions", "grid:10km", "--layer", "hotspots", "--window", "month", "--distance", "20000km", "--out", path("m.html")], 1, says: why)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("m.html")))
    }

    /// 120 cells, all neighbours within 500 km, over 10,001 days with a time lag of 100: 14.5 billion Gi*
    /// sums, refused before the first, naming --time-lag among the ways out.
    func testTimeLag100Over10001DaysIsRefusedBeforeGiStar() throws {
        var rows = ""
        for k in 0..<120 {
            let (lat, lon) = (35 + Double(k % 10) * 0.2, 65 + Double(k / 10) * 0.2)
            rows += "A\(k),2000-01-01,\(lat),\(lon),1\nB\(k),2027-05-19,\(lat),\(lon),1\n"
        }
        let file = try write(header + rows, "lag.csv")
        try run(["hotspots", file, "--regions", "grid:10km", "--window", "day", "--distance", "500km", "--time-lag", "100", "--summary"], 1,
                says: "Gi* over 14400 neighbour pairs, 10001 windows and a time lag of 100 would need 14472734400 neighbour values to sum; "
                    + "at most 10000000000 are done: use a shorter --distance, a smaller --time-lag, a longer --window or narrower --from/--to")
        // By month with a lag of one, the same cells are a small analysis.
        try run(["hotspots", file, "--regions", "grid:10km", "--window", "month", "--distance", "500km", "--time-lag", "1", "--summary"], 0,
                says: "a cube of 120 locations × 329 windows")
    }

    // MARK: - Buffers (item 11)

    /// 19,000 km around AFG-TJK exited 0 with the complement (a 4.5 million km² patch at the antipode),
    /// 15,000 km with 80.7 million km² on the wrong side, 8,000/10,000/20,000 km with a raw GEOS
    /// TopologyException: beyond the 1,000 km ceiling, buffer and map --near refuse, naming --within.
    func testBufferWithin19000kmIsRefusedNamingWithinAndTheCeiling() throws {
        for km in ["19000", "15000", "10000", "8000", "20000", "2000", "1001"] {
            try run(["buffer", "--border", "AFG-TJK", "--within", "\(km)km"], 64,
                    says: "--within \(km)km: a zone is drawn up to 1000km from its line (farther, a polygon in lon/lat cannot follow the distance)")
        }
        let incidents = try write(header + "A1,2025-11-26,37.12,70.58,1\n", "i.csv")
        try run(["map", incidents, "--near", "AFG-TJK", "--within", "5000km", "--out", path("m.html")], 64, says: "--within 5000km: a zone is drawn up to 1000km")
        // near measures each incident: any distance is fine there.
        try run(["near", incidents, "--border", "AFG-TJK", "--within", "19000km"], 0)
    }

    /// At the ceiling the zone is drawn, and its area is what pyproj's Geod.geometry_area_perimeter gives
    /// for the same polygon (4,544,210.5 km²; its edge is within 448 m of 1,000 km, measured by bisection
    /// along geodesics from the line's vertices).
    func testBufferWithin1000kmIsDrawnWithItsEllipsoidalArea() throws {
        let r = try run(["buffer", "--border", "AFG-TJK", "--within", "1000km"], 0)
        XCTAssertTrue(r.stdout.contains("\"area_km2\":4544210.5"), String(r.stdout.prefix(300)))
    }

    /// A region near the pole or the antimeridian: a zone that would reach round either is an error (exit 1),
    /// not a polygon wrapped the wrong way round the globe.
    func testBufferReachingThePoleOrTheAntimeridianIsAnError() throws {
        func layer(_ ring: String) -> String {
            "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"region_id\":\"R1\",\"region_name\":\"R\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[\(ring)]]}}]}"
        }
        let arctic = try write(layer("[20,82],[22,82],[22,83],[20,83],[20,82]"), "arctic.geojson")
        try run(["buffer", "--regions", arctic, "--region", "R1", "--within", "1000km"], 1, says: "reaches the North Pole, which a lon/lat polygon cannot hold")
        try run(["buffer", "--regions", arctic, "--region", "R1", "--within", "100km"], 0)
        let fiji = try write(layer("[179,-17],[179.8,-17],[179.8,-16],[179,-16],[179,-17]"), "fiji.geojson")
        try run(["buffer", "--regions", fiji, "--region", "R1", "--within", "100km"], 1, says: "crosses the antimeridian (±180°), which a lon/lat polygon cannot hold")
        try run(["buffer", "--regions", fiji, "--region", "R1", "--within", "10km"], 0)
    }
}
