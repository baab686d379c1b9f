import Foundation
import Geo
import FrontierBase
import FrontierFormats
import FrontierTables
import FrontierGeoPackage
import FrontierPostGIS

/// Reads incidents from one source, in input order: a chunk of whole CSV records a worker parses (a CSV
/// file is cut into chunks by `CSVChunker`, as `IncidentScan` does), a GeoJSON FeatureCollection or
/// GeoJSONL, or a store. Every row passes the one `RowValidator`; rejected rows go to `onReject` with the
/// line, field and reason, and are counted.
/// Coordinates in another CRS (`crs`) are brought to WGS84 with PROJ, a batch at a time (one
/// `proj_trans_generic` call per batch).
///
/// CSV fields are parsed from bytes; Strings are made only for what the caller keeps (`materializeValues`,
/// `keepColumns`) and for rejected rows, which are reported whole.
public final class IncidentReader {
    public struct Options: Sendable {
        public var fields = IncidentFields()
        /// The input CRS, e.g. "EPSG:32642"; nil for WGS84 lon/lat.
        public var crs: String?
        public var format: InputFormat = .csv
        /// Keep every input value and the raw CSV text (join/near print them); false keeps only `keepColumns`.
        public var materializeValues = true
        /// With `materializeValues` false: the columns whose values are still needed (split, where).
        public var keepColumns: Set<String> = []
        /// With `materializeValues` false: also keep the id and the reported country/admin1, in whatever
        /// column the field mapping found them (the mismatch check and its listing read them).
        public var keepsReportedPlace = false
        /// With `materializeValues`: rows whose point lies outside this box (a zone's: they cannot be in it)
        /// keep only `keepColumns` (what a filter reads before the zone drops them). Making Strings of every
        /// field of every row was a fifth of `near`'s time, for rows it never prints. Without
        /// `materializeValues`, such rows keep no reported place either (`keepsReportedPlace`).
        public var valuesOnlyWithin: Envelope?
        /// With `materializeValues` false: also keep the reported country of the rows whose point, with
        /// latitude and longitude swapped, lies in this box (the regions'): the only rows the swap test reads
        /// it of, where making a String of it for every row was a tenth of `aggregate`'s time.
        public var reportedCountryWhereSwappedIn: Envelope?
        /// With `materializeValues` false: keep each CSV row's exact text (`Incident.raw`) all the same, within
        /// `valuesOnlyWithin` when it is set: a caller writing rows as their text needs no value of them.
        public var keepsRawText = false
        /// Reject rows with text a store cannot keep unaltered (NUL bytes, invalid UTF-8): `import`.
        public var requiresStorableText = false
        /// With `materializeValues`: a CSV row keeps its values as text in one buffer (`TextFields`), read as
        /// bytes by a caller that stores them (`import`), not as a String per field, and not its exact text
        /// (`Incident.raw`), which such a caller never prints.
        public var keepsValuesAsText = false
        /// The years a date may fall in.
        public var years = RowValidator.plausibleYears
        /// Reject repeated ids. Workers reading chunks leave it to the merger, which sees rows in order.
        public var checkDuplicates = true
        /// For a store (`.gpkg`): the box and dates to read, pushed into SQL (R-tree, date index).
        public var storeFilter = IncidentTableFilter()
        /// CSV: the byte between fields.
        public var delimiter = UInt8(ascii: ",")
        public init() {}
    }

    public let name: String
    // The properties marked `@exclusivity(unchecked)` are touched per row by the one thread that owns this
    // reader (readers are never shared): unchecked exclusivity spares a runtime check per access (each check
    // is about 200 instructions, 5% of `aggregate` before they were marked).
    /// The input's columns in input order (GeoJSON: property names in order of first appearance).
    @exclusivity(unchecked) public internal(set) var columns: [String] = []
    @exclusivity(unchecked) public private(set) var fieldColumns = IncidentFields.Columns()
    /// For a store: the period all its rows cover (the rows read may be fewer: a box, dates).
    public private(set) var period: ClosedRange<Int>?
    /// The field names in use: the caller's, or for a store the mapping it recorded.
    public private(set) var fields: IncidentFields
    @exclusivity(unchecked) public private(set) var readCount = 0
    /// PostGIS: why the server was asked to locate the rows and could not (then Frontier locates them).
    public private(set) var notLocatedOnServer: String?
    @exclusivity(unchecked) public private(set) var rejectedCount = 0
    /// For CSV: the line after the last one read (a chunk reader uses it to tell how many lines it held).
    public var nextLineNumber: Int? { csv?.nextLineNumber }
    /// Whether the CSV chunk this reader reads may be used (`CSVRecordReader.proves`).
    package func proves(_ chunk: CSVChunker.Chunk) -> Bool { csv?.proves(chunk) ?? false }
    public var onReject: (Rejection) -> Void = { _ in }

