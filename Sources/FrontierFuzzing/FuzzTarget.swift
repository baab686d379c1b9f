import Foundation
import Geo
import FrontierBase
import FrontierFormats
import FrontierPlaces
import FrontierScan

/// The parsers a hostile file reaches, callable on arbitrary bytes: what `Fuzz/` (libFuzzer) drives.
/// A thrown error is a normal outcome (the input was refused with a message); a trap, a hang or a read out
/// of bounds is a bug, and so is a broken property a target checks (`Report.violations`): the harness stops
/// on one as on a crash. Each target goes through the same code the commands use, not a copy of it. Besides
/// the CSV properties, every geometry a target accepts nests collections at most `WKBStructure.maxNesting`
/// deep (a deeper one must be refused before GEOS, which recurses per level, ever sees it), and GEOS reads
/// the structure the check walked.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// CSV records (quotes, line endings, BOM) through the chunker, a record reader per chunk and the
    /// validator, as the commands read them; its properties: every chunk size reads the same records (or
    /// refuses the header alike), one record reader over the whole input (its BOM and CR-only line ends
    /// undone by hand) reads them too, and no record read is longer than the record cap.
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

    /// What one input did: why it was refused (errors and rejected rows, as their messages say), and any
    /// property of the target it broke.
    public struct Report: Sendable {
        public var refusals: [String] = []
        public var violations: [String] = []
    }

    /// One input through the target.
    @discardableResult
    public func run(_ bytes: [UInt8]) -> Report {
        var report = Report()
        switch self {
        case .csv: FuzzTarget.csv(bytes, &report)
        case .geojson: FuzzTarget.incidents(bytes, format: .geojson, &report)
        case .geojsonl: FuzzTarget.incidents(bytes, format: .geojsonl, &report)
        case .regions: FuzzTarget.regions(bytes, &report)
        case .gpkgBinary: FuzzTarget.gpkgBinary(bytes, &report)
        case .dateAndNumber: FuzzTarget.dateAndNumber(bytes, &report)
        case .locateIndex: FuzzTarget.locateIndex(bytes, &report)
        }
        return report
    }

    /// GEOS state for the targets that build geometries (one fuzzing thread).
    nonisolated(unsafe) private static var context: GEOSContext? = try? GEOSContext()

    /// The record cap the CSV properties are checked under: small, so the fuzzer's inputs of a few kilobytes
    /// reach it (the rule is the same at 64 MB).
    static let fuzzRecordCap = 300

    /// A record as a reader gave it, for comparing readings.
    private struct ReadRecord: Equatable {
        var line: Int
        var fields: [String]
        var problem: CSVMalformation?
        var raw: String
        /// Its text's length in bytes (`raw` shows bytes that are not UTF-8 as U+FFFD); not compared.
        var bytes: Int

        static func == (a: ReadRecord, b: ReadRecord) -> Bool {
            a.line == b.line && a.fields == b.fields && a.problem == b.problem && a.raw == b.raw
        }
    }

    private static func csv(_ bytes: [UInt8], _ report: inout Report) {
        let cap = fuzzRecordCap
        // The chunker and a reader per chunk, as the commands read files, at chunk sizes that cut the input
        // everywhere: each must read the same records, or refuse the header with the same error.
        var first: (chunkSize: Int, reading: Result<[ReadRecord], FrontierError>)?
        for chunkSize in [CSVChunker.defaultChunkSize, 1, 5, 64] {
            guard let handle = pipe(bytes) else { return }
            let reading = chunked(handle, chunkSize: chunkSize, cap: cap)
            guard let (size, expected) = first else { first = (chunkSize, reading); continue }
            switch (reading, expected) {
            case (.success(let records), .success(let reference)) where records != reference:
                let at = zip(records, reference).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(records.count, reference.count)
                report.violations.append("chunks of \(chunkSize) read \(records.count) records, chunks of \(size) \(reference.count); "
                                         + "they differ from record \(at)")
            case (.failure(let error), .failure(let reference)) where "\(error)" != "\(reference)":
                report.violations.append("chunks of \(chunkSize): \(error), chunks of \(size): \(reference)")
            case (.success, .failure(let error)), (.failure(let error), .success):
                report.violations.append("chunks of \(chunkSize) and \(size) disagree on the header: \(error)")
            default: break
            }
        }
        guard let reading = first?.reading else { return }
        // The independent reading, which must agree: where the chunker read records, the same records; where
        // it refused the input, no well-formed first record.
        let whole = wholeInput(bytes, cap: cap)
        switch reading {
        case .success(let records):
            report.refusals += records.compactMap { r in r.problem.map { "\(r.line): \($0)" } }
            if whole != records {
                let at = zip(whole, records).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(whole.count, records.count)
                report.violations.append("one reader over the whole input read \(whole.count) records, the chunked reading \(records.count); "
                                         + "they differ from record \(at)")
            }
            // The header's byte count is not known from its text (bytes that are not UTF-8 show as U+FFFD):
            // the whole-input reading, which agrees with it, checks it below.
            for r in records.dropFirst() where r.problem == nil && r.bytes > cap {
                report.violations.append("line \(r.line): a chunk's record of \(r.bytes) bytes passed the cap of \(cap)")
            }
        case .failure(let error):
            report.refusals.append("\(error)")
            if let header = whole.first, header.problem == nil {
                report.violations.append("the chunker refused the input (\(error)), where one reader over it read a header")
            }
        }
        for r in whole where r.problem == nil && r.bytes > cap {
            report.violations.append("line \(r.line): a record of \(r.bytes) bytes passed the cap of \(cap)")
        }
        // The whole incident path: chunker, per-chunk readers, validator, duplicate ids, the merge.
        incidents(bytes, format: .csv, &report)
    }

    /// The header from the chunker, then each chunk through its own record reader, lines made absolute as
    /// the scan's merge makes them; the chunker's error when it refuses the input (empty, a malformed header).
    private static func chunked(_ handle: FileHandle, chunkSize: Int, cap: Int) -> Result<[ReadRecord], FrontierError> {
        do {
            let chunker = try CSVChunker(handle: handle, name: "fuzz.csv", chunkSize: chunkSize, delimiter: 44, maxRecordBytes: cap)
            var records = [ReadRecord(line: chunker.header.line, fields: chunker.header.fields, problem: nil, raw: String(chunker.header.raw),
                                      bytes: chunker.header.raw.utf8.count)]
            var offset = chunker.firstDataLine - 1
            while let chunk = try chunker.next() {
                let reader = CSVRecordReader(bytes: chunk.bytes, name: "fuzz.csv", firstLine: 1, delimiter: 44, malformed: chunk.malformed,
                                             maxRecordBytes: cap)
                while try reader.advance() {
                    records.append(ReadRecord(line: reader.line + offset, fields: reader.fields, problem: reader.malformation,
                                              raw: String(reader.raw), bytes: reader.rawByteCount))
                }
                offset += reader.nextLineNumber - 1
            }
            return .success(records)
        } catch let error as FrontierError {
            return .failure(error)
        } catch {
            return .failure(.malformed(file: "fuzz.csv", line: 0, reason: "\(error)"))
        }
    }

    /// The independent reading: one record reader over all the bytes at once, which decides every record
    /// itself (no chunk cuts, no decisions handed over by the chunker, no run of plain lines passed over
    /// unscanned). The chunker's own work, a BOM dropped and a CR-only file's CRs read as LFs, is done here
    /// by hand, as `LineEndings` decides: the first line end is a CR that no LF follows (or that ends the input).
    private static func wholeInput(_ bytes: [UInt8], cap: Int) -> [ReadRecord] {
        var text = Array(bytes.prefix(pipeCapacity))
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text.removeFirst(3) }
        if let end = text.firstIndex(where: { $0 == 10 || $0 == 13 }), text[end] == 13, end + 1 == text.count || text[end + 1] != 10 {
            text = text.map { $0 == 13 ? 10 : $0 }
        }
        let reader = CSVRecordReader(bytes: text, name: "fuzz.csv", firstLine: 1, delimiter: 44, maxRecordBytes: cap)
        var records: [ReadRecord] = []
        while (try? reader.advance()) == true {
            records.append(ReadRecord(line: reader.line, fields: reader.fields, problem: reader.malformation, raw: String(reader.raw),
                                      bytes: reader.rawByteCount))
        }
        return records
    }

    /// Incidents of any text format through the one scan every command uses (chunker, readers, validator,
    /// duplicate ids, the merge), from a pipe as standard input is read.
    private static func incidents(_ bytes: [UInt8], format: InputFormat, _ report: inout Report) {
        guard let handle = pipe(bytes) else { return }
        var query = IncidentQuery(path: "-", format: format)
        query.workers = 1
        query.storesText = true
        do {
            let scan = try IncidentScan(query, handle: handle)
            var rejections: [String] = []
            _ = try scan.run(onReject: { rejections.append("\($0.line): \($0.place): \($0.reason)") }) { _ in }
            report.refusals += rejections
        } catch {
            report.refusals.append("\(error)")
        }
        if format == .geojson, let context {
            do {
                let features = try GeoJSONFeatureFile.read(JSONReader(bytes: bytes, file: "fuzz.geojson"), path: "fuzz.geojson", context: context)
                for case let geometry? in features.map(\.geometry) { checkNesting(geometry, &report) }
            } catch { report.refusals.append("\(error)") }
        }
    }

    /// The region reader as a caller's GeoJSON region layer runs it (`RegionSource.file`), from a temporary
    /// file (it reads paths).
    private static func regions(_ bytes: [UInt8], _ report: inout Report) {
        guard let context else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("frontier-fuzz-\(getpid()).geojson").path
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let features = try RegionLayer.features(path: path, layer: nil, context: context)
            for case let geometry? in features.map(\.geometry) { checkNesting(geometry, &report) }
            let set = try RegionLayer.regions(from: features, keyField: "region_id", nameField: "region_name", countryField: nil, context: context)
            _ = try set.buildLocateIndex()
            _ = try set.locate(Coordinate(x: 70.5, y: 37.1))
        } catch {
            report.refusals.append("\(error)")
        }
    }

    private static func gpkgBinary(_ bytes: [UInt8], _ report: inout Report) {
        bytes.withUnsafeBytes { blob in
            if GeoPackageBinary.box(of: blob) == nil { report.refusals.append("no envelope or box") }
            _ = GeoPackageBinary.isEmpty(blob)
            guard let context else { return }
            do {
                if let geometry = try GeoPackageBinary.geometry(from: blob, context: context) { checkNesting(geometry, &report) }
            } catch { report.refusals.append("\(error)") }
            // The bytes as bare WKB: where GEOS accepts them, it read the structure the check walked (the
            // same nesting), so the two cannot disagree on what is nested how deep.
            if let geometry = try? Geometry(wkb: blob, context: context), (try? WKBStructure.check(blob)) != (try? nesting(of: geometry)) {
                report.violations.append("GEOS read another structure than WKBStructure walked")
            }
        }
    }

    /// The nesting property: an accepted geometry nests no deeper than the cap.
    private static func checkNesting(_ geometry: Geometry, _ report: inout Report) {
        let depth = (try? nesting(of: geometry)) ?? 0
        if depth > WKBStructure.maxNesting {
            report.violations.append("a geometry nesting \(depth) collections reached GEOS (the cap is \(WKBStructure.maxNesting))")
        }
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

    private static func dateAndNumber(_ bytes: [UInt8], _ report: inout Report) {
        bytes.withUnsafeBufferPointer { b in
            if case .failure(let problem) = CivilDate.parse(bytes: b) { report.refusals.append("date: \(problem)") }
            if ByteParsing.double(b) == nil { report.refusals.append("not a number") }
            if ByteParsing.integer(b) == nil { report.refusals.append("not an integer") }
        }
    }

    private static func locateIndex(_ bytes: [UInt8], _ report: inout Report) {
        // The region count the record claims (after its five doubles) is the one expected: the decoder's own
        // checks are what is under test.
        var peek = BinaryReader(bytes)
        guard (try? peek.skip(40)) != nil, let claimed = try? peek.int() else { report.refusals.append("shorter than its header"); return }
        var reader = BinaryReader(bytes)
        let index: LocateIndex
        do { index = try LocateIndex(decoding: &reader, regionCount: claimed) } catch { report.refusals.append("\(error)"); return }
        // A decoded index must answer any point without reading out of bounds or looping.
        for (x, y) in [(0.0, 0.0), (70.5, 37.1), (-180, -90), (180, 90), (index.bounds.minX, index.bounds.maxY)] {
            _ = index.lookup(Coordinate(x: x, y: y))
        }
    }

    /// The most bytes `pipe` passes on.
    private static let pipeCapacity = 60_000

    /// The bytes behind a file handle (a pipe, as standard input is read). Inputs larger than a pipe holds
    /// are cut: libFuzzer's inputs are a few kilobytes.
    private static func pipe(_ bytes: [UInt8]) -> FileHandle? {
        let pipe = Pipe()
        let data = Data(bytes.prefix(pipeCapacity))
        do {
            try pipe.fileHandleForWriting.write(contentsOf: data)
            try pipe.fileHandleForWriting.close()
        } catch { return nil }
        return pipe.fileHandleForReading
    }
}
