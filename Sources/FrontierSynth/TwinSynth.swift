import Foundation
import Geo
import FrontierBase
import FrontierFormats

/// A second view of a synthetic ACLED-layout set in UCDP GED's layout, with the truth of which events are
/// the same, so that matching two sources can be scored (`frontier synth --twin ucdp --of FILE`).
///
/// Each armed event of the first file (Battles, Explosions/Remote violence, Violence against civilians,
/// Riots: what UCDP's types of organized violence cover) gets a twin with probability `twinShare`: its
/// position moved up to 2, 5 or 8 km (geo_precision 1, 2, 3) in a random direction, its date kept, shifted a
/// day either way, or widened to a range of up to two days each side that holds it, its type as UCDP's
/// type_of_violence, its fatalities within ±20%. Protests and strategic developments, which UCDP does not
/// record, never have one. Then distractors that must not be taken for the twin: for `distractorShare` of
/// the twins, a copy at the same place 3 to 10 days later, and another on the same day 14 to 20 km away;
/// and, for `onlyHereShare` of the armed events, one event only in this file, 30 to 60 km from that event
/// and up to 30 days from it.
/// `twin_of` holds the first file's event id for a twin, empty for every other row; `source` marks each
/// row synthetic.
public enum TwinSynth {
    /// The twin file's columns: UCDP GED's that Frontier reads, the synthetic marking and the truth.
    public static let columns = ["id", "date_start", "date_end", "latitude", "longitude", "best", "type_of_violence", "where_prec",
                                 "country", "adm_1", "source", "twin_of"]
    /// The share of armed events that get a twin.
    public static let twinShare = 0.8
    /// The share of twins that also get two near-duplicates that are not them.
    public static let distractorShare = 0.1
    /// The share of armed events near which an event only in the twin file is made.
    public static let onlyHereShare = 0.1

    /// What the twin file holds, for the caller's report.
    public struct Summary: Sendable, Equatable {
        /// Rows of the first file read, and how many of them are armed events that may have a twin.
        public var read = 0
        public var armed = 0
        /// Rows that are a twin (`twin_of` set).
        public var twins = 0
        /// Near-duplicates that are no twin.
        public var distractors = 0
        /// Events only in the twin file.
        public var onlyHere = 0
    }

    /// The UCDP-layout CSV of `path`'s events (ACLED's layout: event_id_cnty, event_date, event_type,
    /// latitude, longitude, geo_precision, fatalities, country, admin1), drawn with `seed`.
    /// - Throws: `FrontierError.cannotOpen` for an unreadable file, `.missingColumns`-style `.invalid` when a
    ///   column is missing, `.malformed` for a row whose date or coordinates cannot be read.
    public static func ucdp(of path: String, seed: UInt64) throws -> (csv: String, summary: Summary) {
        guard let data = FileManager.default.contents(atPath: path) else { throw FrontierError.cannotOpen(file: path) }
        let reader = CSVRecordReader(bytes: Array(data), name: path, firstLine: 1)
        guard let header = try reader.next()?.fields else { throw FrontierError.invalid(file: path, reason: "is empty") }
        let wanted = ["event_id_cnty", "event_date", "event_type", "latitude", "longitude", "geo_precision", "fatalities", "country", "admin1"]
        let missing = wanted.filter { !header.contains($0) }
        guard missing.isEmpty else { throw FrontierError.invalid(file: path, reason: "lacks the column(s) \(missing.joined(separator: ", "))") }
        let at = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
        var rng = SynthRandom(seed: seed)
        var summary = Summary()
        var rows: [[String]] = []
        var nextID = 900_000_000
        func add(_ day: ClosedRange<Int>, _ c: Coordinate, best: Int, type: String, prec: String, country: String, admin1: String, twinOf: String) {
            rows.append([String(nextID), CivilDate(daysSinceEpoch: day.lowerBound).description, CivilDate(daysSinceEpoch: day.upperBound).description,
                         fixed(c.lat), fixed(c.lon), String(best), type, prec, country, admin1, "synthetic (a generated twin view; not a real event)", twinOf])
            nextID += 1
        }
        while let record = try reader.next() {
            let f = record.fields
            guard f.count == header.count else { throw FrontierError.malformed(file: path, line: record.line, reason: "has \(f.count) fields, the header \(header.count)") }
            summary.read += 1
            guard let type = violence[f[at["event_type"]!]] else { continue }
            summary.armed += 1
            guard case .success(let date) = CivilDate.parse(Substring(f[at["event_date"]!])),
                  let lat = Double(f[at["latitude"]!]), let lon = Double(f[at["longitude"]!]),
                  let fatalities = Int(f[at["fatalities"]!]) else {
                throw FrontierError.malformed(file: path, line: record.line, reason: "its date, coordinates or fatalities cannot be read")
            }
            let precision = Int(f[at["geo_precision"]!]) ?? 1
            let origin = Coordinate(lon: lon, lat: lat)
            let country = f[at["country"]!], admin1 = f[at["admin1"]!]
            let whereprec = precision >= 3 ? "4" : precision == 2 ? "3" : "1"
            let day = date.daysSinceEpoch
            if rng.chance(twinShare) {
                let reach = precision >= 3 ? 8_000.0 : precision == 2 ? 5_000 : 2_000
                let place = moved(origin, metres: rng.uniform(0, reach), &rng)
                let days: ClosedRange<Int>
                switch rng.below(4) {
                case 0: days = (day - 1)...(day - 1)
                case 1: days = (day + 1)...(day + 1)
                case 2: days = (day - rng.below(3))...(day + rng.below(3))
                default: days = day...day
                }
                let best = max(0, Int((Double(fatalities) * rng.uniform(0.8, 1.2)).rounded()))
                add(days, place, best: best, type: type, prec: whereprec, country: country, admin1: admin1, twinOf: f[at["event_id_cnty"]!])
                summary.twins += 1
                if rng.chance(distractorShare) {
                    let later = day + 3 + rng.below(8)
                    add(later...later, moved(origin, metres: rng.uniform(0, 2_000), &rng), best: best, type: type, prec: whereprec,
                        country: country, admin1: admin1, twinOf: "")
                    add(day...day, moved(origin, metres: rng.uniform(14_000, 20_000), &rng), best: best, type: type, prec: whereprec,
                        country: country, admin1: admin1, twinOf: "")
                    summary.distractors += 2
                }
            }
            if rng.chance(onlyHereShare) {
                let other = day + rng.below(60) - 30
                add(other...other, moved(origin, metres: rng.uniform(30_000, 60_000), &rng), best: rng.below(5), type: type, prec: whereprec,
                    country: country, admin1: admin1, twinOf: "")
                summary.onlyHere += 1
            }
        }
        var out = columns.joined(separator: ",") + "\n"
        for row in rows { out += row.map(csvField).joined(separator: ",") + "\n" }
        return (out, summary)
    }

    /// UCDP's type_of_violence for ACLED's armed event types (GeoData/event-taxonomy.csv's first class).
    static let violence = ["Battles": "1", "Explosions/Remote violence": "1", "Violence against civilians": "3", "Riots": "2"]

    private static func moved(_ c: Coordinate, metres: Double, _ rng: inout SynthRandom) -> Coordinate {
        Geodesic.wgs84.direct(from: c, azimuth: rng.uniform(-180, 180), distance: metres).coordinate
    }

    /// Five decimals (about a metre), as the synthetic set writes positions.
    private static func fixed(_ v: Double) -> String { String(format: "%.5f", v) }

    private static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
