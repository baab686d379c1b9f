/// Compares the country/admin1 an incident reports with the region it lies in (docs/architecture.md,
/// "Rejections"). Spelling variants count as agreement (the GeoData alias table); a real disagreement — often
/// swapped latitude/longitude — is a mismatch. Verdicts are remembered per (reported country, reported
/// admin1, region): real data has few distinct combinations, and normalizing names (case and accent folding)
/// is too slow to repeat per row; a scan asks by region index, and finds the verdict among the few places
/// already reported in that region. Holds caches: one per thread.
import FrontierBase
public final class MismatchCheck {
    /// ISO3 → country name as the data writes it (from admin0: "Afghanistan", "Tajikistan", …).
    let countryNames: [String: String]
    let aliases: RegionAliases
    /// Whether the located regions are admin-1 (then admin1 is compared too).
    let comparesAdmin1: Bool
    // The memos below are read and written for every row by the one thread that owns this check (another
    // thread gets its own `copy()`): unchecked exclusivity spares a runtime check per access.
    private struct Combination: Hashable { var country: String?, admin1: String?, region: String }
    @exclusivity(unchecked) private var verdicts: [Combination: Bool] = [:]
    private struct CountryPair: Hashable { var reported: String, located: String }
    @exclusivity(unchecked) private var countryVerdicts: [CountryPair: Bool] = [:]
    /// The places reported in each region of `knownOf` (by index), the first `placesPerRegion` of them, with
    /// their verdicts: rows located in one region report few places (nearly always one), and comparing a
    /// few pairs of names costs less than hashing three names per row.
    private struct Known { var country: String?, admin1: String?, disagrees: Bool }
    @exclusivity(unchecked) private var known: [[Known]] = []
    @exclusivity(unchecked) private var knownOf: RegionSet?
    private static let placesPerRegion = 32

    public init(countryNames: [String: String], aliases: RegionAliases, comparesAdmin1: Bool) {
        self.countryNames = countryNames
        self.aliases = aliases
        self.comparesAdmin1 = comparesAdmin1
    }

    /// A check with the same names and aliases and a cache of its own, for another thread.
    public func copy() -> MismatchCheck {
        MismatchCheck(countryNames: countryNames, aliases: aliases, comparesAdmin1: comparesAdmin1)
    }

    /// The check with the bundled country names (admin0) and alias table.
    public static func bundled(_ geodata: GeoDataLocation, comparesAdmin1: Bool) throws -> MismatchCheck {
        let countries = try RegionSet.load(.admin0, geodata: geodata)
        var names: [String: String] = [:]
        for c in countries.regions { names[c.country] = c.name }
        return MismatchCheck(countryNames: names, aliases: try RegionAliases.bundled(geodata), comparesAdmin1: comparesAdmin1)
    }

    /// True when the reported place disagrees with the located region. Nothing reported, or nothing
    /// located (outside every region: counted as unmatched instead), is no mismatch.
    public func disagrees(reportedCountry: String?, reportedAdmin1: String?, located: Region) -> Bool {
        let key = Combination(country: reportedCountry, admin1: reportedAdmin1, region: located.id)
        if let known = verdicts[key] { return known }
        let verdict = judge(reportedCountry: reportedCountry, reportedAdmin1: reportedAdmin1, located: located)
        verdicts[key] = verdict
        return verdict
    }

    /// `disagrees(reportedCountry:reportedAdmin1:located:)` for region `index` of `regions`, the region
    /// copied only when its verdict is not known yet.
    public func disagrees(reportedCountry: String?, reportedAdmin1: String?, region index: Int, of regions: RegionSet) -> Bool {
        if knownOf !== regions {
            known = Array(repeating: [], count: regions.count)
            knownOf = regions
        }
        let found: Bool? = known[index].withUnsafeBufferPointer { places in
            for i in places.indices where places[i].country == reportedCountry && places[i].admin1 == reportedAdmin1 {
                return places[i].disagrees
            }
            return nil
        }
        if let found { return found }
        let verdict = disagrees(reportedCountry: reportedCountry, reportedAdmin1: reportedAdmin1, located: regions.regions[index])
        if known[index].count < Self.placesPerRegion {
            known[index].append(Known(country: reportedCountry, admin1: reportedAdmin1, disagrees: verdict))
        }
        return verdict
    }

    /// True when a point outside every region reports a country the regions cover: its position is wrong
    /// (often swapped latitude/longitude landing in the sea or far away), which is a mismatch too.
    public func disagreesOutside(reportedCountry: String?) -> Bool {
        guard let reported = reportedCountry, !reported.isEmpty else { return false }
        let key = Combination(country: reported, admin1: nil, region: "")
        if let known = verdicts[key] { return known }
        let r = RegionAliases.normalize(reported)
        let verdict = countryNames.contains { RegionAliases.normalize($0.value) == r || RegionAliases.normalize($0.key) == r }
        verdicts[key] = verdict
        return verdict
    }

    /// True when the country a row reports is the country of `located` (by name as admin0 writes it, or
    /// ISO3), for telling where a row with swapped latitude and longitude belongs.
    /// Remembered per (reported country, located country), as the other verdicts are.
    public func countryAgrees(reportedCountry: String, located: Region) -> Bool {
        let key = CountryPair(reported: reportedCountry, located: located.country)
        if let known = countryVerdicts[key] { return known }
        let r = RegionAliases.normalize(reportedCountry)
        let verdict = r == RegionAliases.normalize(countryNames[located.country] ?? located.country) || r == RegionAliases.normalize(located.country)
        countryVerdicts[key] = verdict
        return verdict
    }

    private func judge(reportedCountry: String?, reportedAdmin1: String?, located: Region) -> Bool {
        if let reported = reportedCountry, !reported.isEmpty, !countryAgrees(reportedCountry: reported, located: located) { return true }
        if comparesAdmin1, let reported = reportedAdmin1, !reported.isEmpty {
            if RegionAliases.normalize(reported) == RegionAliases.normalize(located.name) { return false }
            return !aliases.regionIDs(forAlias: reported).contains(located.id)
        }
        return false
    }
}
