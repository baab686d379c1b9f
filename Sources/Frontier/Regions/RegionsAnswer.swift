import FrontierBase

/// The regions a `RegionsRequest` lists, in id order, measured.
public struct RegionsAnswer {
    /// The listing's columns, in order.
    public static let columns = ["region_id", "region_country", "region_name", "area_km2",
                                 "min_lon", "min_lat", "max_lon", "max_lat"]

    /// The columns, with `region_code` after the region triple when asked.
    public static func columns(regionCode: Bool) -> [String] {
        Region.labelColumns(code: regionCode) + columns[3...]
    }

    /// One row per region (or cell), sorted by id.
    public let rows: [RegionRow]
    /// The geometries of a polygon layer that were invalid and repaired while loading ("origin: reason"), for
    /// the caller to report: the answer is computed with the repaired shapes.
    public let repairs: [String]
    /// Whether `table` carries each region's ISO code (`region_code`, after `region_name`).
    public let regionCode: Bool

    /// - Parameters:
    ///   - rows: the measured regions, in id order.
    ///   - repairs: the repairs made while loading them.
    ///   - regionCode: whether the table carries `region_code`.
    public init(rows: [RegionRow], repairs: [String] = [], regionCode: Bool = false) {
        self.rows = rows
        self.repairs = repairs
        self.regionCode = regionCode
    }

    /// The rows as a table (`columns(regionCode:)`, each row's polygon as its geometry), for any writer.
    public var table: RecordTable {
        RecordTable(columns: Self.columns(regionCode: regionCode), records: rows.map { $0.record(regionCode: regionCode) })
    }
}
