import Foundation
import FrontierBase
import Geo

/// Every mapped incident's position, and whether it lies in a region or cell, in 8 bytes each, in memory up
/// to `chunksInMemory` chunks (8 MB) and beyond that in an unnamed temporary file: a map of 5 million
/// incidents held 430 MB of positions (two arrays of 16-byte coordinates, each grown by doubling, and sorted
/// copies to find the view); now it holds 8 MB and sorts none. The map reads them back a chunk at a time for
/// its few passes (the view's box, the cells, the count outside the view).
///
/// A coordinate is kept as a whole number of 1e-7 degrees when that number gives back the very same double:
/// `Double(q) / 1e7` is the double nearest to q × 10⁻⁷ (IEEE division is correctly rounded and both operands
/// are exact), which is what parsing a decimal of at most 7 places gives, so every coordinate written with 7
/// decimals or fewer is kept exactly. Any other (more decimals, out of range, not finite) is kept as it is,
/// beside. The map draws, bins and counts the same numbers it read.
public struct MapPositions {
    /// Positions are stored in chunks of this many, so growing never copies what is already kept, and are
    /// handed out decoded in chunks of the same size (one PROJ call each).
    public static let chunkSize = 65_536
    /// The scale of the stored whole numbers: 1e-7 degrees, the precision GeoJSON keeps (about 1 cm).
    private static let scale = 1e7
    /// Marks a position kept beside, in `exact` (no valid position is this far out: −214.7483648°).
    private static let elsewhere = SIMD2<Int32>(Int32.min, Int32.min)

    /// A chunk held in memory, or its place in the spill file.
    private enum Chunk {
        case memory([SIMD2<Int32>])
        case spilled(SpillFile<SIMD2<Int32>>, start: Int, count: Int)
    }
    /// How many chunks are held in memory before the full ones go to the file.
    private let chunksInMemory: Int
    private var chunks: [Chunk] = []
    /// The chunk being filled.
    private var current: [SIMD2<Int32>] = []
    /// Where full chunks past `chunksInMemory` go (nil: the temporary folder, looked up at the first spill).
    private let spillFolder: String?
    /// Made by the first spill: a small map never looks for a temporary folder.
    private var spilled: SpillFile<SIMD2<Int32>>?
    /// Bit i: position i lies in a region or cell.
    private var located: [UInt64] = []
    /// The positions not kept as whole numbers, by index.
    private var exact: [Int: Coordinate] = [:]
    /// How many positions are kept.
    public private(set) var count = 0
    /// How many of them lie in a region or cell.
    public private(set) var locatedCount = 0

    /// - Parameters:
    ///   - spillFolder: where positions beyond the memory's share go: the temporary folder (`TMPDIR`, else /tmp).
    ///   - chunksInMemory: how many full chunks stay in memory (16: a million positions, 8 MB) before they
    ///     are written to the file.
    public init(spillFolder: String? = nil, chunksInMemory: Int = 16) {
        self.spillFolder = spillFolder
        self.chunksInMemory = chunksInMemory
    }

    public var isEmpty: Bool { count == 0 }

    /// Keeps `position`; `located`: it lies in a region or cell (the default view is drawn around those).
    /// - Throws: `FrontierError.cannotWrite` naming the spill folder when a full chunk cannot be written there.
    public mutating func append(_ position: Coordinate, located isLocated: Bool) throws {
        if current.isEmpty { current.reserveCapacity(Self.chunkSize) }
        if count % 64 == 0 { located.append(0) }
        if let x = Self.whole(position.x), let y = Self.whole(position.y) {
            current.append(SIMD2(x, y))
        } else {
            current.append(Self.elsewhere)
            exact[count] = position
        }
        if isLocated {
            located[count / 64] |= 1 << UInt64(count % 64)
            locatedCount += 1
        }
        count += 1
        if current.count == Self.chunkSize {
            if chunks.count < chunksInMemory {
                chunks.append(.memory(current))
            } else {
                let file = spilled ?? SpillFile(folder: spillFolder ?? FileManager.default.temporaryDirectory.path, purpose: "a map's incident positions")
                spilled = file
                chunks.append(.spilled(file, start: try file.append(current), count: current.count))
            }
            current = []
        }
    }

    /// Calls `body` with the positions in order, `chunkSize` at a time.
    /// - Throws: `FrontierError.cannotWrite` when spilled positions cannot be read back, and whatever `body` throws.
    public func forEachChunk(_ body: ([Coordinate]) throws -> Void) throws {
        try forEachStored { first, chunk in
            try body(chunk.enumerated().map { i, q in q == Self.elsewhere ? exact[first + i] ?? Coordinate(x: .nan, y: .nan) : Self.coordinate(q) })
        }
    }

    /// Calls `body` with each chunk as stored, and the index of its first position.
    private func forEachStored(_ body: (Int, [SIMD2<Int32>]) throws -> Void) throws {
        for (c, chunk) in chunks.enumerated() {
            switch chunk {
            case .memory(let stored): try body(c * Self.chunkSize, stored)
            case .spilled(let file, let start, let n): try body(c * Self.chunkSize, try file.read(from: start, count: n))
            }
        }
        if !current.isEmpty { try body(chunks.count * Self.chunkSize, current) }
    }

