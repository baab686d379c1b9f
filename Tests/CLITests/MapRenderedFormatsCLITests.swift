import Foundation
import XCTest

/// `frontier map --out x.png|x.pdf` (issue 27, item 5): the extension decides the format. A PNG or PDF is
/// rendered by headless Chromium and written through the same output checks as any file; without Chromium
/// the command fails saying so; an extension no map is written as is a usage error listing those that are.
final class MapRenderedFormatsCLITests: FolderTestCase {
    static let reported = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData/incidents-reported.csv").path

    /// Headless Chromium as the engine looks for it; the test is skipped, saying why, when it is absent.
    static func requireChromium() throws {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        let found = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"].contains { name in
            path.contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(name)") }
        }
        try XCTSkipUnless(found, "headless Chromium is not on PATH (Debian: apt install chromium): PNG and PDF maps cannot be rendered here")
    }

    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ png: Data) -> (width: Int, height: Int) {
        let b = [UInt8](png.prefix(24))
        guard b.count == 24 else { return (0, 0) }
        func int(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (int(16), int(20))
    }

    /// The SVG map's height attribute, in pixels.
    static func svgHeight(_ svg: String) -> Double? {
        guard let r = svg.range(of: " height=\"") else { return nil }
        return Double(svg[r.upperBound...].prefix { $0 != "\"" })
    }

    func testMapPNGIsAPictureOfTheSVGMapAtTwiceItsSize() throws {
        try Self.requireChromium()
        let r = try run(["map", Self.reported, "--out", path("m.png")], 0)
        XCTAssertTrue(r.stderr.contains("mapped 4 incidents as points → \(path("m.png"))"), r.stderr)
        let png = try Data(contentsOf: URL(fileURLWithPath: path("m.png")))
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "the PNG signature, not HTML")
        // The same map as SVG: the picture is its size, doubled (960 px wide, its height rounded up).
        try run(["map", Self.reported, "--out", path("m.svg")], 0)
        let svg = try String(contentsOfFile: path("m.svg"), encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "the .svg extension writes the SVG map")
        let height = try XCTUnwrap(Self.svgHeight(svg))
        XCTAssertEqual(Self.pngSize(png).width, 1920)
        XCTAssertEqual(Self.pngSize(png).height, 2 * Int(height.rounded(.up)))
        XCTAssertGreaterThan(png.count, 50_000, "a drawn map, not a blank page")
    }

    func testMapPDFIsTheReportPrinted() throws {
        try Self.requireChromium()
        try run(["map", Self.reported, "--out", path("r.pdf")], 0)
        let pdf = try Data(contentsOf: URL(fileURLWithPath: path("r.pdf")))
        XCTAssertEqual(String(decoding: pdf.prefix(5), as: UTF8.self), "%PDF-")
        XCTAssertFalse(String(decoding: pdf.prefix(200), as: UTF8.self).contains("<!DOCTYPE"))
        XCTAssertGreaterThan(pdf.count, 20_000)
    }

    func testWithoutChromiumThePNGIsAnErrorThatSaysSo() throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = path("empty-bin")
        try FileManager.default.createDirectory(atPath: path("empty-bin"), withIntermediateDirectories: true)
        for name in ["m.png", "r.pdf"] {
            let r = try FrontierBinary.run(["map", Self.reported, "--out", path(name)], environment: environment)
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("Error: a PNG or PDF is rendered by headless Chromium, and none was found "
                                            + "(looked for chromium, chromium-browser, google-chrome, google-chrome-stable on PATH)"), r.stderr)
            XCTAssertTrue(r.stderr.contains("--out x.html and x.svg need nothing more"), r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path(name)), "nothing written under a name that promises a picture")
        }
        // HTML needs no browser.
        XCTAssertEqual(try FrontierBinary.run(["map", Self.reported, "--out", path("r.html")], environment: environment).status, 0)
    }

    func testAnExtensionNoMapIsWrittenAsIsAUsageErrorListingThoseThatAre() throws {
        for (name, says) in [("m.txt", "cannot write text (.txt) as"), ("m.gpkg", "cannot write a GeoPackage (.gpkg) as"),
                             ("m.jpg", "cannot tell an output format from '.jpg' in")] {
            try run(["map", Self.reported, "--out", path(name)], 64, says: "\(says) --out \(path(name)): ")
            XCTAssertTrue(try run(["map", Self.reported, "--out", path(name)], 64).stderr.contains(".html, .svg, .png or .pdf"))
            XCTAssertFalse(FileManager.default.fileExists(atPath: path(name)))
        }
        // --format and a known extension that disagree would write one format under the other's name.
        try run(["map", Self.reported, "--format", "png", "--out", path("m.html")], 64,
                says: "--format png does not match --out \(path("m.html")), whose extension says html")
        // A name without an extension says nothing: HTML, as before.
        try run(["map", Self.reported, "--out", path("report")], 0)
        XCTAssertTrue(try String(contentsOfFile: path("report"), encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    /// Chromium writes into its own temporary folder; the bytes reach --out through the checks every output
    /// passes: a link is followed (and stays a link), a FIFO gets the bytes, the input is never overwritten.
    func testRenderedOutputsKeepTheOutputPathSafety() throws {
        try Self.requireChromium()
        let input = path("in.csv")
        try FileManager.default.copyItem(atPath: Self.reported, toPath: input)
        let before = try Data(contentsOf: URL(fileURLWithPath: input))
        try FileManager.default.createSymbolicLink(atPath: path("input.png"), withDestinationPath: input)
        try run(["map", input, "--out", path("input.png")], 64, says: "is the incidents file this command reads")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: input)), before, "the input is untouched")
        // A store read as the input is refused as an output, through a link named like a picture.
        try run(["import", input, "--store", path("s.gpkg")], 0)
        let store = try Data(contentsOf: URL(fileURLWithPath: path("s.gpkg")))
        try FileManager.default.createSymbolicLink(atPath: path("store.pdf"), withDestinationPath: path("s.gpkg"))
        try run(["map", path("s.gpkg"), "--out", path("store.pdf")], 64, says: "is the incidents file this command reads")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path("s.gpkg"))), store, "the store is untouched")

        try Data("old".utf8).write(to: URL(fileURLWithPath: path("target.png")))
        try FileManager.default.createSymbolicLink(atPath: path("link.png"), withDestinationPath: path("target.png"))
        try run(["map", input, "--out", path("link.png")], 0)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.png")), path("target.png"), "the link stays a link")
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: path("target.png"))).prefix(4)), [0x89, 0x50, 0x4E, 0x47])

        let fifo = path("pipe.pdf")
        let got = try readingFIFO(fifo) { try run(["map", input, "--out", fifo], 0) }
        XCTAssertEqual(String(decoding: got.prefix(5), as: UTF8.self), "%PDF-", "the FIFO's reader gets the PDF")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "no temporary file left beside the outputs")
    }
}
