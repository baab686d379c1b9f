import Foundation
import XCTest
@testable import FrontierGeoPackage

/// The sort a new store's R-tree is packed with: the order of `Array.sorted`, in memory or merged from runs
/// spilled to an unnamed file that leaves nothing behind in its folder.
final class SpillingSortTests: XCTestCase {
    private func points(_ n: Int) -> [RTreeBulkLoad.Point] {
        // Few distinct longitudes, so that ties are decided by the id (SQL's `ORDER BY longitude, fid`);
        // -0.0 and 0.0 tie as SQL's REAL comparison ties them.
        (0..<n).map { k in
            let x = [-0.0, 0.0, 70.5, -12.25, 70.5000001][Int.random(in: 0..<5)]
            return RTreeBulkLoad.Point(x: x, y: Double.random(in: -90...90), id: Int64.random(in: 1...1_000_000_000) &* 4 + Int64(k % 4))
        }
    }

    private func sorted(_ input: [RTreeBulkLoad.Point], runLength: Int, folder: String) throws -> [RTreeBulkLoad.Point] {
        let sort = SpillingSort<RTreeBulkLoad.Point>(folder: folder, runLength: runLength)
        for p in input { try sort.add(p) }
        XCTAssertEqual(sort.count, input.count)
        let merger = try sort.sorted()
        var out: [RTreeBulkLoad.Point] = []
        while let p = try merger.next() { out.append(p) }
        XCTAssertNil(try merger.next(), "nothing after the last")
        return out
    }

    func testRunsMergeToTheOrderOfASortInMemory() throws {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // One run in memory, runs of 7 (many runs, a short last one), a run length that divides the count.
        for (n, runLength) in [(0, 7), (1, 7), (6, 7), (7, 7), (1000, 7), (4096 * 3 + 5, 1000), (800, 100)] {
            let input = points(n)
            let want = input.sorted(by: RTreeBulkLoad.Point.precedes)
            let got = try sorted(input, runLength: runLength, folder: dir.path)
            XCTAssertEqual(got.map(\.id), want.map(\.id), "\(n) in runs of \(runLength)")
            XCTAssertEqual(got.map(\.y), want.map(\.y))
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), [], "the spill file has no name")
        }
    }

    func testASpillFolderThatTakesNoFileIsAnError() throws {
        let sort = SpillingSort<RTreeBulkLoad.Point>(folder: "/nonexistent-folder-\(UUID().uuidString)", runLength: 2)
        try sort.add(RTreeBulkLoad.Point(x: 1, y: 1, id: 1))
        XCTAssertThrowsError(try sort.add(RTreeBulkLoad.Point(x: 0, y: 0, id: 2))) { error in
            XCTAssertTrue("\(error)".contains("a sort spilled to the disk"), "\(error)")
        }
    }
}
