import Foundation
import Geo
import FrontierBase
import FrontierFormats
import FrontierPlaces
import FrontierTables
import FrontierPostGIS

/// One incident that passed validation and the query's filters, with what the query asked to know of it.
public struct ScannedIncident {
    public var incident: Incident
    /// Its region among the scan's regions (nil: outside every region, or no regions asked for).
    public var region: Int?
    /// Metres to the query's zone (nil without a zone).
    public var distance: Double?
    /// Its country among the scan's countries (nil: outside all, or none asked for).
    public var country: Int?
    /// Whether the country/admin1 the row reports disagrees with its region.
    public var mismatched = false
    /// Its cell, when the scan locates in a grid.
    public var cell: Grid.Cell?
}

/// What the scan locates kept incidents against. Each worker thread gets its own copies (GEOS objects
/// belong to one thread); these originals serve the first.
public struct ScanLocating {
    public var regions: RegionSet?
    /// The countries, for the side of a border an incident lies on.
    public var countries: RegionSet?
    /// Compares reported and located places (only when the input reports a country or admin1).
    public var mismatch: MismatchCheck?
    /// Cells instead of regions (`grid:10km`, `priogrid`: `Grid`): each kept incident gets its cell.
    public var grid: Grid?

    public init(regions: RegionSet? = nil, countries: RegionSet? = nil, mismatch: MismatchCheck? = nil, grid: Grid? = nil) {
        self.regions = regions
        self.countries = countries
        self.mismatch = mismatch
        self.grid = grid
    }
}

/// The counts every reading command reports.
public struct ScanSummary: Sendable, Equatable {
    public var read = 0
    public var rejected = 0
    /// Valid incidents that passed the filters and the zone.
    public var kept = 0
    /// Kept incidents outside every region (when regions were asked for).
    public var unmatched = 0
    /// Kept incidents whose reported place disagrees with the located region.
    public var mismatched = 0
    /// The first and last date of the valid rows, whatever the filters kept (days since 1970-01-01): the
    /// period the input covers, for telling partial windows and filling series.
    public var firstDay: Int?
    public var lastDay: Int?
    /// Rejections by field and reason ("unparseable date in 'event_date'"), for when every row was rejected.
    public var rejectedByKind: [String: Int] = [:]

    public init() {}

    /// Rows were read and none could be used: an answer from nothing, which commands refuse.
    public var everyRowRejected: Bool { read > 0 && rejected == read }

    mutating func noteDate(_ date: CivilDate?) {
        guard let date else { return }
        noteDay(date.daysSinceEpoch)
    }

    mutating func noteDay(_ day: Int) {
        if firstDay.map({ day < $0 }) ?? true { firstDay = day }
        if lastDay.map({ $0 < day }) ?? true { lastDay = day }
    }

    mutating func count(_ r: Rejection) {
        rejected += 1
        rejectedByKind[r.field.isEmpty ? r.problem.kind : "\(r.problem.kind) in '\(r.field)'", default: 0] += 1
    }
}

/// Something the input lacks that changes the answer without being an error.
public enum ScanNotice: Sendable, Equatable {
    /// No column for this field: fatalities count as 0, or duplicate ids go undetected.
    case noColumn(IncidentFields.Role, name: String)
    /// The header shows a known layout (UCDP GED), read with its profile.
    case profileDetected(SourceProfile)
    /// The header line is separated by this byte, not a comma.
    case delimiterDetected(UInt8)
    /// A PostGIS server could not locate the rows (why): Frontier did.
    case locatedInFrontier(String)
}

/// The one way every command reads incidents: from CSV (cut into chunks that worker threads parse,
/// validate, filter and locate in parallel), GeoJSON/GeoJSONL or a store (read in order on this thread),
/// with one validator, one duplicate check over the rows in input order, and one summary. Kept incidents
/// reach `consume` in input order, and rejections `onReject` in line order, whatever the number of workers.
public final class IncidentScan {
    public let query: IncidentQuery
    public let name: String
    /// The input's columns in input order.
    public let columns: [String]
    public let fieldColumns: IncidentFields.Columns
    /// Whether the CSV input began with a UTF-8 byte order mark (join writes one back).
    public let hadBOM: Bool
    public let notices: [ScanNotice]
    /// The regions whose incidents are kept (nil: all): the query's, narrowed by filter conditions on
    /// the region columns. A filled series covers exactly these.
    public let regionsAllowed: Set<Int>?

