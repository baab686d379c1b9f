import Foundation
import Geo

/// Reads incidents from CSV (streamed in blocks), a GeoJSON FeatureCollection or GeoJSONL, validating each
/// row (DESIGN §7). Valid rows come out of `next()` in input order; rejected ones go to `onReject` with the
/// line, field and reason, and are counted. Coordinates in another CRS (`crs`) are brought to WGS84 with
/// PROJ, a chunk at a time (one `proj_trans_generic` call per chunk).
public final class IncidentReader {
    public struct Options {
        public var fields = IncidentFields()
        /// The input CRS, e.g. "EPSG:32642"; nil for WGS84 lon/lat.
        public var crs: String?
        public var format: InputFormat = .csv
        public init() {}
    }

    public let name: String
    /// The input's columns in input order (GeoJSON: property names in order of first appearance).
    public private(set) var columns: [String] = []
    public private(set) var fieldColumns: IncidentFields.Columns
    public private(set) var readCount = 0
    public private(set) var rejectedCount = 0
    /// Whether the CSV input began with a UTF-8 byte order mark.
    public var hadBOM: Bool { csv?.hadBOM ?? false }
    public var onReject: (Rejection) -> Void = { _ in }

    private let options: Options
    private let csv: CSVRecordReader?
    private var features: [(line: Int, values: [PropertyValue], coordinate: Coordinate?, problem: String?)] = []
    private var featureIndex = 0
    private var pending: [Incident] = []
    private var pendingIndex = 0
    private var seenIDs = Set<UInt64>()
    private let transformer: Transformer?
    private static let chunkSize = 4096

