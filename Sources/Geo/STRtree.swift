import CGEOS

/// A GEOS STR packed R-tree over geometries, identified by their insertion index.
///
/// Build it once (insert everything), then query. GEOS packs the tree on the first query, after which
/// inserting is an error. The tree only borrows the geometries' handles, so it keeps the geometries.
public final class STRtree {
    public let context: GEOSContext
    private let handle: OpaquePointer
    private var items: [Geometry] = []
    private var built = false

    public init(context: GEOSContext, nodeCapacity: Int = 10) throws {
        self.context = context
        self.handle = try context.checked("create STRtree") { GEOSSTRtree_create_r(context.handle, nodeCapacity) }
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, handle)
    }

    public var count: Int { items.count }

    /// The geometry inserted as item `index`.
    public func item(_ index: Int) -> Geometry { items[index] }

    /// Adds a geometry and returns its index.
    @discardableResult
    public func insert(_ geometry: Geometry) throws -> Int {
        guard !built else { throw GeoError.invalidArgument("STRtree is already built: insert before the first query") }
        try requireOwnContext(geometry)
        let index = items.count
        items.append(geometry)
        // Items are stored as index + 1 so no item is the null pointer.
        GEOSSTRtree_insert_r(context.handle, handle, geometry.handle, UnsafeMutableRawPointer(bitPattern: index + 1))
        return index
    }

    /// Indices of every item whose envelope intersects `envelope` (closed boxes), ascending.
    public func query(_ envelope: Envelope) throws -> [Int] {
        let box = try Geometry.rectangle(envelope, context: context)
        return try query(box)
    }

    /// Indices of every item whose envelope intersects the geometry's envelope, ascending.
    public func query(_ geometry: Geometry) throws -> [Int] {
        try requireOwnContext(geometry)
        built = true
        var found: [Int] = []
        withUnsafeMutablePointer(to: &found) { sink in
            GEOSSTRtree_query_r(context.handle, handle, geometry.handle, { item, userdata in
                guard let item, let userdata else { return }
                userdata.assumingMemoryBound(to: [Int].self).pointee.append(Int(bitPattern: item) - 1)
            }, sink)
        }
        return found.sorted()
    }

    /// The index of the item nearest to `geometry` by planar distance; nil when the tree is empty.
    public func nearest(to geometry: Geometry) throws -> Int? {
        guard !items.isEmpty else { return nil }
        try requireOwnContext(geometry)
        built = true
        var search = NearestSearch(items: items, query: geometry)
        let found = withUnsafeMutablePointer(to: &search) { state in
            GEOSSTRtree_nearest_generic_r(context.handle, handle, NearestSearch.queryTag, geometry.handle, { a, b, distance, userdata in
                guard let userdata, let distance else { return 0 }
                let state = userdata.assumingMemoryBound(to: NearestSearch.self)
                guard let ga = state.pointee.geometry(for: a), let gb = state.pointee.geometry(for: b) else { return 0 }
                return GEOSDistance_r(ga.context.handle, ga.handle, gb.handle, distance)
            }, state)
        }
        guard let found else { throw context.failure("STRtree nearest") }
        return Int(bitPattern: found) - 1
    }

    private func requireOwnContext(_ geometry: Geometry) throws {
        guard geometry.context === context else {
            throw GeoError.invalidArgument("geometry is from a different GEOS context than the STRtree")
        }
    }
}

/// State shared with the C distance callback of `GEOSSTRtree_nearest_generic_r`.
private struct NearestSearch {
    /// Tags the query item; tree items are index + 1, so an all-ones pointer never collides.
    static var queryTag: UnsafeRawPointer { UnsafeRawPointer(bitPattern: UInt.max)! }
    let items: [Geometry]
    let query: Geometry

    func geometry(for tag: UnsafeRawPointer?) -> Geometry? {
        guard let tag else { return nil }
        if tag == NearestSearch.queryTag { return query }
        let index = Int(bitPattern: tag) - 1
        return items.indices.contains(index) ? items[index] : nil
    }
}
