/// Resolves a region a caller names (an id, a unique name, or an alias) to one region, or explains
/// why not: ambiguous names list the ids to choose from; unknown ones suggest the nearest names.
import Foundation
import FrontierBase
public struct RegionLookup {
    let regions: RegionSet
    let aliases: RegionAliases

    public init(regions: RegionSet, aliases: RegionAliases) {
        self.regions = regions
        self.aliases = aliases
    }

    /// A region a name found, and what the caller should be told about how it was found.
    public struct Match {
        /// The region the name stands for.
        public let region: Region
        /// Whether the name was read as another spelling or as part of the region's name (not its id or
        /// its name as written).
        public let readAsOtherSpelling: Bool
        /// Ids of other regions whose name or alias the query is only part of ("Badakhshan" and
        /// TJK:Gorno-Badakhshan): the caller may have meant one of those.
        public let partlyNamed: [String]
    }

    /// The region `query` names; see `match`.
    /// - Throws: as `match`.
    public func resolve(_ query: String) throws -> Region { try match(query).region }

    /// Finds the region `query` names: an id or an ISO code (`PK-KP`, any case); else a name or alias equal to
    /// it (case, accents, punctuation
    /// and generic words such as "province" aside; `AFG:Badakshan` limits the name to one country); else
    /// the one region whose name or alias it begins or begins a word of ("Khatl", "Gorno").
    /// - Returns: the region, whether it was read as another spelling, and the other regions it partly names.
    /// - Throws: `FrontierError.ambiguousRegion` (the candidate ids) when several regions have that name,
    ///   or none has it and it is part of several names; `.unknownRegion` (up to three nearest ids) when it
    ///   is part of none.
    public func match(_ query: String) throws -> Match {
        if let r = regions.region(id: query) { return Match(region: r, readAsOtherSpelling: false, partlyNamed: []) }
        let coded = regions.regions(code: query)
        if coded.count == 1 { return Match(region: coded[0], readAsOtherSpelling: false, partlyNamed: []) }
        if coded.count > 1 { throw FrontierError.ambiguousRegion(name: query, candidates: coded.map(\.id)) }
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
        let exact = ids.sorted()
        if exact.count > 1 { throw FrontierError.ambiguousRegion(name: query, candidates: exact) }
        let partly = partlyNamedIDs(nameKey, country: country).subtracting(exact).sorted()
        if exact.count == 1, let r = regions.region(id: exact[0]) {
            return Match(region: r, readAsOtherSpelling: r.id != query && r.name != query, partlyNamed: partly)
        }
        if partly.count == 1, let r = regions.region(id: partly[0]) {
            return Match(region: r, readAsOtherSpelling: true, partlyNamed: [])
        }
        if partly.count > 1 { throw FrontierError.ambiguousRegion(name: query, candidates: partly) }
        throw FrontierError.unknownRegion(name: query, suggestions: suggestions(for: namePart, country: country))
    }

    /// The shortest normalized query read as part of a name: two letters begin too many names to mean one.
    static let shortestPart = 3

    /// Ids of the regions (in `country` when given) one of whose names or aliases has a word from which on it
    /// begins with `key` (normalized), the whole name excepted.
    func partlyNamedIDs(_ key: String, country: String?) -> Set<String> {
        guard key.count >= Self.shortestPart else { return [] }
        var found = Set<String>()
        func consider(_ id: String, _ name: String) {
            if let country, !id.hasPrefix(country + ":") { return }
            guard regions.region(id: id) != nil, RegionAliases.normalize(name) != key else { return }
            if RegionLookup.wordTails(name).contains(where: { $0.hasPrefix(key) }) { found.insert(id) }
        }
        for r in regions.regions { consider(r.id, r.name) }
        for spelling in aliases.spellings { consider(spelling.regionID, spelling.alias) }
        return found
    }

    /// The normalized text from each word of `name` to its end: "Gorno-Badakhshan" gives "gornobadakhshan"
    /// and "badakhshan".
    static func wordTails(_ name: String) -> [String] {
        let words = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .split { !($0.isLetter || $0.isNumber) }
        return words.indices.map { RegionAliases.normalize(words[$0...].joined(separator: " ")) }
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
