import Foundation

/// Spelling variants of region names (`GeoData/admin1-aliases.csv`: region_id,alias,source), for `--region`
/// lookups and for comparing an incident's reported admin1 with the located one.
public struct RegionAliases: Sendable {
    /// normalized alias → region ids (an alias may be used in more than one country).
    private var byAlias: [String: [String]] = [:]

    public init() {}

    public init(pairs: [(regionID: String, alias: String)]) {
        for p in pairs {
            let key = RegionAliases.normalize(p.alias)
            // Variants that differ only in case or punctuation ("Sar-e Pol", "Sar-e-Pol") fold to one key.
            if byAlias[key]?.contains(p.regionID) != true { byAlias[key, default: []].append(p.regionID) }
        }
    }

    /// Reads the aliases CSV; a malformed line is an error naming the line.
    public static func load(path: String) throws -> RegionAliases {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw RegionSet.Failure(message: "\(path): cannot read: \(error.localizedDescription)")
        }
        var pairs: [(String, String)] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where n > 0 && !line.isEmpty {
            let fields = SimpleCSV.fields(String(line))
            guard fields.count >= 2, fields[0].contains(":"), !fields[1].isEmpty else {
                throw RegionSet.Failure(message: "\(path) line \(n + 1): expected region_id,alias,source")
            }
            pairs.append((fields[0], fields[1]))
        }
        return RegionAliases(pairs: pairs)
    }

    /// The bundled aliases, or none when GeoData has no alias file.
    public static func bundled(_ geodata: GeoDataLocation) throws -> RegionAliases {
        let path = geodata.file("admin1-aliases.csv").path
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

/// A one-line CSV splitter for the small curated GeoData tables (quotes and doubled quotes).
enum SimpleCSV {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        var chars = Array(line.hasSuffix("\r") ? String(line.dropLast()) : line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { current.append("\""); chars.removeFirst() } else { quoted = false }
                } else { current.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { fields.append(current); current = "" }
            else { current.append(c) }
        }
        fields.append(current)
        return fields
    }
}
