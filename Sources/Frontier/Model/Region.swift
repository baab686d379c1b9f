import Geo

/// One named area an incident can fall in: a province, a country, or a feature of a user's layer.
public struct Region {
    /// `ISO3:Name` for the bundled data (`AFG:Badakhshan`); the key field's value for a user's layer.
    public let id: String
    /// ISO 3166 alpha-3 (empty when a user's layer does not say).
    public let country: String
    public let name: String
    /// The FIPS 10-4 code where the source has one.
    public let fips: String
    /// A Polygon or MultiPolygon in lon/lat.
    public let geometry: Geometry

    public init(id: String, country: String, name: String, fips: String = "", geometry: Geometry) {
        self.id = id
        self.country = country
        self.name = name
        self.fips = fips
        self.geometry = geometry
    }

    /// Ellipsoidal area in km².
    public func areaKm2() throws -> Double {
        try GeodesicMeasure.areaKm2(geometry)
    }
}
