import Geo
import FrontierBase

/// A quadtree over a region set's extent whose cells GEOS has classified once as inside exactly one region,
/// outside every region, or on a boundary (docs/architecture.md, "Locate index"). Locating a point is then a
/// few array lookups; only points in the finest boundary cells need an exact GEOS test
/// (`RegionSet.locateExactly`).
///
/// Two depths: the tree's (`maxDepth`), down to which boundary cells are split, and the table's
/// (`tableDepth`, at most `maxTableDepth`), whose cells the flat table and a server's cell table
/// (`fineCells`) hold. The bundled GeoData's tree goes deeper than its table (`bundledDepth`): a point in a
/// table cell the tree splits further descends the few levels left, and far fewer points reach GEOS.
///
/// The classification is exact for closed cells: a cell is "inside r" only when r contains the whole cell
/// properly and no other region touches it, and "outside" only when no region touches it. So the index gives
/// the same answer as testing every point with prepared GEOS predicates. Plain Swift data: shareable
/// between threads (the exact fallback is not; each thread brings its own `RegionSet`).
///
/// A class, so a lookup touches one reference rather than copying (retaining) four arrays per point; it is
/// written only while `init` runs and read-only after, hence `@unchecked Sendable`.
public final class LocateIndex: @unchecked Sendable {
    /// Node encoding: >= 0 a region index; -1 outside; -(2 + k) four children at `children[k]`;
    /// -(2 + 2^30 + k) the candidate list of boundary leaf k.
    static let outside: Int32 = -1
    /// What a boundary leaf's reference is offset by (the node encoding above).
    static let leafMark = 1 << 30

    /// A negative node's reference: where its four children start, or `leafMark` plus its leaf's number.
    @inline(__always) static func reference(_ node: Int32) -> Int { Int(-(Int64(node) + 2)) }

    /// Whether a reference is a boundary leaf's (not a block of children).
    @inline(__always) static func isLeaf(_ reference: Int) -> Bool { reference >= leafMark }

    package let bounds: Envelope
    let rootCell: Double
    /// How many regions the classified set had (indices refer to it).
    let regionCount: Int
    let columns: Int
    let rows: Int
    let maxDepth: Int
    // Written only while `init` runs, read by every lookup after: no exclusivity check per access (one each
    // in every lookup, measured).
    /// Node kinds: region index (>= 0), outside (-1), or a negative reference (children or boundary leaf).
    @exclusivity(unchecked) private(set) var nodes: [Int32] = []
    /// Children blocks of four node slots each.
    @exclusivity(unchecked) private(set) var children: [Int32] = []
    /// Candidate region lists of boundary leaves, flattened; `leafStarts[k]..<leafStarts[k+1]`.
    @exclusivity(unchecked) private(set) var leafRegions: [Int32] = []
    @exclusivity(unchecked) private(set) var leafStarts: [Int32] = [0]
    /// The table's cells in one array, row by row (`flatColumns` a row), each holding the node that covers it
    /// (a region, outside, a boundary leaf, or a node split below): a lookup is then one array access rather
    /// than a descent of up to five dependent ones, each a likely cache miss while a scan streams its input
    /// through the cache. Empty until `prepareFlatTable`, and when the cell arithmetic could round (`fineScale` nil) or the table
    /// would pass `flatLimit`.
    @exclusivity(unchecked) private(set) var flatCells: [Int32] = []
    /// Table cells per degree, 0 without the table.
    private(set) var flatScale = 0.0
    private(set) var flatColumns = 0
    private(set) var flatRows = 0
    /// The most cells the table may hold (8 MB): the bundled sets' layers need 0.6–1.1 M; a world-wide set
    /// of a caller's regions keeps the descent.
    static let flatLimit = 1 << 21
    /// The deepest the table's cells go: 1/16°, about 7 km (the bundled layers' 0.6–1.1 M cells), and the
    /// grid a PostGIS server's cell table was loaded with (`ServerLocating`), which a deeper tree leaves as it is.
    public static let maxTableDepth = 4
    /// The tree depth of the bundled GeoData's index (`CompactGeoData`): 1/64°, under 2 km. Built once when
    /// the GeoData is made, not at start. A point in a boundary cell is tested exactly: of the 200,000
    /// points of the ACLED-layout benchmark file (clustered along the borders), 48% fell in a boundary cell
    /// at depth 4 and 22% at depth 6 (admin-1, Natural Earth), which took a million-row `aggregate` 7% less
    /// CPU. Depth 7 (13%) saved 2% more but added 9 ms to every command's start (the index, read and checked
    /// at load, doubles again).
    package static let bundledDepth = 6
    /// The depth of the table's cells: the tree's own where it is shallower than `maxTableDepth`.
    var tableDepth: Int { min(maxDepth, Self.maxTableDepth) }

