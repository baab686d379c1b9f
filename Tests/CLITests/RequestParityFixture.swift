import Foundation
import XCTest
import Frontier

/// The small input the request parity tests work out by hand: places whose regions, cells and distances to
/// the AFG-TJK line are known, two of them on edges several regions share (the tie rule), and rows every
/// command rejects.
enum RequestParityFixture {
    /// Fayzabad, Badakhshan's capital: 59.5 km from the AFG-TJK line.
    static let fayzabad = Coordinate(lon: 70.58, lat: 37.12)
    /// Dushanbe: over 100 km from the line.
    static let dushanbe = Coordinate(lon: 68.78, lat: 38.54)
    /// Kabul: over 300 km from the line.
    static let kabul = Coordinate(lon: 69.17, lat: 34.53)
    /// Khorog, on the Panj (the border) where the Gunt meets it: about 2 km from the line.
    static let khorog = Coordinate(lon: 71.55, lat: 37.49)
    /// A vertex of the AFG-TJK line on the Panj, between Badakhshan and Gorno-Badakhshan: distance 0, and on
    /// the edge both countries' outlines (and both provinces') share, so the tie rule gives it to AFG.
    static let borderVertex = Coordinate(lon: 71.58719, lat: 37.82552)
    /// In Chad, outside every bundled region.
    static let outside = Coordinate(lon: 20, lat: 15)

    /// The southernmost vertex that Badakhshan's and Takhar's outlines share, far (over 100 km) from the
    /// AFG-TJK line: both provinces cover it, and the tie rule gives it to the smaller id, AFG:Badakhshan.
    static func takharEdge() throws -> Coordinate {
        let context = try GEOSContext()
        let regions = try RegionSet.load(.admin1, geodata: GeoDataChoice().location(), context: context)
        let badakhshan = try XCTUnwrap(regions.region(id: "AFG:Badakhshan")), takhar = try XCTUnwrap(regions.region(id: "AFG:Takhar"))
        let vertices = Set(try badakhshan.geometry.parts().flatMap { try $0.exteriorRing() })
        let shared = try takhar.geometry.parts().flatMap { try $0.exteriorRing() }.filter { vertices.contains($0) }
        let south = try XCTUnwrap(shared.min { $0.lat < $1.lat }, "Badakhshan and Takhar share vertices")
        XCTAssertTrue(try PreparedGeometry(badakhshan.geometry).covers(south))
        XCTAssertTrue(try PreparedGeometry(takhar.geometry).covers(south))
        return south
    }

    /// Checks the premise of `borderVertex`: a vertex of the line, covered by both countries and both provinces.
    static func checkBorderVertex() throws {
        let context = try GEOSContext()
        let location = try GeoDataChoice().location()
        let line = try BorderSet.load(geodata: location, context: context).border("AFG-TJK")
        XCTAssertTrue(try line.geometry.lines().joined().contains(borderVertex), "a vertex of the AFG-TJK line")
        let admin1 = try RegionSet.load(.admin1, geodata: location, context: context)
        let admin0 = try RegionSet.load(.admin0, geodata: location, context: context)
        for (set, id) in [(admin1, "AFG:Badakhshan"), (admin1, "TJK:Gorno-Badakhshan"), (admin0, "AFG:Afghanistan"), (admin0, "TJK:Tajikistan")] {
            XCTAssertTrue(try PreparedGeometry(XCTUnwrap(set.region(id: id)).geometry).covers(borderVertex), "\(id) covers the line's vertex")
        }
    }

    /// A coordinate as CSV text that reads back as the same double.
    static func text(_ c: Coordinate) -> (lat: String, lon: String) { ("\(c.lat)", "\(c.lon)") }

