import XCTest
import Geo
import Frontier
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierPostGIS

/// User region layers (`--regions FILE`): good ones load; bad ones fail naming the feature and the reason.
final class RegionFileTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func geojson(_ features: [String]) -> String {
        "{\"type\":\"FeatureCollection\",\"features\":[" + features.joined(separator: ",") + "]}"
    }

    private func load(_ text: String, key: String = "code", name: String = "label") throws -> RegionSet {
        let path = dir.appendingPathComponent("layer.geojson")
        try TestSupport.write(text, to: path)
        return try RegionSet.load(.file(path: path.path, keyField: key, nameField: name, countryField: nil, layer: nil))
    }

    let square = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"

    func testGoodLayerLoadsWithKeysAndNames() throws {
        let set = try load(geojson([
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"Z1\",\"label\":\"Zone one\"},\"geometry\":\(square)}",
            "{\"type\":\"Feature\",\"properties\":{\"code\":7,\"label\":\"Seven\"},\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[2,0],[3,0],[3,1],[2,1],[2,0]]]]}}",
        ]))
        XCTAssertEqual(set.regions.map(\.id), ["7", "Z1"])
        XCTAssertEqual(set.regions.map(\.name), ["Seven", "Zone one"])
        XCTAssertEqual(try set.locate(Coordinate(x: 0.5, y: 0.5)).map { set.regions[$0].id }, "Z1")
    }

    func testMissingKeyFieldNamesTheFeatureAndTheFields() {
        XCTAssertThrowsError(try load(geojson([
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"Z1\"},\"geometry\":\(square)}",
            "{\"type\":\"Feature\",\"properties\":{\"other\":\"x\"},\"geometry\":\(square)}",
        ]))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("layer.geojson feature 2"), text)
            XCTAssertTrue(text.contains("no key field 'code'"), text)
            XCTAssertTrue(text.contains("other"), "lists the fields it found: \(text)")
        }
    }

    func testNonPolygonFeatureIsRefused() {
        XCTAssertThrowsError(try load(geojson([
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"P\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}",
        ]))) { error in
            XCTAssertTrue("\(error)".contains("feature 1 (P): is a Point, not a Polygon"), "\(error)")
        }
    }

    func testMalformedGeometryIsRefused() {
        XCTAssertThrowsError(try load(geojson([
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"Q\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0]]]}}",
        ]))) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("feature 1: bad geometry"), text)
        }
    }

    func testInvalidPolygonIsRepairedAndReported() throws {
        let bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,10],[10,0],[0,10],[0,0]]]}"
        let set = try load(geojson(["{\"type\":\"Feature\",\"properties\":{\"code\":\"BT\"},\"geometry\":\(bowTie)}"]))
        XCTAssertEqual(set.repairs, ["layer.geojson feature 1 (BT): Self-intersection[5 5], repaired with MakeValid"])
        XCTAssertEqual(try set.regions[0].geometry.area(), 50, accuracy: 1e-9)
        XCTAssertNotNil(try set.locate(Coordinate(x: 2, y: 5)), "inside the left triangle")
        XCTAssertNil(try set.locate(Coordinate(x: 5, y: 2)), "between the triangles")
    }

    func testDuplicateKeysAreRefused() {
        XCTAssertThrowsError(try load(geojson([
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"D\"},\"geometry\":\(square)}",
            "{\"type\":\"Feature\",\"properties\":{\"code\":\"D\"},\"geometry\":\(square)}",
        ]))) { error in
            XCTAssertTrue("\(error)".contains("'D'"), "\(error)")
        }
    }

    func testNotJSONAndNotACollection() {
        XCTAssertThrowsError(try load("this is not json")) { XCTAssertTrue("\($0)".contains("not valid JSON"), "\($0)") }
        XCTAssertThrowsError(try load("{\"type\":\"Feature\"}")) { XCTAssertTrue("\($0)".contains("not a GeoJSON FeatureCollection"), "\($0)") }
    }

    // MARK: GeoPackage layers

    func testGeoPackageLayerLoads() throws {
        let path = dir.appendingPathComponent("zones.gpkg").path
        try TestSupport.makeGeoPackage(at: path, layer: "zones", rows: [
            ("N", "North", "MULTIPOLYGON(((0 1, 1 1, 1 2, 0 2, 0 1)))"),
            ("S", "South", "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))"),
        ])
        let set = try RegionSet.load(.file(path: path, keyField: "code", nameField: "label", countryField: nil, layer: nil))
        XCTAssertEqual(set.regions.map(\.name), ["North", "South"])
        XCTAssertEqual(try set.locate(Coordinate(x: 0.5, y: 0.5)).map { set.regions[$0].id }, "S")
        XCTAssertEqual(try set.locate(Coordinate(x: 0.5, y: 1)).map { set.regions[$0].id }, "N", "shared edge: smallest id")
    }

    func testAFileThatIsNotSQLiteIsAClearError() throws {
        let path = dir.appendingPathComponent("fake.gpkg")
        try TestSupport.write(String(repeating: "not a database at all\n", count: 100), to: path)
        XCTAssertThrowsError(try GeoPackageFile(path: path.path)) { error in
            XCTAssertTrue("\(error)".contains("not a SQLite database file"), "\(error)")
        }
    }

    func testPlainSQLiteIsNotAGeoPackage() throws {
        let path = dir.appendingPathComponent("plain.gpkg").path
        try SQLiteDatabase(readWrite: path, create: true).execute("CREATE TABLE t (x INTEGER)")
        XCTAssertThrowsError(try GeoPackageFile(path: path)) { error in
            XCTAssertTrue("\(error)".contains("is a SQLite database but not a GeoPackage"), "\(error)")
        }
    }

    func testUnknownLayerListsTheLayers() throws {
        let path = dir.appendingPathComponent("zones.gpkg").path
        try TestSupport.makeGeoPackage(at: path, layer: "zones", rows: [("S", "South", "POLYGON((0 0, 1 0, 1 1, 0 1, 0 0))")])
        XCTAssertThrowsError(try GeoPackageFile(path: path).features(layer: "nope", context: try GEOSContext())) { error in
            XCTAssertTrue("\(error)".contains("layers: zones"), "\(error)")
        }
    }

    func testGeoPackageBinaryRoundTrip() throws {
        let ctx = try GEOSContext()
        for wkt in ["POINT(70.5 37.5)", "POLYGON((0 0, 1 0, 1 1, 0 0))", "LINESTRING(1 2, 3 4)"] {
            let g = try Geometry(wkt: wkt, context: ctx)
            let blob = try GeoPackageBinary.encode(g)
            XCTAssertEqual(Array(blob[0...1]), [0x47, 0x50])
            XCTAssertEqual(blob[3] & 0b1110, g.type == .point ? 0 : 0b0010, "envelope only for non-points")
            let back = try blob.withUnsafeBytes { try GeoPackageBinary.geometry(from: $0, context: ctx) }
            XCTAssertTrue(try XCTUnwrap(back).equalsExact(g))
        }
        XCTAssertThrowsError(try [UInt8]([1, 2, 3, 4, 5, 6, 7, 8, 9]).withUnsafeBytes { try GeoPackageBinary.geometry(from: $0, context: ctx) })
    }
}
