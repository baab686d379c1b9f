import Foundation
import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats

/// `NumberFormat.fixed` writes through C's `%.*f`; its text must be Foundation's `String(format:)` text
/// (what every earlier output was written with), trimmed and without negative zero.
final class NumberFormatTests: XCTestCase {
    func testHandPickedValues() {
        XCTAssertEqual(NumberFormat.coordinate(70.1234567), "70.1234567")
        XCTAssertEqual(NumberFormat.coordinate(70.12345675), "70.1234568")
        XCTAssertEqual(NumberFormat.coordinate(37), "37")
        XCTAssertEqual(NumberFormat.coordinate(-0.00000001), "0")
        XCTAssertEqual(NumberFormat.coordinate(-12.5), "-12.5")
        XCTAssertEqual(NumberFormat.fixed(2.5, decimals: 0), "2")
        XCTAssertEqual(NumberFormat.fixed(-0.04, decimals: 1), "0.0")
        XCTAssertEqual(NumberFormat.fixed(1e300, decimals: 2).count, 304)
        XCTAssertEqual(NumberFormat.fixed(.nan, decimals: 3), "nan")
    }

    func testMatchesFoundationOnManyValues() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let scale = [1e-9, 1e-3, 1, 180, 1e6, 1e12][Int.random(in: 0..<6, using: &rng)]
            let v = Double.random(in: -1...1, using: &rng) * scale
            for decimals in [0, 1, 3, 7] {
                var expected = String(format: "%.\(decimals)f", v)
                if expected.hasPrefix("-"), expected.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { expected.removeFirst() }
                XCTAssertEqual(NumberFormat.fixed(v, decimals: decimals), expected, "\(v) with \(decimals)")
            }
        }
    }

    /// Values next to a rounding tie, where the integer path must step aside or agree with C: (k + ½)/10ᵈ,
    /// exact binary halves (0.125 → "0.12", C rounds the exact value half to even), and their neighbours.
    func testValuesBesideTiesMatchC() {
        var rng = SystemRandomNumberGenerator()
        var cases: [(Double, Int)] = [(0.125, 2), (0.375, 2), (2.5, 0), (-3.5, 0), (1.0000005, 6), (70.12345675, 7)]
        for _ in 0..<20_000 {
            let decimals = Int.random(in: 0...9, using: &rng)
            let k = Double(Int.random(in: -2_000_000_000...2_000_000_000, using: &rng))
            let tie = (k + 0.5) / pow(10, Double(decimals))
            cases += [(tie, decimals), (tie.nextUp, decimals), (tie.nextDown, decimals)]
        }
        for (v, decimals) in cases {
            var expected = String(format: "%.\(decimals)f", v)
            if expected.hasPrefix("-"), expected.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { expected.removeFirst() }
            XCTAssertEqual(NumberFormat.fixed(v, decimals: decimals), expected, "\(v) with \(decimals)")
            if let fast = NumberFormat.fixedFromInteger(v, decimals: decimals, trim: false) {
                XCTAssertEqual(fast, expected, "integer path: \(v) with \(decimals)")
            }
        }
        XCTAssertEqual(NumberFormat.fixed(0.125, decimals: 2), "0.12")
        XCTAssertEqual(NumberFormat.fixed(0.375, decimals: 2), "0.38")
        XCTAssertEqual(NumberFormat.fixed(-0.0000, decimals: 3, trim: true), "0")
        XCTAssertEqual(NumberFormat.fixed(12.3400, decimals: 4, trim: true), "12.34")
        XCTAssertEqual(NumberFormat.fixed(-7, decimals: 3, trim: true), "-7")
    }
}
