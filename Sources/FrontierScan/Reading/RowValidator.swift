import Geo
import FrontierBase

/// The rules every input row passes (docs/architecture.md, "Rejections"), written once for bytes and text
/// alike: coordinates are numbers (not NaN) inside ±90/±180 after any transform, dates are real civil dates,
/// fatalities are whole, not negative (empty counts 0; `NA`, `N/A`, `-`, `unknown` are unknown: the row is
/// kept, its fatalities count 0 and are flagged) and at most `Incident.maxFatalities`, ids are not empty. Duplicate ids are judged by whoever sees the rows in order (the reader, or the scan's merger).
struct RowValidator: Sendable {
    let columns: [String]
    let fields: IncidentFields.Columns
    /// The latitude column's name as the user gave it, for rows when the input has none.
    let latitudeName: String
    /// The input CRS, for the message when a transform fails.
    let crs: String?
    /// The years a date may fall in; outside them a date is a typo or a placeholder (0001-01-01, 9999-12-31)
    /// that would stretch every time series over centuries.
    var years = RowValidator.plausibleYears
    static let plausibleYears = 1900...2100
    /// Every field must be text a store keeps byte for byte: UTF-8, no NUL (SQLite's C strings end at
    /// one, and repairing invalid bytes would merge distinct ids).
    var requiresStorableText = false
    /// How the precision column's codes read (ACLED's as they are; UCDP's where_prec mapped).
    var precision = PrecisionScale.acled
    /// Coordinates may use a comma as the decimal mark (a file separated by ';' or tabs).
    var decimalComma = false

    /// What a row says, parsed; coordinates may still need transforming and range checks.
    struct Parsed {
        var line: Int
        var x = Double.nan
        var y = Double.nan
        var problem: (field: String, problem: RowProblem)?
        var date: CivilDate?
        var fatalities = 0
        var idHash: UInt64?
        var geoPrecision: Int?
        var countryLevel = false
        var fatalitiesUnknown = false
    }

