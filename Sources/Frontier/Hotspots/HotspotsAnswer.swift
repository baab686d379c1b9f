/// The space-time cube a `HotspotsScan` built and its Emerging Hot Spot analysis: the bins and places to
/// inspect, and the records a caller writes (CSV, JSON, an aligned table), produced one at a time since a
/// cube may hold up to `EmergingHotSpots.maxBins` bins.
public struct HotspotsAnswer {
    public let request: HotspotsRequest
    public let summary: ScanSummary
    /// The regions counted in (for a grid, the cells met, made into regions).
    public let regions: RegionSet
    /// Incidents outside every region (or every cell: outside the grid's extent), left out of the cube.
    public let outside: Int
    /// The analysis, which holds the cube (`analysis.cube`); nil when no incident was counted: nothing to
    /// analyse, and no records.
    public let analysis: EmergingHotSpots?
    /// For each location of the cube, in its order, the index of its region in `regions`.
    public let locationRegions: [Int]
    /// The ordinal (in `request.window`) of the cube's first window.
    public let firstWindow: Int
    /// The incidents dated by a range of days and what became of them; nil when the input has no range column.
    public let dateRanges: DateRangeCounts?

    /// The space-time cube of values per location and window; nil when no incident was counted.
    public var cube: SpaceTimeCube? { analysis?.cube }

    /// The places whose pattern is a hot spot of some kind.
    public var hot: Int { analysis?.patterns.filter(\.isHot).count ?? 0 }
    /// The places whose pattern is a cold spot of some kind.
    public var cold: Int { analysis?.patterns.filter(\.isCold).count ?? 0 }

    /// Every bin, location by location (in `locationRegions`' order), each location's windows oldest first.
    public var bins: LazyMapCollection<Range<Int>, HotspotsBin> {
        (0..<(cube.map { $0.locations * $0.steps } ?? 0)).lazy.map(bin(at:))
    }

    /// Every location with its pattern and trend, in `locationRegions`' order.
    public var locations: LazyMapCollection<Range<Int>, HotspotsLocation> {
        (0..<locationRegions.count).lazy.map(location(at:))
    }

    /// The records' columns: for bins region_id, window_start, window_end, the value's name (events or
    /// fatalities), gi_z, gi_p, bin; for the summary region_id, region_country, pattern, trend_z, trend_p,
    /// hot_windows, cold_windows.
    public var columns: [String] {
        switch request.rows {
        case .bins: return ["region_id", "window_start", "window_end", request.value.rawValue, "gi_z", "gi_p", "bin"]
        case .summary: return ["region_id", "region_country", "pattern", "trend_z", "trend_p", "hot_windows", "cold_windows"]
        }
    }

    /// The rows the request asks for (`request.rows`) as records of `columns`, made as they are read.
    public var records: LazyMapCollection<Range<Int>, Record> {
        switch request.rows {
        case .bins: return bins.indices.lazy.map { bin(at: $0).record }
        case .summary: return locations.indices.lazy.map { location(at: $0).record }
        }
    }

    /// The records gathered in one table (the whole cube in memory: for small answers).
    public var table: RecordTable { RecordTable(columns: columns, records: Array(records)) }

    /// One feature per location, in `locationRegions`' order: its polygon (a grid cell's outline, densified
    /// so its edges follow the grid, or the region's polygon) with the summary's columns as properties
    /// (region_id, region_country, pattern, trend_z, trend_p, hot_windows, cold_windows), whichever rows the
    /// request asks for: what GeoJSON output writes, for a map of the patterns.
    /// - Throws: a region's geometry errors.
    public func features() throws -> RecordTable {
        var table = RecordTable(columns: ["region_id", "region_country", "pattern", "trend_z", "trend_p", "hot_windows", "cold_windows"])
        for i in locationRegions.indices {
            let location = location(at: i)
            table.records.append(Record(values: location.record.values, geometry: try location.region.geometry))
        }
        return table
    }

    /// Bin `k` of the cube: location `k / steps`, window `k % steps`.
    private func bin(at k: Int) -> HotspotsBin {
        guard let analysis else { preconditionFailure("no bins without a cube") }
        let cube = analysis.cube
        let (i, t) = k.quotientAndRemainder(dividingBy: cube.steps)
        let (start, end) = request.window.bounds(of: firstWindow + t)
        return HotspotsBin(region: regions.regions[locationRegions[i]], start: start, end: end, value: Int64(cube.value(location: i, step: t)),
                           z: analysis.gi.z[k], p: analysis.gi.p[k], bin: Int(analysis.bins[k]))
    }

    /// Location `i` of the cube with its pattern and trend.
    private func location(at i: Int) -> HotspotsLocation {
        guard let analysis else { preconditionFailure("no locations without a cube") }
        return HotspotsLocation(region: regions.regions[locationRegions[i]], pattern: analysis.patterns[i], trend: analysis.trends[i],
                                hotWindows: analysis.hotWindows[i], coldWindows: analysis.coldWindows[i])
    }
}
