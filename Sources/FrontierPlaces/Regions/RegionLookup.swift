/// Resolves a region a caller names (an id, a unique name, or an alias) to one region, or explains
/// why not: ambiguous names list the ids to choose from; unknown ones suggest the nearest names.
import FrontierBase
public struct RegionLookup {
    let regions: RegionSet
    let aliases: RegionAliases

    public init(regions: RegionSet, aliases: RegionAliases) {
        self.regions = regions
        self.aliases = aliases
    }

    public func resolve(_ query: String) throws -> Region {
        if let r = regions.region(id: query) { return r }
        let key = RegionAliases.normalize(query)
        // "AFG:Badakshan": an id whose name part is a variant.
        var country: String?
        var namePart = query
        if let colon = query.firstIndex(of: ":"), query.distance(from: query.startIndex, to: colon) == 3 {
            country = String(query[..<colon]).uppercased()
            namePart = String(query[query.index(after: colon)...])
        }
        let nameKey = country == nil ? key : RegionAliases.normalize(namePart)
        var ids = Set(regions.regions.filter { RegionAliases.normalize($0.name) == nameKey || RegionAliases.normalize($0.id) == key }.map(\.id))
        ids.formUnion(aliases.regionIDs(forAlias: namePart).filter { regions.region(id: $0) != nil })
        if let country { ids = ids.filter { $0.hasPrefix(country + ":") } }
        let sorted = ids.sorted()
        if sorted.count == 1, let r = regions.region(id: sorted[0]) { return r }
        if sorted.count > 1 { throw FrontierError.ambiguousRegion(name: query, candidates: sorted) }
        throw FrontierError.unknownRegion(name: query, suggestions: suggestions(for: namePart, country: country))
    }

    /// Up to three region ids whose name or alias is closest to the query (edit distance on normalized text).
    func suggestions(for query: String, country: String?) -> [String] {
        let key = RegionAliases.normalize(query)
        var best: [String: Int] = [:]
        func consider(_ id: String, _ name: String) {
            if let country, !id.hasPrefix(country + ":") { return }
            let d = EditDistance.levenshtein(key, RegionAliases.normalize(name))
            best[id] = min(best[id] ?? .max, d)
        }
        for r in regions.regions { consider(r.id, r.name) }
        for (alias, ids) in aliases.allAliases { for id in ids where regions.region(id: id) != nil { consider(id, alias) } }
        let limit = max(2, key.count / 3)
        return best.filter { $0.value <= limit }.sorted { ($0.value, $0.key) < ($1.value, $1.key) }.prefix(3).map(\.key)
    }
}
