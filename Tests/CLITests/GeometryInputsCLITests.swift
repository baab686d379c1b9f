import Foundation
import XCTest
import Geo
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierPostGIS

/// A flipped bit in GeoData/boundaries.bin is an error naming the file and the record (exit 1), never a
/// different answer; a geometry nested deeper than the cap is refused with the file and feature named, never
/// handed to GEOS (whose recursion overflowed the stack: SIGSEGV).
final class GeometryInputsCLITests: FolderTestCase {
    static let geodata = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("GeoData")

    private func run(_ args: [String], environment: [String: String]? = nil) throws -> FrontierBinary.Result {
        try FrontierBinary.run(args, environment: environment)
    }

    /// The bundled GeoData's files (not its tools or the other boundary set) in the test's folder, with
    /// `damage` applied to the copy of boundaries.bin.
    private func geodataCopy(_ damage: (inout [UInt8]) throws -> Void) throws -> String {
        let copy = dir.appendingPathComponent("GeoData")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["admin0.geojson", "admin1.geojson", "borders.geojson", "admin1-aliases.csv", "boundaries.bin", "incidents-reported.csv"] {
            try FileManager.default.copyItem(at: Self.geodata.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        let file = copy.appendingPathComponent("boundaries.bin")
        var bytes = [UInt8](try Data(contentsOf: file))
        try damage(&bytes)
        try Data(bytes).write(to: file)
        return copy.path
    }

    /// Where `needle` lies in `bytes` (the first place).
    private func offset(of needle: [UInt8], in bytes: [UInt8]) throws -> Int {
        let first = try XCTUnwrap(needle.first)
        var i = 0
        while let at = bytes[i...].firstIndex(of: first) {
            if at + needle.count <= bytes.count, bytes[at..<(at + needle.count)].elementsEqual(needle) { return at }
            i = at + 1
        }
        throw CocoaError(.fileReadCorruptFile)
    }

    /// The issue's flip: bit 4 of the byte 41,931 bytes into Badakhshan's polygon (byte 2,143,828 of format 2's
    /// file) made `regions` print 42,234.1 km² instead of 43,552.6, exit 0. Found here by the polygon's own
    /// bytes (from the GeoJSON), not by a position in the file.
    func testBit4OfBadakhshansPolygonIsAnErrorNamingTheRegionNot42234Km() throws {
        let ctx = try GEOSContext()
        let admin1 = try RegionSet.loadGeoJSON(.admin1, location: GeoDataLocation(directory: Self.geodata), context: ctx)
        let polygon = try XCTUnwrap(admin1.region(id: "AFG:Badakhshan")).geometry.wkb()
        let folder = try geodataCopy { bytes in
            bytes[try offset(of: polygon, in: bytes) + 41_931] ^= 1 << 4
        }
        let expected = "Error: \(folder)/boundaries.bin: is damaged: region AFG:Badakhshan: its polygon does not match its checksum; "
            + "derive it again from the GeoJSON beside it with: frontier geodata compact --geodata \(folder)\n"
        for (args, env) in [(["regions", "--country", "AFG", "--format", "csv", "--geodata", folder], nil),
                            (["regions", "--country", "AFG", "--format", "csv"], ["FRONTIER_GEODATA": folder])] {
            let r = try run(args, environment: env)
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertEqual(r.stderr, expected)
            XCTAssertFalse(r.stdout.contains("42234"), r.stdout)
        }
        // Intact, the same command gives the area pyproj gives for the GeoJSON's polygon.
        let intact = try run(["regions", "--country", "AFG", "--format", "csv", "--geodata", Self.geodata.path])
        XCTAssertTrue(intact.stdout.contains("\nAFG:Badakhshan,AFG,Badakhshan,43552.6,"), intact.stdout)
        // The derivation the message names repairs it.
        XCTAssertEqual(try run(["geodata", "compact", "--geodata", folder]).status, 0)
        XCTAssertEqual(try run(["regions", "--country", "AFG", "--format", "csv", "--geodata", folder]).stdout, intact.stdout)
    }

    /// A flip in the header (the layer table) or in the locate index fails a one-row join at once.
    func testAFlippedBitInTheHeaderOrTheLocateIndexFailsAOneRowJoin() throws {
        let input = try write("event_id_cnty,event_date,latitude,longitude,fatalities\nX1,2025-11-26,37.12,70.58,1\n", "one.csv")
        let index = try XCTUnwrap(CompactGeoData.regions(.admin1, in: GeoDataLocation(directory: Self.geodata), context: GEOSContext())?.locateIndex)
        var encoded = BinaryWriter()
        index.encode(into: &encoded)
        let cases: [((inout [UInt8]) throws -> Void, String)] = [
            // Byte 30 lies in the first layer's source name ("admin0.geojson", after magic, format, count, length).
            ({ $0[30] ^= 1 }, "is damaged: its header does not match its checksum"),
            ({ bytes in bytes[try self.offset(of: encoded.bytes, in: bytes) + encoded.bytes.count / 2] ^= 1 << 3 },
             "is damaged: admin1's locate index does not match its checksum"),
        ]
        for (damage, message) in cases {
            try? FileManager.default.removeItem(at: dir.appendingPathComponent("GeoData"))
            let folder = try geodataCopy(damage)
            let r = try run(["join", input, "--geodata", folder])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertEqual(r.stdout, "")
            XCTAssertTrue(r.stderr.hasPrefix("Error: \(folder)/boundaries.bin: \(message); derive it again"), r.stderr)
        }
    }

    func testAnOlderFormatSaysHowToDeriveItAgainForTheBoundarySetInUse() throws {
        let copy = dir.appendingPathComponent("GeoData/natural-earth")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in ["admin0.geojson", "admin1.geojson", "borders.geojson", "boundaries.bin"] {
            try FileManager.default.copyItem(at: Self.geodata.appendingPathComponent("natural-earth/\(name)"), to: copy.appendingPathComponent(name))
        }
        for name in ["admin0.geojson", "admin1.geojson", "borders.geojson", "admin1-aliases.csv"] {
            try FileManager.default.copyItem(at: Self.geodata.appendingPathComponent(name), to: dir.appendingPathComponent("GeoData/\(name)"))
        }
        let file = copy.appendingPathComponent("boundaries.bin")
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[16] = 2
        try Data(bytes).write(to: file)
        let root = dir.appendingPathComponent("GeoData").path
        let r = try run(["borders", "--geodata", root, "--boundaries", "natural-earth"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr, "Error: \(file.path): is in format 2, written by an older frontier; this one reads format 4; derive it again "
                       + "from the GeoJSON beside it with: frontier geodata compact --geodata \(root) --boundaries natural-earth\n")
        XCTAssertEqual(try run(["geodata", "compact", "--geodata", root, "--boundaries", "natural-earth"]).status, 0)
        XCTAssertEqual(try run(["borders", "--geodata", root, "--boundaries", "natural-earth"]).status, 0)
    }

    // MARK: - The nesting cap

    private static let oneRow = "event_id_cnty,event_date,latitude,longitude,fatalities\nX1,2025-11-26,37.12,70.58,1\n"

    /// WKB of `depth` GeometryCollections, one inside the other, around a square.
    private static func nestedCollections(_ depth: Int) -> [UInt8] {
        var polygon: [UInt8] = [1, 3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0]
        for (x, y) in [(70.0, 37.0), (71, 37), (71, 38), (70, 38), (70, 37)] {
            withUnsafeBytes(of: x.bitPattern.littleEndian) { polygon += $0 }
            withUnsafeBytes(of: y.bitPattern.littleEndian) { polygon += $0 }
        }
        return Array([[UInt8]](repeating: [1, 7, 0, 0, 0, 1, 0, 0, 0], count: depth).joined()) + polygon
    }

    /// A GeoPackage region layer (`region_id`, `region_name`) whose one feature's blob is GP header + `wkb`.
    private func geoPackage(_ name: String, wkb: [UInt8]) throws -> String {
        let file = path(name)
        let db = try SQLiteDatabase(readWrite: file, create: true)
        try db.execute("""
            PRAGMA application_id = 1196444487;
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
                organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
                description TEXT DEFAULT '', last_change DATETIME, min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
                srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL);
            CREATE TABLE zones (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, region_id TEXT, region_name TEXT);
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('zones', 'features', 'zones', 4326);
            INSERT INTO gpkg_geometry_columns VALUES ('zones', 'geom', 'GEOMETRY', 4326, 0, 0);
            """)
        try db.run("INSERT INTO zones (geom, region_id, region_name) VALUES (?, 'Z1', 'Zone')", [.blob([0x47, 0x50, 0, 1, 0xE6, 0x10, 0, 0] + wkb)])
        return file
    }

    /// The issue's file: a 213 KB GeoPackage layer whose blob nests 20,000 GeometryCollections made `join`
    /// die of SIGSEGV inside GEOS (stack overflow). Refused with the file, layer and feature named, exit 1.
    func testTwentyThousandNestedCollectionsInAGeoPackageLayerExit1NotSIGSEGV() throws {
        let input = try write(Self.oneRow, "one.csv")
        let layer = try geoPackage("deep.gpkg", wkb: Self.nestedCollections(20_000))
        for command in [["join", input], ["aggregate", input, "--window", "all"], ["regions"]] {
            let r = try run(command + ["--regions", layer])
            XCTAssertEqual(r.status, 1, "\(command): \(r.stderr)")
            XCTAssertEqual(r.stderr, "Error: \(layer): layer zones fid 1: bad geometry: WKB: geometry collections nest more than 32 levels deep (at most 32 are read)\n")
        }
        // One level past the cap is refused alike; at the cap the geometry reaches the region reader (which
        // then wants a polygon).
        XCTAssertTrue(try run(["join", input, "--regions", geoPackage("d33.gpkg", wkb: Self.nestedCollections(33))]).stderr
            .contains("nest more than 32 levels deep"))
        let atCap = try run(["join", input, "--regions", geoPackage("d32.gpkg", wkb: Self.nestedCollections(32))])
        XCTAssertEqual(atCap.status, 1)
        XCTAssertTrue(atCap.stderr.contains("is a GeometryCollection, not a Polygon or MultiPolygon"), atCap.stderr)
    }

    /// GeoJSON: each collection is two JSON levels (its object and its "geometries" array), so the JSON
    /// reader's 64 levels refuse 33 collections, and the issue's 20,000, before the geometry's own cap of 32
    /// is reached. No crash; the file, line and feature are named.
    func testGeoJSONRegionsNestingPastTheCapAreRefusedNamingTheFeature() throws {
        let input = try write(Self.oneRow, "one.csv")
        func layer(_ depth: Int) throws -> String {
            let geometry = String(repeating: "{\"type\":\"GeometryCollection\",\"geometries\":[", count: depth)
                + "{\"type\":\"Polygon\",\"coordinates\":[[[70,37],[71,37],[71,38],[70,38],[70,37]]]}" + String(repeating: "]}", count: depth)
            return try write("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"region_id\":\"Z1\"},\"geometry\":"
                             + geometry + "}]}", "d\(depth).geojson")
        }
        let d33 = try layer(33)
        let r = try run(["join", input, "--regions", d33])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "Error: \(d33):1: is not valid JSON: feature 1: arrays and objects nest more than 64 levels deep (column 1434)\n")
        let d20000 = try layer(20_000)
        let deep = try run(["join", input, "--regions", d20000])
        XCTAssertEqual(deep.status, 1, "an exit, not a signal: \(deep.stderr)")
        XCTAssertTrue(deep.stderr.hasPrefix("Error: \(d20000):1: is not valid JSON: feature 1: arrays and objects nest more than 64 levels deep"), deep.stderr)
    }

    /// JSON nested 100,000 levels deep (arrays in a position) wherever JSON is read: an incident FeatureCollection
    /// and a region layer are refused naming the file, a GeoJSONL line is a rejected row and the next rows are
    /// read. The JSON reader stops at 64 levels rather than recursing into the stack.
    func testJSONNested100000LevelsIsRefusedNotCrashed() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        func feature(_ id: String, _ coordinates: String) -> String {
            "{\"type\":\"Feature\",\"properties\":{\"event_id_cnty\":\"\(id)\",\"event_date\":\"2025-11-26\",\"fatalities\":1},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":\(coordinates)}}"
        }
        let lines = try write([feature("X1", "[70.58,37.12]"), feature("X2", deep), feature("X3", "[70.6,37.2]")].joined(separator: "\n") + "\n", "deep.geojsonl")
        let r = try run(["join", lines, "--format", "csv"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("deep.geojsonl:2"), r.stderr)
        XCTAssertTrue(r.stdout.contains("X1") && r.stdout.contains("X3") && !r.stdout.contains("X2"), r.stdout)
        let collection = try write("{\"type\":\"FeatureCollection\",\"features\":[\(feature("X1", deep))]}", "deep.geojson")
        let fc = try run(["join", collection])
        XCTAssertEqual(fc.status, 1, fc.stderr)
        XCTAssertTrue(fc.stderr.hasPrefix("Error: \(collection):1: is not valid JSON: feature 1: arrays and objects nest more than 64 levels deep"), fc.stderr)
        let regions = try write("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"region_id\":\"Z\"},"
                                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":\(deep)}}]}", "regions.geojson")
        let layer = try run(["join", try write(Self.oneRow, "one.csv"), "--regions", regions])
        XCTAssertEqual(layer.status, 1, layer.stderr)
        XCTAssertTrue(layer.stderr.hasPrefix("Error: \(regions):1: is not valid JSON: feature 1: arrays and objects nest more than 64 levels deep"), layer.stderr)
    }
}
