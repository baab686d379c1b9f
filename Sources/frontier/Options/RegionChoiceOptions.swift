import ArgumentParser
import Frontier

/// `--region ID_OR_NAME` (repeatable): only the incidents located in these regions (aggregate and map),
/// and with `--fill`, exactly their series. Names resolve as everywhere: id, unique name or alias.
struct RegionChoiceOptions: ParsableArguments {
    @Option(name: .customLong("region"), help: ArgumentHelp("Only incidents located in this region: an id (AFG:Badakhshan), unique name or alias (repeatable: any of them).", valueName: "region"))
    var chosen: [String] = []

    /// The chosen regions' indices in `regions`, or nil when none was named.
    /// `bundled`: the regions are GeoData's, whose alias table then applies.
    func indices(in regions: RegionSet, bundled: Bool, geodata: GeoDataOptions) throws -> Set<Int>? {
        guard !chosen.isEmpty else { return nil }
        let lookup = RegionLookup(regions: regions, aliases: bundled ? try RegionAliases.bundled(geodata.location()) : RegionAliases())
        var indices = Set<Int>()
        for name in chosen {
            let region = try lookup.resolve(name)
            if region.id != name, region.name != name {
                Diagnostics.note("notice: '\(MessageText.escaped(name))' is read as \(MessageText.escaped(region.id)) (\(MessageText.escaped(region.name)))")
            }
            if let i = regions.index(id: region.id) { indices.insert(i) }
        }
        return indices
    }
}
