import Foundation
import XCTest
import Frontier
@testable import FrontierPlaces

final class GeoDataLocationTests: XCTestCase {
    func testExplicitFolderWithoutGeoDataIsAnErrorNotAFallback() {
        XCTAssertThrowsError(try GeoDataLocation.resolve(explicit: "/nonexistent/GeoData")) { error in
            XCTAssertTrue("\(error)".contains("/nonexistent/GeoData"), "\(error)")
        }
    }

    func testEnvironmentVariableIsHonoured() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("geodata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("{}".utf8).write(to: dir.appendingPathComponent("admin0.geojson"))
        let found = try GeoDataLocation.resolve(environment: ["FRONTIER_GEODATA": dir.path])
        XCTAssertEqual(found.directory.standardizedFileURL.path, dir.standardizedFileURL.path)
        XCTAssertThrowsError(try GeoDataLocation.resolve(environment: ["FRONTIER_GEODATA": dir.path + "-missing"]))
    }
}
