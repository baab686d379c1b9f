/// Which side of a border the incidents near it may lie on. A zone around a border reaches past the line's
/// ends into third countries (25 km around AFG-TJK touches Pakistan, China and Uzbekistan), so by default only
/// the incidents inside the border's own two countries are kept.
public enum SideChoice: Sendable, Equatable {
    /// The border's two countries (around a region: any country).
    case borderCountries
    /// One country, by ISO 3166 alpha-3 code: one side of the border.
    case country(String)
    /// Every country.
    case any

    /// The country codes kept near `border` (nil: any).
    /// - Throws: `FrontierError.request(.sideNotOnBorder)` for a country that is not one of the border's two.
    public func countries(border: BorderLine) throws -> Set<String>? {
        switch self {
        case .borderCountries: return [border.countryA, border.countryB]
        case .any: return nil
        case .country(let side):
            let code = side.uppercased()
            guard [border.countryA, border.countryB].contains(code) else {
                throw FrontierError.request(.sideNotOnBorder(side: side, border: border.id, countries: [border.countryA, border.countryB]))
            }
            return [code]
        }
    }

    /// The country codes kept near a region (nil: any), a named country checked against the bundled ones.
    /// - Throws: `FrontierError.request(.anyCountryAroundRegion)` for `.any`, `.unknownCountry` for a code
    ///   no bundled country has.
    public func countries(around countries: RegionSet) throws -> Set<String>? {
        switch self {
        case .borderCountries: return nil
        case .any: throw FrontierError.request(.anyCountryAroundRegion)
        case .country(let side):
            let code = side.uppercased()
            guard !countries.regions(inCountry: code).isEmpty else {
                throw FrontierError.request(.unknownCountry(code: side, regions: nil, known: countries.regions.map(\.country)))
            }
            return [code]
        }
    }
}
