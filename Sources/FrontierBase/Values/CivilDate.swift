/// A calendar date as reported (no time zone): `2025-11-26` or ACLED's `26 November 2025`.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil when the fields do not make a real date (month 13, 30 February, …).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A day of the proleptic calendar from fields already known to be a real date (window bounds computed
    /// from real dates): no check, as `init(daysSinceEpoch:)`.
    package init(calendarYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july",
                                     "august", "september", "october", "november", "december"]

    /// Why a text is not a date: nil when it is one.
    public enum ParseError: Error, Equatable {
        case unparseable
        case impossible
    }

    /// Parses `YYYY-MM-DD` or `D Month YYYY` (full or three-letter English month name; the day and year
    /// are digits, so `+5 Jan 2025` is no date). A time of day after an ISO date (`2017-07-31 00:00:00.000`,
    /// `2017-07-31T12:00Z`, as UCDP GED's CSV and other exports write) is allowed and ignored, the civil
    /// date being the answer, but it must be a real time (`timeOfDay`): `T25:00` makes the date impossible.
    public static func parse(_ text: Substring) -> Result<CivilDate, ParseError> {
        // The usual case, `yyyy-mm-dd` alone, read in place: copying the text to an array first was most of
        // what an answer's dates cost on their way into an Arrow column (each is checked, then converted).
        if let iso = text.utf8.withContiguousStorageIfAvailable(isoDay), let iso { return iso }
        let t = text.trimmingSpaces()
        var utf8 = Array(t.utf8)
        if utf8.count > 11, utf8[10] == UInt8(ascii: " ") || utf8[10] == UInt8(ascii: "T"),
           utf8[11...].allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "Z") }),
           utf8[11...].contains(UInt8(ascii: ":")) {
            switch timeOfDay(utf8[11...]) {
            case .some(true): utf8.removeLast(utf8.count - 10)
            case .some(false): return .failure(.impossible)
            case .none: return .failure(.unparseable)
            }
        }
        // Trimmed, and without its time of day.
        if let iso = utf8.withUnsafeBufferPointer(isoDay) { return iso }
        let parts = t.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 3, (1...2).contains(parts[0].utf8.count), parts[2].utf8.count == 4,
           let d = digits(ArraySlice(parts[0].utf8)), let y = digits(ArraySlice(parts[2].utf8)) {
            let name = parts[1].lowercased()
            if let m = monthNames.firstIndex(where: { $0 == name || (name.count == 3 && $0.hasPrefix(name)) }) {
                return CivilDate(year: y, month: m + 1, day: d).map { .success($0) } ?? .failure(.impossible)
            }
        }
        return .failure(.unparseable)
    }

    /// The same, from field bytes: ISO dates without making a String.
    package static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Result<CivilDate, ParseError> {
        let t = ByteParsing.trimmed(b)
        if let iso = isoDay(t) { return iso }
        return parse(Substring(String(decoding: t, as: UTF8.self)))
    }

    /// `t` read as exactly `yyyy-mm-dd` (a date, or impossible: 2025-02-30); nil when it is not of that form,
    /// which `parse` then reads in full (spaces around it, a time after it, a month's name).
    private static func isoDay(_ t: UnsafeBufferPointer<UInt8>) -> Result<CivilDate, ParseError>? {
        guard t.count == 10, t[4] == UInt8(ascii: "-"), t[7] == UInt8(ascii: "-") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let c = t[i]; guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        return CivilDate(year: y, month: m, day: d).map { .success($0) } ?? .failure(.impossible)
    }

    /// Whether `HH:MM`, `HH:MM:SS`, either with a fraction of a second (`.000`) and a `Z`, is a real time of
    /// day: true, false when a field is out of range (hours 0–23, minutes 0–59, seconds 0–59), nil when it is
    /// not a time at all. Second 60 is a leap second, which is real: in UTC (`Z`) only as 23:59:60, in a
    /// local time of unknown offset as the 60th second of any minute (India's clock shows 05:29:60). `24:00`
    /// is refused: it is the next day's midnight, which read as this date would be a day early.
    static func timeOfDay(_ b: ArraySlice<UInt8>) -> Bool? {
        var t = Array(b)
        let utc = t.last == UInt8(ascii: "Z")
        if utc { t.removeLast() }
        if let dot = t.firstIndex(of: UInt8(ascii: ".")) {
            guard dot == 8, t.count > 9, digits(t[9...]) != nil else { return nil }
            t.removeLast(t.count - 8)
        }
        guard t.count == 5 || t.count == 8, t[2] == UInt8(ascii: ":"), t.count == 5 || t[5] == UInt8(ascii: ":"),
              let h = digits(t[0..<2]), let m = digits(t[3..<5]) else { return nil }
        var s = 0
        if t.count == 8 {
            guard let seconds = digits(t[6..<8]) else { return nil }
            s = seconds
        }
        return h <= 23 && m <= 59 && (s <= 59 || (s == 60 && (!utc || (h == 23 && m == 59))))
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var v = 0
        for b in bytes {
            guard b >= 48 && b <= 57 else { return nil }
            v = v * 10 + Int(b - 48)
        }
        return v
    }

    /// Days since 1970-01-01 (negative before), proleptic Gregorian.
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int {
        let d = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday (3)
        return d < 0 ? d + 7 : d
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// ISO 8601 `YYYY-MM-DD`, written digit by digit: string interpolation with padding cost as much per date
    /// as building an Arrow row of the answer does.
    public var description: String {
        guard (0...9999).contains(year), (0...99).contains(month), (0...99).contains(day) else {
            func pad(_ v: Int, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
            return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
        }
        return String(unsafeUninitializedCapacity: 10) { out in
            func put(_ value: Int, at start: Int, digits: Int) {
                var v = value
                for i in (start..<start + digits).reversed() {
                    out[i] = UInt8(48 + v % 10)
                    v /= 10
                }
            }
            put(year, at: 0, digits: 4)
            out[4] = UInt8(ascii: "-")
            put(month, at: 5, digits: 2)
            out[7] = UInt8(ascii: "-")
            put(day, at: 8, digits: 2)
            return 10
        }
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}