    /// Statistics for reports and benchmarks.
    public private(set) var insideCells = 0
    public private(set) var outsideCells = 0
    public private(set) var boundaryLeaves = 0

    /// Classifies the cells of `regions` down to `maxDepth` levels below root cells of `rootCell` degrees.
    /// - Throws: `GeoError` when GEOS cannot test a cell.
    public init(regions: RegionSet, rootCell: Double = 1.0, maxDepth: Int = LocateIndex.maxTableDepth) throws {
        var b = try regions.regions.first?.geometry.envelope() ?? Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1)
        var envelopes: [Envelope] = []
        for r in regions.regions {
            let e = try r.geometry.envelope() ?? b
            envelopes.append(e)
            b.expand(toInclude: e)
        }
        bounds = Envelope(minX: (b.minX / rootCell).rounded(.down) * rootCell, minY: (b.minY / rootCell).rounded(.down) * rootCell,
                          maxX: b.maxX, maxY: b.maxY)
        self.rootCell = rootCell
        regionCount = regions.count
        columns = Int(((bounds.maxX - bounds.minX) / rootCell).rounded(.down)) + 1
        rows = Int(((bounds.maxY - bounds.minY) / rootCell).rounded(.down)) + 1
        self.maxDepth = maxDepth
        let all = Array(regions.regions.indices)
        nodes = []
        nodes.reserveCapacity(columns * rows)
        for r in 0..<rows {
            for c in 0..<columns {
                let cell = Envelope(minX: bounds.minX + Double(c) * rootCell, minY: bounds.minY + Double(r) * rootCell,
                                    maxX: bounds.minX + Double(c + 1) * rootCell, maxY: bounds.minY + Double(r + 1) * rootCell)
                let candidates = all.filter { envelopes[$0].intersects(cell) }
                nodes.append(try classify(cell, candidates: candidates, depth: 0, regions: regions))
            }
        }
    }

    /// The same tree as `other`, its arrays shared (nothing copied, nothing checked again), with a flat
    /// table of its own: `prepareFlatTable` writes the index, so one whose table is being filled must not
    /// be read by another scan.
    package init(sharing other: LocateIndex) {
        bounds = other.bounds
        rootCell = other.rootCell
        regionCount = other.regionCount
        columns = other.columns
        rows = other.rows
        maxDepth = other.maxDepth
        nodes = other.nodes
        children = other.children
        leafRegions = other.leafRegions
        leafStarts = other.leafStarts
        insideCells = other.insideCells
        outsideCells = other.outsideCells
        boundaryLeaves = other.boundaryLeaves
    }

    /// The index as `encode` wrote it (the compact GeoData), for a set of `regionCount` regions.
    package init(decoding reader: inout BinaryReader, regionCount expected: Int) throws {
        bounds = Envelope(minX: try reader.f64(), minY: try reader.f64(), maxX: try reader.f64(), maxY: try reader.f64())
        rootCell = try reader.f64()
        regionCount = try reader.int()
        columns = try reader.int()
        rows = try reader.int()
        maxDepth = try reader.int()
        nodes = try reader.int32s()
        children = try reader.int32s()
        leafRegions = try reader.int32s()
        leafStarts = try reader.int32s()
        insideCells = try reader.int()
        outsideCells = try reader.int()
        boundaryLeaves = try reader.int()
        guard regionCount == expected, columns > 0, rows > 0, rootCell > 0, nodes.count == columns * rows, (0...20).contains(maxDepth),
              leafStarts.first == 0, zip(leafStarts, leafStarts.dropFirst()).allSatisfy({ $0 <= $1 }),
              Int(leafStarts.last ?? 0) == leafRegions.count, leafRegions.allSatisfy({ $0 >= 0 && Int($0) < regionCount }),
              treeIsWhole() else { throw BinaryReader.Truncated() }
    }

    /// Whether a decoded tree can be walked as the build made it: every reference lands inside the arrays
    /// and every region index inside the set; each block of four children comes after its parent's and is
    /// referred to once; and no node below `maxDepth` is split. A lookup then never reads out of bounds and
    /// always ends, whatever the file held. One pass over the blocks in order (a parent's before its
    /// children's), each block's depth known from its parent: a recursive walk of the bundled tree was half
    /// a one-row command's start-up.
    private func treeIsWhole() -> Bool {
        guard children.count % 4 == 0 else { return false }
        // Each block's depth (its nodes' level below the root cells), 0 until a parent refers to it.
        var depth = [UInt8](repeating: 0, count: children.count / 4)
        let limits = TreeLimits(regions: regionCount, leaves: leafStarts.count - 1, maxDepth: maxDepth)
        return nodes.withUnsafeBufferPointer { nodes in
            children.withUnsafeBufferPointer { children in
                depth.withUnsafeMutableBufferPointer { depth in
                    for node in nodes where !limits.refers(node, level: 0, fromBlock: -1, depth: depth) { return false }
                    for block in depth.indices where depth[block] > 0 {
                        // A block nothing refers to is never read; only what a lookup can reach is checked.
                        let level = Int(depth[block])
                        for k in 0..<4 where !limits.refers(children[block * 4 + k], level: level, fromBlock: block, depth: depth) {
                            return false
                        }
                    }
                    return true
                }
            }
        }
    }

    /// What a decoded tree's references must stay within (`treeIsWhole`).
    private struct TreeLimits {
        let regions: Int
        let leaves: Int
        let maxDepth: Int

        /// Whether `node`, at `level` in block `parent` (-1: a root cell), refers inside the tree; a block it
        /// splits into gets its depth.
        @inline(__always)
        func refers(_ node: Int32, level: Int, fromBlock parent: Int, depth: UnsafeMutableBufferPointer<UInt8>) -> Bool {
            if node >= 0 { return Int(node) < regions }
            if node == LocateIndex.outside { return true }
            let ref = LocateIndex.reference(node)
            if LocateIndex.isLeaf(ref) { return ref - LocateIndex.leafMark < leaves }
            let block = ref / 4
            guard ref % 4 == 0, block > parent, block < depth.count, depth[block] == 0, level < maxDepth else { return false }
            depth[block] = UInt8(level + 1)
            return true
        }
    }

    /// Fills `flatCells` from the tree, where the table cells' arithmetic is exact and the table small enough;
    /// until then (and without it) a lookup descends the tree, to the same answer. Filling costs a one-row
    /// command about 15 ms, so a scan asks for it when its input is large (`IncidentScan`).
    /// - Precondition: the index is not yet read by another thread (the scan fills it before its workers start).
    package func prepareFlatTable() {
        // A grid read from a file is checked before it sizes anything.
        guard flatCells.isEmpty, let scale = fineScale, (0...20).contains(maxDepth), columns <= Self.flatLimit, rows <= Self.flatLimit else {
            return
        }
        let w = columns << tableDepth, h = rows << tableDepth
        let (count, overflow) = w.multipliedReportingOverflow(by: h)
        guard !overflow, count <= Self.flatLimit else { return }
        var cells = [Int32](repeating: LocateIndex.outside, count: w * h)
        let whole = forEachTableBlock { node, ix, iy, size in
            for y in iy..<(iy + size) { for x in ix..<(ix + size) { cells[y * w + x] = node } }
        }
        guard whole else { return }
        flatCells = cells
        flatScale = scale
        flatColumns = w
        flatRows = h
    }

    /// Writes the index for `init(decoding:regionCount:)`.
    func encode(into writer: inout BinaryWriter) {
        for v in [bounds.minX, bounds.minY, bounds.maxX, bounds.maxY, rootCell] { writer.f64(v) }
        for v in [regionCount, columns, rows, maxDepth] { writer.int(v) }
        for a in [nodes, children, leafRegions, leafStarts] { writer.int32s(a) }
        for v in [insideCells, outsideCells, boundaryLeaves] { writer.int(v) }
    }

    /// Classifies a closed cell; subdivides boundary cells until `maxDepth`.
    private func classify(_ cell: Envelope, candidates: [Int], depth: Int, regions: RegionSet) throws -> Int32 {
        if candidates.isEmpty { outsideCells += 1; return LocateIndex.outside }
        let rect = try Geometry.rectangle(cell, context: regions.context)
        var touching: [Int] = []
        for i in candidates where try regions.prepared(i).intersects(rect) { touching.append(i) }
        if touching.isEmpty { outsideCells += 1; return LocateIndex.outside }
        if touching.count == 1, try regions.prepared(touching[0]).containsProperly(rect) {
            insideCells += 1
            return Int32(touching[0])
        }
        if depth == maxDepth {
            boundaryLeaves += 1
            leafRegions += touching.map(Int32.init)
            leafStarts.append(Int32(leafRegions.count))
            // Boundary leaves are encoded below the children range: -(2 + 2^30 + k).
            return -(2 + Int32(LocateIndex.leafMark) + Int32(leafStarts.count - 2))
        }
        let midX = (cell.minX + cell.maxX) / 2, midY = (cell.minY + cell.maxY) / 2
        let quads = [Envelope(minX: cell.minX, minY: cell.minY, maxX: midX, maxY: midY),
                     Envelope(minX: midX, minY: cell.minY, maxX: cell.maxX, maxY: midY),
                     Envelope(minX: cell.minX, minY: midY, maxX: midX, maxY: cell.maxY),
                     Envelope(minX: midX, minY: midY, maxX: cell.maxX, maxY: cell.maxY)]
        let base = children.count
        children += [0, 0, 0, 0]
        for (k, q) in quads.enumerated() {
            children[base + k] = try classify(q, candidates: touching, depth: depth + 1, regions: regions)
        }
        return -(2 + Int32(base))
    }

    /// What the index knows about a point: a region, outside, or the candidates to test exactly.
    public enum Answer: Equatable {
        case region(Int)
        case outside
        /// The point is on a boundary cell: the regions to test exactly are `candidateRegion(k)` for each
        /// `k` here, in increasing region order (positions, not a slice: a slice retains the array per point).
        case candidates(Range<Int>)
    }

    /// A boundary leaf's candidate positions (`node` encodes leaf k as -(2 + 2^30 + k)).
    @inline(__always) func candidates(ofLeaf node: Int32) -> Range<Int> {
        let k = LocateIndex.reference(node) - LocateIndex.leafMark
        return Int(leafStarts[k])..<Int(leafStarts[k + 1])
    }

    /// The region at position `k` of a `.candidates` answer.
    @inline(__always) public func candidateRegion(_ k: Int) -> Int { Int(leafRegions[k]) }

    /// The cell, from `start` on, whose closed span [origin + i·cell, origin + (i+1)·cell] holds `v` (of
    /// `count`), with the build's arithmetic.
    @inline(never)
    private static func settle(_ start: Int, _ v: Double, origin: Double, cell: Double, count: Int) -> Int {
        var i = start
        while i > 0, v < origin + Double(i) * cell { i -= 1 }
        while i < count - 1, v > origin + Double(i + 1) * cell { i += 1 }
        return i
    }

    /// What the index knows of `p`: its region, outside every region, or the candidates to test exactly.
    public func lookup(_ p: Coordinate) -> Answer {
        guard p.x >= bounds.minX, p.y >= bounds.minY, p.x <= bounds.maxX, p.y <= bounds.maxY else { return .outside }
        guard flatScale > 0 else { return descend(p) }
        // The table cell by the arithmetic `fineScale` proves exact, which finds the cell the descent reaches
        // (a point on a split line goes right or up, as `floor` takes it).
        let ix = min(flatColumns - 1, Int((p.x - bounds.minX) * flatScale))
        let iy = min(flatRows - 1, Int((p.y - bounds.minY) * flatScale))
        let node = flatCells[iy * flatColumns + ix]
        if node >= 0 { return .region(Int(node)) }
        if node == LocateIndex.outside { return .outside }
        if LocateIndex.isLeaf(LocateIndex.reference(node)) { return .candidates(candidates(ofLeaf: node)) }
        // A cell the tree splits further: the rest of the way down from the cell's box, which this
        // arithmetic makes exactly as the build did (a power-of-two scale, an origin on the grid).
        let minX = bounds.minX + Double(ix) / flatScale, minY = bounds.minY + Double(iy) / flatScale
        return descend(p, from: node, minX: minX, maxX: bounds.minX + Double(ix + 1) / flatScale,
                       minY: minY, maxY: bounds.minY + Double(iy + 1) / flatScale)
    }

    /// The answer found by walking down the tree from the root cell that holds `p` (inside `bounds`).
    func descend(_ p: Coordinate) -> Answer {
        var c = min(columns - 1, Int((p.x - bounds.minX) / rootCell)), r = min(rows - 1, Int((p.y - bounds.minY) / rootCell))
        // The division can round across a cell edge: step to the cell whose closed box really holds the point.
        // Checked here, walked apart (`settle`): inline, the compiler vectorizes the walking loops into code
        // that every point runs, though a point needs a step only within an ulp of an edge.
        if (c > 0 && p.x < bounds.minX + Double(c) * rootCell) || (c < columns - 1 && p.x > bounds.minX + Double(c + 1) * rootCell) {
            c = Self.settle(c, p.x, origin: bounds.minX, cell: rootCell, count: columns)
        }
        if (r > 0 && p.y < bounds.minY + Double(r) * rootCell) || (r < rows - 1 && p.y > bounds.minY + Double(r + 1) * rootCell) {
            r = Self.settle(r, p.y, origin: bounds.minY, cell: rootCell, count: rows)
        }
        // The cell is tracked with the same arithmetic as the build, so a point goes to a cell that holds it.
        return descend(p, from: nodes[r * columns + c], minX: bounds.minX + Double(c) * rootCell, maxX: bounds.minX + Double(c + 1) * rootCell,
                       minY: bounds.minY + Double(r) * rootCell, maxY: bounds.minY + Double(r + 1) * rootCell)
    }

    /// The answer found by walking down from `node`, whose cell is the box given (as the build made it).
    private func descend(_ p: Coordinate, from node: Int32, minX: Double, maxX: Double, minY: Double, maxY: Double) -> Answer {
        var (node, minX, maxX, minY, maxY) = (node, minX, maxX, minY, maxY)
        while true {
            if node >= 0 { return .region(Int(node)) }
            if node == LocateIndex.outside { return .outside }
            let ref = LocateIndex.reference(node)
            if LocateIndex.isLeaf(ref) { return .candidates(candidates(ofLeaf: node)) }
            // A point exactly on the split line may go either way: both closed halves were classified.
            let midX = (minX + maxX) / 2, midY = (minY + maxY) / 2
            let right = p.x >= midX, top = p.y >= midY
            // The quadrant as bits, not branches: which half a point falls in is as good as random to a
            // branch predictor, and a mispredicted branch per level was most of a lookup's time.
            node = children[ref + Int(unsafeBitCast(right, to: UInt8.self)) + Int(unsafeBitCast(top, to: UInt8.self)) << 1]
            minX = right ? midX : minX
            maxX = right ? maxX : midX
            minY = top ? midY : minY
            maxY = top ? maxY : midY
        }
    }
}
