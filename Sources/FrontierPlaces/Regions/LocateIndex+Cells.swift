import Geo

/// The index as a table of its cells at the table's depth (`tableDepth`), for a server to locate points
/// the way Frontier does (`PostGISTable` loads it beside the regions): cell (ix, iy) is the closed box
/// [origin.x + ix/scale, origin.x + (ix+1)/scale] × [origin.y + iy/scale, …], a point's cell is
/// (⌊(x − origin.x)·scale⌋, ⌊(y − origin.y)·scale⌋). That arithmetic is exact in binary floating point when
/// the root cell is a power of two degrees and the origin a non-negative multiple of it: for a point at or
/// beyond the origin, x − origin is a multiple of x's ulp no larger than x (so representable), and the scale
/// is a power of two; points before the origin get a negative cell, which holds no region. The server then
/// computes the very cell that holds the point, and a cell's verdict holds for every point of its closed box
/// (see `LocateIndex`). Cells outside every region are left out.
extension LocateIndex {
    public struct FineCell: Equatable, Sendable {
        public let ix: Int
        public let iy: Int
        /// The region holding the whole cell; nil for a boundary cell.
        public let region: Int?
        /// A boundary cell's candidate regions (to test exactly); empty otherwise.
        public let candidates: [Int]
    }

    /// Cells per degree at the table's depth; nil when the cell arithmetic could round (a root cell that is not a
    /// power of two degrees, an origin that is negative or not a multiple of it): then the table is not offered.
    public var fineScale: Double? {
        let exponent = rootCell.exponent
        guard rootCell == Double(sign: .plus, exponent: exponent, significand: 1), bounds.minX >= 0, bounds.minY >= 0,
              (bounds.minX / rootCell).rounded(.down) * rootCell == bounds.minX,
              (bounds.minY / rootCell).rounded(.down) * rootCell == bounds.minY else { return nil }
        return Double(sign: .plus, exponent: tableDepth - exponent, significand: 1)
    }

    public var origin: Coordinate { Coordinate(x: bounds.minX, y: bounds.minY) }

    /// Every cell of the table's depth that is not outside every region, row by row of root cells. A cell the
    /// tree splits further is a boundary cell here, its candidates every region of the cells below it: the
    /// exact test among them gives the answer the deeper cells give.
    public func fineCells() -> [FineCell] {
        var cells: [FineCell] = []
        forEachTableBlock { node, ix, iy, size in
            if node == LocateIndex.outside { return }
            let region: Int? = node >= 0 ? Int(node) : nil
            let candidates = node >= 0 ? [] : regions(below: node)
            for y in iy..<(iy + size) { for x in ix..<(ix + size) { cells.append(FineCell(ix: x, iy: y, region: region, candidates: candidates)) } }
        }
        return cells
    }

    /// The regions a split node or boundary leaf may answer, ascending.
    private func regions(below node: Int32) -> [Int] {
        var found = Set<Int>()
        func walk(_ node: Int32) {
            if node >= 0 { found.insert(Int(node)); return }
            if node == LocateIndex.outside { return }
            let ref = LocateIndex.reference(node)
            if LocateIndex.isLeaf(ref) { found.formUnion(candidates(ofLeaf: node).map { Int(leafRegions[$0]) }); return }
            for k in 0..<4 { walk(children[ref + k]) }
        }
        walk(node)
        return found.sorted()
    }

    /// Calls `body` with every node the table holds (a region, outside, a boundary leaf, or a node the tree
    /// splits below the table's depth) and the block of table cells it covers (its first cell's (ix, iy) and
    /// its side in cells), row by row of root cells. False, and stopped, where a node is split below
    /// `maxDepth` (a damaged tree; a decoded one is checked for that as it is read).
    @discardableResult
    func forEachTableBlock(_ body: (_ node: Int32, _ ix: Int, _ iy: Int, _ size: Int) -> Void) -> Bool {
        let depth = tableDepth
        let side = 1 << depth
        func walk(_ node: Int32, ix: Int, iy: Int, size: Int) -> Bool {
            let ref = LocateIndex.reference(node)
            if node >= 0 || node == LocateIndex.outside || LocateIndex.isLeaf(ref) { body(node, ix, iy, size); return true }
            guard size > 1 else {
                if depth < maxDepth { body(node, ix, iy, size); return true }
                return false
            }
            // Children in `lookup`'s order: left/right (1), bottom/top (2).
            let half = size / 2
            for k in 0..<4 where !walk(children[ref + k], ix: ix + (k & 1 == 0 ? 0 : half), iy: iy + (k & 2 == 0 ? 0 : half), size: half) {
                return false
            }
            return true
        }
        for r in 0..<rows {
            for c in 0..<columns where !walk(nodes[r * columns + c], ix: c * side, iy: r * side, size: side) { return false }
        }
        return true
    }
}
