/// A change to the admin-1 units since Natural Earth drew them (its 1:10m provinces as `world_map.gpkg`
/// ships them predate reforms from 1992 to 2020, and keep some labels that name no unit): the default (OpenStreetMap-fitted) set applies each, so its regions
/// are today's units; the Natural Earth set stays 0.1's reference as drawn. GeoData's README lists each
/// change with its date and legal source, as here.
public struct UnitChange: Sendable {
    /// What the change does to the units it takes.
    public enum Kind: Sendable, Equatable {
        /// The same unit under its current name.
        case rename
        /// Several units made one: their polygons' union.
        case merge
        /// A new unit cut out of `from[0]`, outlined by the MAPS.ME polygon `outline` (OpenStreetMap); what
        /// stays keeps `from[0]`'s name.
        case split(outline: String)
    }

    /// Rename, merge or split.
    public let kind: Kind
    /// The Natural Earth region ids the change takes (`ISO3:Name`).
    public let from: [String]
    /// The current unit's name; its id is `ISO3:name`.
    public let to: String
    /// When it took effect (ISO 8601, as precise as the source; empty for a spelling the source never dated).
    public let date: String
    /// The act or order that made it.
    public let source: String

    /// The ISO3 code of the units' country.
    public var country: String { String(from[0].prefix { $0 != ":" }) }
    /// The current unit's region id.
    public var id: String { "\(country):\(to)" }

    /// Every change the default set applies, in the order applied.
    public static let all: [UnitChange] = [
        UnitChange(kind: .merge, from: ["PAK:K.P.", "PAK:F.A.T.A."], to: "Khyber Pakhtunkhwa", date: "2018-05-31",
                   source: "Constitution (Twenty-fifth Amendment) Act, 2018: the Federally Administered Tribal Areas merged into "
                       + "Khyber Pakhtunkhwa (the N.W.F.P. until the Eighteenth Amendment, 2010)"),
        UnitChange(kind: .rename, from: ["PAK:Northern Areas"], to: "Gilgit-Baltistan", date: "2009",
                   source: "Gilgit-Baltistan (Empowerment and Self-Governance) Order, 2009"),
        UnitChange(kind: .rename, from: ["PAK:Sind"], to: "Sindh", date: "",
                   source: "the Constitution of Pakistan's spelling, Article 1(2)(a): the Provinces of Balochistan, the Khyber Pakhtunkhwa, the Punjab and Sindh"),
        UnitChange(kind: .rename, from: ["PAK:Baluchistan"], to: "Balochistan", date: "",
                   source: "the Constitution of Pakistan's spelling, Article 1(2)(a)"),
        UnitChange(kind: .rename, from: ["PAK:F.C.T."], to: "Islamabad Capital Territory", date: "",
                   source: "the Constitution of Pakistan's name for it, Article 1(2)(b)"),
        UnitChange(kind: .rename, from: ["PAK:Azad Kashmir"], to: "Azad Jammu and Kashmir", date: "1974-08-24",
                   source: "the territory's name in its Interim Constitution, 1974"),
        UnitChange(kind: .rename, from: ["TJK:Leninabad"], to: "Sughd", date: "2000",
                   source: "Leninabad oblast renamed Sughd viloyat; ISO 3166-2 Newsletter I-4 (2002-12-10)"),
        UnitChange(kind: .rename, from: ["TJK:Tadzhikistan Territories"], to: "Districts of Republican Subordination", date: "",
                   source: "the districts governed directly from Dushanbe (nohiyahoi tobei jumhurí, ISO 3166-2 TJ-RA); "
                       + "Natural Earth's label names no unit"),
        UnitChange(kind: .rename, from: ["TKM:Chardzhou"], to: "Lebap", date: "1992",
                   source: "the welaýat's name since Turkmenistan's 1992 administrative division (ISO 3166-2 TM-L)"),
        UnitChange(kind: .rename, from: ["TKM:Tashauz"], to: "Dashoguz", date: "1992",
                   source: "the welaýat's name (Daşoguz) since Turkmenistan's 1992 administrative division (ISO 3166-2 TM-D)"),
        UnitChange(kind: .rename, from: ["IND:Orissa"], to: "Odisha", date: "2011-11-01",
                   source: "Orissa (Alteration of Name) Act, 2011"),
        UnitChange(kind: .rename, from: ["IND:Uttaranchal"], to: "Uttarakhand", date: "2007-01-01",
                   source: "Uttaranchal (Alteration of Name) Act, 2006"),
        UnitChange(kind: .merge, from: ["IND:Dadra and Nagar Haveli", "IND:Daman and Diu"], to: "Dadra and Nagar Haveli and Daman and Diu",
                   date: "2020-01-26", source: "Dadra and Nagar Haveli and Daman and Diu (Merger of Union Territories) Act, 2019"),
        UnitChange(kind: .split(outline: "India_Telangana.poly"), from: ["IND:Andhra Pradesh"], to: "Telangana", date: "2014-06-02",
                   source: "Andhra Pradesh Reorganisation Act, 2014"),
    ]
}