    private enum Source {
        case chunks(CSVChunker)
        case reader(IncidentReader)
    }
    private let source: Source
    private let locating: ScanLocating
    private let filter: IncidentFilter.Resolved
    private let readerOptions: IncidentReader.Options

    /// Opens the input and reads its header. `handle` replaces opening `query.path` (standard input).
    public init(_ given: IncidentQuery, locating: ScanLocating = ScanLocating(), handle: FileHandle? = nil) throws {
        var query = given
        self.locating = locating
        name = DatabaseURL.displayName(query.path)
        var notices: [ScanNotice] = []
        regionsAllowed = try IncidentScan.regionsAllowed(query, regions: locating.regions)
        query.serverLocating = try IncidentScan.serverLocating(query, locating, allowed: regionsAllowed)
        let handle = handle ?? (query.readsStandardInput ? .standardInput : nil)
        if query.format == .csv {
            let chunker = try CSVChunker(handle: IncidentReader.open(query.path, handle), name: query.path, delimiter: query.delimiter)
            columns = chunker.header.fields
            query.delimiter = chunker.delimiter
            if chunker.delimiterDetected { notices.append(.delimiterDetected(chunker.delimiter)) }
            if query.profile == nil, let detected = SourceProfile.detect(header: columns) {
                query.profile = detected
                query.fields = detected.fields(query.given)
                notices.append(.profileDetected(detected))
            }
            fieldColumns = try query.fields.columns(in: columns, file: query.path)
            hadBOM = chunker.hadBOM
            source = .chunks(chunker)
            readerOptions = query.readerOptions(keepsReportedPlace: locating.mismatch != nil)
        } else {
            readerOptions = query.readerOptions(keepsReportedPlace: locating.mismatch != nil)
            let reader = try IncidentReader(path: query.path, handle: handle, options: readerOptions)
            if let reason = reader.notLocatedOnServer { notices.append(.locatedInFrontier(reason)) }
            // A store reads its rows back under the mapping it recorded.
            query.fields = reader.fields
            columns = reader.columns
            fieldColumns = reader.fieldColumns
            hadBOM = false
            source = .reader(reader)
        }
        if query.sides != nil, locating.countries == nil {
            throw FrontierError.invalid(file: name, reason: "keeping incidents by side needs the countries to locate them in")
        }
        if query.requiresDate, fieldColumns.date == nil {
            throw FrontierError.missingColumns(file: name, fields: [.date], names: [query.fields.date], found: columns)
        }
        var groups: [IncidentFilter.Resolved.Group] = []
        for (column, values) in query.filter.groups(query.filter.equals) {
            if locating.regions != nil, IncidentFilter.regionColumns.contains(column) { continue }  // decided above
            guard let i = IncidentFields.column(column, in: columns) else {
                throw FrontierError.unknownColumn(file: name, column: column, found: columns + (locating.regions == nil ? [] : IncidentFilter.regionColumns))
            }
            groups.append(IncidentFilter.Resolved.Group(column: i, values: values))
        }
        filter = IncidentFilter.Resolved(filter: query.filter, groups: groups)
        self.query = query
        if fieldColumns.id == nil { notices.append(.noColumn(.id, name: query.fields.id)) }
        if fieldColumns.fatalities == nil { notices.append(.noColumn(.fatalities, name: query.fields.fatalities)) }
        self.notices = notices
    }

    /// What a PostGIS server can decide for this query: regions of a bundled layer (the server's copy is
    /// checked when the table is opened), without a zone, whose distances only Frontier measures exactly.
    /// Counting in groups needs the default years too (a group's rejection would be many rows').
    private static func serverLocating(_ query: IncidentQuery, _ locating: ScanLocating, allowed: Set<Int>?) throws -> ServerLocating? {
        guard query.format == .postgis, query.zone == nil, locating.grid == nil,
              let regions = locating.regions, let layer = regions.bundledLayer else { return nil }
        switch query.onServer {
        case .none: return nil
        case .locateIfNarrowing where allowed == nil: return nil
        default: break
        }
        return try ServerLocating(layer: layer, regions: regions,
                                  groups: query.onServer == .locateAndCount && query.years == RowValidator.plausibleYears, allowed: allowed)
    }

