import Geo
import FrontierBase
import FrontierPlaces

/// One region of a listing, measured: what a row of `RegionsAnswer` holds.
public struct RegionRow {
    /// The region's id: `ISO3:Name` for the bundled levels, the key field's value for a layer, the cell's id
    /// for a grid (`G50km:IX:IY`, `PG:GID`).
    public let id: String
    /// ISO 3166 alpha-3 (for a cell, the country holding its centre; empty when unknown).
    public let country: String
    /// The region's name (for a cell, its id again).
    public let name: String
    /// Its ISO code (ISO 3166-2 for a bundled province, alpha-2 for a country; empty for a cell or a layer
    /// without `region_code`).
    public let code: String
    /// The area on the WGS84 ellipsoid in km², to 0.1 km² (an equal-area cell's is exactly its side squared).
    public let areaKm2: Double
    /// The bounding box in longitude/latitude degrees, each bound to 7 decimals.
    public let bounds: Envelope
    /// The region's polygon in lon/lat.
    public let geometry: Geometry

    /// Measures a region: its envelope and, unless given, its geodesic area, rounded as a listing shows them.
    ///
    /// - Parameters:
    ///   - region: the region.
    ///   - areaKm2: its area when known exactly (a grid cell's), else nil to measure the polygon.
    /// - Throws: a geometry that cannot be parsed or measured (a damaged compact GeoData record).
    init(_ region: Region, areaKm2: Double? = nil) throws {
        let geometry = try region.geometry
        let e = try geometry.envelope() ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        let round7 = { (v: Double) in (v * 1e7).rounded() / 1e7 }
        id = region.id
        country = region.country
        name = region.name
        code = region.code
        self.areaKm2 = ((try areaKm2 ?? region.areaKm2()) * 10).rounded() / 10
        bounds = Envelope(minX: round7(e.minX), minY: round7(e.minY), maxX: round7(e.maxX), maxY: round7(e.maxY))
        self.geometry = geometry
    }

    /// The row as the listing's record, in the order of `RegionsAnswer.columns(regionCode:)`.
    func record(regionCode: Bool) -> Record {
        Record(values: Region.labelValues(id: id, country: country, name: name, code: code, withCode: regionCode) + [.double(areaKm2),
                        .double(bounds.minX), .double(bounds.minY), .double(bounds.maxX), .double(bounds.maxY)],
               geometry: geometry)
    }
}