    /// The incidents, ACLED's columns; lines 2-8 and 14 are kept, 9-13 rejected (line 1 is the header).
    ///
    /// | line | id | date       | type     | place        | fatalities |
    /// |------|----|------------|----------|--------------|------------|
    /// | 2    | F1 | 2025-11-10 | Battles  | Fayzabad     | 2          |
    /// | 3    | F2 | 2025-11-20 | Riots    | Fayzabad     | 0          |
    /// | 4    | D1 | 2025-12-05 | Battles  | Dushanbe     | 1          |
    /// | 5    | K1 | 2026-01-18 | Protests | Kabul        | 3          |
    /// | 6    | H1 | 2026-01-25 | Battles  | Khorog       | 4          |
    /// | 7    | T1 | 2025-12-15 | Battles  | takharEdge   | 5          |
    /// | 8    | L1 | 2025-12-28 | Riots    | borderVertex | 0          |
    /// | 14   | O1 | 2025-12-20 | Battles  | outside      | 1          |
    static func incidents(takharEdge: Coordinate) -> String {
        func row(_ id: String, _ date: String, _ type: String, _ country: String, _ admin1: String, _ c: Coordinate, _ fatalities: Int) -> String {
            "\(id),\(date),\(type),\(country),\(admin1),\(text(c).lat),\(text(c).lon),1,\(fatalities)\n"
        }
        return "event_id_cnty,event_date,event_type,country,admin1,latitude,longitude,geo_precision,fatalities\n"
            + row("F1", "2025-11-10", "Battles", "Afghanistan", "Badakhshan", fayzabad, 2)
            + row("F2", "2025-11-20", "Riots", "Afghanistan", "Badakhshan", fayzabad, 0)
            + row("D1", "2025-12-05", "Battles", "Tajikistan", "Dushanbe", dushanbe, 1)
            + row("K1", "2026-01-18", "Protests", "Afghanistan", "Kabul", kabul, 3)
            + row("H1", "2026-01-25", "Battles", "Tajikistan", "Gorno-Badakhshan", khorog, 4)
            + row("T1", "2025-12-15", "Battles", "Afghanistan", "Badakhshan", takharEdge, 5)
            + row("L1", "2025-12-28", "Riots", "Afghanistan", "Badakhshan", borderVertex, 0)
            + "B1,2025-13-45,Battles,Afghanistan,Badakhshan,37.1,70.5,1,1\n"
            + "B2,2025-11-26,Battles,Afghanistan,Badakhshan,137.1,70.5,1,1\n"
            + "B3,2025-11-26,Battles,Afghanistan,Badakhshan,37.1,70.5,1,-4\n"
            + "F1,2025-11-27,Battles,Afghanistan,Badakhshan,37.1,70.5,1,1\n"
            + "B5,2025-11-28,Battles\n"
            + row("O1", "2025-12-20", "Battles", "Chad", "Ennedi", outside, 1)
    }

    /// The rejections of `incidents`, in line order.
    static let rejections: [(line: Int, field: String, problem: RowProblem)] = [
        (9, "event_date", .impossibleDate("2025-13-45")),
        (10, "latitude", .latitudeOutOfRange(137.1)),
        (11, "fatalities", .negativeFatalities(-4)),
        (12, "event_id_cnty", .duplicateID("F1")),
        (13, "", .fieldCount(found: 3, header: 9)),
    ]

    /// The id of the 50 km EASE-Grid 2.0 cell (EPSG:6933: the cylindrical equal-area projection of WGS84
    /// with true scale at 30°) holding `c`, projected here with Snyder's formulas rather than PROJ; for
    /// Fayzabad they give x 6,810,001.66 m, y 4,418,315.37 m, as `cs2cs EPSG:4326 EPSG:6933` does.
    static func easeCell50km(_ c: Coordinate) -> String {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let e2 = f * (2 - f), e = e2.squareRoot()
        let standard = 30 * Double.pi / 180
        let k0 = cos(standard) / (1 - e2 * sin(standard) * sin(standard)).squareRoot()
        let s = sin(c.lat * .pi / 180)
        let q = (1 - e2) * (s / (1 - e2 * s * s) - 1 / (2 * e) * log((1 - e * s) / (1 + e * s)))
        let x = a * k0 * c.lon * .pi / 180, y = a * q / (2 * k0)
        return "G50km:\(Int((x / 50_000).rounded(.down))):\(Int((y / 50_000).rounded(.down)))"
    }

    /// PRIO-GRID v2's gid of the 0.5° cell holding `c`: row = (90 + floor(2·lat)/2)·2 + 1,
    /// col = (180 + floor(2·lon)/2)·2 + 1, gid = (row − 1)·720 + col (UCDP's own numbering).
    static func prioGridCell(_ c: Coordinate) -> String {
        let row = Int((90 + (2 * c.lat).rounded(.down) / 2) * 2) + 1
        let col = Int((180 + (2 * c.lon).rounded(.down) / 2) * 2) + 1
        return "PG:\((row - 1) * 720 + col)"
    }
}
