import Geo
import FrontierBase
import FrontierPlaces

/// A grid has no list of cells: a listing makes those of one country, each cell whose centre its outline
/// covers (the rule `join` and the counting questions place incidents by, seen from the cell's side).
extension RegionsRequest {
    /// The cells of `grid` whose centre lies in the bundled outline of `country`, measured.
    ///
    /// - Throws: `FrontierError.request(.unknownCountry)` for a country not in the bundled data, `.tooManyCells` when
    ///   its bounding box spans more than `maxCells` equal-area cells.
    func cells(of grid: Grid, in country: String, context: GEOSContext) throws -> RegionsAnswer {
        let countries = try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
        guard let outline = countries.regions(inCountry: country.uppercased()).first else {
            throw FrontierError.request(.unknownCountry(code: country, regions: nil, known: countries.regions.map(\.country)))
        }
        let inside = try PreparedGeometry(outline.geometry)
        guard let box = try outline.geometry.envelope() else { return RegionsAnswer(rows: [], regionCode: regionCode) }
        let transformer = try grid.transformer()
        var cells = GridCells(grid: grid)
        for cell in try candidates(grid, box: box, area: outline.name, transformer: transformer)
        where try inside.covers(grid.centre(cell, transformer: transformer)) {
            _ = cells.number(of: cell)
        }
        let made = try cells.regions(countries: countries, context: context).regions
        var byID: [String: Grid.Cell] = [:]
        for cell in cells.cells { byID[grid.id(cell)] = cell }
        // A cell's area is the grid's own (exact for the equal-area grid), not its densified outline's.
        let rows = try made.regions.map { region in
            try RegionRow(region, areaKm2: byID[region.id].map { try grid.areaKm2($0, context: context, transformer: transformer) })
        }
        return RegionsAnswer(rows: rows, regionCode: regionCode)
    }

    /// Every cell whose centre can lie in `box`, stepped in the grid's own units: PRIO-GRID's half degrees,
    /// or the equal-area grid's columns and rows between those of the box's corners.
    ///
    /// - Throws: `FrontierError.request(.tooManyCells)` when the equal-area cells number more than `maxCells`.
    private func candidates(_ grid: Grid, box: Envelope, area: String, transformer: Transformer?) throws -> [Grid.Cell] {
        switch grid.kind {
        case .prioGrid:
            var centres: [Coordinate] = []
            var lat = (box.minY * 2).rounded(.down) / 2 + 0.25
            while lat < box.maxY + 0.5 {
                var lon = (box.minX * 2).rounded(.down) / 2 + 0.25
                while lon < box.maxX + 0.5 {
                    centres.append(Coordinate(x: lon, y: lat))
                    lon += 0.5
                }
                lat += 0.5
            }
            return grid.cells(of: centres, transformer: nil).compactMap { $0 }
        case .equalArea:
            let corners = [Coordinate(x: box.minX, y: box.minY), Coordinate(x: box.maxX, y: box.maxY),
                           Coordinate(x: box.minX, y: box.maxY), Coordinate(x: box.maxX, y: box.minY)]
            let cornerCells = grid.cells(of: corners, transformer: transformer).compactMap { $0 }
            let xs = cornerCells.map(\.x), ys = cornerCells.map(\.y)
            guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return [] }
            let (count, overflow) = (x1 - x0 + 1).multipliedReportingOverflow(by: y1 - y0 + 1)
            if overflow || count > maxCells {
                throw FrontierError.request(.tooManyCells(area: area, grid: grid.name, count: overflow ? .max : count, limit: maxCells))
            }
            return (y0...y1).flatMap { y in (x0...x1).map { x in Grid.Cell(x: x, y: y) } }
        }
    }
}
