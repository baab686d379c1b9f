/// One bin of a hot-spot cube: a place in one window, with its value and Gi* statistic.
public struct HotspotsBin {
    /// The place (for a grid, the cell made a region).
    public var region: Region
    /// The window's first and last day (both inclusive).
    public var start: CivilDate
    public var end: CivilDate
    /// The incidents (or fatalities) in the bin: a whole number (the cube's total is at most 2^53).
    public var value: Int64
    /// Getis-Ord Gi* z-score and its two-sided p-value.
    public var z: Double
    public var p: Double
    /// The significance after the false-discovery-rate correction, ArcGIS's Gi_Bin: −3…3 (99/95/90% cold …
    /// hot, 0 not significant).
    public var bin: Int

    /// The values of `HotspotsAnswer.columns` for bins: region_id, window_start, window_end, the value, gi_z,
    /// gi_p, bin.
    public var record: Record {
        Record(values: [.string(region.id), .string(start.description), .string(end.description), .int(value), .double(z), .double(p),
                        .int(Int64(bin))])
    }
}
