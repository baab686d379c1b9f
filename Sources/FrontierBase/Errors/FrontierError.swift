/// Every failure the engine reports, as data: the file, line, field and value it concerns. The engine
/// never names command-line flags; the command line turns these into messages and adds its hints.
public enum FrontierError: Error, Equatable, CustomStringConvertible {
    /// A value the caller gave that the engine cannot use, by what it was meant to be.
    public enum ValueKind: String, Sendable, Equatable {
        case distance, window, weekStart = "week start", rowCount = "row count"
    }

    /// What a file's coordinates were read as.
    public enum CoordinateRole: Sendable, Equatable { case regions, incidents }

    /// Where the GeoData folder was named.
    public enum GeoDataOrigin: Sendable, Equatable {
        case explicit, environment
        /// A boundary set's subfolder (`BoundarySet`): another set than the default was asked for.
        case boundaries(String)
    }

    /// What makes an analysis's work grow, for the caller's advice.
    public enum WorkGrowth: Sendable, Equatable {
        /// Location pairs tested as neighbours: the distance and the number of locations.
        case neighbourPairs
        /// Neighbour values summed over the windows: the pairs, the windows and the time lag.
        case neighbourhoodSums
    }

    /// The file cannot be opened for reading (no such file, no permission).
    case cannotOpen(file: String)
    /// The file's text breaks its format at `line` (0: the file as a whole).
    case malformed(file: String, line: Int, reason: String)
    /// A geometry that cannot be decoded; whoever knows the file and line rethrows it as `malformed`.
    case badGeometry(reason: String)
    /// The input lacks the columns that hold these fields.
    case missingColumns(file: String, fields: [IncidentFields.Role], names: [String], found: [String])
    /// A column named by the caller (a filter, a split) is not in the input.
    case unknownColumn(file: String, column: String, found: [String])
    /// Output could not be written.
    case cannotWrite(file: String, reason: String)
    /// Rows were rejected in strict mode: nothing was written.
    case strictRejection(file: String, rejected: Int)
    /// A store that has no incidents yet.
    case emptyStore(file: String)
    /// Data that cannot be used as asked (a store from another layout, ids that clash, …).
    case invalid(file: String, reason: String)
    /// Coordinates that are not lon/lat (numbers beyond ±180/±90, or a declared CRS), in a region layer or an
    /// incident file; the caller can name the CRS to transform from.
    case notLonLat(file: String, detail: String, role: CoordinateRole)
    /// A value the caller gave (a distance, a window) that is out of its domain.
    case badValue(ValueKind, value: String, reason: String)
    /// An answer would need more than a bounded amount of memory (`count` items, at most `limit`).
    case tooLarge(what: String, count: Int, limit: Int)
    /// An analysis whose work would pass a bound (`count` steps, at most `limit`), refused before any of it
    /// is done; `growth` says what the work grows with.
    case tooMuchWork(what: String, count: Int, limit: Int, growth: WorkGrowth)
    /// A sync that would delete more stored rows than its input keeps (or any, from an empty input).
    case massDelete(store: String, deleting: Int, keeping: Int)
    /// No region of that name; `suggestions` are the closest names.
    case unknownRegion(name: String, suggestions: [String])
    /// The name fits several regions; their ids.
    case ambiguousRegion(name: String, candidates: [String])
    /// No border with that id; `suggestions` are the closest ids, `known` all of them.
    case unknownBorder(name: String, suggestions: [String], known: [String])
    /// A layer file holds several layers and none was chosen.
    case layerNotChosen(file: String, layers: [String])
    /// A region feature (named by its origin: file and feature) lacks the field that keys regions.
    case missingKeyField(feature: String, key: String, fields: [String])
    /// A region feature whose key field is there but null or empty (`value`: "null" or "empty").
    case emptyKeyField(feature: String, key: String, value: String)
    /// No GeoData folder in the usual places.
    case geoDataNotFound(tried: [String])
    /// A named GeoData folder that does not hold the boundaries.
    case notGeoData(path: String, origin: GeoDataOrigin)
    /// A PostgreSQL server or table could not do what was asked; `database` is the masked URL.
    case database(database: String, reason: String)
    /// The database has no incident table of that name (`database`: the masked URL).
    case noTable(database: String, table: String)
    /// The server's region reference table holds a region the GeoData in use has not: it was loaded from
    /// another GeoData and must be loaded again.
    case unknownServerRegion(database: String, region: String)
    /// A GeoPackage that holds no incident layer written by an import.
    case notIncidentStore(file: String)
    /// The compact GeoData file cannot be used as it is (a record fails its checksum, another format). It is
    /// derived from the GeoJSON of the GeoData folder `folder`, boundary set `boundaries`: the caller can say
    /// how to derive it again.
    case compactGeoData(file: String, problem: String, folder: String, boundaries: BoundarySet)
    /// The request cannot be answered as asked (`RequestProblem` says why).
    case request(RequestProblem)
    /// A picture or a printed document (PNG, PDF) is drawn by headless Chromium, and none was found where
    /// `looked` says (an executable named, or names looked for on the search path).
    case rendererUnavailable(looked: [String])
    /// Headless Chromium was found but did not render (`reason`: its exit, its time limit, its last words).
    case renderFailed(reason: String)
    /// Every row read from `file` was rejected (`reasons`: how many for each kind): there is nothing to
    /// answer, and an empty answer would read as "no incidents".
    case everyRowRejected(file: String, reasons: [String: Int])
    /// Rows of `file` were rejected (`reasons`: how many for each kind) and the caller asked for none to be
    /// (strict): the answer would leave them out, so none is given.
    case rejectedWhenStrict(file: String, reasons: [String: Int])

