import CPROJ

/// Geodesics on an ellipsoid through PROJ's geodesic routines (GeographicLib's C port, `geod_*`).
/// Distances in metres, azimuths in degrees clockwise from north, coordinates lon/lat in degrees.
public struct Geodesic: @unchecked Sendable {
    // geod_geodesic is a plain C struct of doubles; copying it is safe and it is never mutated after init.
    private var g = geod_geodesic()
    public let equatorialRadius: Double
    /// e² = f(2 − f).
    public let eccentricitySquared: Double

    public init(equatorialRadius: Double, flattening: Double) {
        self.equatorialRadius = equatorialRadius
        eccentricitySquared = flattening * (2 - flattening)
        geod_init(&g, equatorialRadius, flattening)
    }

    /// The WGS84 ellipsoid (EPSG:7030).
    public static let wgs84 = Geodesic(equatorialRadius: 6_378_137, flattening: 1 / 298.257223563)

    public struct Inverse: Sendable {
        /// Length of the geodesic in metres.
        public var distance: Double
        /// Azimuth at the first point.
        public var azimuth1: Double
        /// Forward azimuth at the second point.
        public var azimuth2: Double
    }

    /// The shortest geodesic between two points.
    public func inverse(from a: Coordinate, to b: Coordinate) -> Inverse {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        withUnsafePointer(to: g) { geod_inverse($0, a.lat, a.lon, b.lat, b.lon, &s12, &azi1, &azi2) }
        return Inverse(distance: s12, azimuth1: azi1, azimuth2: azi2)
    }

    /// The point `distance` metres from `start` along azimuth `azimuth`, and the forward azimuth there.
    public func direct(from start: Coordinate, azimuth: Double, distance: Double) -> (coordinate: Coordinate, azimuth: Double) {
        var lat2 = 0.0, lon2 = 0.0, azi2 = 0.0
        withUnsafePointer(to: g) { geod_direct($0, start.lat, start.lon, azimuth, distance, &lat2, &lon2, &azi2) }
        return (Coordinate(lon: lon2, lat: lat2), azi2)
    }

    /// Geodesic length of a polyline in metres.
    public func length(of line: [Coordinate]) -> Double {
        zip(line, line.dropFirst()).reduce(0) { $0 + inverse(from: $1.0, to: $1.1).distance }
    }

    /// Area (m²) and perimeter (m) of a ring whose edges are geodesics. The area is signed:
    /// positive when the ring runs counter-clockwise. A closing vertex equal to the first is allowed.
    public func polygonArea(ring: [Coordinate]) -> (area: Double, perimeter: Double) {
        var points = ring
        if points.count > 1, points.first == points.last { points.removeLast() }
        guard points.count >= 3 else { return (0, 0) }
        var lats = points.map(\.lat)
        var lons = points.map(\.lon)
        var area = 0.0, perimeter = 0.0
        withUnsafePointer(to: g) {
            geod_polygonarea($0, &lats, &lons, Int32(points.count), &area, &perimeter)
        }
        return (area, perimeter)
    }
}
