import Foundation
import XCTest
import Frontier

/// The map asked of the engine directly (`MapRequest`) and of `frontier map` with the same choices: the
/// document is the same byte for byte, so the command adds nothing to the answer but its flags and its
/// printing. Plus values worked out by hand for a small input, and the request's own checks.
final class MapParityTests: FolderTestCase {
    /// Four incidents: one each near the AFG-TJK border in Badakhshan, Gorno-Badakhshan and Khatlon (the
    /// last placed only to its province, geo_precision 3), and one in Kabul, over 300 km from the border.
    static let four = """
        event_id_cnty,event_date,event_type,country,admin1,location,latitude,longitude,geo_precision,fatalities
        A1,2026-01-05,Battles,Afghanistan,Badakhshan,Ishkashim,36.71,71.61,1,2
        A2,2026-01-20,Riots,Tajikistan,Gorno-Badakhshan,Khorog,37.49,71.55,1,0
        A3,2026-02-03,Battles,Tajikistan,Khatlon,Panj,37.24,69.10,3,1
        A4,2026-02-04,Battles,Afghanistan,Kabul,Kabul,34.53,69.17,1,5

        """

    /// The legend words the command line adds, as it passes them.
    static let alertSuffix = " (frontier trends)"

    private func synth(_ count: Int, seed: Int) throws -> String {
        let input = path("s.csv")
        XCTAssertEqual(try FrontierBinary.run(["synth", "--count", "\(count)", "--seed", "\(seed)", "--out", input]).status, 0)
        return input
    }

