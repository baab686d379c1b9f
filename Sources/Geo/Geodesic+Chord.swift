import Foundation

extension Geodesic {
    /// A point's earth-centred cartesian position (metres) on this ellipsoid.
    ///
    /// Why: the straight line between two such positions is never longer than any path on the surface
    /// between them, the geodesic included. So `chord(a, b)` is a certified lower bound on
    /// `inverse(a, b).distance`, at the cost of a few multiplications once positions are known — and it is
    /// tight: shorter by about d³/(24R²), 16 mm at 25 km.
    public func cartesian(_ c: Coordinate) -> SIMD3<Double> {
        let phi = c.lat * .pi / 180, lambda = c.lon * .pi / 180
        let sinPhi = sin(phi), cosPhi = cos(phi)
        let n = equatorialRadius / (1 - eccentricitySquared * sinPhi * sinPhi).squareRoot()
        return SIMD3(n * cosPhi * cos(lambda), n * cosPhi * sin(lambda), n * (1 - eccentricitySquared) * sinPhi)
    }

    /// The straight-line distance between two cartesian positions (see `cartesian`).
    public static func chord(_ a: SIMD3<Double>, _ b: SIMD3<Double>) -> Double {
        let d = a - b
        return (d * d).sum().squareRoot()
    }
}
