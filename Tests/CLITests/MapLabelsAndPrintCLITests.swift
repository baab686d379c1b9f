import Foundation
import XCTest

/// The cartography an analyst asked for (issue 27, item 13): every province of the border's two countries in
/// view named, labels clear of incident symbols, a legend without "N classes" or "r 18 px", graticule labels of
/// at least 11 px, a print stylesheet that keeps the map on one page and each heading with its chart, and a
/// view that leaves out the outermost 1% of incident positions when nothing focuses it, saying how many lie
/// outside.
final class MapLabelsAndPrintCLITests: FolderTestCase {
    static let reported = MapRenderedFormatsCLITests.reported
    static let ucdp = MapCartographyTests.ucdp

    /// 200 incidents over Kunduz and Takhar (a 20 × 10 grid, 0.1° apart) and two placed in western Iran,
    /// 1,500 km away: the two decide the view on main.
    static let outliersInIran: String = {
        var text = "event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n"
        for i in 0..<20 {
            for j in 0..<10 { text += "K\(i * 10 + j),2025-11-\(10 + j),Battles,\(36.5 + Double(j) * 0.1),\(68.5 + Double(i) * 0.1),1\n" }
        }
        return text + "IR1,2025-11-20,Battles,35.70,51.40,1\nIR2,2025-11-21,Battles,34.30,47.10,0\n"
    }()

    private func map(_ args: [String], _ name: String) throws -> (svg: MapSVG, html: String) {
        try run(["map"] + args + ["--out", path(name)], 0)
        let html = try String(contentsOfFile: path(name), encoding: .utf8)
        return (MapSVG(html), html)
    }

    func testReportedNearAFGTJKNamesEveryProvinceOfBothCountriesInView() throws {
        let (svg, _) = try map([Self.reported, "--near", "AFG-TJK", "--within", "75km"], "r.html")
        let provinces = svg.labels.filter { $0.contains(":") }
        // Before, only the two with incidents (Khatlon, Gorno-Badakhshan) were named.
        XCTAssertTrue(provinces.isSuperset(of: ["TJK:Khatlon", "TJK:Gorno-Badakhshan", "TJK:Sughd", "TJK:Districts of Republican Subordination",
                                                "AFG:Badakhshan", "AFG:Takhar", "AFG:Kunduz", "AFG:Balkh", "AFG:Baghlan", "AFG:Samangan"]), "\(provinces.sorted())")
        XCTAssertEqual(Set(provinces.map { String($0.prefix(3)) }), ["AFG", "TJK"], "only the border's two countries' provinces")
    }

    /// 1,500 synthetic incidents drawn as points: 50 labels lay over incident circles before.
    func testSynth1500LabelsKeepClearOfIncidentSymbols() throws {
        try run(["synth", "--count", "1500", "--seed", "11", "--out", path("s.csv")], 0)
        let (svg, _) = try map([path("s.csv")], "s.html")
        let circles = svg.circles, boxes = svg.labelBoxes
        XCTAssertEqual(circles.count, 1500)
        XCTAssertGreaterThan(boxes.count, 20, "the map is still named")
        for b in boxes {
            let covered = circles.filter { $0.x + $0.r > b[0] && $0.x - $0.r < b[0] + b[2] && $0.y + $0.r > b[1] && $0.y - $0.r < b[1] + b[3] }
            XCTAssertEqual(covered.count, 0, "label at \(b) lies over \(covered.count) incident(s)")
        }
    }

    func testReportedLegendGraticuleAndPrintStylesheet() throws {
        let (svg, html) = try map([Self.reported], "r.html")
        let headings = svg.tags("<text class=\"legend-heading\"")
        XCTAssertEqual(headings.count, 3)
        XCTAssertTrue(svg.text.contains(">Incidents per region, whole period: natural breaks (Fisher–Jenks)</text>"), "the method, not a class count")
        XCTAssertNil(svg.text.range(of: "[0-9]+ class(es)?\\b", options: .regularExpression), "no \"1 class\" / \"2 classes\"")
        XCTAssertFalse(svg.text.contains(" px)"), "no \"r 18 px\"")
        // The size key draws its circles at the map's sizes: 100 fatalities is a circle of radius 17.5 px.
        let sizes = svg.legendItems.filter { $0.text.hasSuffix(" fatalities") }
        XCTAssertEqual(sizes.map(\.text), ["0 fatalities", "10 fatalities", "100 fatalities"])
        XCTAssertEqual(sizes.compactMap { MapSVG.attribute("data-radius", in: $0.tag) }, ["2.5", "7.2", "17.5"])
        XCTAssertEqual(svg.tags("<circle class=\"size\"").compactMap { MapSVG.attribute("r", in: $0) }, ["2.5", "7.2", "17.5"], "drawn at those sizes")
        // Graticule labels at 11 px.
        let graticule = try XCTUnwrap(svg.tags("<g class=\"graticule-labels\"").first)
        XCTAssertEqual(MapSVG.attribute("font-size", in: graticule), "11")
        // Print: headings stay with what follows them, the chart with its heading, the map on one page.
        XCTAssertTrue(html.contains("@media print {"))
        XCTAssertTrue(html.contains("h1, h2 { break-after: avoid; page-break-after: avoid; }"))
        XCTAssertTrue(html.contains(".figure { break-inside: avoid; page-break-inside: avoid; }"))
        XCTAssertTrue(html.contains("svg.map { display: block; width: auto; max-width: 100%; max-height: 64vh;"))
        XCTAssertTrue(html.contains("<div class=\"figure chart-figure\">\n<h2>Incidents per week, busiest regions</h2>\n"))
        XCTAssertTrue(html.contains("<div class=\"figure map-figure\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\""))
    }

    func testOutliersInIranDoNotDecideTheView() throws {
        let (svg, html) = try map([try write(Self.outliersInIran, "k.csv"), "--style", "choropleth"], "k.html")
        let view = svg.view
        XCTAssertEqual(view.count, 4)
        // The 200 lie in 68.5–70.4°E, 36.5–37.4°N: the view is theirs with its margin, not Iran's.
        XCTAssertGreaterThan(view[0], 67.5, "\(view)")
        XCTAssertLessThan(view[2], 71.5, "\(view)")
        let note = "2 of 202 incidents lie outside this view: the view spans the 1st to 99th percentile of incident positions"
        XCTAssertTrue(svg.text.contains(">\(note)</text>"), "the legend says so (and the PNG with it)")
        XCTAssertTrue(html.contains("<p class=\"caption view-note\">\(note).</p>"), "and the page's caption")
        // Focused on an extent that holds them all, nothing lies outside and nothing is said.
        let (all, _) = try map([path("k.csv"), "--extent", "46,33,71,38", "--style", "choropleth"], "all.html")
        XCTAssertFalse(all.text.contains("lie outside this view"))
    }

    func testUCDPSampleNoLongerSpansIran() throws {
        guard FileManager.default.fileExists(atPath: Self.ucdp) else {
            throw XCTSkip("../shared/realdata is absent: the UCDP view case needs the shared sample (ucdp_ged_afghanistan_region.csv)")
        }
        let (svg, _) = try map([Self.ucdp], "u.html")
        XCTAssertGreaterThan(svg.view[0], 55, "Iran's west (44–55°E) is out of the view: \(svg.view)")
        XCTAssertTrue(svg.text.contains(">3 of 200 incidents lie outside this view: the view spans the 1st to 99th percentile of incident positions</text>"))
    }
}
