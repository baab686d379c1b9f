import Geo

/// Ellipsoidal (WGS84) measures of lon/lat geometries, through PROJ's geodesic routines.
public enum GeodesicMeasure {
    /// Area in km² of a (multi)polygon: exterior rings minus holes, each edge a geodesic.
    public static func areaKm2(_ geometry: Geometry) throws -> Double {
        var total = 0.0
        for polygon in try geometry.polygons() {
            total += abs(Geodesic.wgs84.polygonArea(ring: try polygon.exteriorRing()).area)
            for hole in try polygon.interiorRings() {
                total -= abs(Geodesic.wgs84.polygonArea(ring: hole).area)
            }
        }
        return total / 1e6
    }

    /// Length in km of a (multi)linestring, each segment a geodesic.
    public static func lengthKm(_ geometry: Geometry) throws -> Double {
        var total = 0.0
        for line in try geometry.lineStrings() { total += Geodesic.wgs84.length(of: try line.coordinates()) }
        return total / 1000
    }
}
