import Foundation
import Geo
import FrontierBase
import FrontierFormats

/// A set of regions, sorted by id, indexed for point location.
///
/// Holds GEOS objects (a context, geometries, an STRtree and prepared geometries built on first use), so a
/// `RegionSet` belongs to one thread. A worker that needs its own copy loads its own.
public final class RegionSet {
    public let context: GEOSContext
    /// Sorted by `id`, unique ids.
    public let regions: [Region]
    /// Invalid geometries that were repaired with MakeValid while loading: "origin: GEOS reason".
    public let repairs: [String]

    /// The bundled layer these regions are (admin0, admin1), nil for a user's layer: a PostGIS server holding
    /// the same layer as a reference table can locate incidents in it.
    public internal(set) var bundledLayer: String?

    private var index: STRtree?
    /// Region i's prepared geometry once built, by index: an array, as points on boundary cells test one
    /// or two per point. One thread uses a set (see above): no exclusivity check per access.
    @exclusivity(unchecked) private var prepared: [PreparedGeometry?]
    /// The same geometries unretained, for the exact tests: `prepared` keeps them as long as the set lives,
    /// and reading a strong reference counted it once per test (a twentieth of a frame's aggregate).
    @exclusivity(unchecked) private var preparedUnretained: [Unmanaged<PreparedGeometry>?]

    public init(regions: [Region], repairs: [String] = [], context: GEOSContext) throws {
        let sorted = regions.sorted { $0.id < $1.id }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.id == b.id {
            throw FrontierError.invalid(file: "", reason: "two regions share the id '\(a.id)'")
        }
        self.regions = sorted
        prepared = Array(repeating: nil, count: sorted.count)
        preparedUnretained = Array(repeating: nil, count: sorted.count)
        self.repairs = repairs
        self.context = context
    }

    public var count: Int { regions.count }

    /// Each region's WKB, in region order (kept by each region once at hand: see `RegionShape`).
    public func wkb() throws -> [ArraySlice<UInt8>] {
        try regions.map { try $0.wkb() }
    }

    /// An independent copy in a new GEOS context (geometries cloned through WKB), for another thread.
    /// Shares the cell index, which is plain data.
    public func copy() throws -> RegionSet {
        let newContext = try GEOSContext()
        // Each polygon is parsed in the new context when the copy first needs it.
        let copied = try regions.map { try $0.copy(into: newContext) }
        let set = try RegionSet(regions: copied, repairs: repairs, context: newContext)
        set.cellIndex = cellIndex
        set.bundledLayer = bundledLayer
        return set
    }

    /// FNV-1a of every region's id, country, name and WKB, in id order: equal fingerprints, the same
    /// regions (how a PostGIS reference table is told to match the GeoData in use).
    public func fingerprint() throws -> UInt64 {
        var h = FNV1a()
        for (r, wkb) in zip(regions, try wkb()) {
            for text in [r.id, r.country, r.name] { h.mix(text); h.mix([0]) }
            h.mix(wkb)
        }
        return h.value
    }

    /// Loads bundled or user regions.
    public static func load(_ source: RegionSource, geodata: GeoDataLocation? = nil,
                            context: GEOSContext? = nil) throws -> RegionSet {
        let context = try context ?? GEOSContext()
        switch source {
        case .admin0, .admin1:
            let location = try geodata ?? GeoDataLocation.resolve()
            let set = try CompactGeoData.regions(source == .admin0 ? .admin0 : .admin1, in: location, context: context)
                ?? loadGeoJSON(source, location: location, context: context)
            set.bundledLayer = source.description
            return set
        case .file(let path, let keyField, let nameField, let countryField, let layer, let crs):
            var features = try RegionLayer.features(path: path, layer: layer, lonLat: crs == nil, context: context)
            if let crs {
                let toLonLat = try Transformer(from: crs, to: "EPSG:4326")
                features = try features.map { f in
                    do {
                        return Feature(origin: f.origin, properties: f.properties, geometry: try f.geometry.map { try $0.transformedPolygons(with: toLonLat) })
                    } catch {
                        throw FrontierError.invalid(file: "", reason: "\(f.origin): cannot bring it from \(crs) to lon/lat: \(error)")
                    }
                }
            }
            return try RegionLayer.regions(from: features, keyField: keyField, nameField: nameField,
                                           countryField: countryField, context: context)
        }
    }

    /// A bundled layer from its GeoJSON (the truth the compact form is derived from).
    static func loadGeoJSON(_ source: RegionSource, location: GeoDataLocation, context: GEOSContext) throws -> RegionSet {
        let file = location.file(source == .admin0 ? "admin0.geojson" : "admin1.geojson").path
        let features = try GeoJSONFeatureFile.read(path: file, context: context)
        return try RegionLayer.regions(from: features, keyField: "region_id", nameField: "region_name",
                                       countryField: "region_country", context: context)
    }

    /// The regions of one country (ISO3), in id order.
    public func regions(inCountry iso3: String) -> [Region] {
        regions.filter { $0.country == iso3.uppercased() }
    }

