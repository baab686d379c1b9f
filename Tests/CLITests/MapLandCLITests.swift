import Foundation
import XCTest

/// Land and sea on the map (issue 27, item 12): with grid cells as regions, the land between cells was drawn
/// in the sea's pale blue and called "outside the mapped regions". The bundled countries' land is now drawn
/// grey under the data, with its own legend entry; the background is the sea (and land beyond the bundled
/// countries), and says so.
final class MapLandCLITests: FolderTestCase {
    static let reported = MapRenderedFormatsCLITests.reported

    /// The checks both the command and the request must pass on the reported incidents in 10 km cells.
    static func checkLandUnderCells(_ svg: MapSVG, file: StaticString = #filePath, line: UInt = #line) {
        let land = svg.group("land")
        XCTAssertTrue(land.hasPrefix("<g class=\"land\" fill=\"#d0d0d0\""), String(land.prefix(80)), file: file, line: line)
        let countries = Set(svg.tags("<path data-country", in: land).compactMap { MapSVG.attribute("data-country", in: $0) })
        XCTAssertEqual(countries, ["AFG", "CHN", "KGZ", "PAK", "TJK", "TKM", "UZB"], "every bundled country in view is drawn as land", file: file, line: line)
        let legend = svg.legendFills
        XCTAssertEqual(legend["land without data"], "#d0d0d0", "the grey has its own entry", file: file, line: line)
        XCTAssertEqual(legend["sea, and land beyond the bundled countries"], "#dbe9f4", file: file, line: line)
        XCTAssertNil(legend["outside the mapped regions"], file: file, line: line)
        let background = svg.tags("<rect class=\"outside\"").first.flatMap { MapSVG.attribute("fill", in: $0) }
        XCTAssertEqual(background, "#dbe9f4", file: file, line: line)
        // Cells are regions with incidents: their fills are classes, never the land's grey nor the sea's blue.
        XCTAssertEqual(svg.regions.count, 2, "Khatlon's three incidents share a cell; Gorno-Badakhshan's one has its own")
        for region in svg.regions {
            XCTAssertTrue(region.id.hasPrefix("G10km:"), file: file, line: line)
            XCTAssertFalse(["#d0d0d0", "#dbe9f4"].contains(region.fill), file: file, line: line)
            XCTAssertTrue(legend.values.contains(region.fill), file: file, line: line)
        }
        XCTAssertNil(legend["0"], "no cell without incidents is drawn, so no \"0\" entry", file: file, line: line)
    }

    func testReportedIncidentsInGrid10kmCellsDrawLandGreyNotSea() throws {
        try run(["map", Self.reported, "--near", "AFG-TJK", "--within", "75km", "--regions", "grid:10km", "--style", "choropleth",
                 "--out", path("g.html")], 0)
        Self.checkLandUnderCells(MapSVG(try String(contentsOfFile: path("g.html"), encoding: .utf8)))
    }

    /// Provinces cover the bundled countries' land: no grey shows, and the legend does not list it.
    func testReportedIncidentsInProvincesHaveNoLandWithoutData() throws {
        try run(["map", Self.reported, "--near", "AFG-TJK", "--within", "75km", "--style", "choropleth", "--out", path("p.html")], 0)
        let svg = MapSVG(try String(contentsOfFile: path("p.html"), encoding: .utf8))
        XCTAssertNil(svg.legendFills["land without data"])
        XCTAssertEqual(svg.legendFills["0"], "#eeeeee", "provinces without incidents are a class of their own")
        XCTAssertTrue(svg.group("land").hasPrefix("<g class=\"land\""), "the land is drawn under the provinces all the same")
    }
}
