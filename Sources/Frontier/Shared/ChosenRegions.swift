/// Regions a caller named (by id, unique name or alias) to count only the incidents located in them.
enum ChosenRegions {
    /// The named regions' indices in `regions`, or nil when none was named; with notices for each name read
    /// as another spelling or also part of other regions' names. `bundled`: the regions are GeoData's, whose alias table then applies.
    /// - Throws: `FrontierError.unknownRegion` or `.ambiguousRegion` for a name that finds no single region.
    static func indices(_ names: [String], in regions: RegionSet, bundled: Bool, geodata: GeoDataChoice) throws -> (Set<Int>?, [RequestNotice]) {
        guard !names.isEmpty else { return (nil, []) }
        let lookup = RegionLookup(regions: regions, aliases: bundled ? try RegionAliases.bundled(geodata.location()) : RegionAliases())
        let found = try names.map { try lookup.match($0) }
        // "Badakhshan" beside "GBAO": the other region it partly names is chosen too, nothing to warn of.
        let chosen = Set(found.map(\.region.id))
        let notices = zip(found, names).flatMap { match, name in
            RequestNotice.found(match, name: name, except: chosen)
        }
        return (Set(found.compactMap { regions.index(id: $0.region.id) }), notices)
    }
}