    public func region(id: String) -> Region? {
        index(id: id).map { regions[$0] }
    }

    /// The regions whose ISO code is `code` (any case; ISO 3166-2 `PK-KP`, or a country's alpha-2 `PK`), in
    /// id order: one for the bundled regions, possibly several in a user's layer that repeats a code.
    public func regions(code: String) -> [Region] {
        let wanted = code.uppercased()
        guard !wanted.isEmpty else { return [] }
        return regions.filter { $0.code.uppercased() == wanted }
    }

    /// The position of the region with this id (regions are sorted by id: a binary search).
    public func index(id: String) -> Int? {
        var (lo, hi) = (0, regions.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if regions[mid].id < id { lo = mid + 1 } else { hi = mid }
        }
        return lo < regions.count && regions[lo].id == id ? lo : nil
    }

    /// The index of the region covering the point (boundary included); where several do (a shared edge or
    /// corner), the one with the smallest id. Nil outside every region. Uses the cell index when one is set.
    public func locate(_ point: Coordinate) throws -> Int? {
        // The index is read in one expression: binding it to a name kept across the exact tests below
        // would retain and release it for every point (a twentieth of aggregate's time).
        guard let answer = locateIndex?.lookup(point) else { return try locateExactly(point) }
        switch answer {
        case .region(let r): return r
        case .outside: return nil
        case .candidates(let positions): return try locate(point, amongCandidates: positions)
        }
    }

    /// The first of a `.candidates` answer's regions that covers the point, by exact test.
    private func locate(_ point: Coordinate, amongCandidates positions: Range<Int>) throws -> Int? {
        guard let index = locateIndexUnretained else { return nil }
        let probe = try PointProbe(point, context: context)
        return try index._withUnsafeGuaranteedRef { index in
            for k in positions {
                let i = index.candidateRegion(k)
                if try covers(i, probe) { return i }
            }
            return nil
        }
    }

    /// The cell index (built by `buildLocateIndex()`), shareable with other threads' copies of this set.
    // Set before any point is located and read for every point by the one thread that uses this set (each
    // thread has its own copy): unchecked exclusivity spares a runtime check per read. Read through a getter:
    // another module reading a stored property checks it all the same (the attribute holds in this module).
    public var locateIndex: LocateIndex? { cellIndex }
    @exclusivity(unchecked) private var cellIndex: LocateIndex? {
        didSet { locateIndexUnretained = cellIndex.map(Unmanaged.passUnretained) }
    }
    /// The same index unretained, for the exact tests of a boundary cell's points: `locateIndex` keeps it,
    /// and binding the strong reference counted it once per point.
    @exclusivity(unchecked) private var locateIndexUnretained: Unmanaged<LocateIndex>?

    /// Builds the cell index once; later `locate` calls use it.
    @discardableResult
    public func buildLocateIndex() throws -> LocateIndex {
        if let locateIndex { return locateIndex }
        let built = try LocateIndex(regions: self)
        cellIndex = built
        return built
    }

    /// Uses an index built by another copy of the same regions (a worker thread's).
    public func adopt(_ index: LocateIndex) throws {
        guard index.regionCount == regions.count else {
            throw FrontierError.invalid(file: "", reason: "a locate index of \(index.regionCount) regions cannot serve a set of \(regions.count)")
        }
        cellIndex = index
    }

    /// The exact answer from prepared GEOS predicates alone (STRtree candidates, then covers).
    public func locateExactly(_ point: Coordinate) throws -> Int? {
        let tree = try spatialIndex()
        let candidates = try tree.query(Envelope(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y))
        guard !candidates.isEmpty else { return nil }
        let probe = try PointProbe(point, context: context)
        // Candidates come back ascending, and regions are sorted by id: the first cover wins.
        for i in candidates where try covers(i, probe) {
            return i
        }
        return nil
    }

    private func spatialIndex() throws -> STRtree {
        if let index { return index }
        let tree = try STRtree(context: context)
        for region in regions { try tree.insert(region.geometry) }
        index = tree
        return tree
    }

    /// Region `i`'s prepared geometry, built on first use (GEOS builds its index lazily too).
    func prepared(_ i: Int) throws -> PreparedGeometry {
        try preparedGeometry(i)
    }

    private func preparedGeometry(_ i: Int) throws -> PreparedGeometry {
        if let p = prepared[i] { return p }
        let p = try PreparedGeometry(regions[i].geometry)
        prepared[i] = p
        preparedUnretained[i] = Unmanaged.passUnretained(p)
        return p
    }

    /// Whether region `i` covers the probe (boundary included), by its prepared geometry.
    private func covers(_ i: Int, _ probe: borrowing PointProbe) throws -> Bool {
        guard let p = preparedUnretained[i] else { return try preparedGeometry(i).covers(probe) }
        return try p._withUnsafeGuaranteedRef { try $0.covers(probe) }
    }
}
