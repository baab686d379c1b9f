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

/// Ids of the ACLED form (a prefix and a number) kept as bits: equal exactly when their bytes are, and
/// each id always checked in the same one of the two sets, however the bitmaps grow or stop growing.
final class NumberedIDSetTests: XCTestCase {
    private func insert(_ set: inout IDHashSet, _ id: String) -> Bool { set.insert(id) }

    /// `PAK0123` and `PAK123` are the number 123 written two ways: two ids. So are `A1` and `AA1` (prefix),
    /// `1` and `01` (no prefix), and a prefix holding a NUL byte.
    func testLeadingZerosAndPrefixesMakeDifferentIDs() {
        var set = IDHashSet()
        let ids = ["PAK123", "PAK0123", "PAK00123", "pak123", "AFG123", "A1", "AA1", "1", "01", "\u{0}1", "\u{0}\u{0}1", "SYN000000001"]
        for id in ids { XCTAssertTrue(insert(&set, id), id) }
        for id in ids { XCTAssertFalse(insert(&set, id), "\(id) again") }
        XCTAssertEqual(set.count, ids.count)
        XCTAssertEqual(Array("PAK0123".utf8).withUnsafeBufferPointer { NumberedIDSet.split($0)?.number }, 123)
    }

    /// Ids that are not a short prefix and a number go to the hash set: a long prefix, letters after the
    /// digits, a number past the largest kept, 19 digits, no digits.
    func testOtherIDsAreHashedAndStillFound() {
        var set = IDHashSet()
        let ids = ["ABCDEFGH1", "AFG12x", "AFG134217728", "AFG1234567890123456789", "AFG", "", "12-34", "Φ12"]
        for id in ids {
            let bytes = Array(id.utf8)
            if id != "Φ12" { XCTAssertNil(bytes.withUnsafeBufferPointer { NumberedIDSet.split($0) }, id) }
            XCTAssertTrue(insert(&set, id), id)
        }
        for id in ids { XCTAssertFalse(insert(&set, id), "\(id) again") }
        XCTAssertEqual(set.count, ids.count)
    }

    /// 70 prefixes: the first 64 get bitmaps, the rest the hash set, and a repeat is found in either.
    func testPrefixesPastTheLimitGoToTheHashSet() {
        var set = IDHashSet()
        let ids = (0..<70).flatMap { p in (0..<50).map { "P\(p)X\($0)" } }
        for id in ids.shuffledDeterministically() { XCTAssertTrue(insert(&set, id), id) }
        for id in ids { XCTAssertFalse(insert(&set, id), "\(id) again") }
        XCTAssertEqual(set.count, ids.count)
    }

    /// Numbers spread so wide that the bitmaps' budget runs out: a class that stops growing sends its
    /// larger numbers to the hash set from then on, and the smaller ones it holds stay found.
    func testAClassFrozenByTheBudgetKeepsEveryIDFound() {
        var set = IDHashSet()
        let step = NumberedIDSet.maxNumber / 9
        let ids = (0..<40).flatMap { p in (0..<9).map { "Q\(p)Z\($0 * step + p)" } }
        for id in ids { XCTAssertTrue(insert(&set, id), id) }
        for id in ids.reversed() { XCTAssertFalse(insert(&set, id), "\(id) again") }
        XCTAssertTrue(insert(&set, "Q0Z1"))
        XCTAssertEqual(set.count, ids.count + 1)
    }
}

private extension Array {
    /// A fixed interleaving (every 7th element first, and so on), so the test reads the same every run.
    func shuffledDeterministically() -> [Element] { (0..<7).flatMap { k in stride(from: k, to: count, by: 7).map { self[$0] } } }
}
