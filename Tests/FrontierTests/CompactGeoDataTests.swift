import Foundation
import XCTest
import Geo
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierPostGIS

/// `GeoData/boundaries.bin` is derived from the GeoJSON, deterministically, and gives the same regions,
/// borders and locate answers; an edited GeoJSON wins over it, a damaged file is an error.
final class CompactGeoDataTests: XCTestCase {
    /// A copy of the bundled GeoJSON (and aliases) in a fresh folder, without boundaries.bin.
    private func copyOfGeoJSON() throws -> GeoDataLocation {
        let dir = try TestSupport.temporaryDirectory()
        for name in ["admin0.geojson", "admin1.geojson", "borders.geojson", "admin1-aliases.csv"] {
            try FileManager.default.copyItem(at: TestSupport.geodata.file(name), to: dir.appendingPathComponent(name))
        }
        return GeoDataLocation(directory: dir)
    }

    /// The checksum that tells a stale layer: one byte changed anywhere (in the four-word rounds, in the tail)
    /// or one byte more changes it; the same bytes give the same value.
    func testTheGeoJSONChecksumSeesEveryByte() {
        let base = (0..<203).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        func hash(_ b: [UInt8]) -> UInt64 { b.withUnsafeBytes { FNV1a.wordHash($0) } }
        let h = hash(base)
        XCTAssertEqual(hash(base), h)
        for position in [0, 7, 8, 31, 32, 100, 191, 192, 202] {
            var changed = base
            changed[position] ^= 1
            XCTAssertNotEqual(hash(changed), h, "byte \(position)")
        }
        XCTAssertNotEqual(hash(base + [0]), h, "one byte more")
        XCTAssertNotEqual(hash([]), hash([0]))
    }

    func testCommittedFileIsTheDerivationOfTheCommittedGeoJSON() throws {
        let copy = try copyOfGeoJSON()
        defer { try? FileManager.default.removeItem(at: copy.directory) }
        try CompactGeoData.write(copy)
        let derived = try Data(contentsOf: copy.file(CompactGeoData.fileName))
        let committed = try Data(contentsOf: TestSupport.geodata.file(CompactGeoData.fileName))
        XCTAssertEqual(derived, committed, "GeoData/boundaries.bin is not derived from the GeoJSON beside it: run `frontier geodata compact`")
    }

    func testEveryBoundarySetsFileIsTheDerivationOfItsGeoJSON() throws {
        for set in BoundarySet.allCases where set != .default {
            let committed = GeoDataLocation(directory: TestSupport.geodata.root, boundaries: set)
            guard FileManager.default.fileExists(atPath: committed.file("admin0.geojson").path) else { continue }
            let dir = try TestSupport.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            for name in ["admin0.geojson", "admin1.geojson", "borders.geojson"] {
                try FileManager.default.copyItem(at: committed.file(name), to: dir.appendingPathComponent(name))
            }
            let copy = GeoDataLocation(directory: dir)
            try CompactGeoData.write(copy)
            XCTAssertEqual(try Data(contentsOf: copy.file(CompactGeoData.fileName)), try Data(contentsOf: committed.file(CompactGeoData.fileName)),
                           "\(committed.directory.path)/boundaries.bin is not derived from the GeoJSON beside it: run `frontier geodata compact --boundaries \(set.rawValue)`")
        }
    }

    func testSameRegionsBordersAndLocateAnswersAsTheGeoJSON() throws {
        let ctx = try GEOSContext()
        for source in [RegionSource.admin0, .admin1] {
            let fromJSON = try RegionSet.loadGeoJSON(source, location: TestSupport.geodata, context: ctx)
            let compact = try XCTUnwrap(CompactGeoData.regions(source == .admin0 ? .admin0 : .admin1, in: TestSupport.geodata, context: ctx),
                                        "the committed boundaries.bin serves \(source)")
            XCTAssertEqual(compact.regions.map(\.id), fromJSON.regions.map(\.id))
            XCTAssertEqual(compact.regions.map(\.name), fromJSON.regions.map(\.name))
            XCTAssertEqual(compact.regions.map(\.fips), fromJSON.regions.map(\.fips))
            for (a, b) in zip(compact.regions, fromJSON.regions) {
                XCTAssertTrue(try a.geometry.equalsExact(b.geometry), a.id)
            }
            // The stored index answers as GEOS does, on a grid over the frontier at 0.05° steps.
            var y = 29.0
            while y <= 41 {
                var x = 60.0
                while x <= 76 {
                    let p = Coordinate(x: x, y: y)
                    XCTAssertEqual(try compact.locate(p), try fromJSON.locateExactly(p), "\(source) at \(p)")
                    x += 0.05
                }
                y += 0.05
            }
        }
        let borders = try BorderSet.load(geodata: TestSupport.geodata, context: ctx)
        let fromJSON = try BorderSet.loadGeoJSON(TestSupport.geodata, context: ctx)
        XCTAssertEqual(borders.borders.map(\.id), fromJSON.borders.map(\.id))
        for (a, b) in zip(borders.borders, fromJSON.borders) { XCTAssertTrue(try a.geometry.equalsExact(b.geometry), a.id) }
    }

