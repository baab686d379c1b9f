import Geo
import FrontierBase
import FrontierPlaces

/// An aggregate as map features (what GeoJSON output writes): one feature per region with its polygon,
/// totals and per-window counts.
public enum AggregateChoropleth {
    /// One feature per region counted: its label, its totals, then events and fatalities per window (named
    /// by the window's first day), with its polygon.
    /// - Parameter regionCode: whether each feature also carries `region_code` after `region_name`.
    /// - Throws: a region's geometry errors.
    public static func table(_ rows: [Aggregation.Row], regions: RegionSet, windows: TimeWindow, regionCode: Bool = false) throws -> RecordTable {
        let ordinals = Array(Set(rows.map(\.window))).sorted()
        var columns = Region.labelColumns(code: regionCode) + ["events", "fatalities"]
        for w in ordinals {
            let start = windows.bounds(of: w).start.description
            columns += ["events_\(start)", "fatalities_\(start)"]
        }
        var byRegion: [Int: [Int: Aggregation.Counts]] = [:]
        for row in rows { if let r = row.region { byRegion[r, default: [:]][row.window] = row.counts } }
        var table = RecordTable(columns: columns)
        for (r, series) in byRegion.sorted(by: { $0.key < $1.key }) {
            let region = regions.regions[r]
            let total = try series.values.reduce(into: Aggregation.Counts()) { try $0.add($1) }
            var values = region.labelValues(code: regionCode) + [total.eventsValue, total.fatalitiesValue]
            for w in ordinals {
                let c = series[w] ?? Aggregation.Counts()
                values += [c.eventsValue, c.fatalitiesValue]
            }
            table.records.append(Record(values: values, geometry: try region.geometry))
        }
        return table
    }
}
