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
        // One array grown in place: joining the parts with `+` made four arrays for every row returned.
        var values = RegionLabel.values(region, code: regionCode)
        values.reserveCapacity(values.count + 5)
        values.append(.double(distanceKm))
        if let bandKm { values.append(.double(bandKm)) }
        values.append(.string(side))
        if let attribution { values += [.string(attribution.actorCountry), .bool(attribution.crossBorder)] }
        return values
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
