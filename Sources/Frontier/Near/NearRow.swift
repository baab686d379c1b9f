/// An incident in the zone: its region (nil: outside every region), its geodesic distance from the line or
/// the region's boundary (0 inside the region) in km to four decimals, its band, and the country it lies in.
public struct NearRow {
    /// The kept incident, with its input values.
    public var incident: Incident
    /// The region it lies in; nil outside every region.
    public var region: RegionLabel?
    /// Its geodesic distance from the line or the region's boundary, km to four decimals (0 inside the region).
    public var distanceKm: Double
    /// The nearest band holding it, in km (nil with one distance).
    public var bandKm: Double?
    /// The ISO3 code of the country it lies in (empty outside every country).
    public var side: String
    /// Whether the region columns include `region_code` (`NearRequest.regionCode`).
    public var regionCode = false
    /// Its actors' country and whether one is from across the border (`NearRequest.attribution`).
    public var attribution: CrossBorderAttribution?

    /// The values of the appended columns, in `NearScan.columns` order.
    public var appended: [PropertyValue] {
        RegionLabel.values(region, code: regionCode) + [.double(distanceKm)] + (bandKm.map { [.double($0)] } ?? []) + [.string(side)]
            + (attribution.map { [.string($0.actorCountry), .bool($0.crossBorder)] } ?? [])
    }
}

/// What a near scan read and returned.
public struct NearSummary {
    /// Read, rejected, kept (returned), unmatched, mismatched.
    public var scan: ScanSummary
    /// Incidents returned with geo_precision 3: placed at a region's representative point (`scan.regionLevel`).
    public var regionLevel: Int { scan.regionLevel }
    /// Incidents returned that are placed only at country level (`scan.countryLevel`).
    public var countryLevel: Int { scan.countryLevel }
}
