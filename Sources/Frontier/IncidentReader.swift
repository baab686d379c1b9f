import Foundation
import Geo

/// Reads incidents from CSV (streamed in blocks), a GeoJSON FeatureCollection or GeoJSONL, validating each
/// row (DESIGN §7). Valid rows come out of `next()` in input order; rejected ones go to `onReject` with the
/// line, field and reason, and are counted. Coordinates in another CRS (`crs`) are brought to WGS84 with
/// PROJ, a chunk at a time (one `proj_trans_generic` call per chunk).
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
        /// Reject repeated ids. Workers reading chunks leave it to the merger, which sees rows in order.
        public var checkDuplicates = true
        /// For a store (`.gpkg`): the box and dates to read, pushed into SQL (R-tree, date index).
        public var storeFilter = IncidentStore.Filter()
        public init() {}
    }

    public let name: String
    /// The input's columns in input order (GeoJSON: property names in order of first appearance).
    public internal(set) var columns: [String] = []
    public private(set) var fieldColumns: IncidentFields.Columns
    public private(set) var readCount = 0
    public private(set) var rejectedCount = 0
    /// Whether the CSV input began with a UTF-8 byte order mark.
    public var hadBOM: Bool { csv?.hadBOM ?? false }
    /// For CSV: the line after the last one read (a chunk reader uses it to tell how many lines it held).
    public var nextLineNumber: Int? { csv?.nextLineNumber }

    /// Bytes read so far (CSV), for progress.
    public var bytesRead: Int { csv?.bytesRead ?? 0 }
    public var onReject: (Rejection) -> Void = { _ in }

    private let options: Options
    private let csv: CSVRecordReader?
    var features: [(line: Int, values: [PropertyValue], coordinate: Coordinate?, problem: String?)] = []
    private var featureIndex = 0
    private var storeCursor: IncidentStore.Cursor?
    /// The store columns a caller needs when it keeps only some values (nil: all of them).
    private var storeColumns: Set<Int>?
    private var pending: [Incident] = []
    private var pendingIndex = 0
    private var seenIDs = Set<UInt64>()
    private let transformer: Transformer?
    private var kept: [Int] = []
    private static let chunkSize = 4096

    public init(path: String, handle: FileHandle? = nil, options: Options) throws {
        self.name = path
        self.options = options
        if options.format == .gpkg, options.crs != nil {
            throw CSVRecordReader.Failure(file: path, line: 0, message: "a store holds WGS84 coordinates already: --crs applies to CSV and GeoJSON input only")
        }
        transformer = try options.crs.map { try Transformer(from: $0, to: "EPSG:4326") }
        let input: FileHandle
        if let handle { input = handle } else {
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw CSVRecordReader.Failure(file: path, line: 0, message: "cannot open for reading (no such file or no permission)")
            }
            input = h
        }
        switch options.format {
        case .csv:
            let reader = CSVRecordReader(handle: input, name: path)
            csv = reader
            guard let header = try reader.next() else {
                throw CSVRecordReader.Failure(file: path, line: 1, message: "is empty: expected a header row")
            }
            columns = header.fields
            fieldColumns = try options.fields.columns(in: columns, file: path)
        case .geojson, .geojsonl:
            csv = nil
            fieldColumns = IncidentFields.Columns()
            try loadFeatures(from: input, lines: options.format == .geojsonl)
            fieldColumns = try options.fields.columns(in: columns, file: path, requireCoordinates: false)
        case .gpkg:
            csv = nil
            let store = try IncidentStore.openForReading(path)
            let cursor = try store.cursor(options.storeFilter)
            storeCursor = cursor
            let layout = store.layout!
            columns = layout.columns
            // The store knows which columns held the id, date and position when they were imported.
            var fields = options.fields
            fields.id = layout.idField
            fields.date = layout.dateField
            fields.latitude = layout.latField
            fields.longitude = layout.lonField
            fieldColumns = try fields.columns(in: columns, file: path, requireCoordinates: false)
        }
        kept = columns.indices.filter { options.keepColumns.contains(columns[$0]) }
        if storeCursor != nil, !options.materializeValues {
            let f = fieldColumns
            storeColumns = Set(kept + [f.id, f.date, f.fatalities, f.geoPrecision, f.latitude, f.longitude].compactMap { $0 })
        }
    }

    /// A reader over a chunk of whole CSV records (no header), numbered from `firstLine`: what a worker
    /// thread parses. `columns` is the file's header.
    public init(chunk: [UInt8], name: String, firstLine: Int, columns: [String], options: Options) throws {
        self.name = name
        self.options = options
        transformer = try options.crs.map { try Transformer(from: $0, to: "EPSG:4326") }
        csv = CSVRecordReader(bytes: chunk, name: name, firstLine: firstLine)
        self.columns = columns
        fieldColumns = try options.fields.columns(in: columns, file: name)
        kept = columns.indices.filter { options.keepColumns.contains(columns[$0]) }
    }

    /// The next valid incident, or nil at the end.
    public func next() throws -> Incident? {
        if let csv, transformer == nil {
            // WGS84 CSV: each record is validated as it is read, no chunking needed.
            while try csv.advance() {
                readCount += 1
                if let incident = validateCSVRecord(csv) { return incident }
            }
            return nil
        }
        while pendingIndex >= pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            guard try fillChunk() else { return nil }
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    // MARK: - Validation

    private struct FieldProblem: Error { var field: String; var reason: String }

    /// What a row says, parsed; coordinates may still need transforming and range checks.
    private struct Parsed {
        var line: Int
        var x = Double.nan
        var y = Double.nan
        var problem: FieldProblem?
        var date: CivilDate?
        var fatalities = 0
        var idHash: UInt64?
        var id = ""
        var geoPrecision: Int?
        var values: [PropertyValue] = []
        var raw: Substring?
        /// The whole row as text, kept only where it may still be rejected after a transform.
        var text: [String]?
    }

    private func columnName(_ i: Int?, _ fallback: String) -> String {
        i.map { columns[$0] } ?? fallback
    }

    /// Parses the reader's current record (bytes only) and validates everything that needs no transform.
    private func parse(_ r: CSVRecordReader) -> Parsed {
        var p = Parsed(line: r.line)
        guard let latIndex = fieldColumns.latitude, let lonIndex = fieldColumns.longitude else {
            p.problem = FieldProblem(field: options.fields.latitude, reason: "no coordinate columns")
            return p
        }
        let text = { (b: UnsafeBufferPointer<UInt8>) in String(decoding: b, as: UTF8.self) }
        // One borrowed view of the record for every field read: no String unless something is wrong or kept.
        r.withRecord { record in
            for (index, isLon) in [(lonIndex, true), (latIndex, false)] {
                let b = record[index]
                let problem: FieldProblem?
                if ByteParsing.isEmpty(b) {
                    problem = FieldProblem(field: columns[index], reason: "empty coordinates")
                } else if let v = ByteParsing.double(b) {
                    problem = v.isNaN ? FieldProblem(field: columns[index], reason: "NaN") : nil
                    if isLon { p.x = v } else { p.y = v }
                } else {
                    problem = FieldProblem(field: columns[index], reason: "bad number '\(text(b))'")
                }
                if let problem { p.problem = problem; return }
            }
            if let i = fieldColumns.date {
                switch CivilDate.parse(bytes: record[i]) {
                case .success(let d): p.date = d
                case .failure(.impossible):
                    p.problem = FieldProblem(field: columns[i], reason: "impossible date '\(text(record[i]))'"); return
                case .failure(.unparseable):
                    p.problem = FieldProblem(field: columns[i], reason: "unparseable date '\(text(record[i]))' (expected 2025-11-26 or 26 November 2025)"); return
                }
            }
            if let i = fieldColumns.fatalities, !ByteParsing.isEmpty(record[i]) {  // an empty count is 0
                guard let v = ByteParsing.integer(record[i]) else {
                    p.problem = FieldProblem(field: columns[i], reason: "bad number '\(text(record[i]))'"); return
                }
                if v < 0 { p.problem = FieldProblem(field: columns[i], reason: "negative fatalities \(v)"); return }
                p.fatalities = v
            }
            if let i = fieldColumns.id {
                if record[i].isEmpty { p.problem = FieldProblem(field: columns[i], reason: "empty id"); return }
                p.idHash = ByteParsing.hash(record[i])
            }
            if let i = fieldColumns.geoPrecision { p.geoPrecision = ByteParsing.integer(record[i]) }
            if !options.materializeValues && !kept.isEmpty {
                p.values = (0..<columns.count).map { kept.contains($0) ? .string(text(record[$0])) : .null }
            }
        }
        if p.problem == nil && options.materializeValues {
            p.values = (0..<columns.count).map { .string(r.field($0)) }
            p.raw = r.raw
            if let i = fieldColumns.id { p.id = r.field(i) }
        }
        return p
    }

    private func paddedFields(_ r: CSVRecordReader) -> [String] {
        var f = r.fields
        if f.count < columns.count { f += Array(repeating: "", count: columns.count - f.count) }
        return f
    }

    private func validateCSVRecord(_ r: CSVRecordReader) -> Incident? {
        let p = parse(r)
        return finish(p, text: { self.paddedFields(r) })
    }

    /// Range checks (after any transform), duplicate ids, then the incident.
    private func finish(_ p: Parsed, text: () -> [String]) -> Incident? {
        if let problem = p.problem { return reject(line: p.line, field: problem.field, reason: problem.reason, text: text()) }
        let latField = columnName(fieldColumns.latitude, "latitude"), lonField = columnName(fieldColumns.longitude, "longitude")
        if !p.x.isFinite || !p.y.isFinite {
            let why = options.crs.map { "coordinates cannot be transformed from \($0)" } ?? "coordinates are not finite"
            return reject(line: p.line, field: latField, reason: why, text: text())
        }
        if p.y < -90 || p.y > 90 {
            return reject(line: p.line, field: latField, reason: "latitude \(NumberFormat.shortest(p.y)) outside ±90", text: text())
        }
        if p.x < -180 || p.x > 180 {
            return reject(line: p.line, field: lonField, reason: "longitude \(NumberFormat.shortest(p.x)) outside ±180", text: text())
        }
        if options.checkDuplicates, let h = p.idHash, !seenIDs.insert(h).inserted {
            let f = text()
            let i = fieldColumns.id!
            return reject(line: p.line, field: columns[i], reason: "duplicate id '\(f[i])'", text: f)
        }
        return Incident(line: p.line, id: p.id, idHash: p.idHash ?? 0, coordinate: Coordinate(x: p.x, y: p.y), date: p.date,
                        fatalities: p.fatalities, geoPrecision: p.geoPrecision, values: p.values, raw: p.raw)
    }

    // MARK: - Chunks (a CRS to transform, or GeoJSON features)

    /// Reads up to a chunk of rows, transforms their coordinates together, validates them. False at the end.
    private func fillChunk() throws -> Bool {
        var parsed: [Parsed] = []
        var exhausted = false
        while parsed.count < IncidentReader.chunkSize {
            if let csv {
                guard try csv.advance() else { exhausted = true; break }
                readCount += 1
                var p = parse(csv)
                p.text = paddedFields(csv)
                parsed.append(p)
            } else if let storeCursor {
                guard let row = try storeCursor.next(only: storeColumns) else { exhausted = true; break }
                readCount += 1
                parsed.append(parseFeature((row.fid, row.values.map(PropertyValue.string), row.point, nil)))
            } else {
                guard featureIndex < features.count else { exhausted = true; break }
                let f = features[featureIndex]
                featureIndex += 1
                readCount += 1
                parsed.append(parseFeature(f))
            }
        }
        if let transformer, !parsed.isEmpty {
            // Rows already rejected carry NaN, which PROJ passes through untouched.
            var xs = parsed.map(\.x), ys = parsed.map(\.y)
            transformer.transform(x: &xs, y: &ys)
            for i in parsed.indices { parsed[i].x = xs[i]; parsed[i].y = ys[i] }
        }
        for p in parsed {
            if let incident = finish(p, text: { p.text ?? [] }) { pending.append(incident) }
        }
        return !(exhausted && pending.isEmpty)
    }

    private func parseFeature(_ f: (line: Int, values: [PropertyValue], coordinate: Coordinate?, problem: String?)) -> Parsed {
        var p = Parsed(line: f.line)
        let text = f.values.map { $0.text ?? "" }
        p.text = text
        p.values = f.values
        if let problem = f.problem { p.problem = FieldProblem(field: "geometry", reason: problem); return p }
        guard let c = f.coordinate else { return p }
        p.x = c.x
        p.y = c.y
        if let i = fieldColumns.date {
            switch CivilDate.parse(Substring(text[i])) {
            case .success(let d): p.date = d
            case .failure(.impossible): p.problem = FieldProblem(field: columns[i], reason: "impossible date '\(text[i])'"); return p
            case .failure(.unparseable):
                p.problem = FieldProblem(field: columns[i], reason: "unparseable date '\(text[i])' (expected 2025-11-26 or 26 November 2025)"); return p
            }
        }
        // Counts follow the CSV path's rules (ByteParsing): an empty count is 0, hexadecimal is no number.
        if let i = fieldColumns.fatalities, !ByteParsing.isEmpty(text[i]) {
            guard let v = ByteParsing.integer(text[i]) else {
                p.problem = FieldProblem(field: columns[i], reason: "bad number '\(text[i])'"); return p
            }
            if v < 0 { p.problem = FieldProblem(field: columns[i], reason: "negative fatalities \(v)"); return p }
            p.fatalities = v
        }
        if let i = fieldColumns.id {
            if text[i].isEmpty { p.problem = FieldProblem(field: columns[i], reason: "empty id"); return p }
            p.id = text[i]
            p.idHash = FNV1a.hash(text[i])
        }
        p.geoPrecision = fieldColumns.geoPrecision.flatMap { ByteParsing.integer(text[$0]) }
        return p
    }

    @discardableResult
    private func reject(line: Int, field: String, reason: String, text: [String]) -> Incident? {
        rejectedCount += 1
        onReject(Rejection(line: line, field: field, reason: reason, values: text))
        return nil
    }
}
