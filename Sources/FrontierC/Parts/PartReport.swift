import Foundation
import Frontier

/// A part's scan summary and date-range counts as JSON (the `part` of a counting request's report with
/// `stage: "count"`), and back (each of the `parts` a request with `stage: "finish"` adds up): every field
/// a whole scan's summary needs, as numbers and text, so parts counted in other processes merge exactly.
enum PartReport {
    static func json(_ s: ScanSummary, dateRanges: DateRangeCounts?) -> [String: Any] {
        var part: [String: Any] = [
            "read": s.read, "rejected": s.rejected, "kept": s.kept, "unmatched": s.unmatched, "mismatched": s.mismatched,
            "region_level": s.regionLevel, "country_level": s.countryLevel, "unknown_fatalities": s.unknownFatalities,
            "rejected_by_kind": s.rejectedByKind, "swapped_into": s.swappedInto,
            "first_day": s.firstDay ?? NSNull(), "last_day": s.lastDay ?? NSNull(),
            "values_not_found": s.valuesNotFound.map { ["column": $0.column, "value": $0.value, "nearest": $0.nearest] },
        ]
        if let r = dateRanges {
            part["date_ranges"] = ["column": r.column, "precision": r.precision.rawValue, "spanning": r.spanning,
                                   "excluded": r.excluded, "unreadable": r.unreadable]
        }
        return part
    }

    /// - Throws: `OptionProblem` (option `parts`) for a part that is not what `json` wrote.
    static func part(_ json: [String: Any], index: Int) throws -> (summary: ScanSummary, dateRanges: DateRangeCounts?) {
        func bad(_ what: String) -> OptionProblem {
            OptionProblem(option: "parts", message: "part \(index + 1) is not a part's report (\(what)); pass each count's report[\"part\"] as it came")
        }
        /// A whole number from 0 to 10^15, not JSON's true or false (which Foundation also gives as a number).
        func whole(_ value: Any?) -> Int? {
            guard let n = value as? NSNumber, String(cString: n.objCType) != "c",
                  n.doubleValue == n.doubleValue.rounded(), n.doubleValue >= 0, n.doubleValue < 1e15 else { return nil }
            return n.intValue
        }
        func count(_ key: String, in object: [String: Any] = json) throws -> Int {
            guard let n = whole(object[key]) else { throw bad("'\(key)' is not a count") }
            return n
        }
        func day(_ key: String) throws -> Int? {
            if json[key] == nil || json[key] is NSNull { return nil }
            guard let n = json[key] as? NSNumber, n.doubleValue == n.doubleValue.rounded(), abs(n.doubleValue) < 1e9 else { throw bad("'\(key)' is not a day") }
            return n.intValue
        }
        func counts(_ key: String) throws -> [String: Int] {
            guard let object = json[key] as? [String: Any] else { throw bad("'\(key)' is not an object") }
            return try object.mapValues { value in
                guard let n = whole(value) else { throw bad("'\(key)' holds something other than counts") }
                return n
            }
        }
        var s = ScanSummary()
        s.read = try count("read")
        s.rejected = try count("rejected")
        s.kept = try count("kept")
        s.unmatched = try count("unmatched")
        s.mismatched = try count("mismatched")
        s.regionLevel = try count("region_level")
        s.countryLevel = try count("country_level")
        s.unknownFatalities = try count("unknown_fatalities")
        s.rejectedByKind = try counts("rejected_by_kind")
        s.swappedInto = try counts("swapped_into")
        guard s.rejected <= s.read, s.kept <= s.read - s.rejected else { throw bad("it keeps or rejects more rows than it read") }
        s.firstDay = try day("first_day")
        s.lastDay = try day("last_day")
        guard let missing = json["values_not_found"] as? [[String: Any]] else { throw bad("'values_not_found' is not a list") }
        s.valuesNotFound = try missing.map { v in
            guard let column = v["column"] as? String, let value = v["value"] as? String, let nearest = v["nearest"] as? [String] else {
                throw bad("a value not found has no column, value and nearest values")
            }
            return ValueNotFound(column: column, value: value, nearest: nearest, distinct: nil)
        }
        var ranges: DateRangeCounts?
        if let r = json["date_ranges"] as? [String: Any] {
            guard let column = r["column"] as? String, let precision = (r["precision"] as? String).flatMap(DatePrecision.init(rawValue:)) else {
                throw bad("'date_ranges' has no column and precision")
            }
            var counts = DateRangeCounts(column: column, precision: precision)
            counts.spanning = try count("spanning", in: r)
            counts.excluded = try count("excluded", in: r)
            counts.unreadable = try count("unreadable", in: r)
            ranges = counts
        }
        return (s, ranges)
    }
}
