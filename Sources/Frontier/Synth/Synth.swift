import Foundation
import Geo

/// What `frontier synth` is asked for.
public struct SynthOptions: Sendable, Equatable {
    /// Rows to generate (> 0).
    public var count: Int
    /// The same seed gives the same rows.
    public var seed: UInt64

    public init(count: Int, seed: UInt64 = 1) {
        self.count = count
        self.seed = seed
    }
}

/// Deterministic synthetic incidents in ACLED's CSV layout, drawn like real conflict data (DESIGN §4) so that
/// benchmark figures mean something, and marked synthetic in every row (`source`, `notes`, `SYN` ids).
///
/// Where incidents fall:
/// - 65% along Afghanistan's international borders (AFG-CHN, -IRN, -PAK, -TJK, -TKM, -UZB), at most
///   59.5 km (geodesic) from the line: 55% of them at a point drawn uniformly along the lines (so each border
///   gets a share proportional to its geodesic length), moved roughly perpendicular to the line (±30°), to
///   either side, by a distance from an exponential law of mean 15 km truncated at 59.5 km; the other 45% in
///   36 hotspots: centres within 25 km of a line, heavy-tailed popularity, Gaussian spread of 3–15 km
///   (truncated so no point leaves the 59.5 km zone) and a Gaussian activity period in time;
/// - 35% uniformly by area over Afghanistan, Pakistan, Tajikistan, Uzbekistan, Turkmenistan,
///   Kyrgyzstan and Iran, east of 55°E (about 14% of these land within 60 km of the border too, so in all
///   about 70% of the incidents lie within 60 km of an Afghan border line).
/// Every point is rounded to 5 decimals and then located in the bundled admin-1 regions: `country` (the
/// country's name, as ACLED writes it) and `admin1` (the region's name) are those of the region covering the
/// rounded point; a point outside every region is drawn again, never emitted.
///
/// Dates run over 2024-01-01...2026-12-31 with a summer peak (weight 1 + 0.3·cos of the day of year, highest
/// mid-July); hotspot incidents cluster around their hotspot's active period. Event types follow rough ACLED
/// shares (more battles and explosions near the border, more protests away from it); fatalities are 0 for
/// most rows and heavy-tailed otherwise; geo_precision is 1, 2 or 3 with probability 0.6, 0.3, 0.1.
///
/// Same seed, same bytes: all randomness comes from `SynthRandom` (xoshiro256**), and the geodesics from
/// PROJ's `geod_direct`. (Bit-identity across machines assumes the same libm results for log, cos, asin.)
///
/// Holds a `RegionSet`, so a `Synth` belongs to one thread.
public final class Synth {
    /// The CSV columns, in order.
    public static let columns = ["event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "actor2",
                                 "country", "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities",
                                 "source", "notes"]
    /// Inclusive date range.
    public static let firstDay = (year: 2024, month: 1, day: 1)
    public static let lastDay = (year: 2026, month: 12, day: 31)
    /// The border zone the clustered incidents stay in (km): a little under 60 km, so rounding and the
    /// measure never push one across.
    public static let borderZoneKm = 59.5
    /// The countries background incidents are spread over (Iran only east of `backgroundMinLongitude`).
    public static let backgroundCountries: Set<String> = ["AFG", "IRN", "KGZ", "PAK", "TJK", "TKM", "UZB"]
    public static let backgroundMinLongitude = 55.0
    /// The country whose borders the clustered incidents follow.
    public static let focusCountry = "AFG"

    /// Shares of the three ways of placing an incident.
    static let componentWeights = cumulativeWeights([0.65 * 0.55, 0.65 * 0.45, 0.35])  // along the border, hotspot, background
    static let hotspotCount = 36
    static let diffuseMeanKm = 15.0
    static let hotspotCentreMaxKm = 25.0
    static let maxDrawsPerRow = 10_000

