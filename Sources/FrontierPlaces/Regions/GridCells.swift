import Geo
import FrontierBase

/// The cells of a grid that a scan met, numbered in the order met (the scan hands incidents over in input
/// order, so the numbers are the same for any thread count), and made into ordinary regions once the scan
/// is done: only cells that hold incidents ever exist, and everything downstream (counts, fills, maps,
/// GeoJSON) treats them as regions.
public struct GridCells {
    public let grid: Grid
    private var numbers: [Grid.Cell: Int] = [:]
    public private(set) var cells: [Grid.Cell] = []

    public init(grid: Grid) {
        self.grid = grid
    }

    /// The number of a cell, given when first met.
    public mutating func number(of cell: Grid.Cell) -> Int {
        if let n = numbers[cell] { return n }
        numbers[cell] = cells.count
        cells.append(cell)
        return cells.count - 1
    }

    /// A cell's id and the ISO3 of the country holding its centre (empty outside `countries`), remembered
    /// per cell: what `join` prints for each incident.
    public mutating func label(_ cell: Grid.Cell, countries: RegionSet?) throws -> (id: String, country: String) {
        if let known = labels[cell] { return known }
        if transformer == nil { transformer = try grid.transformer() }
        let centre = grid.centre(cell, transformer: transformer)
        let country = try countries.flatMap { c in try c.locate(centre).map { c.regions[$0].country } } ?? ""
        labels[cell] = (grid.id(cell), country)
        return (grid.id(cell), country)
    }

    private var labels: [Grid.Cell: (id: String, country: String)] = [:]
    private var transformer: Transformer?

    /// Each cell's centre (lon/lat) by its region index (`renumbering` from `regions(countries:context:)`): the
    /// points neighbourhoods are measured between.
    public func centres(_ renumbering: PlaceRenumbering) throws -> [Int: Coordinate] {
        let transformer = try grid.transformer()
        var out: [Int: Coordinate] = [:]
        for (n, cell) in cells.enumerated() { out[renumbering.renumbered(n)] = grid.centre(cell, transformer: transformer) }
        return out
    }

    /// The renumbering `regions(countries:context:)` gives, from the cells' ids alone: a region set orders its
    /// regions by id, so a cell's region index is its id's place among the ids. Known before the polygons are
    /// made, it lets a caller finish with its counts first (a 5M-row `hotspots` held its bins and 20,000 cell
    /// polygons at once).
    public func renumbering() -> PlaceRenumbering {
        let ids = cells.map(grid.id)
        var newNumbers = [Int](repeating: 0, count: ids.count)
        for (index, cell) in ids.indices.sorted(by: { ids[$0] < ids[$1] }).enumerated() { newNumbers[cell] = index }
        return PlaceRenumbering(newNumbers)
    }

    /// The cells as regions sorted by id (`region_id` and `region_name` the cell's id, `region_country` the
    /// ISO3 of the country holding its centre, empty outside `countries`; the polygon densified so its
    /// edges follow the grid), and the renumbering from the numbers given while scanning to those regions' indices.
    public func regions(countries: RegionSet?, context: GEOSContext) throws -> (regions: RegionSet, renumbering: PlaceRenumbering) {
        let transformer = try grid.transformer()
        try countries?.buildLocateIndex()
        // The outlines as WKB in one buffer, parsed into GEOS polygons only where a caller reads a cell's
        // geometry (a GeoJSON or Arrow answer, a map): the rows of an answer need only the ids. The regions
        // take their slices once the buffer is whole: a slice held while it grew would make each append copy it.
        var wkb: [UInt8] = []
        var ends: [Int] = []
        ends.reserveCapacity(cells.count)
        for cell in cells {
            let ring = try grid.outline(cell, transformer: transformer)
            if wkb.isEmpty { wkb.reserveCapacity(cells.count * WKBPolygon.size(points: ring.count)) }
            WKBPolygon.append(exterior: ring, to: &wkb)
            ends.append(wkb.count)
        }
        var made: [Region] = []
        made.reserveCapacity(cells.count)
        for (k, cell) in cells.enumerated() {
            let centre = grid.centre(cell, transformer: transformer)
            let country = try countries.flatMap { c in try c.locate(centre).map { c.regions[$0].country } } ?? ""
            made.append(Region(id: grid.id(cell), country: country, name: grid.id(cell), fips: "", code: "",
                               wkb: wkb[(k == 0 ? 0 : ends[k - 1])..<ends[k]], checksum: nil, context: context, compact: nil))
        }
        let set = try RegionSet(regions: made, context: context)
        return (set, PlaceRenumbering(cells.map { set.index(id: grid.id($0)) ?? 0 }))
    }
}
