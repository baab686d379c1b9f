import FrontierBase
import Geo
import XCTest
import FrontierReport

/// `MapPositions` keeps positions as whole numbers of 1e-7 degrees where that is exact: it must give back the
/// very doubles it was given (from memory or from the file they spill to), and find the view's trimmed box as
/// sorting every position would.
final class MapPositionsTests: XCTestCase {
    /// Decimals of at most 7 places, parsed as the reader parses them, come back bit for bit; others (more
    /// places, −0, NaN, beyond ±214°) make their chunk keep doubles and come back too.
    func testEveryPositionComesBackAsTheDoubleItWas() throws {
        var generator = PropertyTests.Seeded(state: 2026)
        var given: [Coordinate] = []
        for places in 0...7 {
            for _ in 0..<2_000 {
                let scale = pow(10.0, Double(places))
                let lon = Double(Int.random(in: -1_800_000_000...1_800_000_000, using: &generator) / Int(pow(10.0, Double(7 - places)))) / scale
                let lat = Double(("\(Int.random(in: -89...89, using: &generator)).\(Int.random(in: 0..<Int(scale), using: &generator))"))!
                given.append(Coordinate(x: lon, y: places == 0 ? lat.rounded() : lat))
            }
        }
        let odd = [Coordinate(x: 69.123456789, y: 37.000000001), Coordinate(x: -0.0, y: 0), Coordinate(x: .nan, y: 36),
                   Coordinate(x: 250, y: -300), Coordinate(x: 1e-8, y: 5e-324)]
        given += odd
        // 16,005 positions in chunks of 65,536: the last chunk, still being filled, is read as well.
        var positions = MapPositions()
        for (i, p) in given.enumerated() { try positions.append(p, located: i % 2 == 0) }
        var back: [Coordinate] = []
        try positions.forEachChunk { back += $0 }
        XCTAssertEqual(back.count, given.count)
        for (a, b) in zip(given, back) {
            XCTAssertEqual(a.x.bitPattern, b.x.bitPattern, "\(a) came back as \(b)")
            XCTAssertEqual(a.y.bitPattern, b.y.bitPattern, "\(a) came back as \(b)")
        }
        XCTAssertEqual(positions.locatedCount, (given.count + 1) / 2)
    }

    /// 100 located positions: one off each end of each axis; 99 keep them all; none finite is no box. The
    /// unlocated ones never count, however far out.
    func testTheTrimmedBoxLeavesOutTheOutermostPercentOfTheLocated() throws {
        var hundred = MapPositions()
        for i in 0..<100 {
            try hundred.append(Coordinate(x: Double(i), y: Double(99 - i) / 10), located: true)
            try hundred.append(Coordinate(x: 170, y: -80), located: false)
        }
        XCTAssertEqual(try hundred.trimmedBox(), Envelope(minX: 1, minY: 0.1, maxX: 98, maxY: 9.8), "one position off each end of each axis")
        var ninetyNine = MapPositions()
        for i in 0..<99 { try ninetyNine.append(Coordinate(x: Double(i), y: Double(99 - i) / 10), located: true) }
        XCTAssertEqual(try ninetyNine.trimmedBox(), Envelope(minX: 0, minY: 0.1, maxX: 98, maxY: 9.9), "fewer than 100 keep them all")
        var none = MapPositions()
        try none.append(Coordinate(x: .nan, y: 1), located: true)
        try none.append(Coordinate(x: 3, y: 1), located: false)
        XCTAssertNil(try none.trimmedBox())
        XCTAssertEqual(try none.box(), Envelope(minX: 3, minY: 1, maxX: 3, maxY: 1), "the box of every finite position")
    }

    /// Either side of `sortedAtMost` (sorted below it, counted above), the same ranks: -0 before +0, as the
    /// counting keys order them. Half the positions at x = -0, half at +0: the trimmed box runs from -0 to +0.
    func testTheTrimmedBoxIsTheSameSortedOrCounted() throws {
        for n in [MapPositions.sortedAtMost - 1, MapPositions.sortedAtMost, MapPositions.sortedAtMost + 1, 3 * MapPositions.sortedAtMost] {
            var positions = MapPositions()
            for i in 0..<n { try positions.append(Coordinate(x: i % 2 == 0 ? -0.0 : 0.0, y: Double(i % 1000) / 10), located: true) }
            let box = try XCTUnwrap(try positions.trimmedBox())
            XCTAssertEqual(box.minX.sign, .minus, "\(n) positions")
            XCTAssertEqual(box.maxX.sign, .plus, "\(n) positions")
            // y: 0.0, 0.1, ... 99.9 repeated; n / 100 left out at each end.
            let ys = (0..<n).map { Double($0 % 1000) / 10 }.sorted()
            XCTAssertEqual(box.minY, ys[n / 100], "\(n) positions")
            XCTAssertEqual(box.maxY, ys[n - 1 - n / 100], "\(n) positions")
        }
    }

