import Geo

/// One input row that passed validation: its position, date and counts, plus everything it carried.
public struct Incident {
    /// 1-based line (CSV) or feature number (GeoJSON) in the input, for messages.
    public var line: Int
    /// The id as text (empty unless values are materialized); `idHash` is always set when there is an id.
    public var id: String
    public var idHash: UInt64
    public var coordinate: Coordinate
    public var date: CivilDate?
    public var fatalities: Int
    public var geoPrecision: Int?
    /// Placed only at country level (UCDP where_prec 6–7): its position says nothing finer than a country.
    public var countryLevel = false
    /// The input's values in input column order (GeoJSON: typed properties, only those the feature has).
    public var values: RowValues
    /// The record's exact CSV text when it came from CSV and can be passed through unchanged.
    public var raw: Substring?
    /// How many identical incidents this one stands for: 1, except for a PostGIS server's grouped rows
    /// (`aggregate` pushed down), where rows alike in every value the command reads come counted, their
    /// fatalities summed.
    public var weight = 1
    /// Its region as the server located it (PostGIS, bundled regions); nil: Frontier locates it.
    public var serverRegion: ServerRegion?

    /// A region decided on the server: one of the scan's regions (an index), or outside them all.
    public enum ServerRegion: Sendable, Equatable {
        case region(Int)
        case outside
    }

    /// The text of input column `i`: empty when there is no such column or its value was not kept.
    public func text(_ i: Int?) -> String {
        guard let i, values.indices.contains(i) else { return "" }
        return values[i].text ?? ""
    }
}
