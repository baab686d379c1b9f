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
    /// Tests each row against `regions` for swapped latitude and longitude, comparing with the country it
    /// reports (`ScanSummary.swappedInto`); nil: no test (a grid, or a caller's layer without country names).
    public var swaps: MismatchCheck?

    public init(regions: RegionSet? = nil, countries: RegionSet? = nil, mismatch: MismatchCheck? = nil, grid: Grid? = nil,
                swaps: MismatchCheck? = nil) {
        self.regions = regions
        self.countries = countries
        self.mismatch = mismatch
        self.grid = grid
        self.swaps = swaps
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

    // What an answer must not hide (docs/architecture.md, "Honest summaries").
    /// Kept incidents with geo_precision 3: placed at a region's representative point, or coarser.
    public var regionLevel = 0
    /// Kept incidents placed only at country level (UCDP where_prec 6–7), among `regionLevel`.
    public var countryLevel = 0
    /// Kept incidents whose fatalities the row gives as unknown (`NA`, `N/A`, `-`, `unknown`): counted as
    /// events, their fatalities not counted.
    public var unknownFatalities = 0
    /// Rows passing the conditions and dates that lie in no region, or in one of another country than they
    /// report, and that with latitude and longitude swapped would lie in a region (of the country they
    /// report): how many per region id.
    public var swappedInto: [String: Int] = [:]
    /// Condition values (`FIELD=VALUE`) that no row read holds, with the nearest values their columns held.
    public var valuesNotFound: [ValueNotFound] = []

    public init() {}

    /// What the counts ask the reader to know, worded by the caller: values no row holds, rows that look
    /// swapped, and most kept incidents lying outside every region.
    public var notices: [ScanNotice] {
        var notices = valuesNotFound.map(ScanNotice.valueNotFound)
        if !swappedInto.isEmpty {
            let regions = swappedInto.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            notices.append(.swappedCoordinates(rows: swappedInto.values.reduce(0, +), regions: regions))
        }
        if unmatched * 2 > kept { notices.append(.mostlyUnmatched(unmatched: unmatched, kept: kept)) }
        return notices
    }

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

    // After the scan (`ScanSummary.notices`):
    /// No row read holds a condition's value in its column.
    case valueNotFound(ValueNotFound)
    /// `rows` rows would lie in these regions (ids, most rows first) with latitude and longitude swapped.
    case swappedCoordinates(rows: Int, regions: [String])
    /// More than half the kept incidents lie outside every region.
    case mostlyUnmatched(unmatched: Int, kept: Int)
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
        /// A CSV file or a caller's table: read in parts by worker threads.
        case parts(ScanFeed)
        /// GeoJSON, a store: read on this thread.
        case reader(IncidentReader)
    }
    private let source: Source
    private let locating: ScanLocating
    private let filter: IncidentFilter.Resolved
    /// What `keepRowTextOnly` needs to make the reader options again.
    private var keepsReportedPlace = false
    private var swapBox: Envelope?
    private var readerOptions: IncidentReader.Options

    /// Opens the input and reads its header. `handle` replaces opening `query.path` (standard input).
    public init(_ given: IncidentQuery, locating: ScanLocating = ScanLocating(), handle: FileHandle? = nil) throws {
        var query = given
        self.locating = locating
        name = DatabaseURL.displayName(query.path)
        var notices: [ScanNotice] = []
        regionsAllowed = try IncidentScan.regionsAllowed(query, regions: locating.regions)
        query.serverLocating = try IncidentScan.serverLocating(query, locating, allowed: regionsAllowed)
        let swapBox = locating.swaps == nil ? nil : try locating.regions?.buildLocateIndex().bounds
        let handle = handle ?? (query.readsStandardInput ? .standardInput : nil)
        if query.format == .csv, query.rows == nil {
            let chunker = try CSVChunker(handle: IncidentReader.open(query.path, handle), name: query.path, delimiter: query.delimiter)
            columns = chunker.header.fields
            query.delimiter = chunker.delimiter
            if chunker.delimiterDetected { notices.append(.delimiterDetected(chunker.delimiter)) }
            IncidentScan.detectProfile(&query, columns: columns, notices: &notices)
            fieldColumns = try query.fields.columns(in: columns, file: query.path)
            hadBOM = chunker.hadBOM
            source = .parts(.csv(chunker))
            readerOptions = query.readerOptions(keepsReportedPlace: locating.mismatch != nil, swapBox: swapBox)
            keepsReportedPlace = locating.mismatch != nil
            self.swapBox = swapBox
        } else if let rows = query.rows {
            columns = rows.columns
            IncidentScan.detectProfile(&query, columns: columns, notices: &notices)
            readerOptions = query.readerOptions(keepsReportedPlace: locating.mismatch != nil, swapBox: swapBox)
            fieldColumns = try query.fields.columns(in: columns, file: query.path)
            hadBOM = false
            source = .parts(.rows(rows))
        } else {
            readerOptions = query.readerOptions(keepsReportedPlace: locating.mismatch != nil, swapBox: swapBox)
            var reader = try IncidentReader(path: query.path, handle: handle, options: readerOptions)
            if reader.fields != query.fields, query.valuesNeeded != nil {
                // A store reads its rows back under the mapping it recorded (UCDP's id and type_of_violence):
                // the values kept by field name are those of its fields, so it is opened again under them
                // (a question that keeps every value needs no second opening).
                query.fields = reader.fields
                readerOptions = query.readerOptions(keepsReportedPlace: locating.mismatch != nil, swapBox: swapBox)
                reader = try IncidentReader(path: query.path, handle: handle, options: readerOptions)
            }
            if let reason = reader.notLocatedOnServer { notices.append(.locatedInFrontier(reason)) }
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
            groups.append(IncidentFilter.Resolved.Group(column: i, name: column, values: values))
        }
        filter = IncidentFilter.Resolved(filter: query.filter, groups: groups)
        self.query = query
        if fieldColumns.id == nil { notices.append(.noColumn(.id, name: query.fields.id)) }
        if fieldColumns.fatalities == nil { notices.append(.noColumn(.fatalities, name: query.fields.fatalities)) }
        self.notices = notices
    }

    /// A CSV file's or a table's layout told from its column names (UCDP's `id`, `date_start`, `best`…) when
    /// the query names none: its field names then, and a notice saying so.
    private static func detectProfile(_ query: inout IncidentQuery, columns: [String], notices: inout [ScanNotice]) {
        guard query.profile == nil, let detected = SourceProfile.detect(header: columns) else { return }
        query.profile = detected
        query.fields = detected.fields(query.given)
        notices.append(.profileDetected(detected))
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
            let value = { (r: Region) in
                switch column {
                case "region_id": r.id
                case "region_country": r.country
                case "region_code": r.code
                default: r.name
                }
            }
            let exact = Set(values), wanted = Set(values.map(RegionAliases.normalize))
            let matching = Set(regions.regions.indices.filter { i in
                let v = value(regions.regions[i])
                return exact.contains(v) || wanted.contains(RegionAliases.normalize(v))
            })
            if matching.isEmpty, column == "region_code", regions.regions.allSatisfy({ $0.code.isEmpty }) {
                throw FrontierError.invalid(file: "", reason: "these regions carry no region_code (the bundled provinces and countries do; "
                    + "a layer's own, in a region_code property): choose them by region_id, region_country or region_name")
            }
            if matching.isEmpty {
                let known = Set(regions.regions.map(value)).subtracting([""]).sorted()
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

    /// The caller writes every kept CSV row as its input text (`Incident.raw`) and reads none of its values
    /// (join and near writing every column as it came): the rows then keep only what the filter and the
    /// checks read, and their text, instead of a String per field. Nothing changes for other inputs.
    package func keepRowTextOnly() {
        guard case .parts(.csv) = source, query.valuesNeeded == nil else { return }
        var textOnly = query
        textOnly.valuesNeeded = []
        readerOptions = textOnly.readerOptions(keepsReportedPlace: keepsReportedPlace, swapBox: swapBox)
        readerOptions.keepsRawText = true
        readerOptions.valuesOnlyWithin = query.zone?.box
    }

    /// Reads the whole input once. `onProgress` gets bytes and rows read so far (CSV).
    public func run(onReject: (Rejection) -> Void, onProgress: ((Int, Int) -> Void)? = nil,
                    consume: (ScannedIncident) throws -> Void) throws -> ScanSummary {
        try run(onReject: onReject, onProgress: onProgress, make: { (s: consuming ScannedIncident) in s }, consume: { scanned, lineOffset in
            // The incident is moved here once; only its line changes, in place.
            scanned.incident.line += lineOffset
            try consume(scanned)
        })
    }

    /// As `run`, with `prepare` applied to every kept incident on the worker threads (in parallel, so it
    /// must use nothing but its argument and immutable values) and its result handed to `consume` in order.
    /// The incident itself goes with it only where `keep` says so (an import lists its mismatched rows and
    /// writes only the prepared row of the others): the rest are let go on the thread that made them, which
    /// spares this thread freeing another thread's memory for each row.
    // Specialized for the store's rows: unspecialized, each row's item made and moved looked its tuple type's
    // metadata up in the runtime's caches.
    @_specialize(where Prepared == PackedSQLRow)
    public func run<Prepared>(onReject: (Rejection) -> Void, onProgress: ((Int, Int) -> Void)? = nil,
                              prepare: @escaping @Sendable (ScannedIncident) throws -> Prepared,
                              keep: @escaping @Sendable (ScannedIncident) -> Bool,
                              consume: (Prepared, ScannedIncident?) throws -> Void) throws -> ScanSummary {
        try run(onReject: onReject, onProgress: onProgress, make: { s -> (Prepared, ScannedIncident?) in
            let prepared = try prepare(s)
            return (prepared, keep(s) ? s : nil)
        }, consume: { item, lineOffset in
            // A kept incident is moved here once; only its line changes, in place.
            item.1?.incident.line += lineOffset
            try consume(item.0, item.1)
        })
    }

    /// As `run`, for the aggregate's plain case, which needs only a few numbers of each kept incident:
    /// `make` turns it into a `WholeCount` on the worker threads (in parallel, so it must use nothing but its
    /// argument and immutable values), and `consume` gets only those, in input order. The incidents
    /// themselves never reach this thread, so 24 bytes are all the merge moves per kept row. (A concrete item
    /// type: the scan's generic code is specialized for it in this module.)
    package func run(onReject: (Rejection) -> Void, onProgress: ((Int, Int) -> Void)? = nil,
                     counting make: @escaping @Sendable (consuming ScannedIncident) -> WholeCount,
                     consume: (WholeCount) throws -> Void) throws -> ScanSummary {
        try run(onReject: onReject, onProgress: onProgress, make: make, consume: { item, _ in try consume(item) })
    }

    /// The one scan: `make` runs on the worker threads for CSV and tables (on this thread for other inputs), and
    /// `consume` gets each item with the number to add to the line of an incident the item holds.
    private func run<Item>(onReject: (Rejection) -> Void, onProgress: ((Int, Int) -> Void)?,
                           make: @escaping @Sendable (consuming ScannedIncident) throws -> Item,
                           consume: (inout Item, _ lineOffset: Int) throws -> Void) throws -> ScanSummary {
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
                    let weight = incident.weight
                    let swapped = try first.process(incident) { scanned in
                        summary.note(scanned, located: first.regions != nil)
                        var item = try make(scanned)
                        try consume(&item, 0)
                    }
                    summary.noteSwapped(swapped, regions: first.regions, weight: weight)
                }
                summary.read = reader.readCount
                // A store read through a box or dates still covers its whole period, as the same rows in a file would.
                if let period = reader.period { summary.noteDay(period.lowerBound); summary.noteDay(period.upperBound) }
                summary.valuesNotFound = filter.valuesNotFound([first.verdicts.seen])
                return summary
            }
        case .parts(let feed):
            var options = readerOptions
            options.checkDuplicates = false
            // Every worker has its own copies: this thread consumes one batch while they parse the next, and
            // the command's consumer may use `first`'s regions (GEOS handles are never shared by two threads).
            // No more workers than the input has chunks: each copy of the boundaries costs start-up time (the
            // OpenStreetMap outlines' WKB parsed again), and a file of one chunk keeps one worker busy.
            let chunks = totalBytes.map { max(1, ($0 + CSVChunker.defaultChunkSize - 1) / CSVChunker.defaultChunkSize) } ?? Int.max
            // The locate indexes' tables of finest cells (shared by the workers' copies) save about 57 ns a
            // row and cost about 15 ms to fill: worth it past some 260,000 rows (50 MB of ACLED's layout), and
            // for a table or standard input, whose size is not known ahead.
            if totalBytes.map({ $0 >= Self.flatTableBytes }) ?? true { first.prepareFlatTables() }
            let workers = try (0..<min(max(1, query.workers), chunks)).map { _ in try first.copy() }
            var summary = try ParallelScan(feed: feed, name: name, columns: columns, idColumn: fieldColumns.id,
                                           options: options, workers: workers, totalBytes: totalBytes, make: make)
                .run(onReject: onReject, onProgress: onProgress, consume: consume)
            // The workers are done (the scan waits for them): their values are read on this thread.
            summary.valuesNotFound = filter.valuesNotFound(workers.map(\.verdicts.seen))
            return summary
        }
    }

    /// The input size from which the locate indexes' flat tables are filled.
    static let flatTableBytes = 64 << 20

    /// The input file's size (nil for standard input, or when it cannot be told), for progress and sizing.
    public var totalBytes: Int? {
        guard !query.readsStandardInput, query.rows == nil else { return nil }
        return (try? FileManager.default.attributesOfItem(atPath: query.path)[.size] as? NSNumber)?.intValue
    }
}

