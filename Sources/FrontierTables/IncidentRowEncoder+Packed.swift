import Geo
import FrontierBase
import FrontierFormats

/// The GeoPackage store's rows, written as bytes: the values `encode` gives, packed in one buffer per row from
/// the input values' own UTF-8, with no `String` made per value (an import binds a million rows; making and
/// joining Strings for each, and hashing through them, was most of the workers' time).
extension IncidentRowEncoder {
    /// What `encode` does with an input column.
    enum ColumnRole {
        /// The id (`event_id`) or the date (`event_date`, and `extra` when the text is not the ISO date).
        case id, date
        /// Into `extra`.
        case extra
        /// `extra` when the text is not how the coordinate prints back.
        case latitude, longitude
        /// A typed column: INTEGER (text that is no integer stays text; an empty one is NULL, kept in `extra`)
        /// or TEXT.
        case typedInteger(Int), typedText(Int)
    }

    /// Where `packed` puts each value: `IncidentTableSchema.rowColumns` order.
    package enum PackedColumn {
        package static let geom = 0, id = 1, date = 2, firstTyped = 3
        package static let latitude = firstTyped + IncidentTableSchema.typedColumns.count
        package static let longitude = latitude + 1, extra = latitude + 2, hash = latitude + 3
    }

    /// The row for a valid incident as the GeoPackage store's insert binds it, value for value what `encode`
    /// gives (`IncidentTableSchema.rowColumns`): the point as GeoPackage binary, the id, the ISO date, the typed
    /// columns, latitude and longitude, the `extra` JSON (NULL when empty) and the row hash in hexadecimal.
    package func packed(_ incident: Incident) -> PackedSQLRow {
        let p = incident.coordinate
        var row = PackedSQLRow(columns: IncidentTableSchema.rowColumns.count)
        row.write(PackedColumn.geom, as: .blob) { GeoPackageBinary.appendPoint(p, to: &$0) }
        let date = DateText(incident.date)
        date.withBytes { row.setText(PackedColumn.date, $0) }
        row.setReal(PackedColumn.latitude, p.lat)
        row.setReal(PackedColumn.longitude, p.lon)

        let values = incident.values
        // `encode` hashes the pairs zip(columns, values) gives.
        let hashed = min(columns.count, values.count)
        var hash = FNV1a()
        var extras = 0
        var dateToExtra = false, latitudeToExtra = false, longitudeToExtra = false
        for i in 0..<columns.count {
            values.withUTF8(i) { text in
                if i < hashed {
                    nameBytes[i].withUnsafeBufferPointer { hash.mix($0) }
                    hash.mix(byte: 0x1F)
                    hash.mix(text)
                    hash.mix(byte: 0x1E)
                }
                switch roles[i] {
                case .id: row.setText(PackedColumn.id, text)
                case .date:
                    dateToExtra = date.withBytes { !$0.elementsEqual(text) }
                    if dateToExtra { extras += 1 }
                case .extra: extras += 1
                case .latitude:
                    latitudeToExtra = !Self.printsShortest(text, p.lat)
                    if latitudeToExtra { extras += 1 }
                case .longitude:
                    longitudeToExtra = !Self.printsShortest(text, p.lon)
                    if longitudeToExtra { extras += 1 }
                case .typedInteger(let t):
                    if let n = Self.canonicalInteger(text) {
                        row.setInteger(PackedColumn.firstTyped + t, n)
                    } else if text.isEmpty {
                        extras += 1
                    } else {
                        row.setText(PackedColumn.firstTyped + t, text)
                    }
                case .typedText(let t): row.setText(PackedColumn.firstTyped + t, text)
                }
            }
        }
        withUnsafeBytes(of: p.x.bitPattern) { hash.mix($0.assumingMemoryBound(to: UInt8.self)) }
        withUnsafeBytes(of: p.y.bitPattern) { hash.mix($0.assumingMemoryBound(to: UInt8.self)) }
        // An unknown count stays unknown (NULL), never a 0 a GIS tool would sum; the source text is in `extra`.
        if let t = mappedFatalitiesColumn, !incident.fatalitiesUnknown {
            row.setInteger(PackedColumn.firstTyped + t, Int64(incident.fatalities))
        }
        if extras > 0 {
            // The JSON object `encode` writes: the pairs in input column order.
            row.write(PackedColumn.extra) { out in
                out.append(UInt8(ascii: "{"))
                var first = true
                for i in 0..<columns.count {
                    let goes: Bool
                    var empty = false
                    switch roles[i] {
                    case .date: goes = dateToExtra
                    case .extra: goes = true
                    case .latitude: goes = latitudeToExtra
                    case .longitude: goes = longitudeToExtra
                    case .typedInteger:
                        // Only an empty value goes (as ""): an integer is typed, other text stays in the column.
                        goes = values.withUTF8(i) { $0.isEmpty }
                        empty = true
                    case .id, .typedText: goes = false
                    }
                    guard goes else { continue }
                    if !first { out.append(UInt8(ascii: ",")) }
                    first = false
                    out.append(contentsOf: jsonKeys[i])
                    if empty {
                        out.append(UInt8(ascii: "\"")); out.append(UInt8(ascii: "\""))
                    } else {
                        values.withUTF8(i) { Self.appendJSONString($0, to: &out) }
                    }
                }
                out.append(UInt8(ascii: "}"))
            }
        }
        let h = hash.value
        row.write(PackedColumn.hash) { Self.appendHex(h, to: &$0) }
        return row
    }

