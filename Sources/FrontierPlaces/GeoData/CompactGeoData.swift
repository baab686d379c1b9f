import Foundation
import Geo
import FrontierBase

/// The bundled boundaries in one binary file, `GeoData/boundaries.bin`, derived from the GeoJSON beside it:
/// each layer's regions (or border lines) with geometries as WKB, the regions' locate index, and the
/// checksum of the GeoJSON file each layer came from. Parsing 0.9 MB of GeoJSON and classifying the locate
/// index took most of a one-row command's time; this loads with one read and no classification.
///
/// The GeoJSON stays the truth: a layer is taken from here only while its recorded hash matches the
/// GeoJSON file's bytes, so an edited GeoJSON is read as edited (slowly) until `write(_:context:)` derives
/// the file again. The derivation is deterministic; a test checks the committed file against it.
///
/// The file's own bytes are checked too, record by record, as each is used: a flipped bit is an error naming
/// the file and the record, never a silently different polygon. Layout (little-endian; a "checked record" is
/// a u32 length, the bytes, then their `RecordChecksum`):
///
///     "FRONTIER-GEODATA" u32 format  u32 layer count
///     per layer: string source, u64 GeoJSON hash, u64 offset, u64 length, u32 records (offset from the bodies' start)
///     u64 checksum of all the header bytes above
///     the layers' bodies, back to back:
///       admin0, admin1: per region a checked record of its strings [id, country, name, fips, code] and one of its WKB
///                       (checked when the polygon is first parsed), then checked records of the repair notes and
///                       of the locate index
///       borders:        per border line a checked record of country A, country B and the line's WKB
public enum CompactGeoData {
    public static let fileName = "boundaries.bin"
    private static let magic = Array("FRONTIER-GEODATA".utf8)
    /// 4: each region's ISO 3166-2 code among its strings.
    /// 3: a checksum per record and over the header (2 had none: a flipped bit changed a polygon silently).
    /// 2: GeoJSON checksums by `FNV1a.wordHash` (1 hashed them a byte at a time).
    static let version: UInt32 = 4

    /// The layers, in file order.
    enum Layer: String, CaseIterable {
        case admin0, admin1, borders
        var source: String { "\(rawValue).geojson" }
    }

    // MARK: - Deriving

    /// Derives the file from the GeoJSON in `location` and writes it there (atomically). Returns its size.
    @discardableResult
    public static func write(_ location: GeoDataLocation, context: GEOSContext? = nil) throws -> Int {
        let context = try context ?? GEOSContext()
        var header = BinaryWriter()
        for b in magic { header.u8(b) }
        header.u32(version)
        header.u32(UInt32(Layer.allCases.count))
        var bodies: [UInt8] = []
        for layer in Layer.allCases {
            var body = BinaryWriter()
            let records: Int
            switch layer {
            case .admin0, .admin1:
                let set = try RegionSet.loadGeoJSON(layer == .admin0 ? .admin0 : .admin1, location: location, context: context)
                try encode(set, into: &body)
                records = set.count
            case .borders:
                let borders = try BorderSet.loadGeoJSON(location, context: context).borders
                for b in borders {
                    try body.checked { record in
                        record.string(b.countryA)
                        record.string(b.countryB)
                        record.raw(try b.geometry.wkb())
                    }
                }
                records = borders.count
            }
            header.string(layer.source)
            header.u64(hash(of: location.file(layer.source).path))
            header.u64(UInt64(bodies.count))
            header.u64(UInt64(body.bytes.count))
            header.u32(UInt32(records))
            bodies += body.bytes
        }
        header.u64(RecordChecksum.of(header.bytes[...]))
        let bytes = header.bytes + bodies
        let path = location.file(fileName)
        defer { verified.forget(location.directory.path) }
        do { try Data(bytes).write(to: path, options: .atomic) } catch {
            throw FrontierError.cannotWrite(file: path.path, reason: error.localizedDescription)
        }
        return bytes.count
    }

