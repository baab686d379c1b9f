import Geo
import FrontierBase

/// An international border between two countries: the line their polygons share.
public struct BorderLine {
    /// The two ISO3 codes in alphabetical order: `AFG-TJK`.
    public let id: String
    public let countryA: String
    public let countryB: String
    /// A LineString, or a MultiLineString when the shared boundary stays in several pieces.
    public let geometry: Geometry

    public var parts: Int { geometry.type == .multiLineString ? geometry.numberOfGeometries : 1 }

    public init(countryA: String, countryB: String, geometry: Geometry) {
        let (a, b) = countryA <= countryB ? (countryA, countryB) : (countryB, countryA)
        self.countryA = a
        self.countryB = b
        self.id = "\(a)-\(b)"
        self.geometry = geometry
    }

    /// Geodesic length in km.
    public func lengthKm() throws -> Double {
        try GeodesicMeasure.lengthKm(geometry)
    }

    /// `AFG-TJK` and `TJK-AFG` name the same border.
    public static func normalizedID(_ text: String) -> String {
        let codes = text.uppercased().split(separator: "-").map(String.init)
        guard codes.count == 2 else { return text.uppercased() }
        return codes.sorted().joined(separator: "-")
    }

    /// The shared boundary of two country polygons, merged into as few lines as possible; nil when they
    /// share no line (touching at a point does not make a border).
    public static func derive(_ a: Region, _ b: Region) throws -> BorderLine? {
        let shared = try a.geometry.boundary().intersection(b.geometry.boundary())
        let lines = try shared.lineStrings()
        guard !lines.isEmpty else { return nil }
        let context = try a.geometry.context
        // GEOS 3.11's LineMerge answers a GeometryCollection of lines: make it a (Multi)LineString.
        let merged = try Geometry.collection(.multiLineString, lines, context: context).lineMerge().lineStrings()
        let geometry = merged.count == 1 ? merged[0] : try Geometry.collection(.multiLineString, merged, context: context)
        return BorderLine(countryA: a.country, countryB: b.country, geometry: geometry)
    }
}
