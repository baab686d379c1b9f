/// Regions a caller named (by id, unique name or alias) to count only the incidents located in them.
enum ChosenRegions {
    /// The named regions' indices in `regions`, or nil when none was named; with a notice for each name read
    /// as another spelling. `bundled`: the regions are GeoData's, whose alias table then applies.
    /// - Throws: `FrontierError.unknownRegion` or `.ambiguousRegion` for a name that finds no single region.
    static func indices(_ names: [String], in regions: RegionSet, bundled: Bool, geodata: GeoDataChoice) throws -> (Set<Int>?, [RequestNotice]) {
        guard !names.isEmpty else { return (nil, []) }
        let lookup = RegionLookup(regions: regions, aliases: bundled ? try RegionAliases.bundled(geodata.location()) : RegionAliases())
        var indices = Set<Int>()
        var notices: [RequestNotice] = []
        for name in names {
            let region = try lookup.resolve(name)
            if region.id != name, region.name != name {
                notices.append(.readAs(name: name, id: region.id, regionName: region.name))
            }
            if let i = regions.index(id: region.id) { indices.insert(i) }
        }
        return (indices, notices)
    }
}
