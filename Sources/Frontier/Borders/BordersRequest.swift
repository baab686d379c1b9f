import FrontierBase
import FrontierPlaces

/// The international border lines of the bundled data, with their geodesic lengths.
public struct BordersRequest {
    /// The GeoData whose border lines are listed (its boundary set decides where the lines run).
    public var geodata: GeoDataChoice

    /// - Parameter geodata: the GeoData to use.
    public init(geodata: GeoDataChoice = GeoDataChoice()) {
        self.geodata = geodata
    }

    /// Lists and measures the border lines.
    ///
    /// - Returns: every border line, in id order, with its parts and length.
    /// - Throws: `FrontierError.geoDataNotFound` or `.notGeoData` when the GeoData cannot be found, and the
    ///   errors of reading its border lines (a malformed or damaged file).
    public func answer() throws -> BordersAnswer {
        let set = try BorderSet.load(geodata: geodata.location())
        return BordersAnswer(rows: try set.borders.map(BorderRow.init))
    }
}
