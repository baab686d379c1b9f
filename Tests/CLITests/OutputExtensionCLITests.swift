import Foundation
import XCTest
import Frontier

/// The extension of `--out` decides what the file holds (issue 27, item 5): `buffer --out buf.gpkg` wrote
/// GeoJSON and `buf.shp` too; now `.gpkg` is a GeoPackage layer GDAL opens (buffer, regions, borders), and an
/// extension a command cannot write is exit 64 listing those it can, with nothing written.
final class OutputExtensionCLITests: FolderTestCase {
    private static let reported = NearCLITests.reported
    private static let ogrinfo = "/usr/bin/ogrinfo"

    private func ogrinfo(_ args: [String]) throws -> String {
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.ogrinfo),
                          "ogrinfo (Debian gdal-bin) is not installed: `make test` installs it")
        let (status, output) = try ExternalTool.run(Self.ogrinfo, args)
        XCTAssertEqual(status, 0, output)
        return output
    }

    func testBufferOutBufGpkgIsAGeoPackageGDALOpens() throws {
        try run(["buffer", "--border", "AFG-TJK", "--within", "25km", "--out", path("buf.gpkg")], 0)
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: path("buf.gpkg"))).prefix(16)), Array("SQLite format 3\0".utf8))
        let info = try ogrinfo(["-al", "-geom=SUMMARY", "-q", path("buf.gpkg")])
        XCTAssertTrue(info.contains("Layer name: zone"), info)
        XCTAssertTrue(info.contains("zone (String) = AFG-TJK"), info)
        XCTAssertTrue(info.contains("area_km2 (Real) = 54873.3"), "the area the GeoJSON output gives: \(info)")
        XCTAssertTrue(info.contains("POLYGON : "), info)
    }

    func testRegionsAndBordersOutGpkgHoldTheirRows() throws {
        try run(["regions", "--border", "AFG-TJK", "--out", path("r.gpkg")], 0)
        let regions = try ogrinfo(["-al", "-geom=NO", "-q", path("r.gpkg")])
        XCTAssertEqual(regions.components(separatedBy: "region_id (String) = ").dropFirst().map { String($0.prefix { $0 != "\n" }) },
                       ["AFG:Badakhshan", "AFG:Balkh", "AFG:Kunduz", "AFG:Takhar", "TJK:Gorno-Badakhshan", "TJK:Khatlon"])
        XCTAssertTrue(regions.contains("area_km2 (Real) = 43552.6"), regions)
        try run(["borders", "--out", path("b.gpkg")], 0)
        let tajik = try ogrinfo(["-al", "-geom=SUMMARY", "-q", path("b.gpkg"), "-where", "border_id='AFG-TJK'"])
        XCTAssertTrue(tajik.contains("length_km (Real) = 1314.7"), tajik)
        XCTAssertTrue(tajik.contains("parts (Integer64) = 1"), tajik)
        XCTAssertTrue(tajik.contains("LINESTRING : 1861 points"), tajik)
    }

    /// Through a symbolic link the GeoPackage replaces the link's target, as every output does.
    func testGpkgThroughASymlinkReplacesItsTarget() throws {
        let target = try write("old", "target.gpkg")
        try FileManager.default.createSymbolicLink(atPath: path("link.gpkg"), withDestinationPath: target)
        try run(["buffer", "--region", "TJK:Khatlon", "--within", "5km", "--out", path("link.gpkg")], 0)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.gpkg")), target)
        XCTAssertTrue(try ogrinfo(["-so", target, "zone"]).contains("Feature Count: 1"))
    }

    func testExtensionsACommandCannotWriteAreUsageErrors() throws {
        let cases: [([String], String)] = [
            (["buffer", "--border", "AFG-TJK", "--within", "25km", "--out", path("buf.shp")],
             "cannot write a shapefile (.shp) as --out \(path("buf.shp")): this command writes .geojson, .wkt or .gpkg"),
            (["near", Self.reported, "--border", "AFG-TJK", "--within", "50km", "--out", path("n.gpkg")],
             "cannot write a GeoPackage (.gpkg) as --out \(path("n.gpkg")): this command writes .csv, .txt (table), .json, .geojson or .geojsonl"),
            (["aggregate", Self.reported, "--window", "month", "--out", path("a.pdf")],
             "cannot write a PDF document (.pdf) as --out \(path("a.pdf"))"),
            (["aggregate", Self.reported, "--window", "month", "--format", "csv", "--out", path("a.geojson")],
             "--format csv does not match --out \(path("a.geojson")), whose extension says geojson"),
            (["buffer", "--border", "AFG-TJK", "--within", "25km", "--format", "wkt", "--out", path("z.geojson")],
             "--format wkt does not match --out \(path("z.geojson")), whose extension says geojson"),
            (["synth", "--count", "10", "--out", path("s.geojson")],
             "cannot write GeoJSON (.geojson) as --out \(path("s.geojson")): this command writes .csv"),
        ]
        for (args, message) in cases {
            let r = try run(args, 64, says: message)
            XCTAssertEqual(r.stdout, "")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "nothing written")
    }

    /// What each extension writes, checked on its first bytes.
    func testEachExtensionWritesItsFormat() throws {
        try run(["buffer", "--border", "AFG-TJK", "--within", "25km", "--out", path("z.wkt")], 0)
        XCTAssertTrue(try String(contentsOfFile: path("z.wkt"), encoding: .utf8).hasPrefix("POLYGON (("))
        try run(["buffer", "--border", "AFG-TJK", "--within", "25km", "--out", path("z.json")], 0)
        XCTAssertTrue(try String(contentsOfFile: path("z.json"), encoding: .utf8).hasPrefix("{\"type\":\"FeatureCollection\""))
        try run(["regions", "--country", "TJK", "--out", path("r.txt")], 0)
        XCTAssertTrue(try String(contentsOfFile: path("r.txt"), encoding: .utf8).hasPrefix("region_id "), "the table")
    }
}
