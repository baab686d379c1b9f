import XCTest
import Frontier
@testable import FrontierBase
@testable import FrontierFormats
@testable import FrontierScan

/// The duplicate-id set: every repeat found, nothing new refused, across growth and wrap-around, and ids
/// that share a 64-bit hash kept apart.
final class IDHashSetTests: XCTestCase {
    /// Distinct ids that all land in a few home slots (hash 0, 1 or the same value) force long probe runs.
    private func insert(_ set: inout IDHashSet, _ id: String, hash: UInt64? = nil) -> Bool {
        var id = id
        return id.withUTF8 { set.insert($0, hash: hash ?? IDHashSet.hash($0)) }
    }

    func testRepeatsAreFoundAndNewIDsKeptAcrossGrowth() {
        var set = IDHashSet(capacity: 16)
        let ids = (0..<100_000).map { "ID\($0 &* 7919)" }
        for id in ids { XCTAssertTrue(insert(&set, id)) }
        XCTAssertEqual(set.count, 100_000)
        for id in ids.prefix(1000) { XCTAssertFalse(insert(&set, id), "a repeat") }
        XCTAssertTrue(insert(&set, "new"))
        XCTAssertEqual(set.count, 100_001)
    }

    /// `CsCNaPbaJ-I` and `9w9E17-sZZE` share FNV-1a's 64-bit hash: the second was refused as a repeat of
    /// the first.
    func testIDsWhoseFNV1aHashesCollideAreBothKept() {
        XCTAssertEqual(FNV1a.hash("CsCNaPbaJ-I"), 0xd0a7_8929_6927_7816)
        XCTAssertEqual(FNV1a.hash("9w9E17-sZZE"), 0xd0a7_8929_6927_7816, "the two ids really collide")
        var set = IDHashSet()
        XCTAssertTrue(set.insert("CsCNaPbaJ-I"))
        XCTAssertTrue(set.insert("9w9E17-sZZE"), "a shared hash is not a shared id")
        XCTAssertFalse(set.insert("CsCNaPbaJ-I"))
        XCTAssertFalse(set.insert("9w9E17-sZZE"))
        XCTAssertEqual(set.count, 2)
    }

    /// Every id given the same hash (one run of probes through the table, wrapping around its end), empty
    /// and long ids (a length over 127 takes two bytes): the bytes decide. Twelve ids fill the 16 slots as far
    /// as they go before growing (growing places ids by their real hash).
    func testOnlyTheBytesDecideWhenEveryHashIsTheSame() {
        for hash: UInt64 in [0, 1, .max] {
            var set = IDHashSet(capacity: 12)
            let ids = ["", "a", "b", "ab", String(repeating: "x", count: 200), String(repeating: "x", count: 201)] + (0..<6).map { "id\($0)" }
            for id in ids { XCTAssertTrue(insert(&set, id, hash: hash), "\(id) with hash \(hash)") }
            for id in ids { XCTAssertFalse(insert(&set, id, hash: hash), "\(id) again") }
            XCTAssertEqual(set.count, ids.count)
        }
    }

    func testReserveKeepsWhatIsThere() {
        var set = IDHashSet(capacity: 4)
        for i in 0..<10 { XCTAssertTrue(insert(&set, "R\(i)")) }
        set.reserve(100_000)
        for i in 0..<10 { XCTAssertFalse(insert(&set, "R\(i)")) }
        XCTAssertTrue(insert(&set, "R10"))
    }
}