    let options: Options
    private let csv: CSVRecordReader?
    @exclusivity(unchecked) private var geoJSON: GeoJSONIncidentSource?
    @exclusivity(unchecked) private var rowSource: (any IncidentRowSource)?
    @exclusivity(unchecked) private var storeCursor: (any StoredRowCursor)?
    /// The store columns a caller needs when it keeps only some values (nil: all of them).
    private var storeColumns: Set<Int>?
    private let validator: RowValidator
    /// The dates parsed so far, by their bytes: the scan worker's, or the reader's own.
    @exclusivity(unchecked) var dates = CivilDateMemo()
    @exclusivity(unchecked) private var pending: [Incident] = []
    @exclusivity(unchecked) private var pendingIndex = 0
    @exclusivity(unchecked) private var seenIDs = IDHashSet()
    /// Without `checkDuplicates`: the ids of the incidents returned, in order, for whoever checks duplicates
    /// across readers (the scan's merger).
    @exclusivity(unchecked) private(set) var keptIDs = CSVFieldBuffer(data: [], ends: [])
    private let transformer: Transformer?
    @exclusivity(unchecked) private var kept: [Bool] = []
    /// The kept columns' indices, increasing: a row keeps only their values (a few of many columns).
    @exclusivity(unchecked) private var keptColumns: [Int32] = []
    /// The same for a row outside `valuesOnlyWithin` (the zone's box): without the reported place, which
    /// only the mismatch check reads, and that only for rows the zone keeps. Making three Strings of every
    /// row of a million for it was a twentieth of `near`.
    @exclusivity(unchecked) private var keptColumnsOutsideZone: [Int32] = []
    /// How many rows are read before they are validated together (their coordinates transformed in one call).
    private static let batchSize = 4096

    /// Opens a GeoJSON or GeoJSONL input (`handle`, or the file at `path`) or a store (`.gpkg`, `.postgis`),
    /// as `options.format` says, and reads its columns. CSV is not read here: a CSV input is cut into chunks
    /// by `CSVChunker` for `init(chunk:…)`, the one CSV path (`IncidentScan` reads any format).
    /// - Precondition: `options.format` is not `.csv`.
    /// - Throws: `FrontierError` when the input cannot be opened or read, a CRS is given for a store or PROJ
    ///   does not know it, or a store holds no incidents table.
    public init(path: String, handle: FileHandle? = nil, options: Options) throws {
        precondition(options.format != .csv, "CSV is read in chunks: CSVChunker and IncidentReader(chunk:), as IncidentScan does")
        self.name = DatabaseURL.displayName(path)
        self.options = options
        if options.format.isDatabase, options.crs != nil {
            throw FrontierError.invalid(file: name, reason: "a store holds WGS84 coordinates already: a CRS applies to CSV and GeoJSON input only")
        }
        transformer = try options.crs.map { try Transformer(from: $0, to: "EPSG:4326") }
        self.fields = options.fields
        var fields = options.fields
        csv = nil
        switch options.format {
        case .csv:
            preconditionFailure("checked above")
        case .geojson, .geojsonl:
            let source = try GeoJSONIncidentSource(handle: try IncidentReader.open(path, handle), name: name, lines: options.format == .geojsonl,
                                                   lonLat: options.crs == nil ? .incidents : nil)
            geoJSON = source
            columns = source.columns
        case .gpkg, .postgis:
            var filter = options.storeFilter
            let database: any IncidentDatabase
            if options.format == .gpkg {
                database = try IncidentStore.openForReading(path)
                filter.locate = nil
            } else {
                let table = try PostGISTable.openForReading(DatabaseURL(path))
                if let locate = filter.locate, let problem = try table.referenceProblem(locate) {
                    notLocatedOnServer = problem
                    filter.locate = nil
                }
                database = table
            }
            guard let layout = try database.layout(source: filter.source) else { throw FrontierError.emptyStore(file: database.name) }
            // The period first: a PostGIS cursor holds the connection until its last row.
            period = try database.period(source: filter.source)
            storeCursor = try database.rows(filter)
            columns = layout.columns
            // The store knows which columns held the id, date, position and fatalities when they were imported.
            fields = layout.fields(fatalitiesOtherwise: options.fields.fatalities)
        }
        self.fields = fields
        // Features and stored rows carry their point in a geometry: no coordinate columns needed.
        fieldColumns = try fields.columns(in: columns, file: name, requireCoordinates: false)
        validator = RowValidator(columns: columns, fields: fieldColumns, latitudeName: fields.latitude, crs: options.crs,
                                 years: options.years, requiresStorableText: options.requiresStorableText, precision: fields.precision,
                                 decimalComma: options.delimiter != UInt8(ascii: ","))
        chooseKeptColumns()
        if storeCursor != nil, !options.materializeValues {
            let f = fieldColumns
            storeColumns = Set(columns.indices.filter { kept[$0] } + [f.id, f.date, f.fatalities, f.geoPrecision].compactMap { $0 })
        }
    }