    /// Runs `frontier map` with `args` writing `name`, and returns its stderr and the file's bytes.
    private func cli(_ args: [String], out name: String) throws -> (stderr: String, document: Data) {
        let r = try FrontierBinary.run(["map"] + args + ["--out", path(name)])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (r.stderr, try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    private func query(_ input: String) -> IncidentQuery { IncidentQuery(path: input, format: .csv) }

    func testChoroplethNearABorderWithTheHotspotLayerIsTheCommandsDocument() throws {
        let input = try synth(1500, seed: 11)
        let (stderr, document) = try cli([input, "--near", "AFG-TJK", "--within", "50km", "--style", "choropleth", "--layer", "hotspots",
                                          "--distance", "60km", "--window", "month"], out: "h.html")
        let request = MapRequest(input: query(input), window: try TimeWindow(parsing: "month"),
                                 near: NearBorder(border: "AFG-TJK", within: [try Distance(parsing: "50km")]), style: .choropleth,
                                 layer: .hotspots(distance: try Distance(parsing: "60km"), timeLag: 1), alertLegendSuffix: Self.alertSuffix)
        let answer = try request.open().run()
        XCTAssertEqual(Data(answer.text.utf8), document, "the engine's document is the command's file, byte for byte")
        XCTAssertEqual(answer.resolvedStyle, .choropleth)
        XCTAssertTrue(stderr.contains("mapped \(answer.mapped) incidents by region"), stderr)
        XCTAssertEqual(answer.summary.read, 1500)
        XCTAssertEqual(answer.report.patternMethod,
                       "Gi* with neighbours within 60km and 1 window back, FDR-corrected at 95%, Mann-Kendall trends, by month")
        XCTAssertEqual(answer.report.zoneLabel, "within 50km of AFG-TJK (geodesic)")
        XCTAssertEqual(answer.report.highlightedBorder, "AFG-TJK")
        XCTAssertEqual(answer.report.alertLegend, "surge or rising threat at the last date (frontier trends)")
        XCTAssertNotNil(answer.report.patterns)
        XCTAssertEqual(answer.notices, [])
    }

    func testQuantileClassesAsSVGAreTheCommandsDocument() throws {
        let input = try synth(1500, seed: 11)
        let (_, document) = try cli([input, "--near", "AFG-PAK", "--within", "40km", "--style", "choropleth", "--classes", "4",
                                     "--breaks", "quantiles", "--format", "svg"], out: "c.svg")
        let request = MapRequest(input: query(input), window: try TimeWindow(parsing: "week"),
                                 near: NearBorder(border: "AFG-PAK", within: [try Distance(parsing: "40km")]), style: .choropleth,
                                 classes: 4, breaks: .quantiles, format: .svg, alertLegendSuffix: Self.alertSuffix)
        let answer = try request.open().run()
        XCTAssertEqual(Data(answer.text.utf8), document)
        XCTAssertTrue(answer.text.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        // Four classes in the legend, the last ending at the busiest region's count.
        let maxima = answer.text.components(separatedBy: "data-max=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(maxima.count, 4, answer.text)
        XCTAssertEqual(maxima.last, try answer.report.regionTotals().values.map(\.events).max())
    }

    func testFourIncidentsWorkedOutByHand() throws {
        let input = try write(Self.four, "four.csv")
        let (stderr, document) = try cli([input, "--near", "AFG-TJK", "--within", "75km", "--style", "choropleth"], out: "f.html")
        XCTAssertTrue(stderr.contains("read 4, rejected 0, unmatched 0; mapped 3 incidents by region"), stderr)
        let request = MapRequest(input: query(input), window: try TimeWindow(parsing: "week"),
                                 near: NearBorder(border: "AFG-TJK", within: [try Distance(parsing: "75km")]), style: .choropleth,
                                 alertLegendSuffix: Self.alertSuffix)
        let answer = try request.open().run()
        XCTAssertEqual(Data(answer.text.utf8), document)
        // Kabul lies far from the border: three incidents are mapped, one per province.
        XCTAssertEqual(answer.mapped, 3)
        let totals = try answer.report.regionTotals()
        let byID = Dictionary(uniqueKeysWithValues: totals.map { (answer.report.regions.regions[$0.key].id, [$0.value.events, $0.value.fatalities]) })
        XCTAssertEqual(byID.filter { $0.value[0] > 0 }, ["AFG:Badakhshan": [1, 2], "TJK:Gorno-Badakhshan": [1, 0], "TJK:Khatlon": [1, 1]])
        XCTAssertEqual(answer.report.precision3, 1)
        XCTAssertEqual(answer.report.firstDate?.description, "2026-01-05")
        XCTAssertEqual(answer.report.lastDate?.description, "2026-02-03")
        XCTAssertEqual(answer.report.sourceLine, "four.csv, 4 rows read, 0 rejected, 3 mapped")
        XCTAssertTrue(answer.text.contains("data-region=\"TJK:Khatlon\" data-events=\"1\" data-fatalities=\"1\""))
    }

    func testNothingMatchedIsANotice() throws {
        let input = try write(Self.four, "four.csv")
        var request = MapRequest(input: query(input), window: try TimeWindow(parsing: "week"))
        request.input.filter = IncidentFilter(equals: [IncidentFilter.Condition(column: "admin1", value: "nowhere")])
        let answer = try request.open().run()
        XCTAssertEqual(answer.mapped, 0)
        XCTAssertEqual(answer.notices, [.noIncidentMatched])
    }

    func testTheRequestChecksItself() throws {
        let input = try write(Self.four, "four.csv")
        let week = try TimeWindow(parsing: "week")
        func problem(_ request: MapRequest) -> RequestProblem? {
            do { _ = try request.open() } catch FrontierError.request(let p) { return p } catch { XCTFail("\(error)") }
            return nil
        }
        XCTAssertEqual(problem(MapRequest(input: query(input), window: week, classes: 9)), .classCount(9))
        XCTAssertEqual(problem(MapRequest(input: query(input), window: try TimeWindow(parsing: "all"))), .seriesWithoutWindows)
        XCTAssertEqual(problem(MapRequest(input: query(input), window: week, layer: .hotspots(distance: try Distance(parsing: "15km"), timeLag: 101))),
                       .timeLag(101))
        let bands = NearBorder(border: "AFG-TJK", within: [try Distance(parsing: "10km"), try Distance(parsing: "25km")])
        XCTAssertEqual(problem(MapRequest(input: query(input), window: week, near: bands)), .severalZoneDistances)
        let far = try Distance(parsing: "1500km")
        XCTAssertEqual(problem(MapRequest(input: query(input), window: week, near: NearBorder(border: "AFG-TJK", within: [far]))),
                       .zoneTooFarToDraw(far, limit: BufferZone.maxDistance))
        let grid = try PlaceSource(argument: "grid:25km")
        XCTAssertEqual(problem(MapRequest(input: query(input), places: grid, chosen: ["Badakhshan"], window: week)),
                       .regionsNamedWithGrid(grid: "grid:25km"))
    }

    // MARK: - Item 5: PNG and PDF through headless Chromium

    func testPNGRequestIsAPictureOfTheSVGMap() throws {
        try MapRenderedFormatsCLITests.requireChromium()
        let input = try write(Self.four, "four.csv")
        let week = try TimeWindow(parsing: "week")
        let svg = try MapRequest(input: query(input), window: week, format: .svg).open().run()
        let answer = try MapRequest(input: query(input), window: week, format: .png).open().run()
        XCTAssertEqual(Array(answer.document.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
        // The page Chromium was shown holds exactly the SVG map.
        XCTAssertTrue(answer.text.contains(svg.text), "the picture's page holds the SVG map")
        let height = try XCTUnwrap(MapRenderedFormatsCLITests.svgHeight(svg.text))
        XCTAssertEqual(MapRenderedFormatsCLITests.pngSize(answer.document).width, 1920)
        XCTAssertEqual(MapRenderedFormatsCLITests.pngSize(answer.document).height, 2 * Int(height.rounded(.up)))
        let pdf = try MapRequest(input: query(input), window: week, format: .pdf).open().run()
        XCTAssertEqual(String(decoding: pdf.document.prefix(5), as: UTF8.self), "%PDF-")
        XCTAssertTrue(pdf.text.hasPrefix("<!DOCTYPE html>"), "the PDF prints the report page")
        // HTML and SVG need no browser: their bytes are their text.
        XCTAssertEqual(svg.document, Data(svg.text.utf8))
    }

    func testPNGRequestWithoutChromiumFailsBeforeReading() throws {
        let input = try write(Self.four, "four.csv")
        let request = MapRequest(input: query(input), window: try TimeWindow(parsing: "week"), format: .png, chromium: path("no-chromium"))
        XCTAssertThrowsError(try request.open()) { error in
            XCTAssertEqual(error as? FrontierError, .rendererUnavailable(looked: [self.path("no-chromium")]))
        }
        XCTAssertThrowsError(try HeadlessChromium(searchPath: path("empty"))) { error in
            XCTAssertEqual(error as? FrontierError, .rendererUnavailable(looked: ["chromium, chromium-browser, google-chrome, google-chrome-stable on PATH"]))
        }
        XCTAssertEqual(MapFormat(fileExtension: "PNG"), .png)
        XCTAssertEqual(MapFormat(fileExtension: "htm"), .html)
        XCTAssertNil(MapFormat(fileExtension: "jpg"))
    }
}