    public init(path: String, handle: FileHandle? = nil, options: Options) throws {
        self.name = path
        self.options = options
        if let crs = options.crs {
            transformer = try Transformer(from: crs, to: "EPSG:4326")
        } else {
            transformer = nil
        }
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
        }
    }

    /// The next valid incident, or nil at the end.
    public func next() throws -> Incident? {
        while pendingIndex >= pending.count {
            pending.removeAll(keepingCapacity: true)
            pendingIndex = 0
            guard try fillChunk() else { return nil }
        }
        defer { pendingIndex += 1 }
        return pending[pendingIndex]
    }

    // MARK: - Chunks

    private struct Candidate {
        var line: Int
        var values: [PropertyValue]
        var text: [String]
        var raw: Substring?
        var x: Double
        var y: Double
        /// A problem found while reading (bad number, no geometry): reported in input order with the rest.
        var problem: FieldProblem?
    }

    /// Reads up to a chunk of rows, transforms their coordinates together, validates them. False at the end.
    private func fillChunk() throws -> Bool {
        var candidates: [Candidate] = []
        var exhausted = false
        while candidates.count < IncidentReader.chunkSize {
            if let csv {
                guard let record = try csv.next() else { exhausted = true; break }
                readCount += 1
                var fields = record.fields
                if fields.count < columns.count { fields += Array(repeating: "", count: columns.count - fields.count) }
                switch coordinates(fields) {
                case .failure(let p):
                    candidates.append(Candidate(line: record.line, values: [], text: record.fields, raw: nil, x: .nan, y: .nan, problem: p))
                case .success(let (x, y)):
                    candidates.append(Candidate(line: record.line, values: [], text: fields, raw: record.raw, x: x, y: y))
                }
            } else {
                guard featureIndex < features.count else { exhausted = true; break }
                let f = features[featureIndex]
                featureIndex += 1
                readCount += 1
                let text = f.values.map { $0.text ?? "" }
                if let problem = f.problem {
                    candidates.append(Candidate(line: f.line, values: f.values, text: text, raw: nil, x: .nan, y: .nan,
                                                problem: FieldProblem(field: "geometry", reason: problem)))
                } else if let c = f.coordinate {
                    candidates.append(Candidate(line: f.line, values: f.values, text: text, raw: nil, x: c.x, y: c.y))
                }
            }
        }
        if let transformer, !candidates.isEmpty {
            // Rows already rejected carry NaN, which PROJ passes through untouched.
            var xs = candidates.map(\.x), ys = candidates.map(\.y)
            transformer.transform(x: &xs, y: &ys)
            for i in candidates.indices { candidates[i].x = xs[i]; candidates[i].y = ys[i] }
        }
        for c in candidates {
            if let incident = validate(c) { pending.append(incident) }
        }
        return !(exhausted && pending.isEmpty)
    }

    private struct FieldProblem: Error { var field: String; var reason: String }

    private func coordinates(_ fields: [String]) -> Result<(Double, Double), FieldProblem> {
        guard let latIndex = fieldColumns.latitude, let lonIndex = fieldColumns.longitude else {
            return .failure(FieldProblem(field: options.fields.latitude, reason: "no coordinate columns"))
        }
        let latName = columns[latIndex], lonName = columns[lonIndex]
        switch (number(fields[lonIndex], field: lonName), number(fields[latIndex], field: latName)) {
        case (.failure(let p), _), (_, .failure(let p)): return .failure(p)
        case (.success(let x), .success(let y)): return .success((x, y))
        }
    }

    private func number(_ text: String, field: String) -> Result<Double, FieldProblem> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .failure(FieldProblem(field: field, reason: "empty coordinates")) }
        guard let v = Double(t) else { return .failure(FieldProblem(field: field, reason: "bad number '\(text)'")) }
        if v.isNaN { return .failure(FieldProblem(field: field, reason: "NaN")) }
        return .success(v)
    }

    private func validate(_ c: Candidate) -> Incident? {
        if let p = c.problem { return reject(line: c.line, field: p.field, reason: p.reason, text: c.text) }
        let latField = fieldColumns.latitude.map { columns[$0] } ?? "latitude"
        let lonField = fieldColumns.longitude.map { columns[$0] } ?? "longitude"
        if !c.x.isFinite || !c.y.isFinite {
            let why = options.crs.map { "coordinates cannot be transformed from \($0)" } ?? "coordinates are not finite"
            return reject(line: c.line, field: latField, reason: why, text: c.text)
        }
        if c.y < -90 || c.y > 90 {
            return reject(line: c.line, field: latField, reason: "latitude \(NumberFormat.shortest(c.y)) outside ±90", text: c.text)
        }
        if c.x < -180 || c.x > 180 {
            return reject(line: c.line, field: lonField, reason: "longitude \(NumberFormat.shortest(c.x)) outside ±180", text: c.text)
        }
        var date: CivilDate?
        if let i = fieldColumns.date {
            switch CivilDate.parse(Substring(c.text[i])) {
            case .success(let d): date = d
            case .failure(.impossible):
                return reject(line: c.line, field: columns[i], reason: "impossible date '\(c.text[i])'", text: c.text)
            case .failure(.unparseable):
                return reject(line: c.line, field: columns[i], reason: "unparseable date '\(c.text[i])' (expected 2025-11-26 or 26 November 2025)", text: c.text)
            }
        }
        var fatalities = 0
        if let i = fieldColumns.fatalities {
            let t = c.text[i].trimmingCharacters(in: .whitespaces)
            if !t.isEmpty {
                guard let v = Int(t) ?? Double(t).flatMap({ $0 == $0.rounded() && abs($0) < 1e12 ? Int($0) : nil }) else {
                    return reject(line: c.line, field: columns[i], reason: "bad number '\(c.text[i])'", text: c.text)
                }
                if v < 0 { return reject(line: c.line, field: columns[i], reason: "negative fatalities \(v)", text: c.text) }
                fatalities = v
            }
        }
        var id = ""
        if let i = fieldColumns.id {
            id = c.text[i]
            if id.isEmpty { return reject(line: c.line, field: columns[i], reason: "empty id", text: c.text) }
            if !seenIDs.insert(FNV1a.hash(id)).inserted {
                return reject(line: c.line, field: columns[i], reason: "duplicate id '\(id)'", text: c.text)
            }
        }
        let precision = fieldColumns.geoPrecision.flatMap { Int(c.text[$0].trimmingCharacters(in: .whitespaces)) }
        let values = c.values.isEmpty ? c.text.map(PropertyValue.string) : c.values
        return Incident(line: c.line, id: id, coordinate: Coordinate(x: c.x, y: c.y), date: date,
                        fatalities: fatalities, geoPrecision: precision, values: values, raw: c.raw)
    }

    @discardableResult
    private func reject(line: Int, field: String, reason: String, text: [String]) -> Incident? {
        rejectedCount += 1
        onReject(Rejection(line: line, field: field, reason: reason, values: text))
        return nil
    }

    // MARK: - GeoJSON

    private func loadFeatures(from handle: FileHandle, lines: Bool) throws {
        let data = try handle.readToEnd() ?? Data()
        var objects: [(Int, Any?, String?)] = []
        if lines {
            var lineNumber = 0
            for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                lineNumber += 1
                // RFC 8142 sequences start each text with RS (0x1E).
                let body = line.drop { $0 == 0x1E || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }
                if body.isEmpty || body.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { continue }
                do { objects.append((lineNumber, try JSONSerialization.jsonObject(with: Data(body)), nil)) } catch {
                    objects.append((lineNumber, nil, "not valid JSON"))
                }
            }
        } else {
            let root: Any
            do { root = try JSONSerialization.jsonObject(with: data) } catch {
                throw CSVRecordReader.Failure(file: name, line: 0, message: "is not valid JSON (\(error.localizedDescription))")
            }
            guard let dict = root as? [String: Any], dict["type"] as? String == "FeatureCollection",
                  let list = dict["features"] as? [Any] else {
                throw CSVRecordReader.Failure(file: name, line: 0, message: "is not a GeoJSON FeatureCollection")
            }
            objects = list.enumerated().map { ($0.offset + 1, $0.element, nil) }
        }
        var order: [String] = []
        var known = Set<String>()
        var parsed: [(Int, [String: PropertyValue], Coordinate?, String?)] = []
        for (line, object, problem) in objects {
            if let problem { parsed.append((line, [:], nil, problem)); continue }
            guard let feature = object as? [String: Any], feature["type"] as? String == "Feature" else {
                parsed.append((line, [:], nil, "not a GeoJSON Feature")); continue
            }
            var props: [String: PropertyValue] = [:]
            if let p = feature["properties"] as? [String: Any] {
                // JSONSerialization loses key order: keep a stable order (sorted) for keys not seen before.
                for key in p.keys.sorted() {
                    props[key] = GeoJSONFeatureFile.propertyValue(p[key]!)
                    if known.insert(key).inserted { order.append(key) }
                }
            }
            let (coordinate, problem) = GeoJSONPoint.coordinate(of: feature["geometry"])
            parsed.append((line, props, coordinate, problem))
        }
        columns = order
        features = parsed.map { line, props, c, problem in
            (line, order.map { props[$0] ?? .null }, c, problem)
        }
    }
}

/// The position of a Point feature's geometry, or why there is none.
enum GeoJSONPoint {
    static func coordinate(of geometry: Any?) -> (Coordinate?, String?) {
        guard let g = geometry as? [String: Any] else { return (nil, "empty coordinates (no geometry)") }
        guard g["type"] as? String == "Point" else {
            return (nil, "geometry is a \(g["type"] as? String ?? "?"), not a Point")
        }
        guard let c = g["coordinates"] as? [Any], c.count >= 2 else { return (nil, "empty coordinates") }
        guard let x = (c[0] as? NSNumber)?.doubleValue, let y = (c[1] as? NSNumber)?.doubleValue else {
            return (nil, "bad number in coordinates")
        }
        return (Coordinate(x: x, y: y), nil)
    }
}
