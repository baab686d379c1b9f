import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierGeoPackage

/// The engine's messages speak of files, tables and values, never of the command line (issue "Frontier as
/// a library"): a library caller has no `frontier db init` to run. The command line adds those words.
final class EngineTextTests: XCTestCase {
    func testServerErrorsNameTheTableNotTheCommand() {
        XCTAssertEqual(FrontierError.noTable(database: "postgresql://u:***@h/db", table: "never_made").description,
                       "postgresql://u:***@h/db: has no table never_made")
        XCTAssertEqual(FrontierError.unknownServerRegion(database: "postgresql://h/db", region: "AFG:X").description,
                       "postgresql://h/db: frontier_regions holds a region 'AFG:X' this GeoData has not")
    }

    /// A GeoPackage of regions opened as an incident store.
    func testARegionGeoPackageIsNotAnIncidentStore() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("zones.gpkg").path
        try TestSupport.makeGeoPackage(at: path, layer: "zones", rows: [("Z1", "Zone", "POLYGON((0 0, 1 0, 1 1, 0 0))")])
        try SQLiteDatabase(readWrite: path, create: false).execute("CREATE TABLE frontier_store (key TEXT PRIMARY KEY, value TEXT NOT NULL);")
        XCTAssertThrowsError(try IncidentStore.openForReading(path)) { error in
            XCTAssertEqual(error as? FrontierError, .notIncidentStore(file: path))
            XCTAssertEqual("\(error)", "\(path): is a GeoPackage but not a Frontier incident store")
        }
    }
}
