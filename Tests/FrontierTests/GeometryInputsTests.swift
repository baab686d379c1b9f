import Foundation
import XCTest
import Geo
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierPostGIS
@testable import FrontierFuzzing

/// The compact GeoData checks its own bytes record by record (a flipped bit is an error naming the file and
/// the record, never a different polygon), and no geometry nested deeper than the cap reaches GEOS, whichever
/// reader it comes through.
final class GeometryInputsTests: XCTestCase {
    // MARK: - The compact GeoData's checksums

    /// Where the parts of a compact GeoData file lie, found by walking the layout its documentation states
    /// (independently of the reader under test), so a test flips a bit in a named record, not at a magic offset.
    struct CompactLayout {
        /// Magic, format, layer table and the header's checksum.
        var header: Range<Int> = 0..<0
        /// A region's WKB bytes, by layer and region id ("admin1/AFG:Badakhshan").
        var wkb: [String: Range<Int>] = [:]
        /// The bytes of a region's strings record, by layer and region id.
        var names: [String: Range<Int>] = [:]
        /// The locate index record's bytes, by layer.
        var index: [String: Range<Int>] = [:]
        /// Each border line record's bytes, by "A-B".
        var borders: [String: Range<Int>] = [:]

        init(_ bytes: [UInt8]) throws {
            var at = 0
            func u32() throws -> Int {
                guard at + 4 <= bytes.count else { throw CocoaError(.fileReadCorruptFile) }
                defer { at += 4 }
                return (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
            }
            func u64() throws -> UInt64 {
                guard at + 8 <= bytes.count else { throw CocoaError(.fileReadCorruptFile) }
                defer { at += 8 }
                return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
            }
            func raw() throws -> Range<Int> {
                let n = try u32()
                guard at + n <= bytes.count else { throw CocoaError(.fileReadCorruptFile) }
                defer { at += n }
                return at..<(at + n)
            }
            func string(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
            /// A checked record: its bytes (the checksum after them is skipped).
            func record() throws -> Range<Int> { let r = try raw(); _ = try u64(); return r }

            guard Array(bytes.prefix(16)) == Array("FRONTIER-GEODATA".utf8) else { throw CocoaError(.fileReadCorruptFile) }
            at = 16
            XCTAssertEqual(try u32(), Int(CompactGeoData.version))
            var table: [(source: String, offset: Int, length: Int, records: Int)] = []
            for _ in 0..<(try u32()) {
                let source = string(try raw())
                _ = try u64()
                table.append((source, Int(try u64()), Int(try u64()), try u32()))
            }
            _ = try u64()
            header = 0..<at
            let bodies = at
            for layer in table {
                at = bodies + layer.offset
                let name = layer.source.replacingOccurrences(of: ".geojson", with: "")
                if name == "borders" {
                    for _ in 0..<layer.records {
                        let whole = try record(), end = at
                        at = whole.lowerBound
                        let a = string(try raw()), b = string(try raw())
                        borders["\(a)-\(b)"] = whole
                        at = end
                    }
                } else {
                    for _ in 0..<layer.records {
                        let strings = try record(), end = at
                        at = strings.lowerBound + 4
                        let id = string(try raw())
                        at = end
                        names["\(name)/\(id)"] = strings
                        wkb["\(name)/\(id)"] = try record()
                    }
                    _ = try record()  // repair notes
                    index[name] = try record()
                }
                XCTAssertEqual(at, bodies + layer.offset + layer.length, "\(name) ends where the table says")
            }
        }
    }

    /// A fresh copy of the bundled GeoData files (each test its own folder: the compact file is read once per
    /// folder and process), with `damage` applied to its boundaries.bin.
    private func damagedCopy(_ damage: (inout [UInt8], CompactLayout) throws -> Void) throws -> GeoDataLocation {
        let dir = try TestSupport.temporaryDirectory()
        addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        for name in ["admin0.geojson", "admin1.geojson", "borders.geojson", "admin1-aliases.csv", CompactGeoData.fileName] {
            try FileManager.default.copyItem(at: TestSupport.geodata.file(name), to: dir.appendingPathComponent(name))
        }
        let location = GeoDataLocation(directory: dir)
        var bytes = [UInt8](try Data(contentsOf: location.file(CompactGeoData.fileName)))
        try damage(&bytes, try CompactLayout(bytes))
        try Data(bytes).write(to: location.file(CompactGeoData.fileName))
        return location
    }

    /// The error a damaged compact file gives: it names the file, says the part, and where to derive it from.
    private func assertDamaged(_ location: GeoDataLocation, saying part: String, file: StaticString = #filePath, line: UInt = #line,
                               _ load: () throws -> Void) {
        XCTAssertThrowsError(try load(), file: file, line: line) { error in
            guard case FrontierError.compactGeoData(let path, let problem, let folder, let boundaries) = error else {
                return XCTFail("\(error)", file: file, line: line)
            }
            XCTAssertEqual(path, location.file(CompactGeoData.fileName).path, file: file, line: line)
            XCTAssertEqual(folder, location.root.path, file: file, line: line)
            XCTAssertEqual(boundaries, .default, file: file, line: line)
            XCTAssertTrue(problem.contains(part), "\(problem) should say \(part)", file: file, line: line)
            XCTAssertTrue("\(error)".hasSuffix("derive it again from the GeoJSON beside it"), "\(error)", file: file, line: line)
        }
    }

    /// The case: bit 4 of byte 2,143,828 of format 2's file lay 41,931 bytes into Badakhshan's polygon
    /// (a latitude's exponent side) and made its area 42,234.1 km² instead of 43,552.6. The same bit of the
    /// same polygon now fails its record's checksum when the polygon is first used, in the set and in a
    /// thread's copy, while the other regions still read.
    func testBit4ThatMadeBadakhshan42234KmIsAnErrorNamingTheRegion() throws {
        let location = try damagedCopy { bytes, layout in
            let polygon = try XCTUnwrap(layout.wkb["admin1/AFG:Badakhshan"])
            XCTAssertEqual(polygon.count, 44_093, "the polygon as format 2 held it")
            bytes[polygon.lowerBound + 41_931] ^= 1 << 4
        }
        let set = try RegionSet.load(.admin1, geodata: location)
        let badakhshan = try XCTUnwrap(set.region(id: "AFG:Badakhshan"))
        for region in [badakhshan, try XCTUnwrap(set.copy().region(id: "AFG:Badakhshan"))] {
            assertDamaged(location, saying: "region AFG:Badakhshan: its polygon does not match its checksum") { _ = try region.areaKm2() }
        }
        assertDamaged(location, saying: "region AFG:Badakhshan") { _ = try set.fingerprint() }
        XCTAssertEqual(try XCTUnwrap(set.region(id: "AFG:Badghis")).areaKm2(), 20_517, accuracy: 0.5, "the other polygons are intact")
        // The point that lies in Badakhshan is still located by the cell index, which is intact.
        XCTAssertEqual(try set.locate(Coordinate(x: 70.58, y: 37.12)).map { set.regions[$0].id }, "AFG:Badakhshan")
    }

    func testAFlippedBitInTheHeaderIsAnError() throws {
        // In the layer table: the last GeoJSON hash (which only tells a stale layer: changed, it would make the
        // file be ignored silently) and the last layer's offset; and in the layer count.
        let cases: [((CompactLayout) -> Int, String)] = [
            ({ $0.header.upperBound - 36 }, "its header does not match its checksum"),
            ({ $0.header.upperBound - 28 }, "its header does not match its checksum"),
            ({ _ in 21 }, "its header lists 259 layers, not 3"),
        ]
        for (offset, message) in cases {
            let location = try damagedCopy { bytes, layout in bytes[offset(layout)] ^= 1 }
            assertDamaged(location, saying: message) { _ = try RegionSet.load(.admin1, geodata: location) }
        }
    }

    func testAFlippedBitInTheLocateIndexIsAnError() throws {
        let location = try damagedCopy { bytes, layout in
            let index = try XCTUnwrap(layout.index["admin1"])
            bytes[index.lowerBound + index.count / 2] ^= 1 << 7
        }
        assertDamaged(location, saying: "admin1's locate index does not match its checksum") { _ = try RegionSet.load(.admin1, geodata: location) }
        XCTAssertNoThrow(try RegionSet.load(.admin0, geodata: location), "the other layers are intact")
    }

    func testAFlippedBitInARegionsNamesIsAnError() throws {
        let location = try damagedCopy { bytes, layout in
            bytes[try XCTUnwrap(layout.names["admin1/AFG:Badghis"]).upperBound - 1] ^= 1
        }
        assertDamaged(location, saying: "the name record of admin1 region 2 of 141 (after AFG:Badakhshan) does not match its checksum") {
            _ = try RegionSet.load(.admin1, geodata: location)
        }
    }

    func testAFlippedBitInABorderLineIsAnError() throws {
        let location = try damagedCopy { bytes, layout in
            let line = try XCTUnwrap(layout.borders["AFG-TJK"])
            bytes[line.upperBound - 100] ^= 1 << 2
        }
        assertDamaged(location, saying: "border line") { _ = try BorderSet.load(geodata: location) }
    }

    func testAFileCutShortIsAnErrorWhicheverLayerIsRead() throws {
        let location = try damagedCopy { bytes, _ in bytes.removeLast(9) }
        assertDamaged(location, saying: "it is cut short") { _ = try RegionSet.load(.admin0, geodata: location) }
    }

    func testAnOlderFormatSaysToDeriveItAgain() throws {
        let older = try damagedCopy { bytes, _ in bytes[16] = 2 }
        assertDamaged(older, saying: "is in format 2, written by an older frontier; this one reads format 4") {
            _ = try RegionSet.load(.admin1, geodata: older)
        }
        let foreign = try damagedCopy { bytes, _ in bytes[0] ^= 0x20 }
        assertDamaged(foreign, saying: "does not begin with \"FRONTIER-GEODATA\"") { _ = try BorderSet.load(geodata: foreign) }
    }

    /// Every record's checksum is over the bytes as written: the committed files read whole, polygons included.
    func testTheCommittedFilesReadWholeWithEveryChecksumIntact() throws {
        for set in BoundarySet.allCases {
            let location = GeoDataLocation(directory: TestSupport.geodata.root, boundaries: set)
            let ctx = try GEOSContext()
            for layer in [CompactGeoData.Layer.admin0, .admin1] {
                let regions = try XCTUnwrap(CompactGeoData.regions(layer, in: location, context: ctx), "\(set) \(layer)")
                for region in regions.regions { XCTAssertNoThrow(try region.geometry, region.id) }
            }
            XCTAssertEqual(try XCTUnwrap(CompactGeoData.borders(in: location, context: ctx)).count, 17)
        }
    }

    // MARK: - The nesting cap

    /// WKB of `depth` GeometryCollections, one inside the other, around a unit square.
    static func nestedCollections(_ depth: Int) -> [UInt8] {
        var polygon: [UInt8] = [1, 3, 0, 0, 0, 1, 0, 0, 0, 5, 0, 0, 0]
        for (x, y) in [(70.0, 37.0), (71, 37), (71, 38), (70, 38), (70, 37)] {
            withUnsafeBytes(of: x.bitPattern.littleEndian) { polygon += $0 }
            withUnsafeBytes(of: y.bitPattern.littleEndian) { polygon += $0 }
        }
        let collection: [UInt8] = [1, 7, 0, 0, 0, 1, 0, 0, 0]
        return Array([[UInt8]](repeating: collection, count: depth).joined()) + polygon
    }

    /// The same as GeoJSON text.
    static func nestedCollectionsJSON(_ depth: Int) -> String {
        String(repeating: "{\"type\":\"GeometryCollection\",\"geometries\":[", count: depth)
            + "{\"type\":\"Polygon\",\"coordinates\":[[[70,37],[71,37],[71,38],[70,38],[70,37]]]}"
            + String(repeating: "]}", count: depth)
    }

    func testWKBNestingUpTo32IsReadAnd33IsRefusedBeforeGEOS() throws {
        let ctx = try GEOSContext()
        let deepest = try Geometry(wkb: Self.nestedCollections(32), context: ctx)
        XCTAssertEqual(try FuzzTarget.nesting(of: deepest), 32)
        for depth in [33, 20_000] {
            XCTAssertThrowsError(try Geometry(wkb: Self.nestedCollections(depth), context: ctx)) { error in
                XCTAssertEqual(error as? GeoError, .wkb("geometry collections nest more than 32 levels deep (at most 32 are read)"))
            }
        }
    }

    /// Counts are checked against the bytes left before anything is skipped or allocated, in either byte order
    /// and with ISO or extended (EWKB: flags, SRID) type numbers.
    func testWKBCountsThatOverrunTheBytesAreRefused() throws {
        let ctx = try GEOSContext()
        func le32(_ v: UInt32) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }
        let xy = [UInt8](repeating: 0, count: 16)
        let cases: [([UInt8], String)] = [
            ([1, 1, 0, 0, 0, 1, 2, 3], "WKB: 1 point does not fit in the 3 bytes left at byte 5"),
            ([1] + le32(2) + le32(0xFFFF_FFFF) + xy, "WKB: 4294967295 points do not fit in the 16 bytes left at byte 5"),
            ([1] + le32(3) + le32(1) + le32(1_000_000) + xy, "WKB: 1000000 points do not fit in the 16 bytes left at byte 9"),
            ([1] + le32(7) + le32(0x7FFF_FFFF), "WKB: 2147483647 members do not fit in the 0 bytes left at byte 5"),
            ([1] + le32(7) + le32(2) + [1] + le32(1) + xy, "WKB: ends before a geometry at byte 30"),
            ([2] + le32(1) + xy, "WKB: byte order 2 at byte 0 is neither 0 nor 1"),
            ([1] + le32(99), "WKB: unknown WKB geometry type 99 at byte 1"),
            ([1] + le32(1001) + xy, "WKB: 1 point does not fit in the 16 bytes left at byte 5"),  // ISO Z: 24 bytes
        ]
        for (bytes, message) in cases {
            XCTAssertThrowsError(try Geometry(wkb: bytes, context: ctx)) { XCTAssertEqual("\($0)", message) }
        }
        // Well-formed: big-endian, EWKB with Z and an SRID, ISO Z.
        let bigEndianPoint: [UInt8] = [0, 0, 0, 0, 1] + [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(try bigEndianPoint.withUnsafeBytes { try WKBStructure.check($0) }, 0)
        let ewkb = [1] + le32(0xA000_0001) + le32(4326) + [UInt8](repeating: 0, count: 24)
        XCTAssertEqual(try Geometry(wkb: ewkb, context: ctx).type, .point)
        XCTAssertEqual(try Geometry(wkb: [1] + le32(1001) + [UInt8](repeating: 0, count: 24), context: ctx).type, .point)
        // Z said both ways is one Z (as GEOS reads it: 24 bytes, not 32); type bits GEOS would ignore are refused.
        let twiceZ = [1] + le32(0x8000_0000 | 1001) + [UInt8](repeating: 0, count: 24)
        XCTAssertEqual(try Geometry(wkb: twiceZ, context: ctx).type, .point)
        XCTAssertThrowsError(try Geometry(wkb: [1] + le32(0x0001_0001) + xy, context: ctx)) {
            XCTAssertEqual("\($0)", "WKB: unknown WKB geometry type 65537 at byte 1")
        }
        // Byte order is each geometry's own: big-endian collections around a little-endian polygon.
        let bigEndianCollection: [UInt8] = [0, 0, 0, 0, 7, 0, 0, 0, 1]
        let mixed = Array([[UInt8]](repeating: bigEndianCollection, count: 33).joined()) + Array(Self.nestedCollections(0))
        XCTAssertThrowsError(try Geometry(wkb: mixed, context: ctx)) { XCTAssertEqual($0 as? GeoError, .wkb("geometry collections nest more than 32 levels deep (at most 32 are read)")) }
        XCTAssertEqual(try FuzzTarget.nesting(of: Geometry(wkb: Array(mixed.dropFirst(9)), context: ctx)), 32)
    }

    /// The file: a GeoPackage region layer whose blob nests 20,000 GeometryCollections crashed GEOS
    /// (SIGSEGV, stack overflow) while the layer was read. It is refused, naming the file, layer and feature.
    func testTwentyThousandNestedCollectionsInAGeoPackageLayerAreRefusedNotCrashed() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("zones.gpkg").path
        try TestSupport.makeGeoPackage(at: path, layer: "zones", rows: [("Z1", "Zone", "POLYGON((0 0, 1 0, 1 1, 0 0))")])
        let blob: [UInt8] = [0x47, 0x50, 0, 1, 0xE6, 0x10, 0, 0] + Self.nestedCollections(20_000)
        try SQLiteDatabase(readWrite: path, create: false).run("UPDATE zones SET geom = ? WHERE fid = 1", [.blob(blob)])
        XCTAssertThrowsError(try RegionSet.load(.file(path: path, keyField: "code", nameField: "label", countryField: nil, layer: nil, crs: nil))) { error in
            XCTAssertEqual(error as? FrontierError, .malformed(file: path, line: 0, reason:
                "layer zones fid 1: bad geometry: WKB: geometry collections nest more than 32 levels deep (at most 32 are read)"))
        }
    }

