import Geo

/// One output row: named, typed values in column order, and optionally a geometry for GeoJSON output.
public struct Record {
    public var values: [PropertyValue]
    public var geometry: Geometry?

    public init(values: [PropertyValue], geometry: Geometry? = nil) {
        self.values = values
        self.geometry = geometry
    }
}

/// Rows with a header: what every command hands to a writer.
public struct RecordTable {
    public var columns: [String]
    public var records: [Record]

    public init(columns: [String], records: [Record] = []) {
        self.columns = columns
        self.records = records
    }
}
