import Foundation
import XCTest
import Frontier

/// Issue 27's map items asked of the engine directly (`MapRequest`): the hot spot layer's patterns and legend
/// (item 11), the land drawn under the data (item 12), the names, captions and the trimmed view (item 13); each
/// the same document, byte for byte, as `frontier map` with the same choices.
final class MapLegendParityTests: FolderTestCase {
    private func query(_ input: String) -> IncidentQuery { IncidentQuery(path: input, format: .csv) }

    /// The command's file for `args`, which must equal the engine's document.
    private func cli(_ args: [String], _ name: String) throws -> String {
        try run(["map"] + args + ["--out", path(name)], 0)
        return try String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// The new cluster in 10 km cells: 25 cells, one new and hot in December (as `hotspots` finds it).
    func testNewClusterOnGrid10kmIsDrawnByItsPatternsOnly() throws {
        let file = try writeNewCluster()
        let grid = try PlaceSource(argument: "grid:10km")
        let distance = try Distance(parsing: "15km")
        // Bins asked for, patterns drawn: nothing is laid over the patterns.
        let request = MapRequest(input: query(file), places: grid, window: .month, style: .bins, layer: .hotspots(distance: distance, timeLag: 0),
                                 alertLegendSuffix: MapParityTests.alertSuffix)
        let answer = try request.open().run()
        XCTAssertEqual(answer.resolvedStyle, .choropleth)
        let document = try cli([file, "--regions", "grid:10km", "--window", "month", "--style", "bins", "--layer", "hotspots", "--distance", "15km",
                                "--time-lag", "0"], "c.html")
        XCTAssertEqual(answer.text, document, "the engine's document is the command's")

        var summaryRequest = HotspotsRequest(input: query(file), places: grid, window: .month, distance: distance, timeLag: 0)
        summaryRequest.rows = .summary
        let summary = try summaryRequest.open().run()
        let expected = Dictionary(uniqueKeysWithValues: summary.locations.map { ($0.region.id, $0.pattern.rawValue) })
        XCTAssertEqual(expected.count, 25)
        XCTAssertEqual(expected.values.filter { $0 == "New Hot Spot" }.count, 1)

        let svg = MapSVG(answer.text)
        XCTAssertEqual(svg.legendFills.filter { $0.key.hasSuffix("Spot") || $0.key == "No Pattern Detected" },
                       ["New Hot Spot": "#fee0d2", "No Pattern Detected": "#f0f0f0"], "exactly the two patterns drawn")
        XCTAssertEqual(svg.regions.count, 25)
        for region in svg.regions {
            XCTAssertEqual(region.pattern, expected[region.id], region.id)
            XCTAssertEqual(region.fill, region.pattern == "New Hot Spot" ? "#fee0d2" : "#f0f0f0", region.id)
        }
        XCTAssertEqual(svg.tags("<rect class=\"bin\"").count, 0)
        XCTAssertEqual(answer.report.patterns?.count, 25)
    }

    func testReportedInGrid10kmCellsIsDrawnOverGreyLand() throws {
        let input = MapRenderedFormatsCLITests.reported
        let request = MapRequest(input: query(input), places: try PlaceSource(argument: "grid:10km"), window: try TimeWindow(parsing: "week"),
                                 near: NearBorder(border: "AFG-TJK", within: [try Distance(parsing: "75km")]), style: .choropleth,
                                 alertLegendSuffix: MapParityTests.alertSuffix)
        let answer = try request.open().run()
        XCTAssertEqual(answer.text, try cli([input, "--near", "AFG-TJK", "--within", "75km", "--regions", "grid:10km", "--style", "choropleth"], "g.html"))
        MapLandCLITests.checkLandUnderCells(MapSVG(answer.text))
    }

    func testOutliersInIranAreLeftOutOfTheViewAndCounted() throws {
        let input = try write(MapLabelsAndPrintCLITests.outliersInIran, "k.csv")
        let request = MapRequest(input: query(input), window: try TimeWindow(parsing: "week"), style: .choropleth, alertLegendSuffix: MapParityTests.alertSuffix)
        let answer = try request.open().run()
        XCTAssertEqual(answer.text, try cli([input, "--style", "choropleth"], "k.html"))
        let box = try XCTUnwrap(answer.report.locatedBox)
        XCTAssertEqual(box.minX, 68.5, accuracy: 1e-9)
        XCTAssertEqual(box.maxX, 70.4, accuracy: 1e-9)
        XCTAssertEqual(box.minY, 36.5, accuracy: 1e-9)
        XCTAssertEqual(box.maxY, 37.4, accuracy: 1e-9)
        XCTAssertEqual(answer.mapped, 202)
        XCTAssertTrue(answer.text.contains("<p class=\"caption view-note\">2 of 202 incidents lie outside this view: the view spans the 1st to 99th percentile of incident positions.</p>"))
    }

    func testFourIncidentsNearAFGTJKNameTheBordersProvinces() throws {
        let input = try write(MapParityTests.four, "four.csv")
        let request = MapRequest(input: query(input), window: try TimeWindow(parsing: "week"),
                                 near: NearBorder(border: "AFG-TJK", within: [try Distance(parsing: "75km")]), alertLegendSuffix: MapParityTests.alertSuffix)
        let answer = try request.open().run()
        XCTAssertEqual(answer.text, try cli([input, "--near", "AFG-TJK", "--within", "75km"], "f.html"))
        let svg = MapSVG(answer.text)
        let provinces = svg.labels.filter { $0.contains(":") }
        XCTAssertTrue(provinces.isSuperset(of: ["AFG:Badakhshan", "AFG:Takhar", "AFG:Kunduz", "TJK:Khatlon", "TJK:Gorno-Badakhshan"]), "\(provinces.sorted())")
        XCTAssertEqual(Set(provinces.map { String($0.prefix(3)) }), ["AFG", "TJK"])
        XCTAssertFalse(svg.text.contains("lie outside this view"), "the zone holds every mapped incident")
        XCTAssertFalse(svg.text.contains(" classes"))
    }
}