    /// GeoJSON geometries are held to the same cap on collections (Multi* and GeometryCollection) as WKB; in
    /// practice the JSON reader's 64 levels come first, as each collection is two of them (its object and
    /// its "geometries" array). Either way the geometry never reaches GEOS.
    func testGeoJSONCollectionsNestedTooDeepAreRefused() throws {
        let ctx = try GEOSContext()
        func decode(_ text: String) throws -> Geometry {
            try GeoJSONShape.read(JSONReader(bytes: Array(text.utf8), file: "t.geojson")).geometry(context: ctx)
        }
        XCTAssertEqual(try FuzzTarget.nesting(of: decode(Self.nestedCollectionsJSON(29))), 29)
        for depth in [33, 20_000] {
            XCTAssertThrowsError(try decode(Self.nestedCollectionsJSON(depth))) { error in
                XCTAssertTrue("\(error)".contains("64 levels"), "\(error)")
            }
        }
    }

    /// The compact GeoData's polygons go through the same check when first parsed (a record whose checksum
    /// is right but whose WKB nests too deep: a file made by something else than `geodata compact`).
    func testACompactRecordNestingTooDeepIsAnErrorNamingTheRegion() throws {
        let ctx = try GEOSContext()
        let wkb = ArraySlice(Self.nestedCollections(20_000))
        let region = Region(id: "AFG:Badakhshan", country: "AFG", name: "Badakhshan", fips: "", code: "", wkb: wkb,
                            checksum: RecordChecksum.of(wkb), context: ctx, compact: TestSupport.geodata)
        assertDamaged(TestSupport.geodata, saying: "region AFG:Badakhshan: its polygon cannot be read (WKB: geometry collections nest more than 32 levels deep") {
            _ = try region.geometry
        }
    }

