import Foundation
import FrontierBase
import Geo

/// Every mapped incident's position, and whether it lies in a region or cell, in memory up to
/// `chunksInMemory` chunks and beyond that in an unnamed temporary file, so a map's memory does not grow with
/// its incidents. The map reads them back a chunk at a time for its few passes (the view's box, the cells, the
/// count outside the view), and finds the view's box by counting, never by sorting copies.
///
/// A chunk keeps its coordinates as whole numbers of 1e-7 degrees (8 bytes a position) when each gives back
/// the very same double: `Double(q) / 1e7` is the double nearest to q × 10⁻⁷ (IEEE division is correctly
/// rounded and both operands are exact), which is what parsing a decimal of at most 7 places gives, so every
/// coordinate written with 7 decimals or fewer is kept exactly. A chunk meeting any other coordinate (more
/// decimals, as a reprojected or full-precision input has; out of range; not finite) keeps its doubles as
/// they are (16 bytes a position). The map draws, bins and counts the same numbers it read.
public struct MapPositions {
    /// Positions are stored in chunks of this many, so growing never copies what is already kept, and are
    /// handed out decoded in chunks of the same size (one PROJ call each).
    public static let chunkSize = 65_536
    /// The scale of the stored whole numbers: 1e-7 degrees, the precision GeoJSON keeps (about 1 cm).
    private static let scale = 1e7

    /// A chunk's positions, as whole numbers or as doubles.
    private enum Values {
        case whole([SIMD2<Int32>])
        case exact([SIMD2<Double>])
    }
    /// A full chunk held in memory, or its place in a spill file.
    private enum Chunk {
        case memory(Values)
        case spilledWhole(SpillFile<SIMD2<Int32>>, start: Int, count: Int)
        case spilledExact(SpillFile<SIMD2<Double>>, start: Int, count: Int)
    }
    /// How many full chunks are held in memory before the next ones go to a file.
    private let chunksInMemory: Int
    private var chunks: [Chunk] = []
    /// The chunk being filled, as whole numbers until a coordinate is none (then in `currentExact`).
    private var currentWhole: [SIMD2<Int32>] = []
    private var currentExact: [SIMD2<Double>]?
    /// Where full chunks past `chunksInMemory` go (nil: the temporary folder, looked up at the first spill).
    private let spillFolder: String?
    /// Made by the first spill of each kind: a small map never looks for a temporary folder.
    private var wholeFile: SpillFile<SIMD2<Int32>>?
    private var exactFile: SpillFile<SIMD2<Double>>?
    /// Bit i: position i lies in a region or cell.
    private var located: [UInt64] = []
    /// How many positions are kept.
    public private(set) var count = 0
    /// How many of them lie in a region or cell.
    public private(set) var locatedCount = 0

    /// - Parameters:
    ///   - spillFolder: where positions beyond the memory's share go: the temporary folder (`TMPDIR`, else /tmp).
    ///   - chunksInMemory: how many full chunks stay in memory (16: a million positions, 8 MB as whole
    ///     numbers) before the next are written to the file.
    public init(spillFolder: String? = nil, chunksInMemory: Int = 16) {
        self.spillFolder = spillFolder
        self.chunksInMemory = chunksInMemory
    }

    /// Whether no position is kept.
    public var isEmpty: Bool { count == 0 }

    /// Keeps `position`; `located`: it lies in a region or cell (the default view is drawn around those).
    /// - Throws: `FrontierError.cannotWrite` naming the spill folder when the chunk it fills cannot be written
    ///   there; the positions are then as they were before the call.
    public mutating func append(_ position: Coordinate, located isLocated: Bool) throws {
        if currentExact == nil, let x = Self.whole(position.x), let y = Self.whole(position.y) {
            if currentWhole.isEmpty { currentWhole.reserveCapacity(Self.chunkSize) }
            currentWhole.append(SIMD2(x, y))
        } else {
            if currentExact == nil {
                // One coordinate that is no whole number makes the chunk keep its doubles as they are.
                var doubles = currentWhole.map { SIMD2(Self.degrees($0.x), Self.degrees($0.y)) }
                doubles.reserveCapacity(Self.chunkSize)
                (currentExact, currentWhole) = (doubles, [])
            }
            currentExact?.append(SIMD2(position.x, position.y))
        }
        if (currentExact?.count ?? currentWhole.count) == Self.chunkSize {
            let full: Values = currentExact.map { .exact($0) } ?? .whole(currentWhole)
            (currentWhole, currentExact) = ([], nil)
            do {
                chunks.append(try store(full))
            } catch {
                // The chunk goes back as it was, without this position.
                switch full {
                case .whole(var v): v.removeLast(); currentWhole = v
                case .exact(var v): v.removeLast(); currentExact = v
                }
                throw error
            }
        }
        if count % 64 == 0 { located.append(0) }
        if isLocated {
            located[count / 64] |= 1 << UInt64(count % 64)
            locatedCount += 1
        }
        count += 1
    }

    /// A full chunk as kept: in memory while fewer than `chunksInMemory` are, else written to its kind's file.
    private mutating func store(_ values: Values) throws -> Chunk {
        guard chunks.count >= chunksInMemory else { return .memory(values) }
        let folder = spillFolder ?? FileManager.default.temporaryDirectory.path
        switch values {
        case .whole(let v):
            let file = wholeFile ?? SpillFile(folder: folder, purpose: "a map's incident positions")
            wholeFile = file
            return .spilledWhole(file, start: try file.append(v), count: v.count)
        case .exact(let v):
            let file = exactFile ?? SpillFile(folder: folder, purpose: "a map's incident positions")
            exactFile = file
            return .spilledExact(file, start: try file.append(v), count: v.count)
        }
    }

