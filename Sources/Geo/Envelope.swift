/// An axis-aligned bounding box.
public struct Envelope: Hashable, Sendable, CustomStringConvertible {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest envelope holding every coordinate; nil for none.
    public init?<C: Collection>(covering coordinates: C) where C.Element == Coordinate {
        guard let first = coordinates.first else { return nil }
        var e = Envelope(minX: first.x, minY: first.y, maxX: first.x, maxY: first.y)
        for c in coordinates { e.expand(toInclude: c) }
        self = e
    }

    public var width: Double { maxX - minX }
    public var height: Double { maxY - minY }
    public var center: Coordinate { Coordinate(x: (minX + maxX) / 2, y: (minY + maxY) / 2) }

    public mutating func expand(toInclude c: Coordinate) {
        minX = Swift.min(minX, c.x); maxX = Swift.max(maxX, c.x)
        minY = Swift.min(minY, c.y); maxY = Swift.max(maxY, c.y)
    }

    public mutating func expand(toInclude other: Envelope) {
        minX = Swift.min(minX, other.minX); maxX = Swift.max(maxX, other.maxX)
        minY = Swift.min(minY, other.minY); maxY = Swift.max(maxY, other.maxY)
    }

    /// The envelope grown by `margin` on every side.
    public func expanded(by margin: Double) -> Envelope {
        Envelope(minX: minX - margin, minY: minY - margin, maxX: maxX + margin, maxY: maxY + margin)
    }

    /// Closed-interval overlap: boxes that only touch do intersect.
    public func intersects(_ other: Envelope) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }

    public func contains(_ c: Coordinate) -> Bool {
        c.x >= minX && c.x <= maxX && c.y >= minY && c.y <= maxY
    }

    public var description: String { "[\(minX), \(minY), \(maxX), \(maxY)]" }
}
