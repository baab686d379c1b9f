import Foundation
import XCTest
import Geo
@testable import FrontierBase
@testable import FrontierFormats

/// `GeoPackageLayerWriter` writes a layer the engine's own GeoPackage reader and SQLite read back: typed
/// columns, GeoPackage geometry blobs, the extent in gpkg_contents, and the geometry type registered.
final class GeoPackageLayerWriterTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "/frontier-gpkg-layer-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: folder) }

    private func table(_ context: GEOSContext) throws -> RecordTable {
        RecordTable(columns: ["name", "count", "share", "flag", "note", "fid"], records: [
            Record(values: [.string("a \"quoted\" one"), .int(3), .double(0.5), .bool(true), .null, .int(7)],
                   geometry: try Geometry(wkt: "POLYGON ((60 30, 61 30, 61 31, 60 31, 60 30))", context: context)),
            Record(values: [.string("b"), .int(-1), .int(2), .bool(false), .string("x"), .int(8)],
                   geometry: try Geometry(wkt: "POLYGON ((62 29, 63 29, 63 32, 62 32, 62 29))", context: context)),
        ])
    }

    func testTwoPolygonsWithTypedColumnsReadBack() throws {
        let context = try GEOSContext()
        let path = folder + "/t.gpkg"
        try GeoPackageLayerWriter.write(table(context), layer: "my layer", to: path)
        let db = try SQLiteDatabase(readOnly: path)
        XCTAssertEqual(try db.scalar("PRAGMA application_id"), "\(0x4750_4B47)")
        XCTAssertEqual(try db.query("SELECT name, type FROM pragma_table_info('my layer') ORDER BY cid") { "\($0.text(0)!) \($0.text(1)!)" },
                       ["fid_ INTEGER", "geom GEOMETRY", "name TEXT", "count INTEGER", "share REAL", "flag BOOLEAN", "note TEXT", "fid INTEGER"],
                       "a column named fid moves the feature id to fid_; integers and reals together are reals")
        XCTAssertEqual(try db.query("SELECT name, count, share, flag, note, fid FROM \"my layer\" ORDER BY fid_") {
            [$0.text(0) ?? "NULL", $0.text(1) ?? "NULL", $0.text(2) ?? "NULL", $0.text(3) ?? "NULL", $0.text(4) ?? "NULL", $0.text(5) ?? "NULL"]
        }, [["a \"quoted\" one", "3", "0.5", "1", "NULL", "7"], ["b", "-1", "2.0", "0", "x", "8"]])
        XCTAssertEqual(try db.query("SELECT min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents") { row in (0..<5).map { row.double(Int32($0)) } },
                       [[60, 29, 63, 32, 4326]])
        XCTAssertEqual(try db.scalar("SELECT geometry_type_name FROM gpkg_geometry_columns"), "POLYGON")
        let file = try GeoPackageFile(path: path)
        XCTAssertEqual(try file.layers(), ["my layer"])
    }

    func testARecordWithoutGeometryAndAnExistingFileAreRefused() throws {
        let path = folder + "/t.gpkg"
        XCTAssertThrowsError(try GeoPackageLayerWriter.write(RecordTable(columns: ["a"], records: [Record(values: [.int(1)])]), layer: "l", to: path)) {
            XCTAssertTrue("\($0)".contains("feature 1 has no geometry"), "\($0)")
        }
        _ = FileManager.default.createFile(atPath: folder + "/old.gpkg", contents: Data("keep".utf8))
        XCTAssertThrowsError(try GeoPackageLayerWriter.write(table(GEOSContext()), layer: "l", to: folder + "/old.gpkg"))
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/old.gpkg"), Data("keep".utf8))
    }

    func testBytesLeaveNoTemporaryFolder() throws {
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("frontier-gpkg-") && !$0.hasPrefix("frontier-gpkg-layer") })
        let bytes = try GeoPackageLayerWriter.bytes(table(GEOSContext()), layer: "l")
        XCTAssertEqual(Array(bytes.prefix(15)), Array("SQLite format 3".utf8))
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("frontier-gpkg-") && !$0.hasPrefix("frontier-gpkg-layer") })
        XCTAssertEqual(after, before)
    }
}
