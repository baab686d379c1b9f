import FrontierBase

/// The border lines a `BordersRequest` lists, in id order, measured.
public struct BordersAnswer {
    /// The listing's columns, in order.
    public static let columns = ["border_id", "country_a", "country_b", "parts", "length_km"]

    /// One row per border line, sorted by id.
    public let rows: [BorderRow]

    /// - Parameter rows: the measured lines, in id order.
    public init(rows: [BorderRow]) {
        self.rows = rows
    }

    /// The rows as a table (`columns`, each row's line as its geometry), for any writer.
    public var table: RecordTable {
        RecordTable(columns: Self.columns, records: rows.map(\.record))
    }
}
