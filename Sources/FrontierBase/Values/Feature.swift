import Geo

/// A geometry with its properties, as read from a GeoJSON or GeoPackage layer.
public struct Feature {
    /// Where it came from, for error messages: "admin1.geojson feature 12", "world_map.gpkg countries fid 426".
    public var origin: String
    public var properties: [String: PropertyValue]
    public var geometry: Geometry?

    public init(origin: String, properties: [String: PropertyValue], geometry: Geometry?) {
        self.origin = origin
        self.properties = properties
        self.geometry = geometry
    }
}
