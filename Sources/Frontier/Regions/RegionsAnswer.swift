import FrontierBase

/// The regions a `RegionsRequest` lists, in id order, measured.
public struct RegionsAnswer {
    /// The listing's columns, in order.
    public static let columns = ["region_id", "region_country", "region_name", "area_km2",
                                 "min_lon", "min_lat", "max_lon", "max_lat"]

    /// One row per region (or cell), sorted by id.
    public let rows: [RegionRow]
    /// The geometries of a polygon layer that were invalid and repaired while loading ("origin: reason"), for
    /// the caller to report: the answer is computed with the repaired shapes.
    public let repairs: [String]

    /// - Parameters:
    ///   - rows: the measured regions, in id order.
    ///   - repairs: the repairs made while loading them.
    public init(rows: [RegionRow], repairs: [String] = []) {
        self.rows = rows
        self.repairs = repairs
    }

    /// The rows as a table (`columns`, each row's polygon as its geometry), for any writer.
    public var table: RecordTable {
        RecordTable(columns: Self.columns, records: rows.map(\.record))
    }
}
