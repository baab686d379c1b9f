import XCTest
@testable import Frontier

/// The duplicate-id set: every repeat found, nothing new refused, across growth, wrap-around and the
/// reserved zero.
final class IDHashSetTests: XCTestCase {
    func testRepeatsAreFoundAndNewHashesKeptAcrossGrowth() {
        var set = IDHashSet(capacity: 16)
        var seed: UInt64 = 7
        var hashes: [UInt64] = []
        for _ in 0..<100_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            hashes.append(seed)
        }
        for h in hashes { XCTAssertTrue(set.insert(h)) }
        XCTAssertEqual(set.count, 100_000)
        for h in hashes.prefix(1000) { XCTAssertFalse(set.insert(h), "a repeat") }
        XCTAssertEqual(set.count, 100_000)
    }

    func testZeroAndOneShareTheSlotZeroIsStoredIn() {
        var set = IDHashSet()
        XCTAssertTrue(set.insert(0))
        XCTAssertFalse(set.insert(1), "0 is stored as 1: the two read as one id (one in 2^64)")
        XCTAssertTrue(set.insert(2))
    }

    func testAFullSmallTableStillFindsEverything() {
        // 12 hashes in 16 slots (the most before growing): every probe sequence, wrap-arounds included,
        // ends at its hash or an empty slot.
        var set = IDHashSet(capacity: 12)
        let hashes = (0..<12).map { UInt64.max &- UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        for h in hashes { XCTAssertTrue(set.insert(h)) }
        for h in hashes { XCTAssertFalse(set.insert(h)) }
        XCTAssertEqual(set.count, 12)
    }
}
