/// Where a counting question (aggregate, map, hotspots, trends) puts each incident: a region of the request's
/// regions, or a cell of its grid, numbered as the scan meets it (in input order) and
/// made into regions, in id order, once the scan is done. Written once so every question treats cells alike.
struct CountedPlaces {
    /// The grid counted in, or nil for regions.
    let grid: Grid?
    /// The regions; for a grid, empty until `finish` makes the cells met into regions.
    private(set) var regions: RegionSet
    private var cells: GridCells?
    /// The cells' centres by region index, once `numberCells` has numbered them.
    private var cellCentres: [Int: Coordinate] = [:]
    /// How `numberCells` numbered the cells, which `makeCellRegions` checks their regions against.
    private var cellNumbers: PlaceRenumbering?

    /// Repairs made to the regions' polygons as they were loaded.
    let notices: [RequestNotice]

    init(_ places: PlaceSource, geodata: GeoDataChoice, context: GEOSContext) throws {
        grid = places.grid
        if grid == nil {
            (regions, notices) = try places.loadRegions(geodata: geodata, context: context)
        } else {
            regions = try RegionSet(regions: [], context: context)
            notices = []
        }
        cells = grid.map(GridCells.init)
    }

    /// What the scan locates in: the regions, or nothing (a grid gives each incident its cell).
    var scanRegions: RegionSet? { grid == nil ? regions : nil }

    /// The incident's region, or its cell's number; nil outside every region (or the grid's CRS).
    mutating func place(of s: ScannedIncident) -> Int? {
        if let r = s.region { return r }
        guard let cell = s.cell, cells != nil else { return nil }
        return cells?.number(of: cell)
    }

    /// The country of the region an incident lies in; nil for a cell or outside every region.
    func country(of s: ScannedIncident) -> String? {
        guard let r = s.region, grid == nil else { return nil }
        let country = regions.regions[r].country
        return country.isEmpty ? nil : country
    }

    /// How a part's counts name the place numbered `place` by this scan (`place(of:)`): by id, so that
    /// parts counted by other scans add up (`PartialCounts`).
    func partialPlace(_ place: Int?) -> PartialCounts.Place {
        guard let place else { return .none }
        if let cells { return .cell(cells.cells[place]) }
        return .region(regions.regions[place].id)
    }

    /// The number this scan gives a place a part's counts name, as `place(of:)` would have given it.
    /// - Throws: `FrontierError.invalid` for a region this request's regions do not hold, or a cell
    ///   without a grid (parts counted with other regions or GeoData).
    mutating func place(of partial: PartialCounts.Place) throws -> Int? {
        switch partial {
        case .none: return nil
        case .region(let id):
            guard cells == nil, let i = regions.index(id: id) else {
                throw FrontierError.invalid(file: "", reason: "the counts name region '\(MessageText.escaped(id))', which the regions asked for do not hold: were they counted with other regions or GeoData?")
            }
            return i
        case .cell(let cell):
            guard cells != nil else {
                throw FrontierError.invalid(file: "", reason: "the counts name a grid cell, and the request counts in regions: were they counted with a grid?")
            }
            return cells?.number(of: cell)
        }
    }

    /// For a grid: the cells met become `regions` (labelled with the country of `countries` holding their
    /// centre); returns how the numbers given while scanning move to their region indices. Nil for regions
    /// (nothing to renumber).
    mutating func finish(countries: @autoclosure () throws -> RegionSet, context: GEOSContext) throws -> PlaceRenumbering? {
        guard let renumbering = try numberCells() else { return nil }
        try makeCellRegions(countries: countries(), context: context)
        return renumbering
    }

    /// The first half of `finish`: for a grid, how the cells' numbers move to the indices their regions will
    /// have, and their centres (`centre(of:)`); the regions themselves come with `makeCellRegions`. Nil for
    /// regions. What a caller holds only until it has used its counts need not meet the cells' polygons.
    mutating func numberCells() throws -> PlaceRenumbering? {
        guard let made = cells else { return nil }
        let renumbering = made.renumbering()
        cellCentres = try made.centres(renumbering)
        cellNumbers = renumbering
        return renumbering
    }

    /// The second half of `finish`: the cells met become `regions`, numbered as `numberCells` said.
    /// - Precondition: `numberCells` numbered the cells.
    mutating func makeCellRegions(countries: @autoclosure () throws -> RegionSet, context: GEOSContext) throws {
        guard let made = cells else { return }
        let (cellRegions, renumbering) = try made.regions(countries: countries(), context: context)
        precondition(renumbering == cellNumbers, "cells are numbered by numberCells, in their ids' order")
        regions = cellRegions
    }

    /// Where neighbourhoods are measured from: a cell's centre, or a region's point on surface (inside it).
    func centre(of region: Int) throws -> Coordinate {
        if let c = cellCentres[region] { return c }
        return try regions.regions[region].geometry.pointOnSurface().coordinates().first ?? Coordinate(x: 0, y: 0)
    }
}
