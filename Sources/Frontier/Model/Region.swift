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
    private let shape: RegionShape

    /// A Polygon or MultiPolygon in lon/lat. Regions read from the compact GeoData (and threads' copies)
    /// parse it from WKB on first use, which may fail on a damaged file: hence `throws`.
    public var geometry: Geometry {
        get throws { try shape.geometry() }
    }

    public init(id: String, country: String, name: String, fips: String = "", geometry: Geometry) {
        self.init(id: id, country: country, name: name, fips: fips, shape: RegionShape(geometry))
    }

    /// A region whose geometry is parsed from `wkb` in `context` when first asked for; `origin` names the
    /// file the bytes came from, for the error if they cannot be read.
    init(id: String, country: String, name: String, fips: String, wkb: ArraySlice<UInt8>, context: GEOSContext, origin: String) {
        self.init(id: id, country: country, name: name, fips: fips,
                  shape: RegionShape(wkb: wkb, context: context, origin: origin, region: id))
    }

    /// Where a lazily parsed geometry's bytes came from (nil for a geometry made in memory).
    var wkbOrigin: String? { shape.origin }

    /// The geometry's WKB: the bytes it is parsed from, or written once from it.
    func wkb() throws -> ArraySlice<UInt8> { try shape.wkb() }

    private init(id: String, country: String, name: String, fips: String, shape: RegionShape) {
        self.id = id
        self.country = country
        self.name = name
        self.fips = fips
        self.shape = shape
    }

    /// Ellipsoidal area in km².
    public func areaKm2() throws -> Double {
        try GeodesicMeasure.areaKm2(geometry)
    }
}

/// A region's geometry, or the WKB it is made from when first needed. Most incidents are located by the
/// cell index alone, so a command reading a few rows never needs most polygons: parsing the OpenStreetMap
/// outlines (4 MB of WKB, again in every worker's copy) was most of a one-row command's start-up. Belongs
/// to the thread of the `RegionSet` holding it, like the GEOS context it parses into. The WKB, once at hand,
/// is kept: copies for other threads, the fingerprint and a PostGIS reference table read it rather than write
/// every polygon again (writing it was a fifth of a one-row `near` with the OpenStreetMap outlines).
final class RegionShape {
    private var parsed: Geometry?
    private var bytes: ArraySlice<UInt8>?
    private let context: GEOSContext?
    let origin: String?
    private let region: String

    init(_ geometry: Geometry) {
        parsed = geometry
        context = nil
        origin = nil
        region = ""
    }

    init(wkb: ArraySlice<UInt8>, context: GEOSContext, origin: String, region: String) {
        bytes = wkb
        self.context = context
        self.origin = origin
        self.region = region
    }

    func geometry() throws -> Geometry {
        if let parsed { return parsed }
        guard let context, let bytes else { throw FrontierError.invalid(file: origin ?? "", reason: "region \(region) has no geometry") }
        do {
            let made = try bytes.withUnsafeBytes { try Geometry(wkb: $0, context: context) }
            parsed = made
            return made
        } catch {
            throw FrontierError.malformed(file: origin ?? "", line: 0,
                                          reason: "is damaged: region \(region)'s polygon cannot be read (\(error)); derive it again from the GeoJSON")
        }
    }

    func wkb() throws -> ArraySlice<UInt8> {
        if let bytes { return bytes }
        let written = ArraySlice(try geometry().wkb())
        bytes = written
        return written
    }
}