    /// A reader over a chunk of whole CSV records (no header), numbered from `firstLine`: what a worker
    /// thread parses. `columns` is the file's header; `malformed`, the records the chunker found malformed.
    /// `transformer` (the worker's own, for `options.crs`) spares building one per chunk; without it the
    /// reader makes its own.
    public init(chunk: [UInt8], malformed: [CSVChunker.MalformedRecord] = [], name: String, firstLine: Int, columns: [String],
                options: Options, transformer: Transformer? = nil) throws {
        self.name = name
        self.options = options
        self.transformer = try transformer ?? options.crs.map { try Transformer(from: $0, to: "EPSG:4326") }
        csv = CSVRecordReader(bytes: chunk, name: name, firstLine: firstLine, delimiter: options.delimiter, malformed: malformed)
        fields = options.fields
        self.columns = columns
        fieldColumns = try options.fields.columns(in: columns, file: name)
        validator = RowValidator(columns: columns, fields: fieldColumns, latitudeName: options.fields.latitude, crs: options.crs,
                                 years: options.years, requiresStorableText: options.requiresStorableText, precision: options.fields.precision,
                                 decimalComma: options.delimiter != UInt8(ascii: ","))
        chooseKeptColumns()
    }

    /// A reader over a part of a table's rows (`IncidentRowSource`), numbered from 1, which carry their
    /// coordinates in their latitude and longitude columns, as a CSV file's do: what a worker thread reads.
    /// `transformer` (the worker's own, for `options.crs`) spares building one per part.
    /// - Throws: `FrontierError.missingColumns` when the rows have no coordinate columns; a CRS PROJ does not know.
    public init(rows: any IncidentRowSource, name: String, options: Options, transformer: Transformer? = nil) throws {
        self.name = name
        self.options = options
        self.transformer = try transformer ?? options.crs.map { try Transformer(from: $0, to: "EPSG:4326") }
        csv = nil
        rowSource = rows
        fields = options.fields
        columns = rows.columns
        fieldColumns = try options.fields.columns(in: columns, file: name)
        validator = RowValidator(columns: columns, fields: fieldColumns, latitudeName: options.fields.latitude, crs: options.crs,
                                 years: options.years, requiresStorableText: options.requiresStorableText, precision: options.fields.precision,
                                 decimalComma: false)
        chooseKeptColumns()
    }

    /// Which columns keep their values when not all of them are materialized (`kept`, `keptColumns`), and
    /// which of them a row outside the zone's box keeps (`keptColumnsOutsideZone`).
    private func chooseKeptColumns() {
        var kept = [Bool](repeating: false, count: columns.count)
        for name in options.keepColumns { if let i = IncidentFields.column(name, in: columns) { kept[i] = true } }
        keptColumnsOutsideZone = kept.indices.filter { kept[$0] }.map(Int32.init)
        if options.keepsReportedPlace {
            for i in [fieldColumns.id, fieldColumns.country, fieldColumns.admin1].compactMap({ $0 }) { kept[i] = true }
        }
        self.kept = kept
        keptColumns = kept.indices.filter { kept[$0] }.map(Int32.init)
    }