    public let options: SynthOptions
    private let regions: RegionSet
    private let sampler: BorderSampler
    private let backgroundBox: Envelope
    /// Per region index: its country's index in `countryNames`, its name as a CSV field, its location field.
    private let regionCountry: [Int]
    private let regionField: [[UInt8]]
    private let siteField: [[UInt8]]
    private let backgroundRegion: [Bool]
    /// Country names (admin-0 `region_name`) by index, their CSV fields, and `actorField[country][role]`.
    private let countryIndex: [String: Int]
    private let countryField: [[UInt8]]
    private let actorField: [[[UInt8]]]
    private let focusIndex: Int
    private let days: SynthCalendar
    private let types: [TypeTable]
    private let borderTypeWeights: [Double]
    private let backgroundTypeWeights: [Double]

    /// `regions` is the admin-1 layer incidents are located in, `countries` the admin-0 layer (for names and
    /// the background box), `borders` the border lines. All on one GEOS context.
    public init(options: SynthOptions, regions: RegionSet, countries: RegionSet, borders: BorderSet) throws {
        guard options.count > 0 else { throw FrontierError.badValue(.rowCount, value: String(options.count), reason: "it must be greater than 0") }
        self.options = options
        self.regions = regions

        // Countries: names and actor strings.
        let countryRegions = countries.regions
        var index: [String: Int] = [:]
        for (i, c) in countryRegions.enumerated() { index[c.country] = i }
        countryIndex = index
        countryField = countryRegions.map { Self.field($0.name) }
        actorField = countryRegions.map { c in SynthVocabulary.Role.allCases.map { Self.field($0.name(in: c.name)) } }
        guard let focus = index[Self.focusCountry] else {
            throw FrontierError.invalid(file: "GeoData", reason: "the admin-0 layer has no \(Self.focusCountry)")
        }
        focusIndex = focus

        var regionCountry: [Int] = []
        for r in regions.regions {
            guard let c = index[r.country] else {
                throw FrontierError.invalid(file: "GeoData", reason: "region \(r.id) belongs to \(r.country), which the admin-0 layer lacks")
            }
            regionCountry.append(c)
        }
        self.regionCountry = regionCountry
        regionField = regions.regions.map { Self.field($0.name) }
        siteField = regions.regions.map { Self.field("Synthetic site in \($0.name)") }
        backgroundRegion = regions.regions.map { Self.backgroundCountries.contains($0.country) }

        // The background box: the listed countries' envelope, cut at 55°E.
        var box: Envelope?
        for c in countryRegions where Self.backgroundCountries.contains(c.country) {
            guard let e = try c.geometry.envelope() else { continue }
            if box == nil { box = e } else { box!.expand(toInclude: e) }
        }
        guard var background = box else { throw FrontierError.invalid(file: "GeoData", reason: "the admin-0 layer has none of the background countries") }
        background.minX = max(background.minX, Self.backgroundMinLongitude)
        backgroundBox = background

        // The border lines touching the focus country.
        var lines: [(neighbour: Int, parts: [[Coordinate]])] = []
        for b in borders.borders where b.countryA == Self.focusCountry || b.countryB == Self.focusCountry {
            let other = b.countryA == Self.focusCountry ? b.countryB : b.countryA
            guard let n = index[other] else { continue }
            lines.append((n, try b.geometry.lines()))
        }
        sampler = try BorderSampler(lines: lines)

        days = SynthCalendar()
        types = SynthVocabulary.eventTypes.map(TypeTable.init)
        borderTypeWeights = cumulativeWeights(SynthVocabulary.eventTypes.map(\.borderWeight))
        backgroundTypeWeights = cumulativeWeights(SynthVocabulary.eventTypes.map(\.backgroundWeight))
    }

    /// Loads the bundled admin-1 and admin-0 layers and border lines.
    public convenience init(options: SynthOptions, geodata: GeoDataLocation? = nil, context: GEOSContext? = nil) throws {
        let context = try context ?? GEOSContext()
        let location = try geodata ?? GeoDataLocation.resolve()
        try self.init(options: options,
                      regions: RegionSet.load(.admin1, geodata: location, context: context),
                      countries: RegionSet.load(.admin0, geodata: location, context: context),
                      borders: BorderSet.load(geodata: location, context: context))
    }