    /// Calls `body` with the positions in order, `chunkSize` at a time.
    /// - Throws: `FrontierError.cannotWrite` when spilled positions cannot be read back, and whatever `body` throws.
    public func forEachChunk(_ body: ([Coordinate]) throws -> Void) throws {
        try forEachDecoded { _, chunk in try body(chunk) }
    }

    /// Calls `body` with each chunk's positions, read back from the file where it was spilled and decoded,
    /// and the index of its first position.
    private func forEachDecoded(_ body: (Int, [Coordinate]) throws -> Void) throws {
        func decoded(_ values: Values) -> [Coordinate] {
            switch values {
            case .whole(let v): v.map { Coordinate(x: Self.degrees($0.x), y: Self.degrees($0.y)) }
            case .exact(let v): v.map { Coordinate(x: $0.x, y: $0.y) }
            }
        }
        for (c, chunk) in chunks.enumerated() {
            let values: Values
            switch chunk {
            case .memory(let held): values = held
            case .spilledWhole(let file, let start, let n): values = .whole(try file.read(from: start, count: n))
            case .spilledExact(let file, let start, let n): values = .exact(try file.read(from: start, count: n))
            }
            try body(c * Self.chunkSize, decoded(values))
        }
        if let currentExact {
            try body(chunks.count * Self.chunkSize, decoded(.exact(currentExact)))
        } else if !currentWhole.isEmpty {
            try body(chunks.count * Self.chunkSize, decoded(.whole(currentWhole)))
        }
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
    /// keep them all), as sorting them would find. Nil when no located position is finite.
    /// - Throws: `FrontierError.cannotWrite` when spilled positions cannot be read back.
    public func trimmedBox() throws -> Envelope? {
        var finite = 0
        try forEachLocated { _ in finite += 1 }
        guard finite > 0 else { return nil }
        let k = finite / 100
        if finite <= Self.sortedAtMost {
            // Few positions are sorted (by the same key order, so -0 and +0 keep their places): the counting
            // passes' sixteen tables of 65,536 counts cost more than that, a tenth of a one-row map's start.
            var xs: [Double] = [], ys: [Double] = []
            try forEachLocated { p in xs.append(p.x); ys.append(p.y) }
            xs.sort { Self.orderedKey($0) < Self.orderedKey($1) }
            ys.sort { Self.orderedKey($0) < Self.orderedKey($1) }
            return Envelope(minX: xs[k], minY: ys[k], maxX: xs[finite - 1 - k], maxY: ys[finite - 1 - k])
        }
        let v = try ranked([(0, k), (0, finite - 1 - k), (1, k), (1, finite - 1 - k)])
        return Envelope(minX: v[0], minY: v[2], maxX: v[1], maxY: v[3])
    }

    /// Up to how many located positions `trimmedBox` sorts rather than counts.
    package static let sortedAtMost = 4_096

    /// The values of the `wanted` ranks (0: the smallest) on their axes (0: x, 1: y) among the located finite
    /// positions, found by counting rather than sorting. Each double has a 64-bit key in the same order; a
    /// pass counts, for every rank sought, the keys that share the prefix found so far by their next 16 bits,
    /// which names the next 16 bits of the key holding that rank, so four passes (every rank in each) find
    /// them exactly, in constant memory.
    private func ranked(_ wanted: [(axis: Int, rank: Int)]) throws -> [Double] {
        var targets = wanted.map { (axis: $0.axis, prefix: UInt64(0), rank: $0.rank) }
        for level in 0..<4 {
            let shift = UInt64(48 - 16 * level)
            var counts = [[Int]](repeating: [Int](repeating: 0, count: 65_536), count: targets.count)
            try forEachLocated { p in
                let keys = (Self.orderedKey(p.x), Self.orderedKey(p.y))
                for (t, target) in targets.enumerated() {
                    let key = target.axis == 0 ? keys.0 : keys.1
                    if level == 0 || key >> (shift + 16) == target.prefix >> (shift + 16) {
                        counts[t][Int((key >> shift) & 0xFFFF)] += 1
                    }
                }
            }
            for t in targets.indices {
                let (digit, rank) = Self.slot(of: targets[t].rank, in: counts[t])
                targets[t].prefix |= UInt64(digit) << shift
                targets[t].rank = rank
            }
        }
        return targets.map { Self.value(ofKey: $0.prefix) }
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

    /// Calls `body` with every located position whose coordinates are both finite (those the view's box is
    /// drawn around).
    private func forEachLocated(_ body: (Coordinate) -> Void) throws {
        try forEachDecoded { first, chunk in
            for (i, p) in chunk.enumerated() where isLocated(first + i) && p.x.isFinite && p.y.isFinite { body(p) }
        }
    }

    private func isLocated(_ i: Int) -> Bool { located[i / 64] & (1 << UInt64(i % 64)) != 0 }

    /// A key whose unsigned order is the finite doubles' order: the sign bit set for positives, every bit
    /// flipped for negatives (whose magnitude grows as they fall).
    private static func orderedKey(_ v: Double) -> UInt64 {
        let bits = v.bitPattern
        return bits >> 63 == 1 ? ~bits : bits | 1 << 63
    }

    private static func value(ofKey key: UInt64) -> Double {
        Double(bitPattern: key >> 63 == 1 ? key & ~(1 << 63) : ~key)
    }

    private static func whole(_ degrees: Double) -> Int32? {
        let scaled = (degrees * scale).rounded()
        guard scaled >= Double(Int32.min), scaled <= Double(Int32.max) else { return nil }
        let q = Int32(scaled)
        return (Double(q) / scale).bitPattern == degrees.bitPattern ? q : nil
    }

    private static func degrees(_ q: Int32) -> Double { Double(q) / scale }
}