    /// `handle` when given, else the file at `path` opened for reading.
    static func open(_ path: String, _ handle: FileHandle?) throws -> FileHandle {
        if let handle { return handle }
        guard let h = FileHandle(forReadingAtPath: path) else { throw FrontierError.cannotOpen(file: path) }
        return h
    }

    /// Hands every remaining valid incident to `body`, in input order: what `next()` returns, one by one.
    /// A WGS84 CSV chunk is read in one borrow of its bytes (`CSVRecordReader.forEachRecord`), with no
    /// reference counting per row.
    /// - Parameter body: each valid incident; rejected rows go to `onReject` instead.
    /// - Throws: the input's read errors (a store's, a PROJ transform's) and whatever `body` throws, which
    ///   stops the reading.
    public func forEach(_ body: (consuming Incident) throws -> Void) throws {
        if let rowSource, transformer == nil {
            while try rowSource.advance() {
                readCount += 1
                var row = sourceRow(rowSource, line: readCount)
                if accepts(row, record: nil) { try body(incident(of: &row)) }
            }
            return
        }
        guard let csv, transformer == nil else {
            while let incident = try next() { try body(incident) }
            return
        }
        try csv.forEachRecord { record in
            readCount += 1
            var row = csvRow(csv, record)
            // Made as the argument, not unwrapped from an optional: each copy of an incident is 170 bytes.
            if accepts(row, record: record) { try body(incident(of: &row)) }
        }
    }