    func testAnEditedGeoJSONIsReadAsEdited() throws {
        let copy = try copyOfGeoJSON()
        defer { try? FileManager.default.removeItem(at: copy.directory) }
        try CompactGeoData.write(copy)
        let path = copy.file("admin1.geojson").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.contains("\"Badakhshan\""))
        try text.replacingOccurrences(of: "\"Badakhshan\"", with: "\"Badakhshan (edited)\"").write(toFile: path, atomically: true, encoding: .utf8)
        let ctx = try GEOSContext()
        XCTAssertNil(try CompactGeoData.regions(.admin1, in: copy, context: ctx), "a stale layer is not served")
        XCTAssertNotNil(try CompactGeoData.regions(.admin0, in: copy, context: ctx), "the other layers still are")
        let loaded = try RegionSet.load(.admin1, geodata: copy, context: ctx)
        XCTAssertEqual(loaded.region(id: "AFG:Badakhshan")?.name, "Badakhshan (edited)")
    }

    /// A polygon whose bytes are damaged is read, and checked, only when first used (regions are parsed
    /// lazily): it is then an error naming the file and the region, in the set and in a thread's copy.
    func testADamagedPolygonIsAnErrorNamingTheFileWhenUsed() throws {
        let copy = try copyOfGeoJSON()
        defer { try? FileManager.default.removeItem(at: copy.directory) }
        try CompactGeoData.write(copy)
        let url = copy.file(CompactGeoData.fileName)
        var bytes = [UInt8](try Data(contentsOf: url))
        // The polygon's bytes as written (from the GeoJSON: the compact file is read once per process).
        let first = try Array(RegionSet.loadGeoJSON(.admin0, location: copy, context: GEOSContext()).wkb()[0].prefix(24))
        let at = try XCTUnwrap((0...(bytes.count - first.count)).first { Array(bytes[$0..<($0 + first.count)]) == first })
        bytes[at + 1] = 99  // the WKB type: no such geometry
        try Data(bytes).write(to: url)
        let set = try RegionSet.load(.admin0, geodata: copy)
        for regions in [set, try set.copy()] {
            XCTAssertThrowsError(try regions.regions[0].geometry) { error in
                guard case FrontierError.compactGeoData(let file, let reason, _, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(file, url.path)
                XCTAssertTrue(reason.contains("damaged") && reason.contains(regions.regions[0].id), reason)
            }
        }
        XCTAssertNoThrow(try set.regions[1].geometry, "the other polygons are intact")
    }

    func testADamagedFileIsAnErrorNamingIt() throws {
        let copy = try copyOfGeoJSON()
        defer { try? FileManager.default.removeItem(at: copy.directory) }
        try CompactGeoData.write(copy)
        let url = copy.file(CompactGeoData.fileName)
        let whole = try Data(contentsOf: url)
        // Cut in the header, in the regions, and in the last layer (the borders).
        let loads: [(Int, () throws -> Void)] = [
            (20, { _ = try RegionSet.load(.admin1, geodata: copy) }),
            (whole.count / 3, { _ = try RegionSet.load(.admin1, geodata: copy) }),
            (whole.count - 9, { _ = try BorderSet.load(geodata: copy) }),
        ]
        for (cut, load) in loads {
            try whole.prefix(cut).write(to: url)
            XCTAssertThrowsError(try load()) { error in
                guard case FrontierError.compactGeoData(let file, let reason, _, _) = error else { return XCTFail("\(error)") }
                XCTAssertEqual(file, url.path)
                XCTAssertTrue(reason.contains("damaged"), reason)
            }
        }
    }
}