extension ScanSummary {
    mutating func note(_ s: ScannedIncident, located: Bool) {
        note(Noted(s, located: located), weight: s.incident.weight)
    }

    /// Counts a row the swap test placed (what `ScanWorker.process` returns: nil for most) under its region's id.
    mutating func noteSwapped(_ region: Int?, regions: RegionSet?, weight: Int) {
        guard let r = region, let regions else { return }
        swappedInto[regions.regions[r].id, default: 0] += weight
    }
}

/// One thread's share of the work: filters, the zone, locating, the mismatch verdict, with its own copies
/// of the GEOS-backed sets and a scratch buffer.
final class ScanWorker {
    let regions: RegionSet?
    /// The same regions unretained, to locate a row: `regions` keeps them, and calling through the strong
    /// reference counted it once per row.
    private let regionsUnretained: Unmanaged<RegionSet>?
    let countries: RegionSet?
    let mismatch: MismatchCheck?
    /// The same check unretained, as `regionsUnretained`: binding `mismatch` counted it once per row.
    private let mismatchUnretained: Unmanaged<MismatchCheck>?
    let grid: Grid?
    let swaps: MismatchCheck?
    let query: IncidentQuery
    let filter: IncidentFilter.Resolved
    let fieldColumns: IncidentFields.Columns
    // Touched per row by the one thread that owns this worker (workers are never shared): unchecked
    // exclusivity spares a runtime check per access.
    @exclusivity(unchecked) private var scratch = Proximity.Scratch()
    /// The dates this thread's readers parsed, lent to each (a part alone is too short to fill a memo).
    let dates = CivilDateMemo()
    /// The filter's verdicts, and the conditioned columns' values this thread saw (read after the scan).
    @exclusivity(unchecked) private(set) var verdicts = IncidentFilter.Resolved.Verdicts()
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
        regionsUnretained = locating.regions.map(Unmanaged.passUnretained)
        countries = locating.countries
        try regions?.buildLocateIndex()
        try countries?.buildLocateIndex()
        mismatch = fieldColumns.country == nil && fieldColumns.admin1 == nil ? nil : locating.mismatch
        mismatchUnretained = mismatch.map(Unmanaged.passUnretained)
        grid = locating.grid
        swaps = locating.regions == nil ? nil : locating.swaps
        gridTransformer = try locating.grid?.transformer()
        self.query = query
        self.filter = filter
        self.fieldColumns = fieldColumns
    }

    /// Fills the cell indexes' tables of finest cells, before any other thread reads them.
    func prepareFlatTables() {
        regions?.locateIndex?.prepareFlatTable()
        countries?.locateIndex?.prepareFlatTable()
    }

    /// A worker for another thread: its own GEOS copies, the same (plain data) cell indexes.
    func copy() throws -> ScanWorker {
        try ScanWorker(ScanLocating(regions: regions?.copy(), countries: countries?.copy(), mismatch: mismatch?.copy(), grid: grid,
                                    swaps: swaps?.copy()),
                       query: query, filter: filter, fieldColumns: fieldColumns)
    }

    /// The row as the query sees it: `kept` gets it placed when the filters, the zone, the regions chosen and
    /// the sides keep it. Returns the region it would lie in with latitude and longitude swapped, when that is
    /// where it belongs (`swappedRegion`; nil for nearly every row), tested whether or not the zone keeps it
    /// (a swapped row is exactly one a zone leaves out). The incident is moved, never copied, into the
    /// scanned incident `kept` takes: each copy counted every reference the incident holds once more (its
    /// values, its text), and the copies were most of the references a row counted.
    func process(_ incident: consuming Incident, kept: (consuming ScannedIncident) throws -> Void) throws -> Int? {
        guard filter.accepts(incident, verdicts: &verdicts) else { return nil }
        var scanned = ScannedIncident(incident: incident)
        let keeps = try place(&scanned)
        let swapped = try swappedRegion(scanned.incident, keptIn: keeps ? .some(scanned.region) : nil)
        if keeps { try kept(consume scanned) }
        return swapped
    }

    /// The region `incident` would lie in with latitude and longitude swapped, when the swapped point lies in
    /// a region and that region is of the country the row reports while its own position is not (in none,
    /// or in another country's); a row that reports no country must lie in no region. So points simply
    /// outside the regions, and points on a disputed line (in the neighbour's region, and nowhere when
    /// swapped), are never flagged.
    /// `keptIn`: the region of a row the query keeps (nil: it does not keep it, so it is located here).
    private func swappedRegion(_ incident: Incident, keptIn: Int??) throws -> Int? {
        guard let swaps, let regions else { return nil }
        let p = incident.coordinate
        // Most swapped points fall outside the regions' box, which the locate index tells at once: the
        // reported country is looked at only for the few that land in a region.
        let swappedPoint = Coordinate(x: p.y, y: p.x)
        if let box = regions.locateIndex?.bounds, !box.contains(swappedPoint) { return nil }
        // Equal coordinates swap to themselves (and a server's grouped rows, at 0,0, carry no position).
        guard abs(p.x) <= 90, p.x != p.y, let s = try regions.locate(swappedPoint) else { return nil }
        let original = try keptIn ?? regions.locate(p)
        let reported = incident.text(fieldColumns.country)
        guard !reported.isEmpty else { return original == nil ? s : nil }
        guard swaps.countryAgrees(reportedCountry: reported, located: regions.regions[s]) else { return nil }
        if let original, swaps.countryAgrees(reportedCountry: reported, located: regions.regions[original]) { return nil }
        return s
    }

    /// Whether the place `incident` reports disagrees with its region `r` (nil: outside every region), the
    /// names compared in place: copied out (`text`), each counted two references a row. (A function of its
    /// own: read through the scanned incident a closure also captured, the incident was copied for the call.)
    private func disagrees(_ incident: Incident, region r: Int?, of regions: Unmanaged<RegionSet>, _ mismatch: Unmanaged<MismatchCheck>) -> Bool {
        mismatch._withUnsafeGuaranteedRef { mismatch in
            guard let r else { return mismatch.disagreesOutside(reportedCountry: incident.text(fieldColumns.country)) }
            return regions._withUnsafeGuaranteedRef { regions in
                incident.withText(fieldColumns.country) { country in
                    incident.withText(fieldColumns.admin1) { mismatch.disagrees(reportedCountry: country, reportedAdmin1: $0, region: r, of: regions) }
                }
            }
        }
    }

    /// Gives the incident its zone distance, region, cell and country; false when the zone, the regions
    /// chosen or the sides leave it out.
    private func place(_ scanned: inout ScannedIncident) throws -> Bool {
        let p = scanned.incident.coordinate
        var located = false
        // The zone is read in place: binding it (`if let zone`) copied the whole zone, some 600 bytes, for
        // every row, with or without one.
        if query.zone != nil {
            // A region zone needs the region first (inside counts 0); a border zone skips locating far points.
            if query.zone.unsafelyUnwrapped.region != nil, let regions { scanned.region = try regions.locate(p); located = true }
            guard let d = try query.zone.unsafelyUnwrapped.distance(to: p, located: scanned.region, regions: regions, scratch: &scratch) else { return false }
            scanned.distance = d
        }
        if !located, let regions = regionsUnretained {
            switch scanned.incident.serverRegion {
            case .region(let r): scanned.region = r
            case .outside: scanned.region = nil
            case nil: scanned.region = try regions._withUnsafeGuaranteedRef { try $0.locate(p) }
            }
        }
        if let allowed = query.regionsAllowed {
            guard let r = scanned.region, allowed.contains(r) else { return false }
        }
        if let grid { scanned.cell = grid.cells(of: [p], transformer: gridTransformer)[0] }
        if let countries { scanned.country = try countries.locate(p) }
        if let sides = query.sides {
            guard let c = scanned.country, let countries, sides.contains(countries.regions[c].country) else { return false }
        }
        if let mismatch = mismatchUnretained, let regions = regionsUnretained {
            scanned.mismatched = disagrees(scanned.incident, region: scanned.region, of: regions, mismatch)
        }
        return true
    }
}