    /// The message, every part of it escaped (`MessageText`): file names, columns, values and the reasons that
    /// quote them come from outside, and no engine text means a control character.
    public var description: String {
        let e = MessageText.escaped(_:) as (String) -> String
        switch self {
        case .cannotOpen(let file): return "\(e(file)): cannot open for reading (no such file or no permission)"
        case .malformed(let file, let line, let reason): return line > 0 ? "\(e(file)):\(line): \(e(reason))" : "\(e(file)): \(e(reason))"
        case .badGeometry(let reason): return "bad geometry: \(e(reason))"
        case .missingColumns(let file, _, let names, let found):
            return "\(e(file)): no \(names.map { "'\(e($0))'" }.joined(separator: " or ")) column; columns found: "
                + found.map(e).joined(separator: ", ")
        case .unknownColumn(let file, let column, let found):
            return "\(e(file)): no column '\(e(column))'; columns found: \(found.map(e).joined(separator: ", "))"
        case .cannotWrite(let file, let reason): return "cannot write \(e(file)): \(e(reason))"
        case .strictRejection(let file, let rejected):
            return "\(e(file)): \(rejected) rows rejected in strict mode: nothing imported, the store is unchanged"
        case .emptyStore(let file): return "\(e(file)) holds no incidents yet"
        case .invalid(let file, let reason): return file.isEmpty ? e(reason) : "\(e(file)): \(e(reason))"
        case .notLonLat(let file, let detail, _):
            return "\(file.isEmpty ? "" : "\(e(file)): ")\(e(detail)): coordinates must be lon/lat (WGS84) unless their CRS is given"
        case .badValue(let kind, let value, let reason): return "'\(e(value))' is not a \(kind.rawValue): \(e(reason))"
        case .tooLarge(let what, let count, let limit):
            return "\(e(what)) would be \(count == .max ? "too many" : "\(count)") rows; at most \(limit) are written"
        case .tooMuchWork(let what, let count, let limit, let growth):
            let unit = growth == .neighbourPairs ? "location pairs to test" : "neighbour values to sum"
            return "\(e(what)) would need \(count == .max ? "too many" : "\(count)") \(unit); at most \(limit) are done"
        case .massDelete(let store, let deleting, let keeping):
            return "\(e(store)): this sync would delete \(deleting) stored incidents and keep \(keeping); nothing was changed"
        case .unknownRegion(let name, let suggestions):
            return "no region '\(e(name))'" + (suggestions.isEmpty ? "" : "; did you mean \(suggestions.map(e).joined(separator: ", "))?")
        case .ambiguousRegion(let name, let candidates):
            // A short part of a name ("Pro") can fit dozens: the first ten tell the caller what to type.
            let shown = candidates.prefix(10).map(e).joined(separator: ", ")
            let more = candidates.count > 10 ? " and \(candidates.count - 10) more" : ""
            return "'\(e(name))' names several regions: \(shown)\(more); use the region id"
        case .unknownBorder(let name, let suggestions, let known):
            let hint = suggestions.isEmpty ? "" : "did you mean \(suggestions.map(e).joined(separator: ", "))? "
            return "no border '\(e(name))' in the bundled data; \(hint)known borders: \(known.map(e).joined(separator: ", "))"
        case .layerNotChosen(let file, let layers):
            return "\(e(file)) has \(layers.count) layers (\(layers.map(e).joined(separator: ", "))); which one is meant?"
        case .missingKeyField(let feature, let key, let fields):
            return "\(e(feature)): no key field '\(e(key))' (fields: \(fields.map(e).joined(separator: ", ")))"
        case .emptyKeyField(let feature, let key, let value):
            return "\(e(feature)): its key field '\(e(key))' is \(value); every region needs an id"
        case .geoDataNotFound(let tried):
            return "cannot find the GeoData folder (tried: \(tried.map(e).joined(separator: ", ")))"
        case .notGeoData(let path, .boundaries(let name)):
            return "boundary set \(e(name)): \(e(path)) does not exist or holds no admin0.geojson (build it with `make geodata`)"
        case .notGeoData(let path, _):
            return "GeoData folder \(e(path)) does not exist or holds no admin0.geojson"
        case .database(let database, let reason):
            return "\(e(database)): \(e(reason))"
        case .noTable(let database, let table):
            return "\(e(database)): has no table \(e(table))"
        case .unknownServerRegion(let database, let region):
            return "\(e(database)): frontier_regions holds a region '\(e(region))' this GeoData has not"
        case .notIncidentStore(let file):
            return "\(e(file)): is a GeoPackage but not a Frontier incident store"
        case .compactGeoData(let file, let problem, _, _):
            return "\(e(file)): \(e(problem)); derive it again from the GeoJSON beside it"
        case .request(let problem): return problem.description
        case .rendererUnavailable(let looked):
            return "a PNG or PDF is rendered by headless Chromium, and none was found (looked for \(looked.map(e).joined(separator: ", "))); install it (Debian: apt install chromium) or write HTML or SVG"
        case .renderFailed(let reason): return "headless Chromium could not render: \(e(reason))"
        case .everyRowRejected(let file, let reasons):
            return "every row of \(e(file)) was rejected (\(Self.listed(reasons))): nothing to answer"
        case .rejectedWhenStrict(let file, let reasons):
            let n = reasons.values.reduce(0, +)
            return "\(e(file)): \(n) row\(n == 1 ? "" : "s") rejected in strict mode (\(Self.listed(reasons))): no answer given"
        }
    }

    /// Counts by kind, most frequent first, then by name: the same text whatever order the rows came in.
    private static func listed(_ reasons: [String: Int]) -> String {
        reasons.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { "\($0.value) \(MessageText.escaped($0.key))" }.joined(separator: ", ")
    }
}