    /// The regions whose incidents are kept: the query's (`regionsAllowed`), narrowed by conditions on the
    /// output's region columns (`region_country=TJK`), which are decided on the located region, once per
    /// region.
    private static func regionsAllowed(_ query: IncidentQuery, regions: RegionSet?) throws -> Set<Int>? {
        var allowed = query.regionsAllowed
        guard let regions else { return allowed }
        for (column, values) in query.filter.groups(query.filter.equals) where IncidentFilter.regionColumns.contains(column) {
            let value = { (r: Region) in column == "region_id" ? r.id : column == "region_country" ? r.country : r.name }
            let exact = Set(values), wanted = Set(values.map(RegionAliases.normalize))
            let matching = Set(regions.regions.indices.filter { i in
                let v = value(regions.regions[i])
                return exact.contains(v) || wanted.contains(RegionAliases.normalize(v))
            })
            if matching.isEmpty {
                let known = Set(regions.regions.map(value)).sorted()
                let asked = values.prefix(10).map { "'\($0)'" }.joined(separator: " or ") + (values.count > 10 ? " (or \(values.count - 10) more)" : "")
                throw FrontierError.invalid(file: "", reason: "no region has \(column) \(asked); "
                    + "\(column) is one of: \(known.prefix(40).joined(separator: ", "))\(known.count > 40 ? ", …" : "")")
            }
            allowed = allowed.map { $0.intersection(matching) } ?? matching
        }
        return allowed
    }

    /// The country and admin1 a kept incident reports (values are kept for them when a mismatch check runs).
    public func reported(_ incident: Incident) -> (country: String, admin1: String) {
        (incident.text(fieldColumns.country), incident.text(fieldColumns.admin1))
    }

    /// Reads the whole input once. `onProgress` gets bytes and rows read so far (CSV).
    public func run(onReject: (Rejection) -> Void, onProgress: ((Int, Int) -> Void)? = nil,
                    consume: (ScannedIncident) throws -> Void) throws -> ScanSummary {
        try run(onReject: onReject, onProgress: onProgress, prepare: { _ in () }, consume: { scanned, _ in try consume(scanned) })
    }

    /// As `run`, with `prepare` applied to every kept incident on the worker threads (in parallel, so it
    /// must use nothing but its argument and immutable values) and its result handed to `consume` in order.
    public func run<Prepared>(onReject: (Rejection) -> Void, onProgress: ((Int, Int) -> Void)? = nil,
                              prepare: @escaping @Sendable (ScannedIncident) throws -> Prepared,
                              consume: (ScannedIncident, Prepared) throws -> Void) throws -> ScanSummary {
        var effective = query
        effective.regionsAllowed = regionsAllowed
        let first = try ScanWorker(locating, query: effective, filter: filter, fieldColumns: fieldColumns)
        switch source {
        case .reader(let reader):
            // The reader hands each rejection on as it passes it (a batch's before the batch's incidents), so
            // a file of rejected rows is never held; the reader drops the closure before this call returns.
            return try withoutActuallyEscaping(onReject) { onReject in
                var summary = ScanSummary()
                reader.onReject = { r in
                    summary.count(r)
                    onReject(r)
                }
                defer { reader.onReject = { _ in } }
                while let incident = try reader.next() {
                    summary.noteDate(incident.date)
                    guard let scanned = try first.process(incident) else { continue }
                    summary.note(scanned, located: first.regions != nil)
                    try consume(scanned, try prepare(scanned))
                }
                summary.read = reader.readCount
                // A store read through a box or dates still covers its whole period, as the same rows in a file would.
                if let period = reader.period { summary.noteDay(period.lowerBound); summary.noteDay(period.upperBound) }
                return summary
            }
        case .chunks(let chunker):
            var options = readerOptions
            options.checkDuplicates = false
            // Every worker has its own copies: this thread consumes one batch while they parse the next, and
            // the command's consumer may use `first`'s regions (GEOS handles are never shared by two threads).
            // No more workers than the input has chunks: each copy of the boundaries costs start-up time (the
            // OpenStreetMap outlines' WKB parsed again), and a file of one chunk keeps one worker busy.
            let chunks = totalBytes.map { max(1, ($0 + CSVChunker.defaultChunkSize - 1) / CSVChunker.defaultChunkSize) } ?? Int.max
            let workers = try (0..<min(max(1, query.workers), chunks)).map { _ in try first.copy() }
            return try ParallelScan(chunker: chunker, name: name, columns: columns, idColumn: fieldColumns.id,
                                    options: options, workers: workers, totalBytes: totalBytes, prepare: prepare)
                .run(onReject: onReject, onProgress: onProgress, consume: consume)
        }
    }