    private static func encode(_ set: RegionSet, into w: inout BinaryWriter) throws {
        for r in set.regions {
            w.checked { $0.strings([r.id, r.country, r.name, r.fips, r.code]) }
            w.checked(try r.geometry.wkb())
        }
        w.checked { $0.strings(set.repairs) }
        let index = try LocateIndex(regions: set, maxDepth: LocateIndex.bundledDepth)
        w.checked { index.encode(into: &$0) }
    }

    // MARK: - Loading

    /// The regions of a bundled layer with their locate index, or nil when the file is absent or older than
    /// the layer's GeoJSON (then the caller reads the GeoJSON). Each region's strings, the repair notes and
    /// the index are checked here; a polygon when it is first parsed.
    static func regions(_ layer: Layer, in location: GeoDataLocation, context: GEOSContext) throws -> RegionSet? {
        guard let stored = try records(of: layer, in: location) else { return nil }
        var r = stored.body
        var regions: [Region] = []
        regions.reserveCapacity(stored.count)
        var part = "\(layer) region 1 of \(stored.count)"
        do {
            for k in 0..<stored.count {
                part = "\(layer) region \(k + 1) of \(stored.count)" + (regions.last.map { " (after \($0.id))" } ?? "")
                var names = try intact(r.checkedRecord(), location, "the name record of \(part)")
                let strings = try names.strings()
                guard strings.count == 5, names.atEnd else { throw BinaryReader.Truncated() }
                let wkb = try r.checkedRecord()
                // Parsed, and checked, when first used (most commands locate most points by the cell index alone).
                regions.append(Region(id: strings[0], country: strings[1], name: strings[2], fips: strings[3], code: strings[4],
                                      wkb: wkb.bytes, checksum: wkb.checksum, context: context, compact: location))
            }
            part = "\(layer)'s repair notes"
            var notes = try intact(r.checkedRecord(), location, part)
            let repairs = try notes.strings()
            part = "\(layer)'s locate index"
            let record = try r.checkedRecord()
            guard notes.atEnd, r.atEnd else { throw BinaryReader.Truncated() }
            let decoded = try verified.index(layer, in: location.directory.path) {
                var index = try intact(record, location, part)
                let decoded = try LocateIndex(decoding: &index, regionCount: stored.count)
                guard index.atEnd else { throw BinaryReader.Truncated() }
                return decoded
            }
            let set = try RegionSet(regions: regions, repairs: repairs, context: context)
            // The set's own index, sharing the decoded arrays: what a scan fills in it (the flat table) stays
            // its own.
            try set.adopt(LocateIndex(sharing: decoded))
            return set
        } catch is BinaryReader.Truncated {
            throw damaged(location, "\(part) runs past its end or points outside the data")
        }
    }

    /// The bundled border lines, or nil as for `regions`.
    static func borders(in location: GeoDataLocation, context: GEOSContext) throws -> [BorderLine]? {
        guard let stored = try records(of: .borders, in: location) else { return nil }
        var r = stored.body
        var part = "border line 1 of \(stored.count)"
        do {
            let lines = try (0..<stored.count).map { k -> BorderLine in
                part = "border line \(k + 1) of \(stored.count)"
                var record = try intact(r.checkedRecord(), location, part)
                let a = try record.string(), b = try record.string(), wkb = try record.raw()
                guard record.atEnd else { throw BinaryReader.Truncated() }
                let geometry: Geometry
                do { geometry = try wkb.withUnsafeBytes { try Geometry(wkb: $0, context: context) } } catch {
                    throw damaged(location, "border line \(a)-\(b) cannot be read (\(error))")
                }
                return BorderLine(countryA: a, countryB: b, geometry: geometry)
            }
            guard r.atEnd else { throw BinaryReader.Truncated() }
            return lines
        } catch is BinaryReader.Truncated {
            throw damaged(location, "\(part) runs past its end or points outside the data")
        }
    }

    /// A record's bytes to read, once they match their checksum; otherwise the error naming `part`.
    private static func intact(_ record: CheckedRecord, _ location: GeoDataLocation, _ part: String) throws -> BinaryReader {
        guard record.isIntact else { throw damaged(location, "\(part) does not match its checksum") }
        return BinaryReader(record.bytes)
    }

