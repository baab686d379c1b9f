import Geo

/// Ring winding for RFC 7946 output (exterior counter-clockwise, holes clockwise).
enum RingOrientation {
    /// Twice the signed planar area (shoelace): positive for counter-clockwise in x-right, y-up axes.
    static func signedArea2(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        for i in 0..<(ring.count - 1) {
            sum += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y
        }
        return sum
    }

    static func oriented(_ ring: [Coordinate], counterClockwise: Bool) -> [Coordinate] {
        let ccw = signedArea2(ring) > 0
        return ccw == counterClockwise ? ring : ring.reversed()
    }
}
