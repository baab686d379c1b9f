import Foundation
import XCTest
import Geo
import Frontier
@testable import FrontierFormats
@testable import FrontierPlaces
@testable import FrontierPostGIS
@testable import FrontierScan

/// Seeded property tests: the same answers from the fast paths as from the exact or literal ones, on
/// inputs no one chose by hand.
final class PropertyTests: XCTestCase {
    /// SplitMix64: a fixed seed gives the same cases on every run and machine.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The cell index (as loaded from boundaries.bin) answers as prepared GEOS predicates do: on random
    /// points over the frontier, on every polygon vertex and on every edge's midpoint (where cells are
    /// boundary cells and several regions touch).
    func testLocateIndexEqualsExactGEOSOnRandomPointsVerticesAndEdges() throws {
        let regions = try RegionSet.load(.admin1, geodata: TestSupport.geodata)
        XCTAssertNotNil(regions.locateIndex, "loaded with its stored index")
        var rng = Seeded(state: 42)
        var points = (0..<20_000).map { _ in Coordinate(x: Double.random(in: 55...80, using: &rng), y: Double.random(in: 23...46, using: &rng)) }
        for r in regions.regions {
            for polygon in try r.geometry.polygons() {
                for ring in [try polygon.exteriorRing()] + (try polygon.interiorRings()) {
                    for (a, b) in zip(ring, ring.dropFirst()) {
                        points.append(a)
                        points.append(Coordinate(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2))
                    }
                }
            }
        }
        var disagreements = 0
        for p in points where try regions.locate(p) != regions.locateExactly(p) { disagreements += 1 }
        XCTAssertEqual(disagreements, 0, "of \(points.count) points")
        XCTAssertGreaterThan(points.count, 50_000)
    }

    /// Whatever text a field holds (quotes, commas, CR, LF, CRLF, NUL, BOM-like bytes, any Unicode), a CSV
    /// line written by `CSVWriter` reads back as the same fields.
    func testCSVWriteThenReadRoundTrips() throws {
        var rng = Seeded(state: 7)
        // "\r\n" and a quote before a combining accent are single Characters: CSVWriter once missed both.
        let alphabet: [String] = ["a", "Z", "7", ",", "\"", "\r", "\n", "\r\n", " ", "\t", "\0", "é", "ж", "ب", "😀", "\u{FEFF}", ";", "'",
                                  "\"\u{301}", "e\u{301}"]
        var rows: [[String]] = []
        for _ in 0..<3_000 {
            let width = Int.random(in: 2...6, using: &rng)
            rows.append((0..<width).map { _ in
                String((0..<Int.random(in: 0...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined())
            })
        }
        let text = rows.map(CSVWriter.line).joined()
        let reader = CSVRecordReader(bytes: Array(text.utf8), name: "round-trip.csv", firstLine: 1)
        var back: [[String]] = []
        while try reader.advance() { back.append(reader.fields) }
        XCTAssertEqual(back.count, rows.count)
        for (i, (a, b)) in zip(rows, back).enumerated() where a != b {
            XCTFail("row \(i): wrote \(a.debugDescription), read \(b.debugDescription)")
            break
        }
    }
}