    /// The integer when `text` is exactly how `String(Int64)` prints it (no sign but a leading '-', no
    /// leading zero, not "-0", within Int64): the test `encode` makes with `Int64(value)` and `String(n) == value`.
    static func canonicalInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !text.isEmpty else { return nil }
        let negative = text[0] == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        guard i < text.count, text.count - i <= 19 else { return nil }
        if text[i] == UInt8(ascii: "0") { return text.count - i == 1 && !negative ? 0 : nil }
        var v: Int64 = 0
        while i < text.count {
            let c = text[i]
            guard c >= 48, c <= 57 else { return nil }
            let d = Int64(c - 48)
            let (times, o1) = v.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times.subtractingReportingOverflow(d) : times.addingReportingOverflow(d)
            guard !o1, !o2 else { return nil }
            v = next
            i += 1
        }
        return v
    }

    /// Whether `text` is what `NumberFormat.shortest(value)` prints. A plain decimal of at most 15 significant
    /// digits, without a trailing zero after the point, is the shortest text that reads back as its own value
    /// (no other decimal of as few digits lies within a double's spacing), so for the usual coordinate it is
    /// decided from the bytes; anything else is printed and compared.
    static func printsShortest(_ text: UnsafeBufferPointer<UInt8>, _ value: Double) -> Bool {
        if let plain = plainDecimal(text) { return plain == value }
        var printed = NumberFormat.shortest(value)
        return printed.withUTF8 { $0.elementsEqual(text) }
    }

    private static let powersOfTen: [Double] = (0...15).map { p in (0..<p).reduce(1.0) { acc, _ in acc * 10 } }

    /// The value of `text` when it is a plain decimal that `NumberFormat.shortest` prints as it is: an optional
    /// '-', an integer part without leading zeros ("0" alone allowed), optionally a point and digits ending in a
    /// non-zero one; at most 15 significant digits; at least 0.001 (smaller magnitudes print with an exponent);
    /// not "-0". Nil for anything else (the caller prints and compares). At most 15 digits, the mantissa and
    /// the power of ten are exact doubles and one division rounds once: the value Swift's parser gives.
    static func plainDecimal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = text.count
        guard n > 0 else { return nil }
        let negative = text[0] == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        guard i < n else { return nil }
        var mantissa: UInt64 = 0, significant = 0, fraction = 0
        let zero = text[i] == UInt8(ascii: "0")
        if zero {
            i += 1
        } else {
            while i < n, text[i] >= 48, text[i] <= 57 {
                mantissa = mantissa * 10 + UInt64(text[i] - 48)
                significant += 1
                i += 1
                if significant > 15 { return nil }
            }
            guard significant > 0 else { return nil }
        }
        if i == n {
            // An integer: "0", or digits without a leading zero.
            return zero ? (negative ? nil : 0) : (negative ? -Double(mantissa) : Double(mantissa))
        }
        guard text[i] == UInt8(ascii: "."), i + 1 < n, text[n - 1] != UInt8(ascii: "0") else { return nil }
        i += 1
        var leadingZeros = 0
        while i < n {
            let c = text[i]
            guard c >= 48, c <= 57 else { return nil }
            fraction += 1
            if mantissa == 0 && c == 48 {
                leadingZeros += 1
            } else {
                mantissa = mantissa * 10 + UInt64(c - 48)
                significant += 1
            }
            if significant > 15 || fraction > 15 { return nil }
            i += 1
        }
        if zero && leadingZeros > 2 { return nil }
        let v = Double(mantissa) / powersOfTen[fraction]
        return negative ? -v : v
    }

    /// `JSONText.string`, byte for byte: quotes, a backslash before '"' and '\', \n \r \t, \u00XX for the
    /// other control characters; every other byte (UTF-8 of the other scalars) as it is.
    static func appendJSONString(_ text: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var plainFrom = 0
        for (k, b) in text.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: text[plainFrom..<k]))
            plainFrom = k + 1
            out.append(UInt8(ascii: "\\"))
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(b)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hexDigit(b >> 4), hexDigit(b & 0xF)])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: text[plainFrom...]))
        out.append(UInt8(ascii: "\""))
    }

    /// `String(value, radix: 16)`: lowercase, no leading zeros.
    static func appendHex(_ value: UInt64, to out: inout [UInt8]) {
        guard value != 0 else { out.append(UInt8(ascii: "0")); return }
        var shift = (63 - value.leadingZeroBitCount) / 4 * 4
        while shift >= 0 {
            out.append(hexDigit(UInt8(truncatingIfNeeded: value >> UInt64(shift)) & 0xF))
            shift -= 4
        }
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }
}

/// A date as `CivilDate.description` prints it (`YYYY-MM-DD`), written into ten bytes on the stack; "" for none.
struct DateText {
    private var bytes: (UInt64, UInt16) = (0, 0)
    private let count: Int

    init(_ date: CivilDate?) {
        guard let date else { count = 0; return }
        count = 10
        // CivilDate keeps years 1...9999: four digits always.
        let (y, m, d) = (date.year, date.month, date.day)
        withUnsafeMutableBytes(of: &bytes) { raw in
            raw[0] = UInt8(48 + y / 1000 % 10); raw[1] = UInt8(48 + y / 100 % 10)
            raw[2] = UInt8(48 + y / 10 % 10); raw[3] = UInt8(48 + y % 10)
            raw[4] = UInt8(ascii: "-"); raw[5] = UInt8(48 + m / 10); raw[6] = UInt8(48 + m % 10)
            raw[7] = UInt8(ascii: "-"); raw[8] = UInt8(48 + d / 10); raw[9] = UInt8(48 + d % 10)
        }
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        withUnsafeBytes(of: bytes) { body(UnsafeBufferPointer(start: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)) }
    }
}
