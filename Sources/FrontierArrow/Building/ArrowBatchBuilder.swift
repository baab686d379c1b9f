import FrontierBase
import Geo

/// Rows in, record batches out: values are appended a row at a time and cut into batches of `batchRows`, so
/// that a consumer can start on the first batch and no text column nears Arrow's 2 GiB offset limit.
public struct ArrowBatchBuilder {
    /// Rows per batch: large enough that per-batch costs vanish, small enough that a batch of long rows
    /// (a 2 kB ACLED note per row is 130 MB) stays far from the limit.
    public static let batchRows = 65_536

    /// The columns every row has values for, in order.
    public let fields: [ArrowField]
    private var current: [ArrowColumn]
    /// The batches cut so far (full ones; `finish` adds the last).
    public private(set) var batches: [ArrowBatch] = []

    /// A builder of batches with these columns.
    public init(fields: [ArrowField]) {
        self.fields = fields
        current = fields.map { ArrowColumn(name: $0.name, kind: $0.kind) }
    }

    /// Appends one row: a value (or nil, a null) per field, in order.
    /// - Throws: `FrontierError.tooLarge` when one batch's text would pass 2 GiB (a value of over 32 kB
    ///   per row on average).
    public mutating func append(_ row: [ArrowValue?]) throws {
        precondition(row.count == fields.count, "a row of \(row.count) values for \(fields.count) fields")
        for (i, value) in row.enumerated() { try current[i].append(value) }
        if current[0].count >= Self.batchRows { cut() }
    }

    /// The batches, the last one cut short; at least one batch, so that an empty answer still has its type.
    public mutating func finish() -> [ArrowBatch] {
        if !fields.isEmpty && (current[0].count > 0 || batches.isEmpty) { cut() }
        return batches
    }

    private mutating func cut() {
        batches.append(ArrowBatch(columns: current))
        current = fields.map { ArrowColumn(name: $0.name, kind: $0.kind) }
    }
}

extension RecordTable {
    /// The table's columns as Arrow types, from the values themselves: whole numbers are int64; numbers
    /// with any fraction float64; booleans bool; text that is every time a calendar date (2026-01-18) date32;
    /// other text, or text and numbers mixed (a change of `new`), utf8; a column of nulls utf8. Records with a
    /// geometry add a last column, `geometry`, as GeoArrow WKB.
    public var arrowFields: [ArrowField] {
        var fields = columns.indices.map { i in
            ArrowField(name: columns[i], kind: Self.kind(of: records.lazy.map { i < $0.values.count ? $0.values[i] : .null }))
        }
        if records.contains(where: { $0.geometry != nil }) { fields.append(ArrowField(name: "geometry", kind: .wkb)) }
        return fields
    }

    /// The table as record batches typed by `arrowFields`.
    /// - Throws: `FrontierError.tooLarge` for a batch's text over 2 GiB; a geometry GEOS cannot write as WKB.
    public func arrowBatches() throws -> (fields: [ArrowField], batches: [ArrowBatch]) {
        let fields = arrowFields
        var builder = ArrowBatchBuilder(fields: fields)
        let geometry = fields.last?.kind == .wkb && fields.count == columns.count + 1
        for record in records {
            var row: [ArrowValue?] = columns.indices.map { i in
                ArrowValue(i < record.values.count ? record.values[i] : .null, as: fields[i].kind)
            }
            if geometry { row.append(try record.geometry.map { .bytes(try $0.wkb()) }) }
            try builder.append(row)
        }
        return (fields, builder.finish())
    }

    private static func kind<S: Sequence>(of values: S) -> ArrowColumn.Kind where S.Element == PropertyValue {
        var sawInt = false, sawDouble = false, sawBool = false, sawText = false, allDates = true
        for value in values {
            switch value {
            case .null: continue
            case .int: sawInt = true
            case .double: sawDouble = true
            case .bool: sawBool = true
            case .string(let s):
                sawText = true
                if allDates, !ArrowValue.isCalendarDate(s) { allDates = false }
            }
        }
        switch (sawText, sawInt, sawDouble, sawBool) {
        case (true, false, false, false): return allDates ? .date32 : .utf8
        case (false, true, false, false): return .int64
        case (false, _, true, false): return .float64
        case (false, false, false, true): return .bool
        default: return .utf8
        }
    }
}

extension ArrowValue {
    /// A property value in the form a column of `kind` stores; nil for null. Text in a utf8 column that mixes
    /// kinds is the value as written (`PropertyValue.text`).
    public init?(_ value: PropertyValue, as kind: ArrowColumn.Kind) {
        switch (value, kind) {
        case (.null, _): return nil
        case (.int(let i), .int64): self = .int(i)
        case (.int(let i), .float64): self = .double(Double(i))
        case (.double(let d), .float64): self = .double(d)
        case (.bool(let b), .bool): self = .bool(b)
        case (.string(let s), .date32):
            guard case .success(let date) = CivilDate.parse(Substring(s)) else { return nil }
            self = .date(Int32(date.daysSinceEpoch))
        case (_, .utf8): self = .text(value.text ?? "")
        default: return nil
        }
    }

    /// Exactly `yyyy-mm-dd`, a real day: what a date column holds (a timestamp is not one).
    static func isCalendarDate(_ s: String) -> Bool {
        s.utf8.count == 10 && { if case .success = CivilDate.parse(Substring(s)) { return true } else { return false } }()
    }
}
