/// A near request with its input open and its zone drawn: the columns of the rows and the notices are known
/// before any row is read; `run` reads the input once.
public final class NearScan {
    /// The request being answered.
    public let request: NearRequest
    /// The opened input.
    public let scan: IncidentScan
    /// The columns each row has: the input's kept ones, then region_id, region_country, region_name (and
    /// region_code when asked), distance_km, band_km (several distances only), side, and actor_country,
    /// cross_border with an attribution.
    public let columns: IncidentColumns
    /// Repairs to the regions and a region target read as another spelling.
    public let notices: [RequestNotice]
    /// The zone: its target's name, its reach and bands.
    public let zone: NearZone
    /// The countries whose incidents are kept (nil: any).
    public let sidesKept: Set<String>?
    private let regions: RegionSet
    private let countries: RegionSet
    private let attribution: ActorAttribution?
    /// Each region's row label, made once (as `JoinScan`'s): a label per row copied its region's strings.
    private let labels: [RegionLabel]

    init(_ request: NearRequest) throws {
        self.request = request
        let context = try GEOSContext()
        var notices: [RequestNotice]
        (regions, notices) = try request.places.loadRegions(geodata: request.geodata, context: context)
        countries = try RegionSet.load(.admin0, geodata: request.geodata.location(), context: context)
        labels = regions.regions.map(RegionLabel.init)
        let (target, readAs) = try request.target.resolve(regions: regions, geodata: request.geodata, context: context)
        notices += readAs
        zone = try ZoneTarget.zone(target, bands: request.within, regions: regions)
        switch target {
        case .border(let line): sidesKept = try request.sides.countries(border: line)
        case .region: sidesKept = try request.sides.countries(around: countries)
        }
        var line: BorderLine?
        if case .border(let l) = target { line = l }
        var query = request.input
        query.zone = zone
        query.sides = sidesKept
        let check = try request.places.mismatchCheck(geodata: request.geodata)
        scan = try IncidentScan(query, locating: ScanLocating(regions: regions, countries: countries, mismatch: check, swaps: check))
        attribution = request.attribution
            ? try ActorAttribution(columns: scan.columns, border: line.map { [$0.countryA, $0.countryB] }, geodata: request.geodata) : nil
        if let attribution, !attribution.readsActors { notices.append(.noActorColumns(file: scan.name)) }
        columns = try IncidentColumns(header: scan.columns, file: scan.name, chosen: request.columns, appended:
            RegionLabel.columns(code: request.regionCode) + ["distance_km"] + (zone.bands.count > 1 ? ["band_km"] : []) + ["side"]
                + (attribution == nil ? [] : ActorAttribution.columns), missingAllowed: request.oneOfSeveral)
        // Rows written as their text need no values: only with every column kept as it came, comma-separated,
        // and no actor read for an attribution.
        if request.writesRowText, attribution == nil, columns.isWholeInput, scan.query.delimiter == UInt8(ascii: ",") { scan.keepRowTextOnly() }
        self.notices = notices
    }

    /// Reads the input once, giving each incident in the zone to `row`, in input order.
    /// - Parameters:
    ///   - events: rejected rows and mismatches (the bundled regions only) as they come, and progress.
    ///   - row: each incident kept; throwing stops the scan.
    /// - Returns: the scan's counts and how many of the incidents returned are placed only roughly.
    /// - Throws: the input's read errors and whatever `row` or `events.onMismatch` throw.
    public func run(_ events: ScanEvents = ScanEvents(), row: (NearRow) throws -> Void) throws -> NearSummary {
        let banded = zone.bands.count > 1
        let summary = try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
            if s.mismatched, request.listsMismatches { try events.onMismatch(MismatchRow(s, scan: scan, regions: regions)) }
            let metres = s.distance ?? 0
            let side = s.country.map { countries.regions[$0].country } ?? ""
            try row(NearRow(incident: s.incident, region: s.region.map { labels[$0] },
                            distanceKm: (metres / 1000 * 10_000).rounded() / 10_000,
                            bandKm: banded ? zone.band(holding: metres).metres / 1000 : nil,
                            side: side, regionCode: request.regionCode, attribution: attribution?.attribute(s.incident, country: side)))
        }
        return NearSummary(scan: summary)
    }
}
