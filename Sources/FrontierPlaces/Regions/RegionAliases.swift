import Foundation
import FrontierBase
import FrontierFormats

/// Spelling variants of region names (`GeoData/admin1-aliases.csv`: region_id,alias,source), for looking a
/// region up by name (`RegionLookup`) and for comparing an incident's reported admin1 with the located one.
public struct RegionAliases: Sendable {
    /// normalized alias → region ids (an alias may be used in more than one country).
    private var byAlias: [String: [String]] = [:]
    /// Every alias as written, with its region: word boundaries, which normalizing removes, tell where a
    /// name's parts begin ("Badakhshan" begins the second word of "Kuhistoni Badakhshon").
    public private(set) var spellings: [(regionID: String, alias: String)] = []

    public init() {}

    public init(pairs: [(regionID: String, alias: String)]) {
        for p in pairs {
            let key = RegionAliases.normalize(p.alias)
            spellings.append(p)
            // Variants that differ only in case or punctuation ("Sar-e Pol", "Sar-e-Pol") fold to one key.
            if byAlias[key]?.contains(p.regionID) != true { byAlias[key, default: []].append(p.regionID) }
        }
    }

    /// Reads the aliases CSV (through the one CSV reader); a malformed record is an error naming its line.
    public static func load(path: String) throws -> RegionAliases {
        var pairs: [(String, String)] = []
        for record in try CSVRecordReader.tableRecords(atPath: path) {
            let fields = record.fields
            guard fields.count >= 2, fields[0].contains(":"), !fields[1].isEmpty else {
                throw FrontierError.malformed(file: path, line: record.line, reason: "expected region_id,alias,source")
            }
            pairs.append((fields[0], fields[1]))
        }
        return RegionAliases(pairs: pairs)
    }

    /// The bundled aliases, or none when GeoData has no alias file.
    public static func bundled(_ geodata: GeoDataLocation) throws -> RegionAliases {
        let path = geodata.curated("admin1-aliases.csv").path
        guard FileManager.default.fileExists(atPath: path) else { return RegionAliases() }
        return try load(path: path)
    }

    public func regionIDs(forAlias name: String) -> [String] {
        byAlias[RegionAliases.normalize(name)] ?? []
    }

    public var allAliases: [(alias: String, regionIDs: [String])] {
        byAlias.map { ($0.key, $0.value) }
    }

    /// Case, accents, punctuation, spacing and generic words ("province", "state", …) do not matter.
    public static func normalize(_ name: String) -> String {
        var s = name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        for suffix in [" independent city", " province", " state", " region", " oblast", " viloyati", " velayat"] where s.hasSuffix(suffix) {
            s.removeLast(suffix.count)
        }
        return String(s.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }
}