    /// One layer's body and how many records (regions, border lines) it holds.
    private struct LayerRecords {
        let body: BinaryReader
        let count: Int
    }

    /// `layer`'s records, when the file holds it for the GeoJSON as it is now.
    private static func records(of layer: Layer, in location: GeoDataLocation) throws -> LayerRecords? {
        try verified.layer(layer, in: location.directory.path) { try readLayer(layer, location) }
    }

    /// `layer`'s records from the file, only if the hash it records matches its GeoJSON now (nil for a stale
    /// layer or an absent file). Only this layer's GeoJSON is hashed: hashing all three (5 MB with the
    /// OpenStreetMap outlines) at every start was a quarter of a one-row `join`. And only this layer's bytes
    /// are read: a command that uses the border lines alone does not read the regions' locate indexes.
    private static func readLayer(_ layer: Layer, _ location: GeoDataLocation) throws -> LayerRecords? {
        guard let file = try verified.file(in: location.directory.path, opening: { try openFile(location) }) else { return nil }
        guard let k = Layer.allCases.firstIndex(of: layer) else { return nil }
        let entry = file.layers[k]
        guard entry.hash == hash(of: location.file(layer.source).path) else { return nil }
        guard let bytes = file.bytes(at: file.bodiesStart + Int(entry.offset), count: Int(entry.length)) else {
            throw damaged(location, "the \(layer) layer cannot be read in full (the file was cut, or a read failed)")
        }
        return LayerRecords(body: BinaryReader(bytes), count: entry.records)
    }

    /// The file opened, its header read and checked: the header is checked whole (it is a few hundred
    /// bytes), and the layers must tile the rest of the file, so a cut file is found here. Nil when the
    /// file is absent or not a regular file.
    private static func openFile(_ location: GeoDataLocation) throws -> OpenFile? {
        let path = location.file(fileName).path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { close(fd); return nil }
        let file = OpenFile(fd: fd, size: Int(info.st_size))
        // The header: magic, format and count, then per layer its source name (a short string) and four
        // numbers. 4 KB holds it many times over; a header longer than that is damaged.
        var r = BinaryReader(file.bytes(at: 0, count: min(file.size, 4096)) ?? [])
        do {
            for b in magic {
                guard try r.u8() == b else {
                    throw unusable(location, "does not begin with \"FRONTIER-GEODATA\": it is not a compact GeoData file, or its first bytes are damaged")
                }
            }
            let format = try r.u32()
            guard format == version else {
                throw unusable(location, format < version
                    ? "is in format \(format), written by an older frontier; this one reads format \(version)"
                    : "is in format \(format), which this frontier does not know (it reads format \(version)): damaged, or written by a newer frontier")
            }
            let count = Int(try r.u32())
            guard count == Layer.allCases.count else { throw damaged(location, "its header lists \(count) layers, not \(Layer.allCases.count)") }
            for _ in 0..<count {
                file.layers.append(.init(source: try r.string(), hash: try r.u64(), offset: try r.u64(), length: try r.u64(), records: Int(try r.u32())))
            }
            let header = r.consumed
            guard try r.u64() == RecordChecksum.of(header) else { throw damaged(location, "its header does not match its checksum") }
            file.bodiesStart = header.count + 8
            var end: UInt64 = 0
            let bodies = UInt64(file.size - file.bodiesStart)
            for (candidate, entry) in zip(Layer.allCases, file.layers) {
                guard entry.source == candidate.source, entry.offset == end, entry.length <= bodies - end else { throw BinaryReader.Truncated() }
                end += entry.length
            }
            guard end == bodies else { throw BinaryReader.Truncated() }
            return file
        } catch is BinaryReader.Truncated {
            throw damaged(location, "it is cut short, or its header points outside the data")
        }
    }