    /// The fuzz targets' property holds on the deep inputs (they are refused, so nothing deeper reaches GEOS),
    /// and the committed seeds include one just past the cap.
    func testFuzzTargetsRefuseInputsDeeperThanTheCap() throws {
        let deep = FuzzTarget.gpkgBinary.run([0x47, 0x50, 0, 1, 0xE6, 0x10, 0, 0] + Self.nestedCollections(20_000))
        XCTAssertEqual(deep.violations, [])
        XCTAssertTrue(deep.refusals.contains { $0.contains("nest more than 32 levels deep") }, "\(deep.refusals)")
        for depth in [0, 1, 32, 33] { XCTAssertEqual(FuzzTarget.gpkgBinary.run(Self.nestedCollections(depth)).violations, [], "depth \(depth)") }
        let feature = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"region_id\":\"Z\"},\"geometry\":"
            + Self.nestedCollectionsJSON(200) + "}]}"
        for target in [FuzzTarget.geojson, .regions] {
            let report = target.run(Array(feature.utf8))
            XCTAssertEqual(report.violations, [], "\(target)")
            XCTAssertTrue(report.refusals.contains { $0.contains("nest more than 64 levels deep") }, "\(target): \(report.refusals)")
        }
        let seed = TestSupport.repositoryRoot.appendingPathComponent("Fuzz/corpus/gpkg-binary/nested-33-collections")
        let bytes = [UInt8](try Data(contentsOf: seed))
        XCTAssertEqual(Array(bytes.dropFirst(8)), Self.nestedCollections(33))
    }
}
