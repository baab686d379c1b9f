import FrontierBase

/// Rows a Swift caller holds as values, as a table the scan reads (`IncidentQuery.rows`): handed out in parts
/// of `partRows` rows, each field read as the text its value prints as (`PropertyValue.text`), a finite
/// `.double` as the number it is. Frames from other languages arrive through Arrow instead (FrontierC).
public final class ValuesTable: IncidentTable, @unchecked Sendable {
    // @unchecked: only the scan's own thread calls `nextPart` (`IncidentTable`).
    /// The columns' names, in order.
    public let columns: [String]
    private let rows: [RowValues]
    private let partRows: Int
    private var next = 0

    /// - Parameters:
    ///   - columns: the columns' names, in order.
    ///   - rows: one value per column each (a shorter row reads as null past its end).
    ///   - partRows: rows per part (at least 1).
    public init(columns: [String], rows: [RowValues], partRows: Int = 8_192) {
        self.columns = columns
        self.rows = rows
        self.partRows = max(1, partRows)
    }

    /// The next `partRows` rows (fewer at the end) as a part, nil after the last.
    public func nextPart() -> IncidentRowPart? {
        guard next < rows.count else { return nil }
        let end = min(rows.count, next + partRows)
        defer { next = end }
        return IncidentRowPart(rows: ValuesPart(columns: columns, rows: rows[next..<end]), count: end - next)
    }
}

/// A part of a `ValuesTable`.
final class ValuesPart: IncidentRowSource {
    let columns: [String]
    private let rows: ArraySlice<RowValues>
    private var cursor: RowCursor

    init(columns: [String], rows: ArraySlice<RowValues>) {
        self.columns = columns
        self.rows = rows
        cursor = RowCursor(rows.indices)
    }

    func advance() -> Bool { cursor.advance() }

    func value(_ column: Int) -> PropertyValue {
        let row = rows[cursor.current]
        return column < row.count ? row[column] : .null
    }

    // A row of values reads as a GeoJSON feature's or a store's does (`ValueFields`).
    func withText(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        ValueFields(values: rows[cursor.current]).withBytes(column, body)
    }

    func finiteNumber(_ column: Int) -> Double? { ValueFields(values: rows[cursor.current]).finiteNumber(column) }

    func wholeNumber(_ column: Int) -> Int64? { ValueFields(values: rows[cursor.current]).wholeNumber(column).map(Int64.init) }

    func wholeRow(_ index: Int) -> RowValues? {
        guard index >= 0, index < rows.count else { return nil }
        let values = rows[rows.startIndex + index]
        return RowValues((0..<columns.count).map { $0 < values.count ? values[$0] : .null })
    }
}
