/// What narrows a counting question (aggregate, hotspots, trends) to part of the map: the zone near a
/// border with the sides it keeps, and the regions a caller named. Written once, so the three questions keep
/// the same incidents as `near` does (docs/architecture.md, "Zones and regions").
struct CountingFocus {
    /// The border's zone and the countries kept (nil: any), when only incidents near a border count.
    let zone: NearZone?
    let sides: Set<String>?
    /// The named regions' indices in the places' regions; nil when none was named.
    let chosen: Set<Int>?
    /// The countries, loaded when the sides decide which incidents count (the scan locates each incident's).
    let countries: RegionSet?
    /// Names read as another spelling.
    private let readAs: [RequestNotice]

    /// Resolves the border and the named regions against `places`.
    /// - Throws: `FrontierError.request(.regionsChosenWithGrid)` for regions named with a grid; the errors of
    ///   `NearBorder.zone` (an unknown border, a side off it) and of `ChosenRegions.indices` (an unknown or
    ///   ambiguous name); GeoData's when its countries cannot be read.
    init(near: NearBorder?, chosen names: [String], places: CountedPlaces, source: PlaceSource, geodata: GeoDataChoice,
         context: GEOSContext) throws {
        if let grid = places.grid, !names.isEmpty { throw FrontierError.request(.regionsChosenWithGrid(grid: grid.name)) }
        let near = try near?.zone(geodata: geodata, context: context)
        var zone = near?.zone
        // Counting reads an incident's distance only to find its band: with one band, being in the zone is all
        // that counts, and the bounds decide it for all but the incidents at its edge.
        if zone?.bands.count == 1 { zone?.measuresDistances = false }
        self.zone = zone
        sides = near?.sides
        if places.grid == nil {
            (chosen, readAs) = try ChosenRegions.indices(names, in: places.regions, bundled: source.isBundled, geodata: geodata)
        } else {
            (chosen, readAs) = (nil, [])
        }
        countries = sides == nil ? nil : try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
    }

    /// Names read as another spelling, then the named regions the zone does not reach (on the sides kept).
    /// - Throws: GEOS errors on a region's geometry.
    func notices(_ regions: RegionSet) throws -> [RequestNotice] {
        guard let zone, let chosen else { return readAs }
        let beyond = try chosen.sorted().filter { try !(onKeptSide($0, of: regions) && zone.reaches(region: $0, of: regions)) }
        return readAs + (beyond.isEmpty ? [] : [.chosenBeyondZone(ids: beyond.map { regions.regions[$0].id }, zone: zone.name, within: zone.within)])
    }

    /// Narrows `query` to the zone, its sides and the named regions.
    func narrow(_ query: inout IncidentQuery) {
        query.zone = zone
        query.sides = sides
        query.regionsAllowed = chosen
    }

    /// The regions a filled series lists: the named ones (else all), and of those, with a zone, only the
    /// regions it reaches on a side it keeps. For a grid, `regions` are the cells met, all in the zone already.
    /// - Throws: GEOS errors on a region's geometry.
    func filled(_ regions: RegionSet, grid: Bool) throws -> [Int] {
        let listed = chosen.map { $0.sorted() } ?? Array(regions.regions.indices)
        guard let zone, !grid else { return listed }
        let named = chosen
        return try zone.regionsReached(in: regions) { try (named?.contains($0) ?? true) && onKeptSide($0, of: regions) }
    }

    /// Whether region `index` lies in a country the sides keep (any, when they keep all): its own country,
    /// else (a layer that does not say) the country holding a point inside it.
    private func onKeptSide(_ index: Int, of regions: RegionSet) throws -> Bool {
        guard let sides, let countries else { return true }
        let region = regions.regions[index]
        var country = region.country
        if country.isEmpty, let point = try region.geometry.pointOnSurface().coordinates().first, let located = try countries.locate(point) {
            country = countries.regions[located].country
        }
        return sides.contains(country)
    }
}