    /// The header line, without its line end.
    public static var header: String { columns.joined(separator: ",") }

    // MARK: - Output

    /// Streams the CSV (header, then `count` rows, LF line ends) to `sink` in chunks of about 1 MB, each
    /// ending at a line end. Returns the number of rows written. Each call starts again from the seed.
    @discardableResult
    public func write(chunks sink: (_ bytes: [UInt8]) throws -> Void) throws -> Int {
        let chunkSize = 1 << 20
        var out: [UInt8] = []
        out.reserveCapacity(chunkSize + 8192)
        out.append(contentsOf: Array(Self.header.utf8))
        out.append(0x0A)

        var rng = SynthRandom(seed: options.seed)
        let hotspots = try makeHotspots(&rng)
        let hotspotWeights = cumulativeWeights(hotspots.map(\.weight))
        let hotspotFields = hotspots.indices.map { Self.field("Synthetic hotspot \(Self.padded($0 + 1, width: 2))") }
        let source = Array("synthetic".utf8)
        let notes = Self.field("Synthetic incident generated by frontier synth (seed \(options.seed)); not a real event")  // engine-text: data (each synthetic row says what made it)
        let idWidth = max(9, String(options.count).count)

        for n in 1...options.count {
            // Where.
            let component = rng.pick(cumulative: Self.componentWeights)
            var hotspot = -1
            var across = -1
            var place: (lon: Int64, lat: Int64, region: Int)?
            for _ in 0..<Self.maxDrawsPerRow {
                let point: Coordinate
                switch component {
                case 0:
                    let p = sampler.point(at: rng.uniform() * sampler.totalLength)
                    let side = rng.chance(0.5) ? 90.0 : -90.0
                    let azimuth = p.azimuth + side + rng.uniform(-30, 30)
                    let d = Self.truncatedExponential(&rng, mean: Self.diffuseMeanKm, max: Self.borderZoneKm)
                    point = Geodesic.wgs84.direct(from: p.coordinate, azimuth: azimuth, distance: d * 1000).coordinate
                    across = p.neighbour
                case 1:
                    hotspot = rng.pick(cumulative: hotspotWeights)
                    let h = hotspots[hotspot]
                    var r = h.maxRadiusKm
                    for _ in 0..<100 {
                        r = h.sigmaKm * (-2 * log(rng.uniformPositive())).squareRoot()
                        if r <= h.maxRadiusKm { break }
                    }
                    r = min(r, h.maxRadiusKm)
                    point = Geodesic.wgs84.direct(from: h.centre, azimuth: rng.uniform(0, 360), distance: r * 1000).coordinate
                    across = h.neighbour
                default:
                    let b = backgroundBox
                    let sinA = sin(b.minY * .pi / 180), sinB = sin(b.maxY * .pi / 180)
                    let lat = asin(sinA + rng.uniform() * (sinB - sinA)) * 180 / .pi
                    point = Coordinate(lon: rng.uniform(b.minX, b.maxX), lat: lat)
                }
                let lon = Int64((point.lon * 1e5).rounded()), lat = Int64((point.lat * 1e5).rounded())
                guard abs(lon) <= 18_000_000, abs(lat) <= 9_000_000 else { continue }
                guard let region = try regions.locate(Coordinate(lon: Double(lon) / 1e5, lat: Double(lat) / 1e5)) else { continue }
                if component == 2, !backgroundRegion[region] || Double(lon) / 1e5 < Self.backgroundMinLongitude { continue }
                place = (lon, lat, region)
                break
            }
            guard let place else {
                throw FrontierError.invalid(file: "GeoData", reason: "could not place incident \(n) inside a region after \(Self.maxDrawsPerRow) draws")
            }
            let here = regionCountry[place.region]
            let there: Int
            if across < 0 { there = here } else { there = here == focusIndex ? across : focusIndex }

            // When.
            var day = -1
            if hotspot >= 0 {
                let h = hotspots[hotspot]
                for _ in 0..<8 {
                    let d = Int((h.peakDay + rng.normal() * h.sigmaDays).rounded())
                    if d >= 0, d < days.count { day = d; break }
                }
            }
            if day < 0 { day = days.seasonalDay(&rng) }

            // What.
            let typeIndex = rng.pick(cumulative: component == 2 ? backgroundTypeWeights : borderTypeWeights)
            let type = types[typeIndex]
            let sub = type.subEvents[rng.pick(cumulative: type.subEventWeights)]
            let actor1 = sub.actor1[rng.pick(cumulative: sub.actor1Weights)]
            var actor2 = sub.actor2[rng.pick(cumulative: sub.actor2Weights)]
            // An actor does not fight itself: draw actor2 again, and leave it empty if it keeps matching.
            for attempt in 0..<4 where actor2.role != nil && actor2.role == actor1.role
                && (actor2.side == .here ? here : there) == (actor1.side == .here ? here : there) {
                actor2 = attempt < 3 ? sub.actor2[rng.pick(cumulative: sub.actor2Weights)]
                                     : SynthVocabulary.ActorChoice(role: nil, side: .here, weight: 0)
            }
            var fatalities = 0
            if rng.chance(sub.fatalShare) {
                fatalities = Int(min(500, (1 / pow(rng.uniformPositive(), 1 / sub.tail)).rounded(.down)))
            }
            let u = rng.uniform()
            let precision: UInt8 = u < 0.6 ? 1 : (u < 0.9 ? 2 : 3)

            // The row.
            out.append(contentsOf: [0x53, 0x59, 0x4E])  // SYN
            Self.appendPadded(&out, n, width: idWidth); out.append(0x2C)
            out.append(contentsOf: days.dateField[day]); out.append(0x2C)
            out.append(contentsOf: days.yearField[day]); out.append(0x2C)
            out.append(contentsOf: type.nameField); out.append(0x2C)
            out.append(contentsOf: sub.nameField); out.append(0x2C)
            appendActor(&out, actor1, here: here, there: there); out.append(0x2C)
            appendActor(&out, actor2, here: here, there: there); out.append(0x2C)
            out.append(contentsOf: countryField[here]); out.append(0x2C)
            out.append(contentsOf: regionField[place.region]); out.append(0x2C)
            out.append(contentsOf: hotspot >= 0 ? hotspotFields[hotspot] : siteField[place.region]); out.append(0x2C)
            Self.appendFixed5(&out, place.lat); out.append(0x2C)
            Self.appendFixed5(&out, place.lon); out.append(0x2C)
            out.append(0x30 + precision); out.append(0x2C)
            Self.appendInt(&out, fatalities); out.append(0x2C)
            out.append(contentsOf: source); out.append(0x2C)
            out.append(contentsOf: notes); out.append(0x0A)

            if out.count >= chunkSize {
                try sink(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        if !out.isEmpty { try sink(out) }
        return options.count
    }

    /// Streams the CSV to a file handle (stdout or a file), about 1 MB per write.
    @discardableResult
    public func write(to handle: FileHandle) throws -> Int {
        try write(chunks: { try handle.write(contentsOf: $0) })
    }

    /// Streams the CSV as text chunks of about 1 MB.
    @discardableResult
    public func write(text sink: (String) throws -> Void) throws -> Int {
        try write(chunks: { try sink(String(decoding: $0, as: UTF8.self)) })
    }

    /// The whole CSV as one string: for small counts (tests, examples).
    public func text() throws -> String {
        var bytes: [UInt8] = []
        try write(chunks: { bytes.append(contentsOf: $0) })
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Drawing

    struct Hotspot {
        var centre: Coordinate
        var neighbour: Int
        var sigmaKm: Double
        var maxRadiusKm: Double
        var weight: Double
        var peakDay: Double
        var sigmaDays: Double
    }

    /// Hotspot centres within `hotspotCentreMaxKm` of a border line and inside a region, with heavy-tailed
    /// popularity (a Pareto weight, α = 1.2) and an activity period of 20–200 days (one standard deviation).
    private func makeHotspots(_ rng: inout SynthRandom) throws -> [Hotspot] {
        var result: [Hotspot] = []
        var draws = 0
        while result.count < Self.hotspotCount {
            draws += 1
            if draws > Self.maxDrawsPerRow { throw FrontierError.invalid(file: "GeoData", reason: "could not place the synthetic hotspots inside a region") }
            let p = sampler.point(at: rng.uniform() * sampler.totalLength)
            let dc = rng.uniform(0, Self.hotspotCentreMaxKm)
            let azimuth = p.azimuth + (rng.chance(0.5) ? 90 : -90) + rng.uniform(-30, 30)
            let centre = Geodesic.wgs84.direct(from: p.coordinate, azimuth: azimuth, distance: dc * 1000).coordinate
            let sigma = rng.uniform(3, 15)
            let weight = min(50, 1 / pow(rng.uniformPositive(), 1 / 1.2))
            let peak = rng.uniform(0, Double(days.count))
            let sigmaDays = rng.uniform(20, 200)
            guard try regions.locate(centre) != nil else { continue }
            result.append(Hotspot(centre: centre, neighbour: p.neighbour, sigmaKm: sigma,
                                  maxRadiusKm: Self.borderZoneKm - dc, weight: weight, peakDay: peak, sigmaDays: sigmaDays))
        }
        return result
    }

    /// Exponential with the given mean, truncated to [0, max] (inverse CDF, no rejection).
    private static func truncatedExponential(_ rng: inout SynthRandom, mean: Double, max: Double) -> Double {
        let u = rng.uniform()
        return -mean * log(1 - u * (1 - exp(-max / mean)))
    }

    private func appendActor(_ out: inout [UInt8], _ choice: SynthVocabulary.ActorChoice, here: Int, there: Int) {
        guard let role = choice.role else { return }
        let country = choice.side == .here ? here : there
        out.append(contentsOf: actorField[country][role.rawValue])
    }

    // MARK: - Text

    static func field(_ s: String) -> [UInt8] {
        Array(CSVWriter.field(s).utf8)
    }

    static func padded(_ n: Int, width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    private static func appendInt(_ out: inout [UInt8], _ value: Int) {
        if value < 0 { out.append(0x2D); appendUnsigned(&out, UInt64(-value)); return }
        appendUnsigned(&out, UInt64(value))
    }

    private static func appendUnsigned(_ out: inout [UInt8], _ value: UInt64) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value, count = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            repeat { buf[count] = UInt8(v % 10) + 0x30; v /= 10; count += 1 } while v > 0
            for i in stride(from: count - 1, through: 0, by: -1) { out.append(buf[i]) }
        }
    }

    private static func appendPadded(_ out: inout [UInt8], _ value: Int, width: Int) {
        var digits = 1, v = value
        while v >= 10 { v /= 10; digits += 1 }
        for _ in digits..<max(width, digits) { out.append(0x30) }
        appendUnsigned(&out, UInt64(value))
    }

    /// A coordinate held as an integer count of 1e-5 degrees, printed with exactly 5 decimals.
    private static func appendFixed5(_ out: inout [UInt8], _ value: Int64) {
        if value < 0 { out.append(0x2D) }
        let m = value.magnitude
        appendUnsigned(&out, m / 100_000)
        out.append(0x2E)
        var frac = m % 100_000
        var buf: [UInt8] = [0, 0, 0, 0, 0]
        for i in stride(from: 4, through: 0, by: -1) { buf[i] = UInt8(frac % 10) + 0x30; frac /= 10 }
        out.append(contentsOf: buf)
    }
}

/// An event type with its sub-event types, names pre-rendered as CSV fields.
private struct TypeTable {
    struct Sub {
        let nameField: [UInt8]
        let actor1: [SynthVocabulary.ActorChoice]
        let actor1Weights: [Double]
        let actor2: [SynthVocabulary.ActorChoice]
        let actor2Weights: [Double]
        let fatalShare: Double
        let tail: Double
    }

    let nameField: [UInt8]
    let subEvents: [Sub]
    let subEventWeights: [Double]

    init(_ t: SynthVocabulary.EventType) {
        nameField = Synth.field(t.name)
        subEvents = t.subEvents.map {
            Sub(nameField: Synth.field($0.name), actor1: $0.actor1, actor1Weights: cumulativeWeights($0.actor1.map(\.weight)),
                actor2: $0.actor2, actor2Weights: cumulativeWeights($0.actor2.map(\.weight)),
                fatalShare: $0.fatalShare, tail: $0.tail)
        }
        subEventWeights = cumulativeWeights(t.subEvents.map(\.weight))
    }
}

/// The days of the synthetic period with their `event_date` and `year` fields, and a seasonal draw.
private struct SynthCalendar {
    let dateField: [[UInt8]]
    let yearField: [[UInt8]]
    /// Running sums of the seasonal weights.
    let cumulative: [Double]
    var count: Int { dateField.count }

    init() {
        var dates: [[UInt8]] = [], years: [[UInt8]] = [], weights: [Double] = []
        for year in Synth.firstDay.year...Synth.lastDay.year {
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            var dayOfYear = 0
            for (m, length) in lengths.enumerated() {
                for d in 1...length {
                    dayOfYear += 1
                    dates.append(Array("\(year)-\(Synth.padded(m + 1, width: 2))-\(Synth.padded(d, width: 2))".utf8))
                    years.append(Array(String(year).utf8))
                    // The fighting season: highest in mid-July (day 196), lowest in mid-January.
                    weights.append(1 + 0.3 * cos(2 * Double.pi * Double(dayOfYear - 196) / 365.25))
                }
            }
        }
        dateField = dates
        yearField = years
        cumulative = cumulativeWeights(weights)
    }

    /// A day index drawn with the seasonal weights (binary search on the running sums).
    func seasonalDay(_ rng: inout SynthRandom) -> Int {
        let u = rng.uniform() * cumulative[cumulative.count - 1]
        var lo = 0, hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] > u { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// Points drawn uniformly by geodesic length along a set of border lines, each segment a geodesic.
struct BorderSampler {
    struct Segment {
        var start: Coordinate
        var azimuth: Double
        var length: Double
        /// Length of all segments before this one (m).
        var offset: Double
        var neighbour: Int
    }

    let segments: [Segment]
    /// Metres.
    let totalLength: Double

    init(lines: [(neighbour: Int, parts: [[Coordinate]])]) throws {
        var segments: [Segment] = []
        var total = 0.0
        for line in lines {
            for part in line.parts {
                for (a, b) in zip(part, part.dropFirst()) {
                    let inv = Geodesic.wgs84.inverse(from: a, to: b)
                    guard inv.distance > 0 else { continue }
                    segments.append(Segment(start: a, azimuth: inv.azimuth1, length: inv.distance, offset: total, neighbour: line.neighbour))
                    total += inv.distance
                }
            }
        }
        guard total > 0 else { throw FrontierError.invalid(file: "GeoData", reason: "no border line touches \(Synth.focusCountry)") }
        self.segments = segments
        self.totalLength = total
    }

    /// The point `s` metres along the lines, the line's azimuth there, and the neighbouring country.
    func point(at s: Double) -> (coordinate: Coordinate, azimuth: Double, neighbour: Int) {
        var lo = 0, hi = segments.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if segments[mid].offset <= s { lo = mid } else { hi = mid - 1 }
        }
        let seg = segments[lo]
        let along = min(max(s - seg.offset, 0), seg.length)
        let p = Geodesic.wgs84.direct(from: seg.start, azimuth: seg.azimuth, distance: along)
        return (p.coordinate, p.azimuth, seg.neighbour)
    }
}
