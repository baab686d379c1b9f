/// One place of a hot-spot cube over all its windows: its Emerging Hot Spot pattern and trend.
public struct HotspotsLocation {
    /// The place (for a grid, the cell made a region, its country the one holding its centre).
    public var region: Region
    /// One of ArcGIS's 17 classes.
    public var pattern: EmergingPattern
    /// Mann-Kendall on the place's Gi* z-series (tie- and continuity-corrected).
    public var trend: MannKendall
    /// Windows significantly hot, and cold, at the request's level.
    public var hotWindows: Int
    public var coldWindows: Int

    /// The values of `HotspotsAnswer.columns` for the summary: region_id, region_country, pattern, trend_z,
    /// trend_p, hot_windows, cold_windows.
    public var record: Record {
        Record(values: [.string(region.id), .string(region.country), .string(pattern.rawValue), .double(trend.z), .double(trend.p),
                        .int(Int64(hotWindows)), .int(Int64(coldWindows))])
    }
}
