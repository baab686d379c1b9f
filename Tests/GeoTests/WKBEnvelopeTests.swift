import XCTest
@testable import Geo

/// The envelope read from WKB (`WKBEnvelope`) is GEOS's to the bit, and anything it does not read is left to GEOS.
final class WKBEnvelopeTests: XCTestCase {
    private func bounds(_ wkt: String, bigEndian: Bool = false) throws -> (read: WKBEnvelope.Bounds?, geos: Envelope?) {
        let ctx = try GEOSContext()
        let g = try Geometry(wkt: wkt, context: ctx)
        var wkb = try g.wkb()
        if bigEndian { wkb = try XCTUnwrap(Self.bigEndian(wkb)) }
        return (wkb.withUnsafeBytes { WKBEnvelope.polygonal($0) }, try g.envelope())
    }

    func testPolygonsAndMultiPolygonsGiveGEOSsEnvelope() throws {
        for wkt in ["POLYGON((70 36, 71.25 36, 71 37.5, 70 37, 70 36))",
                    "POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))",
                    "MULTIPOLYGON(((70 36, 71 36, 71 37, 70 36)), ((-5.5 -3, -4 -3, -4 -1.25, -5.5 -3)))",
                    "MULTIPOLYGON(((1 1, 2 1, 2 2, 1 1)), EMPTY)"] {
            let (read, geos) = try bounds(wkt)
            XCTAssertEqual(read, .box(try XCTUnwrap(geos)), wkt)
        }
    }

    func testAHoleOutsideItsShellIsNotBoundedAsGEOSDoesNot() throws {
        // Invalid, but GEOS bounds a polygon by its shell alone: so does the reader.
        let (read, geos) = try bounds("POLYGON((0 0, 1 0, 1 1, 0 0), (5 5, 6 5, 6 6, 5 5))")
        XCTAssertEqual(geos, Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1))
        XCTAssertEqual(read, .box(try XCTUnwrap(geos)))
    }

    func testEmptyGeometriesHaveNone() throws {
        for wkt in ["POLYGON EMPTY", "MULTIPOLYGON EMPTY"] {
            let (read, geos) = try bounds(wkt)
            XCTAssertNil(geos, wkt)
            XCTAssertEqual(read, .empty, wkt)
        }
    }

    func testBigEndianBytesAreReadToo() throws {
        let (read, geos) = try bounds("MULTIPOLYGON(((70 36, 71 36, 71 37, 70 36)), ((72 35, 73 35, 73 36.5, 72 35)))", bigEndian: true)
        XCTAssertEqual(read, .box(try XCTUnwrap(geos)))
    }

    func testOtherGeometriesAndDamagedBytesAreLeftToGEOS() throws {
        let ctx = try GEOSContext()
        for wkt in ["POINT(1 2)", "LINESTRING(0 0, 1 1)", "GEOMETRYCOLLECTION(POLYGON((0 0, 1 0, 1 1, 0 0)))"] {
            let wkb = try Geometry(wkt: wkt, context: ctx).wkb()
            XCTAssertNil(wkb.withUnsafeBytes { WKBEnvelope.polygonal($0) }, wkt)
        }
        // A polygon with Z (ISO type 1003; GEOS writes two dimensions, so it is spelled out here).
        var z: [UInt8] = [1]
        for n in [UInt32(1003), 1, 4] { z += withUnsafeBytes(of: n.littleEndian) { Array($0) } }
        for v in [0.0, 0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 1] { z += withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
        XCTAssertNil(z.withUnsafeBytes { WKBEnvelope.polygonal($0) }, "POLYGON Z")
        let whole = try Geometry(wkt: "POLYGON((70 36, 71 36, 71 37, 70 36))", context: ctx).wkb()
        for cut in [0, 1, 5, 9, 13, 20, whole.count - 1] {
            XCTAssertNil(Array(whole.prefix(cut)).withUnsafeBytes { WKBEnvelope.polygonal($0) }, "cut at \(cut)")
        }
        var nan = whole
        withUnsafeBytes(of: Double.nan.bitPattern.littleEndian) { nan.replaceSubrange(13..<21, with: $0) }
        XCTAssertNil(nan.withUnsafeBytes { WKBEnvelope.polygonal($0) }, "a NaN coordinate")
        XCTAssertNil([UInt8](repeating: 7, count: 40).withUnsafeBytes { WKBEnvelope.polygonal($0) }, "no byte order")
    }

    /// Little-endian 2D Polygon/MultiPolygon WKB rewritten big-endian.
    private static func bigEndian(_ wkb: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var at = 0
        func u32() -> UInt32 { defer { at += 4 }; return wkb[at..<at + 4].reversed().reduce(0) { $0 << 8 | UInt32($1) } }
        func put32(_ v: UInt32) { out += withUnsafeBytes(of: v.bigEndian) { Array($0) } }
        func header() -> UInt32 { at += 1; out.append(0); let t = u32(); put32(t); return t }
        func polygon() {
            let rings = u32(); put32(rings)
            for _ in 0..<rings {
                let n = u32(); put32(n)
                for _ in 0..<(2 * n) { out += wkb[at..<at + 8].reversed(); at += 8 }
            }
        }
        switch header() {
        case 3: polygon()
        case 6: let n = u32(); put32(n); for _ in 0..<n { _ = header(); polygon() }
        default: return nil
        }
        return out
    }
}
