import Geo
import FrontierBase
import FrontierPlaces

/// One international border line, measured: what a row of `BordersAnswer` holds.
public struct BorderRow {
    /// The two ISO3 codes in alphabetical order: `AFG-TJK`.
    public let id: String
    /// The first country of the id.
    public let countryA: String
    /// The second country of the id.
    public let countryB: String
    /// How many lines the border stays in once merged (1 when it is one line).
    public let parts: Int
    /// The geodesic length on WGS84 in km, to 0.1 km.
    public let lengthKm: Double
    /// The line (a LineString, or a MultiLineString of `parts` lines) in lon/lat.
    public let geometry: Geometry

    /// Measures a border line, rounded as a listing shows it.
    ///
    /// - Throws: a line GEOS or PROJ cannot measure.
    init(_ line: BorderLine) throws {
        id = line.id
        countryA = line.countryA
        countryB = line.countryB
        parts = line.parts
        lengthKm = (try line.lengthKm() * 10).rounded() / 10
        geometry = line.geometry
    }

    /// The row as the listing's record, in the order of `BordersAnswer.columns`.
    var record: Record {
        Record(values: [.string(id), .string(countryA), .string(countryB), .int(Int64(parts)), .double(lengthKm)],
               geometry: geometry)
    }
}
