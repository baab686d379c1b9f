/// Why a row cannot be used, as data: the summary groups rejections by `kind`, messages use `description`.
public enum RowProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case noCoordinateColumns
    case emptyCoordinates
    case notANumber
    case badNumber(String)
    /// A whole number with more digits than any count can have.
    case numberOutOfRange(String)
    case impossibleDate(String)
    case unparseableDate(String)
    /// A real date outside the years accepted.
    case implausibleDate(text: String, years: ClosedRange<Int>)
    case negativeFatalities(Int)
    /// More fatalities than one incident (or a grouped row of `limit / Incident.maxFatalities` incidents)
    /// can report.
    case fatalitiesAboveCeiling(Int, limit: Int)
    case emptyID
    case duplicateID(String)
    case latitudeOutOfRange(Double)
    case longitudeOutOfRange(Double)
    case notTransformable(crs: String)
    case notFinite
    /// A GeoJSON feature that is no usable Point (the text says what it is instead).
    case geometry(String)
    /// Text a store cannot keep as it is (what it holds instead of text).
    case unstorableText(String)
    /// A CSV row with more or fewer fields than its header.
    case fieldCount(found: Int, header: Int)
    /// A CSV record that breaks the quoting rules or the record size cap (its first line is the row).
    case malformedRecord(CSVMalformation)

    /// The reason, the row's value in it escaped (`MessageText`).
    public var description: String {
        let e = MessageText.escaped(_:) as (String) -> String
        switch self {
        case .noCoordinateColumns: return "no coordinate columns"
        case .emptyCoordinates: return "empty coordinates"
        case .notANumber: return "NaN"
        case .badNumber(let text): return "bad number '\(e(text))'"
        case .numberOutOfRange(let text): return "number out of range '\(e(text))'"
        case .impossibleDate(let text): return "impossible date '\(e(text))'"
        case .implausibleDate(let text, let years): return "date \(e(text)) outside the years \(years.lowerBound)–\(years.upperBound)"
        case .unparseableDate(let text): return "unparseable date '\(e(text))' (expected 2025-11-26 or 26 November 2025)"
        case .negativeFatalities(let n): return "negative fatalities \(n)"
        case .fatalitiesAboveCeiling(let n, let limit):
            let incidents = limit / Incident.maxFatalities
            return "fatalities \(n) above the ceiling of \(limit) for " + (incidents <= 1 ? "one incident" : "a group of \(incidents) incidents")
        case .emptyID: return "empty id"
        case .duplicateID(let id): return "duplicate id '\(e(id))'"
        case .latitudeOutOfRange(let v): return "latitude \(NumberFormat.shortest(v)) outside ±90"
        case .longitudeOutOfRange(let v): return "longitude \(NumberFormat.shortest(v)) outside ±180"
        case .notTransformable(let crs): return "coordinates cannot be transformed from \(e(crs))"
        case .notFinite: return "coordinates are not finite"
        case .geometry(let text): return e(text)
        case .fieldCount(let found, let header): return "\(found) fields where the header has \(header)"
        case .unstorableText(let what): return "holds \(e(what)), which a store cannot keep unaltered"
        case .malformedRecord(let m): return e(m.description)
        }
    }

    /// The reason without the row's value, for counting ("unparseable date").
    public var kind: String {
        switch self {
        case .badNumber: return "bad number"
        case .numberOutOfRange: return "number out of range"
        case .impossibleDate: return "impossible date"
        case .unparseableDate: return "unparseable date"
        case .implausibleDate: return "date outside the accepted years"
        case .negativeFatalities: return "negative fatalities"
        case .fatalitiesAboveCeiling: return "fatalities above the ceiling"
        case .duplicateID: return "duplicate id"
        case .latitudeOutOfRange: return "latitude outside ±90"
        case .longitudeOutOfRange: return "longitude outside ±180"
        case .notTransformable: return "coordinates cannot be transformed"
        case .fieldCount: return "wrong number of fields"
        case .unstorableText: return "text a store cannot keep"
        case .malformedRecord(let m): return m.summary
        default: return description
        }
    }
}

/// A rejected row: where it is, which field, why, and its values (written whole to a rejects file).
public struct Rejection: Sendable {
    public var line: Int
    public var field: String
    public var problem: RowProblem
    public var values: [String]

    public init(line: Int, field: String, problem: RowProblem, values: [String]) {
        self.line = line
        self.field = field
        self.problem = problem
        self.values = values
    }

    public var reason: String { problem.description }
    /// "field 'latitude'", or "row" for a problem of the whole row.
    public var place: String { field.isEmpty ? "row" : "field '\(MessageText.escaped(field))'" }
}