    /// The next valid incident, or nil at the end.
    public func next() throws -> Incident? {
        if let csv, transformer == nil {
            // WGS84 CSV: each record is validated as it is read, no batching needed.
            while try csv.advance() {
                readCount += 1
                if let incident = csv.withRecord({ finish(csvRow(csv, $0), record: $0) }) { return incident }
            }
            return nil
        }
        if let rowSource, transformer == nil {
            // A table's WGS84 rows, likewise.
            while try rowSource.advance() {
                readCount += 1
                if let incident = finish(sourceRow(rowSource, line: readCount)) { return incident }
            }
            return nil
        }
        while pendingIndex >= pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            guard try fillBatch() else { return nil }
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    // MARK: - Rows

    /// A parsed row with what it carries, until its coordinates are final.
    private struct Row {
        var parsed: RowValidator.Parsed
        var values: RowValues
        var raw: Substring?
        /// The whole row as text, for a rejection; made only when needed for CSV.
        var text: [String]?
        var id: String
        /// What a PostGIS server decided of it (a grouped row's count, its region).
        var weight = 1
        var serverRegion: Incident.ServerRegion?
    }

    /// The current record of `r` as a row; `record` is its fields, borrowed.
    private func csvRow(_ r: CSVRecordReader, _ record: CSVRecordReader.RecordView) -> Row {
        if let m = r.malformation {
            // The row is the record's first line as it stands, under the first column.
            var parsed = RowValidator.Parsed(line: r.line)
            let quoting: Bool
            if case .tooLong = m.kind { quoting = false } else { quoting = true }
            parsed.problem = (quoting && m.field < columns.count ? columns[m.field] : "", .malformedRecord(m))
            let text = [String(r.raw)] + Array(repeating: "", count: max(0, columns.count - 1))
            return Row(parsed: parsed, values: [], raw: nil, text: text, id: "")
        }
        let parsed = validator.parse(record, line: r.line, dates: dates)
        let materialize = materializes(parsed)
        let values = materialize && options.keepsValuesAsText && parsed.problem == nil
            ? RowValues(TextFields(count: columns.count) { record[$0] })
            : keptValues(parsed, materialize: materialize) { .string(record.text($0)) }
        var id = ""
        if materialize, parsed.problem == nil, let i = fieldColumns.id { id = record.text(i) }
        var keepsRaw = materialize && !options.keepsValuesAsText
        if options.keepsRawText, transformer == nil {
            keepsRaw = options.valuesOnlyWithin.map { $0.contains(Coordinate(x: parsed.x, y: parsed.y)) } ?? true
        }
        return Row(parsed: parsed, values: values, raw: parsed.problem == nil && keepsRaw ? r.raw : nil, text: nil, id: id)
    }

    /// Whether a row keeps every column's value: when the options say so, and (with a zone's box, in final
    /// coordinates, so not before a CRS transform) when it lies within the box.
    private func materializes(_ parsed: RowValidator.Parsed) -> Bool {
        guard options.materializeValues else { return false }
        if let box = options.valuesOnlyWithin, transformer == nil, !box.contains(Coordinate(x: parsed.x, y: parsed.y)) { return false }
        return true
    }

    /// The columns a valid row keeps when not all of them: fewer outside the zone's box (in final
    /// coordinates, so not before a CRS transform).
    private func columnsKept(_ parsed: RowValidator.Parsed) -> [Int32] {
        guard let box = options.valuesOnlyWithin, transformer == nil, !box.contains(Coordinate(x: parsed.x, y: parsed.y)) else {
            return keptColumns
        }
        return keptColumnsOutsideZone
    }

    /// The values a valid row of a CSV chunk or a table keeps (`value` makes column i's): every column's
    /// when it `materialize`s, else the kept columns' alone, with its reported country where the swap test may
    /// read it. A rejected row keeps none.
    private func keptValues(_ parsed: RowValidator.Parsed, materialize: Bool, _ value: (Int) -> PropertyValue) -> RowValues {
        guard parsed.problem == nil else { return [] }
        if materialize { return RowValues(columns.indices.map(value)) }
        let chosen = columnsKept(parsed)
        var entries = chosen.map { RowValues.Entry(column: $0, value: value(Int($0))) }
        // The box is in final coordinates: a row still to transform keeps its country.
        if let box = options.reportedCountryWhereSwappedIn, let c = fieldColumns.country, !chosen.contains(Int32(c)),
           transformer != nil || box.contains(Coordinate(x: parsed.y, y: parsed.x)) {
            entries.append(.init(column: Int32(c), value: value(c)))
            entries.sort { $0.column < $1.column }
        }
        return entries.isEmpty ? [] : RowValues(count: columns.count, entries: entries)
    }

    /// A row of typed values (GeoJSON properties, store values); its text is made only for a rejection.
    /// `weight`: how many rows a PostGIS server grouped into it (its fatalities may reach that many ceilings).
    private func textRow(line: Int, values: RowValues, point: Coordinate?, geometryProblem: String?, weight: Int = 1) -> Row {
        var parsed: RowValidator.Parsed
        if let geometryProblem {
            parsed = RowValidator.Parsed(line: line)
            parsed.problem = ("geometry", .geometry(geometryProblem))
        } else {
            parsed = validator.parse(ValueFields(values: values), line: line, point: point, weight: weight, dates: dates)
        }
        return Row(parsed: parsed, values: values, raw: nil, text: nil, id: fieldColumns.id.map { values[$0].text ?? "" } ?? "", weight: weight)
    }

    /// The current row of a table's part, read in place: values are made for the columns kept alone, as a CSV
    /// record's are (`csvRow`).
    private func sourceRow(_ source: any IncidentRowSource, line: Int) -> Row {
        let fields = SourceFields(source: source)
        let parsed = validator.parse(fields, line: line, dates: dates)
        let materialize = materializes(parsed)
        let values = keptValues(parsed, materialize: materialize) { source.value($0) }
        var id = ""
        if materialize, parsed.problem == nil, let i = fieldColumns.id { id = fields.text(i) }
        return Row(parsed: parsed, values: values, raw: nil, text: nil, id: id)
    }

    /// The incident a kept row is, its id, values and text moved out of the row (`exchange`): copied, each
    /// reference they hold was counted once more, and again when the row went.
    private func incident(of row: inout Row) -> Incident {
        let (p, id, values, raw) = (row.parsed, exchange(&row.id, with: ""), exchange(&row.values, with: []), row.raw.take())
        return Incident(line: p.line, id: id, idHash: p.idHash ?? 0, coordinate: Coordinate(x: p.x, y: p.y), date: p.date,
                        fatalities: p.fatalities, fatalitiesUnknown: p.fatalitiesUnknown, geoPrecision: p.geoPrecision,
                        countryLevel: p.countryLevel, values: values, raw: raw, weight: row.weight, serverRegion: row.serverRegion)
    }

    /// Range checks (after any transform), duplicate ids, then the incident. `record`: the CSV record the
    /// row was parsed from, when it is still current.
    private func finish(_ row: consuming Row, record: CSVRecordReader.RecordView? = nil) -> Incident? {
        accepts(row, record: record) ? incident(of: &row) : nil
    }

    /// Whether the row is kept: range checks (after any transform), then its id, not seen before (or noted
    /// for the merger). A row refused goes to `onReject`. `record`: the CSV record the row was parsed from,
    /// when it is still current.
    private func accepts(_ row: Row, record: CSVRecordReader.RecordView?) -> Bool {
        if let (field, problem) = validator.problem(of: row.parsed) { reject(row, field: field, problem: problem); return false }
        if let h = row.parsed.idHash, let i = fieldColumns.id {
            if options.checkDuplicates {
                if !withIDBytes(of: row, record, i, { seenIDs.insert($0, hash: h) }) {
                    let text = rowText(row)
                    reject(row, field: columns[i], problem: .duplicateID(text.indices.contains(i) ? text[i] : ""))
                    return false
                }
            } else {
                withIDBytes(of: row, record, i) { keptIDs.append(field: $0) }
            }
        }
        return true
    }

    /// The row's id as bytes: from the row's text where it was made, else the CSV record still current
    /// (`record`), else the row's values (GeoJSON properties, store values).
    private func withIDBytes<T>(of row: Row, _ record: CSVRecordReader.RecordView?, _ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let text = row.text {
            var s = i < text.count ? text[i] : ""
            return s.withUTF8 { body($0) }
        }
        if let record { return body(record[i]) }
        if let csv { return csv.withField(i, body) }
        if let rowSource { return SourceFields(source: rowSource).withBytes(i, body) }
        return ValueFields(values: row.values).withBytes(i, body)
    }

    private func rowText(_ row: Row) -> [String] {
        if let text = row.text { return text }
        if let rowSource { return columns.indices.map(SourceFields(source: rowSource).text) }
        guard let csv else { return row.values.texts }
        var f = csv.fields
        if f.count < columns.count { f += Array(repeating: "", count: columns.count - f.count) }
        return f
    }

    private func reject(_ row: Row, field: String, problem: RowProblem) {
        rejectedCount += 1
        // A table's rows were read for their used columns only: the rejected row is reported whole.
        let whole = rowSource?.wholeRow(row.parsed.line - 1)?.texts
        onReject(Rejection(line: row.parsed.line, field: field, problem: problem, values: whole ?? rowText(row)))
    }

    /// Reads up to a batch of rows, transforms their coordinates together, validates them. False at the end.
    private func fillBatch() throws -> Bool {
        var rows: [Row] = []
        var exhausted = false
        while rows.count < IncidentReader.batchSize {
            if let csv {
                guard try csv.advance() else { exhausted = true; break }
                var row = csv.withRecord { csvRow(csv, $0) }
                row.text = rowText(row)  // the record is gone once the next is read
                rows.append(row)
            } else if let storeCursor {
                guard let stored = try storeCursor.next(only: storeColumns) else { exhausted = true; break }
                var row = textRow(line: stored.fid, values: RowValues(stored.values.map(PropertyValue.string)), point: stored.point, geometryProblem: nil,
                                  weight: stored.weight)
                row.serverRegion = stored.serverRegion
                rows.append(row)
                readCount += stored.weight - 1  // a grouped row is that many rows read
            } else if let rowSource {
                guard try rowSource.advance() else { exhausted = true; break }
                var row = sourceRow(rowSource, line: readCount + 1)
                row.text = rowText(row)  // the row is gone once the next is read
                rows.append(row)
            } else if let geoJSON {
                guard let f = try geoJSON.next() else { exhausted = true; break }
                rows.append(textRow(line: f.line, values: f.values, point: f.coordinate, geometryProblem: f.problem))
            } else {
                exhausted = true
                break
            }
            readCount += 1
        }
        if let transformer, !rows.isEmpty {
            // Rows already rejected carry NaN, which PROJ passes through untouched.
            var xs = rows.map(\.parsed.x), ys = rows.map(\.parsed.y)
            transformer.transform(x: &xs, y: &ys)
            for i in rows.indices { rows[i].parsed.x = xs[i]; rows[i].parsed.y = ys[i] }
        }
        for i in rows.indices {
            if let incident = finish(rows[i]) { pending.append(incident) }
        }
        return !(exhausted && pending.isEmpty)
    }
}
