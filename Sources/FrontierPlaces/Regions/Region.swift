import Geo
import FrontierBase

/// One named area an incident can fall in: a province, a country, or a feature of a user's layer.
public struct Region {
    /// `ISO3:Name` for the bundled data (`AFG:Badakhshan`); the key field's value for a user's layer.
    public let id: String
    /// ISO 3166 alpha-3 (empty when a user's layer does not say).
    public let country: String
    public let name: String
    /// The FIPS 10-4 code where the source has one.
    public let fips: String
    /// The region's current ISO 3166-2 code (`AF-BDS`, `PK-KP`) for the bundled provinces; empty where the
    /// unit has none (a user's layer without a `region_code` field, or a unit that no longer exists).
    public let code: String
    private let shape: RegionShape

    /// A Polygon or MultiPolygon in lon/lat. Regions read from the compact GeoData (and threads' copies)
    /// parse it from WKB on first use, which may fail on a damaged file: hence `throws`.
    public var geometry: Geometry {
        get throws { try shape.geometry() }
    }

    public init(id: String, country: String, name: String, fips: String = "", code: String = "", geometry: Geometry) {
        self.init(id: id, country: country, name: name, fips: fips, code: code, shape: RegionShape(geometry))
    }

    /// A region whose geometry is parsed from `wkb` in `context` when first asked for, once the bytes match
    /// `checksum` (nil: bytes known to be intact); `compact` names the compact GeoData they came from, for
    /// the error if they do not (nil: bytes written in memory).
    init(id: String, country: String, name: String, fips: String, code: String, wkb: ArraySlice<UInt8>, checksum: UInt64?,
         context: GEOSContext, compact: GeoDataLocation?) {
        self.init(id: id, country: country, name: name, fips: fips, code: code,
                  shape: RegionShape(wkb: wkb, checksum: checksum, context: context, compact: compact, region: id))
    }

    /// The geometry's envelope (nil when empty), exactly `geometry.envelope()`, but read from the WKB when the
    /// polygon has not been parsed: testing every region against a box (a map's view) parses only those in it.
    public var envelope: Envelope? {
        get throws { try shape.envelope() }
    }

    /// The geometry's WKB: the bytes it is parsed from (checked), or written once from it.
    func wkb() throws -> ArraySlice<UInt8> { try shape.wkb() }

    /// The same region for another thread: parsed in `context` when first used there, from the same bytes
    /// (checked there if they have not been here).
    func copy(into context: GEOSContext) throws -> Region {
        Region(id: id, country: country, name: name, fips: fips, code: code, shape: try shape.copy(into: context))
    }

    private init(id: String, country: String, name: String, fips: String, code: String, shape: RegionShape) {
        self.id = id
        self.country = country
        self.name = name
        self.fips = fips
        self.code = code
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
/// every polygon again (writing it was a fifth of a one-row `near` with the OpenStreetMap outlines). Bytes
/// from the compact GeoData are compared with their checksum before anything reads them, once.
final class RegionShape {
    private var parsed: Geometry?
    /// The envelope, once asked for (`.some(nil)`: empty).
    private var box: Envelope??
    private var bytes: ArraySlice<UInt8>?
    /// The checksum `bytes` must match, until they have been compared with it.
    private var unverified: UInt64?
    private let context: GEOSContext?
    private let compact: GeoDataLocation?
    private let region: String

    init(_ geometry: Geometry) {
        parsed = geometry
        context = nil
        compact = nil
        region = ""
    }

    init(wkb: ArraySlice<UInt8>, checksum: UInt64?, context: GEOSContext, compact: GeoDataLocation?, region: String) {
        bytes = wkb
        unverified = checksum
        self.context = context
        self.compact = compact
        self.region = region
    }

    /// `geometry().envelope()`, read from the checked bytes while the polygon is not parsed (`WKBEnvelope`,
    /// GEOS's envelope to the bit), and kept.
    func envelope() throws -> Envelope? {
        if let known = box { return known }
        var found: Envelope?
        if parsed == nil, bytes != nil, let read = try wkb().withUnsafeBytes({ WKBEnvelope.polygonal($0) }) {
            if case .box(let e) = read { found = e }
        } else {
            found = try geometry().envelope()
        }
        box = .some(found)
        return found
    }

    func geometry() throws -> Geometry {
        if let parsed { return parsed }
        guard let context, bytes != nil else { throw FrontierError.invalid(file: "", reason: "region \(region) has no geometry") }
        let checked = try wkb()
        do {
            let made = try checked.withUnsafeBytes { try Geometry(wkb: $0, context: context) }
            parsed = made
            return made
        } catch {
            throw failure("its polygon cannot be read (\(error))")
        }
    }

    func wkb() throws -> ArraySlice<UInt8> {
        if let bytes {
            if let expected = unverified {
                guard RecordChecksum.of(bytes) == expected else { throw failure("its polygon does not match its checksum") }
                unverified = nil
            }
            return bytes
        }
        let written = ArraySlice(try geometry().wkb())
        bytes = written
        return written
    }

    func copy(into context: GEOSContext) throws -> RegionShape {
        guard let bytes else { return RegionShape(wkb: try wkb(), checksum: nil, context: context, compact: nil, region: region) }
        return RegionShape(wkb: bytes, checksum: unverified, context: context, compact: compact, region: region)
    }

    /// The error for bytes that cannot be used: the compact GeoData's file and this region, when they came from it.
    private func failure(_ problem: String) -> FrontierError {
        guard let compact else { return FrontierError.invalid(file: "", reason: "region \(region): \(problem)") }
        return CompactGeoData.damaged(compact, "region \(region): \(problem)")
    }
}