    /// What each folder's file held, checked once per process and layer: a command that loads several layers
    /// (near: admin-1, admin-0 for the countries and for the mismatch names, the borders) opens the file once
    /// and hashes each GeoJSON it uses once. `write` forgets the folder it rewrites; a damaged file is not
    /// remembered (it stays an error).
    private static let verified = Verified()

    private final class Verified: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [String: OpenFile?] = [:]
        private var layers: [String: [Layer: LayerRecords?]] = [:]
        /// Each layer's locate index, decoded and checked once per process: a library serving many calls
        /// (Python's) decoded and checked the whole tree at each, a third of a call on a small table.
        private var indexes: [String: [Layer: LocateIndex]] = [:]

        /// The folder's file, opened once (nil when absent).
        func file(in folder: String, opening open: () throws -> OpenFile?) throws -> OpenFile? {
            lock.lock()
            defer { lock.unlock() }
            if let known = files[folder] { return known }
            let file = try open()
            files[folder] = .some(file)
            return file
        }

        func layer(_ layer: Layer, in folder: String, reading read: () throws -> LayerRecords?) throws -> LayerRecords? {
            lock.lock()
            if let known = layers[folder]?[layer] { lock.unlock(); return known }
            lock.unlock()
            // Read outside the lock: `read` takes it again for the file.
            let records = try read()
            lock.lock()
            defer { lock.unlock() }
            layers[folder, default: [:]][layer] = .some(records)
            return records
        }

        /// The layer's decoded index (`decode` runs once; a damaged one is not remembered).
        func index(_ layer: Layer, in folder: String, decoding decode: () throws -> LocateIndex) throws -> LocateIndex {
            lock.lock()
            defer { lock.unlock() }
            if let known = indexes[folder]?[layer] { return known }
            let decoded = try decode()
            indexes[folder, default: [:]][layer] = decoded
            return decoded
        }

        func forget(_ folder: String) {
            lock.lock()
            defer { lock.unlock() }
            files[folder] = nil
            layers[folder] = nil
            indexes[folder] = nil
        }
    }

    /// The compact file held open with its header: every layer is read from the file the header was read
    /// from, even if `write` replaces it meanwhile. Closed when forgotten.
    private final class OpenFile: @unchecked Sendable {
        struct Entry {
            let source: String
            let hash: UInt64
            /// From the start of the bodies.
            let offset: UInt64
            let length: UInt64
            let records: Int
        }
        let fd: Int32
        let size: Int
        // Set while the header is read, before the file is shared.
        var layers: [Entry] = []
        var bodiesStart = 0

        init(fd: Int32, size: Int) {
            self.fd = fd
            self.size = size
        }

        deinit { close(fd) }

        /// `count` bytes from `offset`, read straight into the array (nil when the file ends first or cannot
        /// be read). `FileManager.contents` and a copy into an array were a tenth of a one-row `map`.
        func bytes(at offset: Int, count: Int) -> [UInt8]? {
            var complete = true
            let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, done in
                done = 0
                while done < count {
                    let n = pread(fd, buffer.baseAddress! + done, count - done, off_t(offset + done))
                    if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { complete = false; break }
                }
            }
            return complete ? bytes : nil
        }
    }

    /// The checksum of a file's bytes (`FNV1a.wordHash`; 0 when it cannot be read: then nothing matches and
    /// the GeoJSON path reports the real problem). Mapped, not copied: only this hash reads it.
    private static func hash(of path: String) -> UInt64 {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return 0 }
        return data.withUnsafeBytes { FNV1a.wordHash($0) }
    }

    /// The error for the file in `location` when a part of it is damaged: `part` says which and how.
    static func damaged(_ location: GeoDataLocation, _ part: String) -> FrontierError {
        unusable(location, "is damaged: \(part)")
    }

    /// The error for the file in `location` when it cannot be used as it is (`problem` completes "FILE …").
    private static func unusable(_ location: GeoDataLocation, _ problem: String) -> FrontierError {
        .compactGeoData(file: location.file(fileName).path, problem: problem, folder: location.root.path, boundaries: location.boundaries)
    }
}