    /// Over several chunks (held in memory, or all but the one being filled spilled to the file), with
    /// repeated values, negative and positive coordinates, and with positions of 9 decimals (their chunks keep
    /// doubles): the box is the one sorting the located positions gives, and every position comes back.
    func testTheTrimmedBoxIsTheOneSortingGives() throws {
        for (withOdd, inMemory) in [(false, 16), (true, 16), (false, 0), (true, 0), (true, 1)] {
            var positions = MapPositions(chunksInMemory: inMemory)
            var given: [Coordinate] = []
            var xs: [Double] = [], ys: [Double] = []
            var generator = PropertyTests.Seeded(state: withOdd ? 7 : 42)
            for i in 0..<(2 * MapPositions.chunkSize + 1_234) {
                // Repeats: a coarse grid of 0.01° in part of the range.
                let p = i % 3 == 0 ? Coordinate(x: Double(Int(generator.next() % 2000)) / 100 - 10, y: Double(Int(generator.next() % 500)) / 100 + 30)
                    : Coordinate(x: Double(Int64(generator.next() % 3_600_000_000)) / 1e7 - 180, y: Double(Int64(generator.next() % 1_700_000_000)) / 1e7 - 85)
                let located = generator.next() % 4 != 0
                // In the odd run, the first chunk and the one being filled meet positions of 9 decimals, one
                // far out on each axis (so it is among the ranks looked for) and one inside.
                if withOdd, i == 1_000 || i == 2 * MapPositions.chunkSize + 5 {
                    for odd in [Coordinate(x: -179.123456789, y: 84.987654321), Coordinate(x: 68.000000001, y: 36.999999999)] {
                        try positions.append(odd, located: true)
                        given.append(odd)
                        xs.append(odd.x)
                        ys.append(odd.y)
                    }
                }
                try positions.append(p, located: located)
                given.append(p)
                if located { xs.append(p.x); ys.append(p.y) }
            }
            xs.sort()
            ys.sort()
            let k = xs.count / 100
            XCTAssertEqual(try positions.trimmedBox(), Envelope(minX: xs[k], minY: ys[k], maxX: xs[xs.count - 1 - k], maxY: ys[ys.count - 1 - k]),
                           "\(withOdd ? "with chunks of doubles" : "every position a whole number"), \(inMemory) chunks in memory")
            var back: [Coordinate] = []
            try positions.forEachChunk { back += $0 }
            XCTAssertEqual(back, given, "\(inMemory) chunks in memory")
        }
    }

    /// Positions past the memory's share that cannot be written are an error naming the folder, not a lost
    /// or a wrong map; the positions are then those kept before the call.
    func testASpillThatCannotBeWrittenNamesTheFolder() throws {
        var positions = MapPositions(spillFolder: "/nonexistent/frontier-spill", chunksInMemory: 0)
        for i in 0..<(MapPositions.chunkSize - 1) { try positions.append(Coordinate(x: 69, y: Double(i) / 1e6), located: true) }
        XCTAssertThrowsError(try positions.append(Coordinate(x: 70, y: 37), located: true)) { error in
            guard case FrontierError.cannotWrite(let file, let reason) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "/nonexistent/frontier-spill")
            XCTAssertEqual(reason, "a map's incident positions spilled to the disk: No such file or directory")
        }
        XCTAssertEqual(positions.count, MapPositions.chunkSize - 1)
        XCTAssertEqual(positions.locatedCount, MapPositions.chunkSize - 1)
        var back: [Coordinate] = []
        try positions.forEachChunk { back += $0 }
        XCTAssertEqual(back.last, Coordinate(x: 69, y: Double(MapPositions.chunkSize - 2) / 1e6))
        XCTAssertEqual(back.count, MapPositions.chunkSize - 1)
    }
}