    /// The box of every finite position; nil when there is none.
    /// - Throws: `FrontierError.cannotWrite` when spilled positions cannot be read back.
    public func box() throws -> Envelope? {
        var box: Envelope?
        try forEachChunk { chunk in
            for p in chunk where p.x.isFinite && p.y.isFinite {
                if box == nil { box = Envelope(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y) } else { box?.expand(toInclude: p) }
            }
        }
        return box
    }

    /// The box of the located positions without the outermost 1% on each side: of the n finite ones, the
    /// `n / 100` smallest and largest longitudes and latitudes are left out, each axis apart (fewer than 100
    /// keep them all). Nil when no located position is finite.
    /// - Throws: `FrontierError.cannotWrite` when spilled positions cannot be read back.
    public func trimmedBox() throws -> Envelope? {
        let locatedExact = exact.filter { isLocated($0.key) }.values
        let finite = locatedCount - locatedExact.count + locatedExact.filter { $0.x.isFinite && $0.y.isFinite }.count
        guard finite > 0 else { return nil }
        let k = finite / 100
        if locatedExact.isEmpty {
            let (minX, maxX) = try ranked(k, finite - 1 - k, axis: 0)
            let (minY, maxY) = try ranked(k, finite - 1 - k, axis: 1)
            return Envelope(minX: Self.degrees(minX), minY: Self.degrees(minY), maxX: Self.degrees(maxX), maxY: Self.degrees(maxY))
        }
        // Positions of more than 7 decimals in the view's set (rare): sort them all, as doubles.
        var xs: [Double] = [], ys: [Double] = []
        var index = 0
        try forEachChunk { chunk in
            for p in chunk {
                if isLocated(index), p.x.isFinite, p.y.isFinite {
                    xs.append(p.x)
                    ys.append(p.y)
                }
                index += 1
            }
        }
        xs.sort()
        ys.sort()
        return Envelope(minX: xs[k], minY: ys[k], maxX: xs[xs.count - 1 - k], maxY: ys[ys.count - 1 - k])
    }

    private func isLocated(_ i: Int) -> Bool { located[i / 64] & (1 << UInt64(i % 64)) != 0 }

    /// The stored whole numbers of ranks `low` and `high` (0: the smallest) among the located positions' `axis`
    /// (0: x, 1: y), found by counting rather than sorting: a first pass counts the values by their upper 16
    /// bits, which names the group holding each rank, and a second counts within those two groups by the lower
    /// 16 bits. Only called when every located position is stored as a whole number.
    private func ranked(_ low: Int, _ high: Int, axis: Int) throws -> (Int32, Int32) {
        // Flipping the sign bit orders the unsigned keys as the signed values.
        func key(_ v: Int32) -> UInt32 { UInt32(bitPattern: v) ^ 0x8000_0000 }
        func value(_ k: UInt32) -> Int32 { Int32(bitPattern: k ^ 0x8000_0000) }
        var upper = [Int](repeating: 0, count: 65_536)
        try forEachLocated(axis) { upper[Int(key($0) >> 16)] += 1 }
        let (lowGroup, lowRank) = Self.slot(of: low, in: upper)
        let (highGroup, highRank) = Self.slot(of: high, in: upper)
        var lowCounts = [Int](repeating: 0, count: 65_536), highCounts = lowCounts
        try forEachLocated(axis) {
            let k = key($0), group = Int(k >> 16), lower = Int(k & 0xFFFF)
            if group == lowGroup { lowCounts[lower] += 1 }
            if group == highGroup { highCounts[lower] += 1 }
        }
        let lowValue = value(UInt32(lowGroup) << 16 | UInt32(Self.slot(of: lowRank, in: lowCounts).slot))
        let highValue = value(UInt32(highGroup) << 16 | UInt32(Self.slot(of: highRank, in: highCounts).slot))
        return (lowValue, highValue)
    }

    /// The slot of `counts` holding the value of rank `rank`, and its rank among that slot's values
    /// (the last slot if `rank` is beyond the total, which the callers never ask).
    private static func slot(of rank: Int, in counts: [Int]) -> (slot: Int, rank: Int) {
        var before = 0
        for (slot, n) in counts.enumerated() {
            if before + n > rank { return (slot, rank - before) }
            before += n
        }
        return (counts.count - 1, 0)
    }

    /// Calls `body` with the stored whole number of `axis` of every located position.
    private func forEachLocated(_ axis: Int, _ body: (Int32) -> Void) throws {
        try forEachStored { first, chunk in
            for (i, q) in chunk.enumerated() where isLocated(first + i) { body(q[axis]) }
        }
    }

    private static func whole(_ degrees: Double) -> Int32? {
        let scaled = (degrees * scale).rounded()
        guard scaled > Double(Int32.min), scaled <= Double(Int32.max) else { return nil }
        let q = Int32(scaled)
        return (Double(q) / scale).bitPattern == degrees.bitPattern ? q : nil
    }

    private static func degrees(_ q: Int32) -> Double { Double(q) / scale }

    private static func coordinate(_ q: SIMD2<Int32>) -> Coordinate { Coordinate(x: degrees(q.x), y: degrees(q.y)) }
}
