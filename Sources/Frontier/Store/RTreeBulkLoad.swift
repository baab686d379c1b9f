import Foundation

/// Fills an empty SQLite R-tree (the GeoPackage `rtree_<table>_<column>` virtual table) with points in one
/// pass, by writing its shadow tables directly: Sort-Tile-Recursive packing, full nodes, then the node,
/// rowid and parent tables. Inserting a million points one by one cost ~24 µs each in SQLite's R*-tree
/// (most of an import's time); packed, they take about a second. The layout is SQLite's own (rtree.c): a
/// node is a blob of the root's size — 2 bytes tree depth (root only), 2 bytes cell count, then cells of an
/// 8-byte id and minX, maxX, minY, maxY as 32-bit floats, all big-endian, rounded outwards. `rtreecheck()`
/// verifies the result in the tests.
enum RTreeBulkLoad {
    private struct Cell {
        var id: Int64
        var minX: Float, maxX: Float, minY: Float, maxY: Float
        var centreX: Float { (minX + maxX) / 2 }
        var centreY: Float { (minY + maxY) / 2 }
    }

    /// The most points packed in memory (about 100 MB while sorting); more are left to SQLite's inserts.
    static let maxPoints = 1_000_000

    /// Loads `points` (id, lon, lat) into `rtree`, which must be empty (a new table's single empty root).
    static func load(_ rtree: String, points: [(id: Int64, x: Double, y: Double)], db: SQLiteDatabase) throws {
        guard !points.isEmpty else { return }
        let quoted = { (suffix: String) in SQLiteDatabase.quote(identifier: rtree + suffix) }
        guard let rootSize = Int(try db.scalar("SELECT length(data) FROM \(quoted("_node")) WHERE nodeno = 1") ?? ""),
              (rootSize - 4) / 24 >= 2 else {
            throw FrontierError.invalid(file: db.path, reason: "the R-tree \(rtree) has no usable root node")
        }
        let capacity = (rootSize - 4) / 24
        // Leaves, then each level above, packed until one node remains: levels[0] is the leaf level.
        var levels: [[[Cell]]] = [pack(points.map { p in
            Cell(id: p.id, minX: down(p.x), maxX: up(p.x), minY: down(p.y), maxY: up(p.y))
        }, capacity: capacity)]
        while let top = levels.last, top.count > 1 {
            // A parent cell's id is its child's index in the level below for now; node numbers come next. Every
            // node `pack` makes holds at least one cell.
            levels.append(pack(top.enumerated().map { index, node in
                node.dropFirst().reduce(into: Cell(id: Int64(index), minX: node[0].minX, maxX: node[0].maxX, minY: node[0].minY, maxY: node[0].maxY)) {
                    box, c in
                    box.minX = min(box.minX, c.minX); box.maxX = max(box.maxX, c.maxX)
                    box.minY = min(box.minY, c.minY); box.maxY = max(box.maxY, c.maxY)
                }
            }, capacity: capacity))
        }
        // Node numbers: the root is 1, then level by level downwards.
        var numbers: [[Int64]] = Array(repeating: [], count: levels.count)
        var next: Int64 = 1
        for level in levels.indices.reversed() {
            numbers[level] = levels[level].indices.map { _ in defer { next += 1 }; return next }
        }
        try db.execute("DELETE FROM \(quoted("_node")); DELETE FROM \(quoted("_rowid")); DELETE FROM \(quoted("_parent"));")
        let node = try db.prepare("INSERT INTO \(quoted("_node")) (nodeno, data) VALUES (?, ?)")
        let parent = try db.prepare("INSERT INTO \(quoted("_parent")) (nodeno, parentnode) VALUES (?, ?)")
        let rowid = try db.prepare("INSERT INTO \(quoted("_rowid")) (rowid, nodeno) VALUES (?, ?)")
        for level in levels.indices {
            for (k, cells) in levels[level].enumerated() {
                let number = numbers[level][k]
                // Cells of an inner node point at their child's node number.
                let written = level == 0 ? cells : cells.map { var c = $0; c.id = numbers[level - 1][Int(c.id)]; return c }
                let depth = level == levels.count - 1 ? levels.count - 1 : 0
                try step(node, [.integer(number), .blob(blob(written, depth: depth, size: rootSize))])
                for c in written {
                    if level == 0 { try step(rowid, [.integer(c.id), .integer(number)]) }
                    else { try step(parent, [.integer(c.id), .integer(number)]) }
                }
            }
        }
    }

    /// Sort-Tile-Recursive: vertical slices by x, each sorted by y and cut into full nodes.
    private static func pack(_ cells: [Cell], capacity: Int) -> [[Cell]] {
        let nodes = (cells.count + capacity - 1) / capacity
        let slices = Int(Double(nodes).squareRoot().rounded(.up))
        let perSlice = slices * capacity
        let byX = cells.sorted { ($0.centreX, $0.id) < ($1.centreX, $1.id) }
        var out: [[Cell]] = []
        out.reserveCapacity(nodes)
        for start in stride(from: 0, to: byX.count, by: perSlice) {
            let slice = byX[start..<min(start + perSlice, byX.count)].sorted { ($0.centreY, $0.id) < ($1.centreY, $1.id) }
            for s in stride(from: slice.startIndex, to: slice.endIndex, by: capacity) {
                out.append(Array(slice[s..<min(s + capacity, slice.endIndex)]))
            }
        }
        return out
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

    private static func step(_ statement: SQLiteDatabase.Statement, _ values: [SQLValue]) throws {
        statement.reset()
        for (k, v) in values.enumerated() { try statement.bind(v, at: Int32(k + 1)) }
        _ = try statement.step()
    }
}