    /// The input file's size (nil for standard input, or when it cannot be told), for progress and sizing.
    public var totalBytes: Int? {
        guard !query.readsStandardInput else { return nil }
        return (try? FileManager.default.attributesOfItem(atPath: query.path)[.size] as? NSNumber)?.intValue
    }
}

extension ScanSummary {
    mutating func note(_ s: ScannedIncident, located: Bool) {
        let n = s.incident.weight
        kept += n
        if located && s.region == nil { unmatched += n }
        if s.mismatched { mismatched += n }
    }
}

/// One thread's share of the work: filters, the zone, locating, the mismatch verdict, with its own copies
/// of the GEOS-backed sets and a scratch buffer.
final class ScanWorker {
    let regions: RegionSet?
    let countries: RegionSet?
    let mismatch: MismatchCheck?
    let grid: Grid?
    let query: IncidentQuery
    let filter: IncidentFilter.Resolved
    let fieldColumns: IncidentFields.Columns
    private var scratch = Proximity.Scratch()
    private var verdicts = IncidentFilter.Resolved.Verdicts()
    /// This thread's transformer from the input CRS (PROJ objects belong to one thread), made once.
    private var transformer: Transformer?
    /// This thread's transformer to the grid's equal-area CRS.
    private let gridTransformer: Transformer?

    func transformer(for crs: String?) throws -> Transformer? {
        guard let crs else { return nil }
        if let transformer { return transformer }
        let made = try Transformer(from: crs, to: "EPSG:4326")
        transformer = made
        return made
    }

    init(_ locating: ScanLocating, query: IncidentQuery, filter: IncidentFilter.Resolved, fieldColumns: IncidentFields.Columns) throws {
        regions = locating.regions
        countries = locating.countries
        try regions?.buildLocateIndex()
        try countries?.buildLocateIndex()
        mismatch = fieldColumns.country == nil && fieldColumns.admin1 == nil ? nil : locating.mismatch
        grid = locating.grid
        gridTransformer = try locating.grid?.transformer()
        self.query = query
        self.filter = filter
        self.fieldColumns = fieldColumns
    }

    /// A worker for another thread: its own GEOS copies, the same (plain data) cell indexes.
    func copy() throws -> ScanWorker {
        try ScanWorker(ScanLocating(regions: regions?.copy(), countries: countries?.copy(), mismatch: mismatch?.copy(), grid: grid),
                       query: query, filter: filter, fieldColumns: fieldColumns)
    }

    /// The incident with what the query asks of it, or nil when the filters or the zone leave it out.
    func process(_ incident: Incident) throws -> ScannedIncident? {
        guard filter.accepts(incident, verdicts: &verdicts) else { return nil }
        let p = incident.coordinate
        var scanned = ScannedIncident(incident: incident)
        var located = false
        if let zone = query.zone {
            // A region zone needs the region first (inside counts 0); a border zone skips locating far points.
            if zone.region != nil, let regions { scanned.region = try regions.locate(p); located = true }
            guard let d = try zone.distance(to: p, located: scanned.region, regions: regions, scratch: &scratch) else { return nil }
            scanned.distance = d
        }
        if !located, let regions {
            switch incident.serverRegion {
            case .region(let r): scanned.region = r
            case .outside: scanned.region = nil
            case nil: scanned.region = try regions.locate(p)
            }
        }
        if let allowed = query.regionsAllowed {
            guard let r = scanned.region, allowed.contains(r) else { return nil }
        }
        if let grid { scanned.cell = grid.cells(of: [p], transformer: gridTransformer)[0] }
        if let countries { scanned.country = try countries.locate(p) }
        if let sides = query.sides {
            guard let c = scanned.country, let countries, sides.contains(countries.regions[c].country) else { return nil }
        }
        if let mismatch, let regions {
            if let r = scanned.region {
                scanned.mismatched = mismatch.disagrees(reportedCountry: incident.text(fieldColumns.country),
                                                        reportedAdmin1: incident.text(fieldColumns.admin1), located: regions.regions[r])
            } else {
                scanned.mismatched = mismatch.disagreesOutside(reportedCountry: incident.text(fieldColumns.country))
            }
        }
        return scanned
    }
}
