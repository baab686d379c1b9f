import Foundation
import XCTest

/// `frontier map --layer hotspots` (issue 27, item 11): the map draws the patterns only (no count cells or
/// points in the same reds over them), every fill drawn is a legend entry, the legend lists exactly the
/// patterns drawn, and each cell's or region's fill is the pattern `frontier hotspots --summary` finds for it.
final class MapHotspotLayerCLITests: FolderTestCase {
    static let artefacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/test-artefacts")

    /// The input: 100,000 synthetic rows (seed 42), and those within 25 km of AFG-TJK as `near` keeps them.
    private func synthNearAFGTJK() throws -> (all: String, near: String) {
        let all = path("s.csv"), near = path("n.csv")
        try run(["synth", "--count", "100000", "--seed", "42", "--out", all], 0)
        try run(["near", all, "--border", "AFG-TJK", "--within", "25km", "--out", near], 0)
        return (all, near)
    }

    /// `hotspots --summary`'s pattern per region or cell.
    private func summaryPatterns(_ args: [String]) throws -> [String: String] {
        let r = try run(["hotspots"] + args + ["--window", "month", "--distance", "15km", "--summary", "--format", "csv"], 0)
        return Dictionary(uniqueKeysWithValues: records(r.stdout).map { ($0["region_id"] ?? "", $0["pattern"] ?? "") })
    }

    /// The checks of the issue: patterns only, every fill a legend entry, the legend exactly the patterns drawn,
    /// and each place's fill its own pattern's.
    private func checkPatternsOnly(_ svg: MapSVG, expected: [String: String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(svg.tags("<rect class=\"bin\"").count, 0, "no count cells over the patterns", file: file, line: line)
        XCTAssertEqual(svg.circles.count, 0, "no incident points over the patterns", file: file, line: line)
        let legend = svg.legendFills
        let legendPatterns = Set(svg.legendItems.compactMap { MapSVG.attribute("data-pattern", in: $0.tag) })
        let drawnPatterns = Set(svg.regions.compactMap(\.pattern))
        XCTAssertEqual(legendPatterns, drawnPatterns, "the legend lists exactly the patterns drawn", file: file, line: line)
        for region in svg.regions {
            XCTAssertTrue(legend.values.contains(region.fill), "\(region.id)'s fill \(region.fill) is a legend entry", file: file, line: line)
            if let pattern = expected[region.id] {
                XCTAssertEqual(region.pattern, pattern, "\(region.id) is drawn with hotspots' pattern", file: file, line: line)
                XCTAssertEqual(region.fill, legend[pattern], "\(region.id) is filled with \(pattern)'s colour", file: file, line: line)
            } else {
                XCTAssertNil(region.pattern, "\(region.id) was not analysed", file: file, line: line)
                XCTAssertEqual(region.fill, legend["no incidents (not analysed)"], file: file, line: line)
            }
        }
    }

    func testSynth100kNearAFGTJKOnGrid10kmDrawsPatternsOnly() throws {
        let (all, near) = try synthNearAFGTJK()
        let args = [all, "--near", "AFG-TJK", "--within", "25km", "--layer", "hotspots", "--regions", "grid:10km", "--distance", "15km", "--window", "month"]
        let r = try run(["map"] + args + ["--out", path("h.html")], 0)
        XCTAssertTrue(r.stderr.contains("mapped 14325 incidents by region"), r.stderr)
        let svg = MapSVG(try String(contentsOfFile: path("h.html"), encoding: .utf8))
        let expected = try summaryPatterns([near, "--regions", "grid:10km"])
        XCTAssertEqual(expected.count, 594, "hotspots' cube of 594 cells")
        XCTAssertEqual(Set(svg.regions.map(\.id)), Set(expected.keys), "every analysed cell is drawn, and only those")
        checkPatternsOnly(svg, expected: expected)
        XCTAssertEqual(Set(svg.regions.compactMap(\.pattern)), Set(expected.values))
        XCTAssertTrue(Set(expected.values).isSuperset(of: ["Consecutive Hot Spot", "No Pattern Detected"]), "\(Set(expected.values))")

        // The same map rendered headless (the issue asks the tests to look at it): a picture of the map at twice
        // its size, kept under .build/test-artefacts for a person to look at.
        try MapRenderedFormatsCLITests.requireChromium()
        try run(["map"] + args + ["--out", path("h.png")], 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: path("h.png")))
        XCTAssertEqual(Array(png.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        let height = try XCTUnwrap(MapRenderedFormatsCLITests.svgHeight(svg.text))
        XCTAssertEqual(MapRenderedFormatsCLITests.pngSize(png).width, 1920)
        XCTAssertEqual(MapRenderedFormatsCLITests.pngSize(png).height, 2 * Int(height.rounded(.up)))
        XCTAssertGreaterThan(png.count, 100_000, "a drawn map of 594 cells, not a blank page")
        try? FileManager.default.createDirectory(at: Self.artefacts, withIntermediateDirectories: true)
        try? png.write(to: Self.artefacts.appendingPathComponent("map-hotspots-grid10km.png"))
    }

    /// Without --regions the places are provinces: the map was red with count cells under a legend of "No
    /// Pattern Detected" alone.
    func testSynth100kNearAFGTJKOnProvincesDrawsPatternsOnly() throws {
        let (all, near) = try synthNearAFGTJK()
        try run(["map", all, "--near", "AFG-TJK", "--within", "25km", "--layer", "hotspots", "--distance", "15km", "--window", "month",
                 "--out", path("p.html")], 0)
        let svg = MapSVG(try String(contentsOfFile: path("p.html"), encoding: .utf8))
        let expected = try summaryPatterns([near])
        XCTAssertFalse(expected.isEmpty)
        checkPatternsOnly(svg, expected: expected)
        for (id, pattern) in expected { XCTAssertTrue(svg.regions.contains { $0.id == id && $0.pattern == pattern }, "\(id) drawn as \(pattern)") }
        XCTAssertFalse(svg.text.contains("<g class=\"cells\""))
    }
}
