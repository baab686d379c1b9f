import FrontierFormats
/// A join request with its input open: the columns of the rows and the scan's notices are known before any
/// row is read; `run` reads the input once.
public final class JoinScan {
    /// The request being answered.
    public let request: JoinRequest
    /// The opened input.
    public let scan: IncidentScan
    /// The columns each row has: the input's kept ones, then region_id, region_country, region_name (and
    /// region_code when asked).
    public let columns: IncidentColumns
    /// Repairs to the regions, as they were loaded.
    public let notices: [RequestNotice]
    private let regions: RegionSet?
    private let countries: RegionSet?
    private var cells: GridCells?
    /// Each region's row label and the values of its columns, made once: made per row, the strings and the
    /// array were a fifth of the writing thread's time.
    private let labels: [JoinRow.Place]
    /// The empty region columns of a row outside every region.
    private let outside: JoinRow.Place

    init(_ request: JoinRequest) throws {
        self.request = request
        let context = try GEOSContext()
        let grid = request.places.grid
        var notices: [RequestNotice] = []
        if grid == nil {
            let loaded = try request.places.loadRegions(geodata: request.geodata, context: context)
            regions = loaded.regions
            notices = loaded.notices
        } else {
            regions = nil
        }
        // Cells are labelled with the country holding their centre.
        countries = grid == nil ? nil : try RegionSet.load(.admin0, geodata: request.geodata.location(), context: context)
        cells = grid.map(GridCells.init)
        var query = request.input
        query.onServer = .locateIfNarrowing  // from PostGIS, the server locates the rows of the regions named
        let check = try request.places.mismatchCheck(geodata: request.geodata)
        scan = try IncidentScan(query, locating: ScanLocating(regions: regions, mismatch: check, grid: grid, swaps: check))
        columns = try IncidentColumns(header: scan.columns, file: scan.name, chosen: request.columns,
                                      appended: RegionLabel.columns(code: request.regionCode), missingAllowed: request.oneOfSeveral)
        labels = (regions?.regions ?? []).map { JoinRow.Place(RegionLabel($0), code: request.regionCode, madeOnce: true) }
        outside = JoinRow.Place(nil, code: request.regionCode, madeOnce: true)
        // Rows written as their text need no values: only with every column kept as it came, comma-separated.
        if request.writesRowText, columns.isWholeInput, scan.query.delimiter == UInt8(ascii: ",") { scan.keepRowTextOnly() }
        self.notices = notices
    }

    /// Reads the input once, giving each kept incident with its region to `row`, in input order.
    /// - Parameters:
    ///   - events: rejected rows and mismatches (the bundled regions only) as they come, and progress.
    ///   - row: each kept incident; throwing stops the scan.
    /// - Returns: the counts: read, rejected, kept, unmatched, mismatched.
    /// - Throws: the input's read errors and whatever `row` or `events.onMismatch` throw.
    public func run(_ events: ScanEvents = ScanEvents(), row: (JoinRow) throws -> Void) throws -> ScanSummary {
        try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
            if let cell = s.cell, let label = try cells?.label(cell, countries: countries) {
                try row(JoinRow(incident: s.incident, region: RegionLabel(id: label.id, country: label.country, name: label.id), regionCode: request.regionCode))
                return
            }
            if s.mismatched, request.listsMismatches, let regions { try events.onMismatch(MismatchRow(s, scan: scan, regions: regions)) }
            try row(JoinRow(incident: s.incident, place: s.region.map { labels[$0] } ?? outside))
        }
    }
}

/// A kept incident and the region it lies in (nil: outside every region).
public struct JoinRow {
    /// The kept incident, with its input values.
    public var incident: Incident
    /// The region it lies in; nil outside every region.
    public var region: RegionLabel? { place.label }
    /// Whether the region columns include `region_code` (`JoinRequest.regionCode`).
    public var regionCode: Bool { place.code }
    /// The values of the region columns, after the input's.
    public var appended: [PropertyValue] { place.values }
    /// `appended` as CSV cells, each after a comma (`CSVWriter.cells`), made once per region for a writer
    /// that gives them after a row passed through as its text; nil for a grid cell's row (made per row).
    public var appendedCells: [UInt8]? { place.cells }
    private var place: Place

    /// A region's label with the values of its columns, made once per region rather than per row. A class:
    /// a row refers to its region's place, and copying a row counts one reference, not one per string.
    final class Place {
        let label: RegionLabel?
        let code: Bool
        let values: [PropertyValue]
        let cells: [UInt8]?

        /// `madeOnce`: the place serves many rows (a region's), so its CSV cells are made too.
        init(_ label: RegionLabel?, code: Bool, madeOnce: Bool = false) {
            self.label = label
            self.code = code
            values = RegionLabel.values(label, code: code)
            cells = madeOnce ? CSVWriter.cells(values) : nil
        }
    }

    /// - Parameters:
    ///   - incident: the kept incident.
    ///   - region: its region, nil outside every region.
    ///   - regionCode: whether `appended` includes the region's code (as the scan's columns do when asked).
    public init(incident: Incident, region: RegionLabel?, regionCode: Bool = false) {
        self.init(incident: incident, place: Place(region, code: regionCode))
    }

    init(incident: Incident, place: Place) {
        self.incident = incident
        self.place = place
    }
}
