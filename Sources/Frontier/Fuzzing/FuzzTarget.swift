import Foundation
import Geo

/// The parsers a hostile file reaches, callable on arbitrary bytes: what `Fuzz/` (libFuzzer) drives.
/// A thrown error is a normal outcome (the input was refused with a message); a trap, a hang or a read out
/// of bounds is a bug. Each target goes through the same code the commands use, not a copy of it. Targets
/// also check properties of what was accepted, and trap when one fails (that is the bug reported): every
/// geometry read nests collections at most `WKBStructure.maxNesting` deep (a deeper one must be refused
/// before GEOS, which recurses per level, ever sees it), and GEOS reads the structure the check walked.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// CSV records (quotes, line endings, BOM) through the streaming reader, the chunker and the validator.
    case csv
    /// A GeoJSON FeatureCollection of incidents, and every geometry in it through the boundary reader.
    case geojson
    /// GeoJSONL / RFC 8142 incident sequences.
    case geojsonl
    /// A region layer (GeoJSON) through the region reader: keys, geometry types, lon/lat checks, MakeValid.
    case regions
    /// GeoPackage geometry blobs (header, envelope, WKB) and the R-tree functions' box reader.
    case gpkgBinary = "gpkg-binary"
    /// Dates and numbers as the validator parses them.
    case dateAndNumber = "date-number"
    /// The compact GeoData's locate-index record (every reference bounds-checked before use).
    case locateIndex = "locate-index"

    /// One input through the target.
    public func run(_ bytes: [UInt8]) {
        switch self {
        case .csv: FuzzTarget.csv(bytes)
        case .geojson: FuzzTarget.incidents(bytes, format: .geojson)
        case .geojsonl: FuzzTarget.incidents(bytes, format: .geojsonl)
        case .regions: FuzzTarget.regions(bytes)
        case .gpkgBinary: FuzzTarget.gpkgBinary(bytes)
        case .dateAndNumber: FuzzTarget.dateAndNumber(bytes)
        case .locateIndex: FuzzTarget.locateIndex(bytes)
        }
    }

    /// GEOS state for the targets that build geometries (one fuzzing thread).
    nonisolated(unsafe) private static var context: GEOSContext? = try? GEOSContext()

    private static func csv(_ bytes: [UInt8]) {
        // The streaming reader, as stdin and small files are read.
        let reader = CSVRecordReader(bytes: bytes, name: "fuzz.csv", firstLine: 1)
        while (try? reader.advance()) == true { _ = reader.fields }
        // The whole incident path: chunker, per-chunk readers, validator.
        incidents(bytes, format: .csv)
    }

    /// Incidents of any text format through the one scan every command uses (chunker, readers, validator,
    /// duplicate ids, the merge), from a pipe as standard input is read.
    private static func incidents(_ bytes: [UInt8], format: InputFormat) {
        guard let handle = pipe(bytes) else { return }
        var query = IncidentQuery(path: "-", format: format)
        query.workers = 1
        query.storesText = true
        if let scan = try? IncidentScan(query, handle: handle) {
            _ = try? scan.run(onReject: { _ in }) { _ in }
        }
        if format == .geojson, let context,
           let features = try? GeoJSONFeatureFile.read(JSONReader(bytes: bytes, file: "fuzz.geojson"), path: "fuzz.geojson", context: context) {
            for case let geometry? in features.map(\.geometry) { checkNesting(geometry) }
        }
    }

    /// The region reader as `--regions FILE.geojson` runs it, from a temporary file (it reads paths).
    private static func regions(_ bytes: [UInt8]) {
        guard let context else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-fuzz-\(getpid()).geojson").path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let features = try? RegionLayer.features(path: path, layer: nil, context: context)
        for feature in features ?? [] { feature.geometry.map(checkNesting) }
        if let features, let set = try? RegionLayer.regions(from: features, keyField: "region_id", nameField: "region_name", countryField: nil, context: context) {
            _ = try? set.buildLocateIndex()
            _ = try? set.locate(Coordinate(x: 70.5, y: 37.1))
        }
    }

    private static func gpkgBinary(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { blob in
            _ = GeoPackageBinary.box(of: blob)
            _ = GeoPackageBinary.isEmpty(blob)
            guard let context else { return }
            if let geometry = try? GeoPackageBinary.geometry(from: blob, context: context) { checkNesting(geometry) }
            // The bytes as bare WKB: where GEOS accepts them, it read the structure the check walked (the
            // same nesting), so the two cannot disagree on what is nested how deep.
            if let geometry = try? Geometry(wkb: blob, context: context) {
                let walked = try? WKBStructure.check(blob)
                precondition(walked == (try? nesting(of: geometry)), "GEOS read another structure than WKBStructure walked")
            }
        }
    }

    /// The nesting property: an accepted geometry nests no deeper than the cap.
    private static func checkNesting(_ geometry: Geometry) {
        let depth = (try? nesting(of: geometry)) ?? 0
        precondition(depth <= WKBStructure.maxNesting, "a geometry nesting \(depth) collections reached GEOS (the cap is \(WKBStructure.maxNesting))")
    }

    /// How deep `geometry` nests collections (Multi* and GeometryCollection), found by walking GEOS's parts,
    /// not from the bytes it was read from; the walk stops one level below the cap.
    static func nesting(of geometry: Geometry) throws -> Int {
        var deepest = 0
        var stack = [(geometry, 0)]
        while let (g, depth) = stack.popLast() {
            switch g.type {
            case .multiPoint, .multiLineString, .multiPolygon, .geometryCollection:
                deepest = max(deepest, depth + 1)
                if depth + 1 <= WKBStructure.maxNesting { stack += try g.parts().map { ($0, depth + 1) } }
            case .point, .lineString, .linearRing, .polygon:
                break
            }
        }
        return deepest
    }

    private static func dateAndNumber(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { b in
            _ = CivilDate.parse(bytes: b)
            _ = ByteParsing.double(b)
            _ = ByteParsing.integer(b)
        }
    }

    private static func locateIndex(_ bytes: [UInt8]) {
        // The region count the record claims (after its five doubles) is the one expected: the decoder's own
        // checks are what is under test.
        var peek = BinaryReader(bytes)
        guard (try? peek.skip(40)) != nil, let claimed = try? peek.int() else { return }
        var reader = BinaryReader(bytes)
        guard let index = try? LocateIndex(decoding: &reader, regionCount: claimed) else { return }
        // A decoded index must answer any point without reading out of bounds or looping.
        for (x, y) in [(0.0, 0.0), (70.5, 37.1), (-180, -90), (180, 90), (index.bounds.minX, index.bounds.maxY)] {
            _ = index.lookup(Coordinate(x: x, y: y))
        }
    }

    /// The bytes behind a file handle (a pipe, as standard input is read). Inputs larger than a pipe holds
    /// are cut: libFuzzer's inputs are a few kilobytes.
    private static func pipe(_ bytes: [UInt8]) -> FileHandle? {
        let pipe = Pipe()
        let data = Data(bytes.prefix(60_000))
        do {
            try pipe.fileHandleForWriting.write(contentsOf: data)
            try pipe.fileHandleForWriting.close()
        } catch { return nil }
        return pipe.fileHandleForReading
    }
}
