import Foundation
import FrontierBase
import FrontierFormats
import FrontierPlaces

/// The country an actor belongs to, as the sources name actors: ACLED's `Military Forces of Pakistan
/// (2018-)`, `Unidentified Armed Group (Afghanistan)`, `Civilians (China)`; UCDP's `Government of
/// Tajikistan`, or its Gleditsch–Ward code (`gwnoa` 702). The country is the one named in parentheses, or
/// after "of" in the name of a state's institution (government, forces, troops, police, ministry…), through
/// GeoData/country-names.csv; never guessed from a group's name (`TTP: Tehreek-i-Taliban Pakistan`,
/// `Islamic Movement of Uzbekistan` name no country: a group may act on either side of a border).
public struct ActorCountries: Sendable {
    /// Folded country name → ISO3.
    private var byName: [String: String] = [:]
    /// Gleditsch–Ward number → ISO3.
    private var byGW: [Int: String] = [:]
    /// The longest name, in words: no longer run of words is looked up.
    private var longest = 1

    public init(names: [(name: String, iso3: String)], gw: [(code: Int, iso3: String)]) {
        for n in names {
            let key = Self.folded(n.name)
            byName[key] = n.iso3
            longest = max(longest, key.split(separator: " ").count)
        }
        for g in gw { byGW[g.code] = g.iso3 }
    }

    /// The bundled tables (`country-names.csv`: iso3,name; `gw-codes.csv`: gwno,iso3,name).
    /// - Throws: `FrontierError.cannotOpen` for a missing table, `.malformed` for a bad row.
    public static func bundled(_ geodata: GeoDataLocation) throws -> ActorCountries {
        let names = try rows(geodata.curated("country-names.csv").path, width: 2).map { (name: $0.fields[1], iso3: $0.fields[0]) }
        let gw = try rows(geodata.curated("gw-codes.csv").path, width: 3).map { row -> (code: Int, iso3: String) in
            guard let code = Int(row.fields[0]) else {
                throw FrontierError.malformed(file: geodata.curated("gw-codes.csv").path, line: row.line, reason: "gwno must be a whole number")
            }
            return (code, row.fields[1])
        }
        return ActorCountries(names: names, gw: gw)
    }

    /// The table's records, each of `width` non-empty fields.
    private static func rows(_ path: String, width: Int) throws -> [CSVRecord] {
        let records = try CSVRecordReader.tableRecords(atPath: path)
        if let bad = records.first(where: { $0.fields.count != width || $0.fields.contains(where: \.isEmpty) }) {
            throw FrontierError.malformed(file: path, line: bad.line, reason: "expected \(width) non-empty fields")
        }
        return records
    }

    /// The ISO3 code of the country an actor's name places it in, or nil when it names none. Periods in
    /// parentheses (`(2018-)`, `(2004-2021)`) are ACLED's, not places.
    public func country(ofActor name: String) -> String? {
        var rest = name
        var groups: [String] = []
        while let open = rest.lastIndex(of: "("), let close = rest[open...].firstIndex(of: ")") {
            groups.append(String(rest[rest.index(after: open)..<close]))
            rest.removeSubrange(open...close)
        }
        for g in groups { if let iso = byName[Self.folded(g)] { return iso } }
        // "… of [the] Country …" in a state institution's name: the first "of" followed by a country's name.
        let words = Self.folded(name.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")).split(separator: " ")
        guard words.contains(where: { Self.institutions.contains(String($0)) }) else { return nil }
        for (i, w) in words.enumerated() where w == "of" {
            var start = i + 1
            if start < words.count, words[start] == "the" { start += 1 }
            for length in stride(from: min(longest, words.count - start), through: 1, by: -1) {
                if let iso = byName[words[start..<(start + length)].joined(separator: " ")] { return iso }
            }
        }
        return nil
    }

    /// The ISO3 codes a UCDP `gwnoa`/`gwnob` value names (one code, or several separated by commas for an
    /// alliance), those the table knows.
    public func countries(gw value: String) -> [String] {
        value.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)).flatMap { byGW[$0] } }
    }

    /// Words that make a name a state's institution, whose "of" names its country. Not "state": the Islamic
    /// State of Iraq is no state of Iraq's.
    static let institutions: Set<String> = ["government", "forces", "force", "troops", "police", "military", "army", "navy",
                                            "ministry", "intelligence", "gendarmerie", "border", "guard", "guards"]

    /// Case, accents and punctuation other than spaces do not matter; spaces are single.
    static func folded(_ s: String) -> String {
        let plain = s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
        let kept = plain.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : " " }
        return String(kept).split(separator: " ").joined(separator: " ")
    }
}
