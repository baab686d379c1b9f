/// A 2D position. In geographic use `x` is longitude and `y` latitude, in degrees (GeoJSON order).
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// Geographic spelling of the same thing: longitude first, as GeoJSON.
    public init(lon: Double, lat: Double) {
        self.init(x: lon, y: lat)
    }

    public var lon: Double { x }
    public var lat: Double { y }

    public var description: String { "(\(x), \(y))" }
}
