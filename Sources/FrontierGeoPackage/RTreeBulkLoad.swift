import Foundation
import FrontierBase
import FrontierFormats

/// Fills an empty SQLite R-tree (the GeoPackage `rtree_<table>_<column>` virtual table) with points in one
/// pass, by writing its shadow tables directly: Sort-Tile-Recursive packing, full nodes, then the node,
/// rowid and parent tables. Inserting a million points one by one cost ~24 µs each in SQLite's R*-tree
/// (most of an import's time); packed, they take well under a second. The points come in longitude order
/// (from SQLite's sorter, or from a `SpillingSort` filled while a new store's rows went in), so memory holds
/// one vertical slice (√n·capacity points) and the leaves' boxes, never every point; the rowid table's rows
/// go through a `SpillingSort` too and are appended in id order. The layout is SQLite's own (rtree.c): a node is a blob of the root's size — 2 bytes tree
/// depth (root only), 2 bytes cell count, then cells of an 8-byte id and minX, maxX, minY, maxY as 32-bit
/// floats, all big-endian, rounded outwards. `rtreecheck()` verifies the result in the tests.
enum RTreeBulkLoad {
    /// A point to index: its row's id and coordinates.
    struct Point: SpillSorted {
        var x: Double
        var y: Double
        var id: Int64

        /// The packing order, SQL's `ORDER BY longitude, fid`.
        static func precedes(_ a: Point, _ b: Point) -> Bool { a.x != b.x ? a.x < b.x : a.id < b.id }
    }

    /// A row of the rowid table: a point's id and its leaf.
    private struct Leaf: SpillSorted {
        var id: Int64
        var node: Int64

        static func precedes(_ a: Leaf, _ b: Leaf) -> Bool { a.id < b.id }
    }

    private struct Cell {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float
        var centreX: Float { (minX + maxX) / 2 }
        var centreY: Float { (minY + maxY) / 2 }
    }

    /// Loads the points of `table` (its `fid`, `longitude`, `latitude`) into `rtree`, which must be empty (a
    /// new table's single empty root), reading them through SQLite's sorter.
    static func load(_ rtree: String, table: String, db: SQLiteDatabase) throws {
        let quotedTable = SQLiteDatabase.quote(identifier: table)
        let count = Int(try db.scalar("SELECT count(*) FROM \(quotedTable)") ?? "") ?? 0
        let points = try db.prepare("SELECT fid, longitude, latitude FROM \(quotedTable) ORDER BY longitude, fid")
        let folder = (db.path as NSString).deletingLastPathComponent
        try load(rtree, count: count, db: db, spillFolder: folder.isEmpty ? "." : folder) {
            try points.step() ? Point(x: points.double(1), y: points.double(2), id: points.int(0)) : nil
        }
    }

    /// Loads `count` points into `rtree`, which must be empty: `next` gives them in `Point.precedes` order,
    /// and nil after the last. The rowid table's rows are sorted by id before they go in, spilling to an unnamed
    /// file in `spillFolder` beyond a quarter of a million.
    static func load(_ rtree: String, count: Int, db: SQLiteDatabase, spillFolder: String, next: () throws -> Point?) throws {
        guard count > 0 else { return }
        let quoted = { (suffix: String) in SQLiteDatabase.quote(identifier: rtree + suffix) }
        guard let rootSize = Int(try db.scalar("SELECT length(data) FROM \(quoted("_node")) WHERE nodeno = 1") ?? ""),
              (rootSize - 4) / 24 >= 2 else {
            throw FrontierError.invalid(file: db.name, reason: "the R-tree \(rtree) has no usable root node")
        }
        let capacity = (rootSize - 4) / 24
        // Nodes per level, leaves first: every level but the last slice's last node is full.
        var sizes = [(count + capacity - 1) / capacity]
        while let top = sizes.last, top > 1 { sizes.append((top + capacity - 1) / capacity) }
        // Node numbers: the root is 1, then level by level downwards; the leaves come last.
        let firstLeaf = Int64(1 + sizes.dropFirst().reduce(0, +))

        try db.execute("DELETE FROM \(quoted("_node")); DELETE FROM \(quoted("_rowid")); DELETE FROM \(quoted("_parent"));")
        let node = try db.prepare("INSERT INTO \(quoted("_node")) (nodeno, data) VALUES (?, ?)")
        let parent = try db.prepare("INSERT INTO \(quoted("_parent")) (nodeno, parentnode) VALUES (?, ?)")
        let rowidSQL = "INSERT INTO \(quoted("_rowid")) (rowid, nodeno) VALUES "
        let rowid = try db.prepare(rowidSQL + "(?, ?)")
        let rowids = try db.prepare(rowidSQL + Array(repeating: "(?, ?)", count: rowsPerInsert).joined(separator: ", "))

        // Leaves, one vertical slice at a time; each leaf's box (id: its index among the leaves) is kept for
        // the levels above.
        let perSlice = Int(Double(sizes[0]).squareRoot().rounded(.up)) * capacity
        let leaves = SpillingSort<Leaf>(folder: spillFolder)
        var leafBoxes: [Cell] = []
        leafBoxes.reserveCapacity(sizes[0])
        var slice: [Cell] = []
        slice.reserveCapacity(perSlice)
        func writeSlice() throws {
            for cells in tile(slice, capacity: capacity) {
                let number = firstLeaf + Int64(leafBoxes.count)
                try step(node, [.integer(number), .blob(blob(cells, depth: 0, size: rootSize))])
                for c in cells { try leaves.add(Leaf(id: c.id, node: number)) }
                leafBoxes.append(box(of: cells, id: Int64(leafBoxes.count)))
            }
            slice.removeAll(keepingCapacity: true)
        }
        while let p = try next() {
            slice.append(Cell(id: p.id, minX: down(p.x), maxX: up(p.x), minY: down(p.y), maxY: up(p.y)))
            if slice.count == perSlice { try writeSlice() }
        }
        if !slice.isEmpty { try writeSlice() }
        guard leafBoxes.count == sizes[0] else {
            throw FrontierError.invalid(file: db.name, reason: "the R-tree \(rtree) was packed with \(leafBoxes.count) leaves, not \(sizes[0])")
        }

        // The rowid table in id order, each row appended; `rowsPerInsert` rows a statement (a statement per
        // row cost more in its setup than in its insert).
        let byID = try leaves.sorted()
        var pending: [Leaf] = []
        pending.reserveCapacity(rowsPerInsert)
        while let leaf = try byID.next() {
            pending.append(leaf)
            guard pending.count == rowsPerInsert else { continue }
            rowids.reset()
            for (k, l) in pending.enumerated() {
                try rowids.bind(.integer(l.id), at: Int32(2 * k + 1))
                try rowids.bind(.integer(l.node), at: Int32(2 * k + 2))
            }
            _ = try rowids.step()
            pending.removeAll(keepingCapacity: true)
        }
        for l in pending { try step(rowid, l.id, l.node) }

        // The levels above, in memory (a 167th of the leaves each): packed until one node remains.
        var below = leafBoxes
        var belowFirst = firstLeaf
        for level in 1..<sizes.count {
            let nodes = pack(below, capacity: capacity)
            let first = Int64(1 + sizes.dropFirst(level + 1).reduce(0, +))
            let depth = level == sizes.count - 1 ? level : 0
            var boxes: [Cell] = []
            for (k, cells) in nodes.enumerated() {
                let number = first + Int64(k)
                // A cell's id is its child's index in the level below; written, it is the child's node number.
                let written = cells.map { var c = $0; c.id += belowFirst; return c }
                try step(node, [.integer(number), .blob(blob(written, depth: depth, size: rootSize))])
                for c in written { try step(parent, c.id, number) }
                boxes.append(box(of: cells, id: Int64(k)))
            }
            below = boxes
            belowFirst = first
        }
    }

