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

    /// One wording of a scan's notices for every front end: the options it points to are named by the caller.
    func testNoticesNameOptionsTheCallersWay() {
        let flags: (NoticeOption) -> String = { option in
            switch option {
            case .latField: return "--lat-field"
            case .lonField: return "--lon-field"
            case .condition(let column, let value): return "--where \(column)=\(value)"
            default: return "--other"
            }
        }
        let swapped = ScanNotice.swappedCoordinates(rows: 2, regions: ["AFG:Kunduz"])
        XCTAssertEqual(swapped.text(file: "in.csv", countsFatalities: true, name: flags),
                       "2 rows of in.csv would lie in AFG:Kunduz with latitude and longitude swapped (check which column holds which; --lat-field and --lon-field name them)")
        XCTAssertEqual(swapped.text(file: "in.csv", countsFatalities: true, name: { _ in "lat_field" })?.contains("; lat_field and lat_field name them)"), true)
        XCTAssertNil(ScanNotice.noColumn(.fatalities, name: "fatalities").text(file: "in.csv", countsFatalities: false, name: flags))
        XCTAssertTrue(ScanNotice.mostlyUnmatched(unmatched: 3, kept: 4).isWarning)
    }

    /// A value found nowhere: the nearest of so many values read, or (parts merged, their count unknown) the
    /// nearest alone, or none when the column held too many to keep.
    func testAValueNotFoundSaysWhatIsKnownOfTheColumn() {
        func text(_ nearest: [String], _ distinct: Int?) -> String? {
            ScanNotice.valueNotFound(ValueNotFound(column: "admin1", value: "Badakshan", nearest: nearest, distinct: distinct))
                .text(file: "in.csv", countsFatalities: true) { _ in "where admin1=Badakshan" }
        }
        XCTAssertEqual(text(["Badakhshan"], 34), "where admin1=Badakshan matched no row of in.csv: nearest of the 34 values of admin1 read: 'Badakhshan'")
        XCTAssertEqual(text(["Badakhshan"], nil), "where admin1=Badakshan matched no row of in.csv: nearest values of admin1 read: 'Badakhshan'")
        XCTAssertEqual(text([], nil), "where admin1=Badakshan matched no row of in.csv: admin1 holds too many distinct values to suggest the nearest")
    }
}