    /// Whether `bytes` (trimmed of spaces and tabs) is one of `Incident.unknownFatalitiesWords`.
    static func isUnknownCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        guard end - start <= 7 else { return false }
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        return Incident.unknownFatalitiesWords.contains(word)
    }

    /// Parses what needs no transform. `point` is the position a geometry gave (GeoJSON, stores); without
    /// it the coordinates come from the latitude/longitude columns. A row standing for `weight` incidents
    /// (a server's group) may report that many times the fatalities of one. `dates`: the reader's memo of
    /// the dates it has parsed.
    func parse<F: RowFields>(_ row: F, line: Int, point: Coordinate? = nil, weight: Int = 1, dates: CivilDateMemo) -> Parsed {
        var p = Parsed(line: line)
        // A ragged row's values would sit under the wrong headers (or lose the extra ones): refused whole.
        if let n = row.fieldCount, n != columns.count {
            p.problem = ("", .fieldCount(found: n, header: columns.count))
            return p
        }
        if requiresStorableText, let bad = Self.unstorableField(row, count: row.fieldCount ?? columns.count) {
            p.problem = (bad.index < columns.count ? columns[bad.index] : "", bad.problem)
            return p
        }
        if let point {
            p.x = point.x
            p.y = point.y
        } else {
            guard let latIndex = fields.latitude, let lonIndex = fields.longitude else {
                p.problem = (latitudeName, .noCoordinateColumns)
                return p
            }
            // Longitude first: its problem is the one reported when both have one.
            switch coordinate(row, lonIndex) {
            case .success(let v): p.x = v
            case .failure(let problem): p.problem = (columns[lonIndex], problem); return p
            }
            switch coordinate(row, latIndex) {
            case .success(let v): p.y = v
            case .failure(let problem): p.problem = (columns[latIndex], problem); return p
            }
        }
        if let i = fields.date {
            let date: Result<CivilDate, RowProblem> = row.withBytes(i) { b in
                switch dates.parse(b) {
                case .success(let d): return .success(d)
                case .failure(.impossible): return .failure(.impossibleDate(String(decoding: b, as: UTF8.self)))
                case .failure(.unparseable): return .failure(.unparseableDate(String(decoding: b, as: UTF8.self)))
                }
            }
            switch date {
            case .success(let d) where !years.contains(d.year):
                p.problem = (columns[i], .implausibleDate(text: d.description, years: years)); return p
            case .success(let d): p.date = d
            case .failure(let problem): p.problem = (columns[i], problem); return p
            }
        }
        if let i = fields.fatalities {
            let count: Result<Int?, RowProblem> = row.wholeNumber(i).map { Self.fatalities($0, weight: weight) } ?? row.withBytes(i) { b in
                if ByteParsing.isEmpty(b) { return .success(0) }  // an empty count is 0
                guard let v = ByteParsing.integer(b) else {
                    if Self.isUnknownCount(b) { return .success(nil) }  // unknown: the event counts, its fatalities do not
                    let text = String(decoding: b, as: UTF8.self)
                    // Digits that do not fit are a count too large to be real, not a typo.
                    let digits = text.drop { $0 == " " || $0 == "-" }.reversed().drop { $0 == " " }
                    return .failure(!digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber } ? .numberOutOfRange(text) : .badNumber(text))
                }
                return Self.fatalities(v, weight: weight)
            }
            switch count {
            case .success(let n?): p.fatalities = n
            case .success(nil): p.fatalitiesUnknown = true
            case .failure(let problem): p.problem = (columns[i], problem); return p
            }
        }
        if let i = fields.id {
            let hash: UInt64? = row.withBytes(i) { $0.isEmpty ? nil : FNV1a.hash($0) }
            guard let hash else { p.problem = (columns[i], .emptyID); return p }
            p.idHash = hash
        }
        if let i = fields.geoPrecision, let code = row.wholeNumber(i) ?? row.withBytes(i, { ByteParsing.integer($0) }) {
            (p.geoPrecision, p.countryLevel) = precision.geoPrecision(code)
        }
        return p
    }

    /// A row's count of fatalities `v`, read: refused when negative or above the ceiling for `weight` rows.
    private static func fatalities(_ v: Int, weight: Int) -> Result<Int?, RowProblem> {
        if v < 0 { return .failure(.negativeFatalities(v)) }
        let (ceiling, overflow) = Incident.maxFatalities.multipliedReportingOverflow(by: max(1, weight))
        return !overflow && v > ceiling ? .failure(.fatalitiesAboveCeiling(v, limit: ceiling)) : .success(v)
    }

    /// Column `index` of `row` as a coordinate number (not yet range-checked).
    @inline(__always)
    private func coordinate<F: RowFields>(_ row: F, _ index: Int) -> Result<Double, RowProblem> {
        if let v = row.finiteNumber(index) { return .success(v) }
        return row.withBytes(index) { b in
            if ByteParsing.isEmpty(b) { return .failure(.emptyCoordinates) }
            guard let v = ByteParsing.double(b, decimalComma: decimalComma) else { return .failure(.badNumber(String(decoding: b, as: UTF8.self))) }
            return v.isNaN ? .failure(.notANumber) : .success(v)
        }
    }

    /// The first field holding a NUL byte or bytes that are not UTF-8.
    static func unstorableField<F: RowFields>(_ row: F, count: Int) -> (index: Int, problem: RowProblem)? {
        for i in 0..<count {
            let problem: RowProblem? = row.withBytes(i) { b in
                // ASCII without NUL (nearly every field) is checked a word at a time without making a String.
                if ASCIIScan.isASCIIWithoutNUL(b) { return nil }
                if b.contains(0) { return .unstorableText("a NUL byte") }
                if String(validating: b, as: UTF8.self) == nil { return .unstorableText("bytes that are not UTF-8") }
                return nil
            }
            if let problem { return (i, problem) }
        }
        return nil
    }

    /// The first problem of a parsed row once its coordinates are final (after any transform).
    func problem(of p: Parsed) -> (field: String, problem: RowProblem)? {
        if let problem = p.problem { return problem }
        // Nearly every row passes: the checks first, the field names only for a row that fails.
        if p.y.isFinite, p.x.isFinite, p.y >= -90, p.y <= 90, p.x >= -180, p.x <= 180 { return nil }
        let latField = fields.latitude.map { columns[$0] } ?? "latitude"
        let lonField = fields.longitude.map { columns[$0] } ?? "longitude"
        // Blame the field that is not finite (after a transform both are, or neither).
        if !p.y.isFinite { return (latField, crs.map { .notTransformable(crs: $0) } ?? .notFinite) }
        if !p.x.isFinite { return (lonField, crs.map { .notTransformable(crs: $0) } ?? .notFinite) }
        if p.y < -90 || p.y > 90 { return (latField, .latitudeOutOfRange(p.y)) }
        return (lonField, .longitudeOutOfRange(p.x))
    }
}