    /// The box holding `cells`, as a cell with `id`.
    private static func box(of cells: [Cell], id: Int64) -> Cell {
        cells.dropFirst().reduce(into: Cell(id: id, minX: cells[0].minX, maxX: cells[0].maxX, minY: cells[0].minY, maxY: cells[0].maxY)) { b, c in
            b.minX = min(b.minX, c.minX); b.maxX = max(b.maxX, c.maxX)
            b.minY = min(b.minY, c.minY); b.maxY = max(b.maxY, c.maxY)
        }
    }

    /// One vertical slice sorted by y and cut into full nodes.
    private static func tile(_ slice: [Cell], capacity: Int) -> [[Cell]] {
        let sorted = slice.sorted { ($0.centreY, $0.id) < ($1.centreY, $1.id) }
        return stride(from: 0, to: sorted.count, by: capacity).map { Array(sorted[$0..<min($0 + capacity, sorted.count)]) }
    }

    /// Sort-Tile-Recursive in memory: vertical slices by x, each tiled by y.
    private static func pack(_ cells: [Cell], capacity: Int) -> [[Cell]] {
        let nodes = (cells.count + capacity - 1) / capacity
        let perSlice = Int(Double(nodes).squareRoot().rounded(.up)) * capacity
        let byX = cells.sorted { ($0.centreX, $0.id) < ($1.centreX, $1.id) }
        return stride(from: 0, to: byX.count, by: perSlice).flatMap { tile(Array(byX[$0..<min($0 + perSlice, byX.count)]), capacity: capacity) }
    }

    private static func blob(_ cells: [Cell], depth: Int, size: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: size)
        func put16(_ v: Int, at i: Int) { out[i] = UInt8(v >> 8 & 0xFF); out[i + 1] = UInt8(v & 0xFF) }
        func put(_ v: UInt64, bytes n: Int, at i: Int) { for k in 0..<n { out[i + k] = UInt8(v >> UInt64(8 * (n - 1 - k)) & 0xFF) } }
        put16(depth, at: 0)
        put16(cells.count, at: 2)
        for (k, c) in cells.enumerated() {
            let at = 4 + 24 * k
            put(UInt64(bitPattern: c.id), bytes: 8, at: at)
            for (j, v) in [c.minX, c.maxX, c.minY, c.maxY].enumerated() { put(UInt64(v.bitPattern), bytes: 4, at: at + 8 + 4 * j) }
        }
        return out
    }

    /// The largest Float not above `v`, and the smallest not below: boxes rounded outwards never lose a point.
    private static func down(_ v: Double) -> Float { let f = Float(v); return Double(f) > v ? f.nextDown : f }
    private static func up(_ v: Double) -> Float { let f = Float(v); return Double(f) < v ? f.nextUp : f }

    /// Rows of the rowid table per INSERT statement.
    private static let rowsPerInsert = 256

    /// Two integers, the per-point case: no array of values per call.
    private static func step(_ statement: SQLiteDatabase.Statement, _ a: Int64, _ b: Int64) throws {
        statement.reset()
        try statement.bind(.integer(a), at: 1)
        try statement.bind(.integer(b), at: 2)
        _ = try statement.step()
    }

    private static func step(_ statement: SQLiteDatabase.Statement, _ values: [SQLValue]) throws {
        statement.reset()
        for (k, v) in values.enumerated() { try statement.bind(v, at: Int32(k + 1)) }
        _ = try statement.step()
    }
}
