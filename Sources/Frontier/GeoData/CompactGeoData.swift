import Foundation
import Geo

/// The bundled boundaries in one binary file, `GeoData/boundaries.bin`, derived from the GeoJSON beside it:
/// each layer's regions (or border lines) with geometries as WKB, the regions' locate index, and the
/// checksum of the GeoJSON file each layer came from. Parsing 0.9 MB of GeoJSON and classifying the locate
/// index took most of a one-row command's time; this loads with one read and no classification.
///
/// The GeoJSON stays the truth: a layer is taken from here only while its recorded hash matches the
/// GeoJSON file's bytes, so an edited GeoJSON is read as edited (slowly) until `frontier geodata compact`
/// derives the file again. The derivation is deterministic; a test checks the committed file against it.
public enum CompactGeoData {
    public static let fileName = "boundaries.bin"
    private static let magic = Array("FRONTIER-GEODATA".utf8)
    /// 2: GeoJSON checksums by `FNV1a.wordHash` (1 hashed them a byte at a time).
    private static let version: UInt32 = 2

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
        var w = BinaryWriter()
        for b in magic { w.u8(b) }
        w.u32(version)
        for layer in Layer.allCases {
            var body = BinaryWriter()
            body.string(layer.source)
            body.u64(hash(of: location.file(layer.source).path))
            switch layer {
            case .admin0, .admin1:
                let set = try RegionSet.loadGeoJSON(layer == .admin0 ? .admin0 : .admin1, location: location, context: context)
                try encode(set, into: &body)
            case .borders:
                let borders = try BorderSet.loadGeoJSON(location, context: context).borders
                body.u32(UInt32(borders.count))
                for b in borders {
                    body.string(b.countryA)
                    body.string(b.countryB)
                    body.raw(try b.geometry.wkb())
                }
            }
            w.raw(body.bytes)
        }
        let path = location.file(fileName)
        defer { verified.forget(location.directory.path) }
        do { try Data(w.bytes).write(to: path, options: .atomic) } catch {
            throw FrontierError.cannotWrite(file: path.path, reason: error.localizedDescription)
        }
        return w.bytes.count
    }

    private static func encode(_ set: RegionSet, into w: inout BinaryWriter) throws {
        w.u32(UInt32(set.regions.count))
        for r in set.regions {
            w.strings([r.id, r.country, r.name, r.fips])
            w.raw(try r.geometry.wkb())
        }
        w.strings(set.repairs)
        try set.buildLocateIndex().encode(into: &w)
    }

    // MARK: - Loading

    /// The regions of a bundled layer with their locate index, or nil when the file is absent, from
    /// another version, or older than the layer's GeoJSON (then the caller reads the GeoJSON).
    static func regions(_ layer: Layer, in location: GeoDataLocation, context: GEOSContext) throws -> RegionSet? {
        guard var r = try reader(for: layer, in: location) else { return nil }
        do {
            let count = Int(try r.u32())
            var regions: [Region] = []
            regions.reserveCapacity(count)
            for _ in 0..<count {
                let names = try r.strings()
                guard names.count == 4 else { throw BinaryReader.Truncated() }
                let wkb = try r.raw()
                // Parsed when first used (most commands locate most points by the cell index alone).
                regions.append(Region(id: names[0], country: names[1], name: names[2], fips: names[3], wkb: wkb, context: context,
                                      origin: location.file(fileName).path))
            }
            let set = try RegionSet(regions: regions, repairs: try r.strings(), context: context)
            try set.adopt(LocateIndex(decoding: &r, regionCount: count))
            return set
        } catch is BinaryReader.Truncated {
            throw damaged(location)
        }
    }

    /// The bundled border lines, or nil as for `regions`.
    static func borders(in location: GeoDataLocation, context: GEOSContext) throws -> [BorderLine]? {
        guard var r = try reader(for: .borders, in: location) else { return nil }
        do {
            return try (0..<Int(try r.u32())).map { _ in
                let a = try r.string(), b = try r.string()
                let geometry = try r.raw().withUnsafeBytes { try Geometry(wkb: $0, context: context) }
                return BorderLine(countryA: a, countryB: b, geometry: geometry)
            }
        } catch is BinaryReader.Truncated {
            throw damaged(location)
        }
    }

    /// A reader at the start of `layer`'s records, when the file holds it for the GeoJSON as it is now.
    private static func reader(for layer: Layer, in location: GeoDataLocation) throws -> BinaryReader? {
        try verified.layer(layer, in: location.directory.path) { try readLayer(layer, location) }
    }

    /// `layer`'s records from the file, only if the hash it records matches its GeoJSON now (nil for a stale
    /// layer; an absent file or another version has none). Only this layer's GeoJSON is hashed: hashing all
    /// three (5 MB with the OpenStreetMap outlines) at every start was a quarter of a one-row `join`.
    private static func readLayer(_ layer: Layer, _ location: GeoDataLocation) throws -> BinaryReader? {
        guard let bytes = verified.file(in: location.directory.path, reading: {
            FileManager.default.contents(atPath: location.file(fileName).path).map { [UInt8]($0) }
        }) else { return nil }
        var r = BinaryReader(bytes)
        do {
            for b in magic { guard try r.u8() == b else { return nil } }
            guard try r.u32() == version else { return nil }
            for candidate in Layer.allCases {
                var body = BinaryReader(try r.raw())
                guard try body.string() == candidate.source else { throw BinaryReader.Truncated() }
                guard candidate == layer else { continue }
                return try body.u64() == hash(of: location.file(layer.source).path) ? body : nil
            }
            return nil
        } catch is BinaryReader.Truncated {
            throw damaged(location)
        }
    }

    /// What each folder's file held, checked once per process and layer: a command that loads several layers
    /// (near: admin-1, admin-0 for the countries and for the mismatch names, the borders) reads the file once
    /// and hashes each GeoJSON it uses once. `write` forgets the folder it rewrites; a damaged file is not
    /// remembered (it stays an error).
    private static let verified = Verified()

    private final class Verified: @unchecked Sendable {
        private let lock = NSLock()
        private var files: [String: [UInt8]?] = [:]
        private var layers: [String: [Layer: BinaryReader?]] = [:]

        /// The folder's file, read once (nil when absent).
        func file(in folder: String, reading read: () -> [UInt8]?) -> [UInt8]? {
            lock.lock()
            defer { lock.unlock() }
            if let known = files[folder] { return known }
            let bytes = read()
            files[folder] = .some(bytes)
            return bytes
        }

        func layer(_ layer: Layer, in folder: String, reading read: () throws -> BinaryReader?) throws -> BinaryReader? {
            lock.lock()
            if let known = layers[folder]?[layer] { lock.unlock(); return known }
            lock.unlock()
            // Read outside the lock: `read` takes it again for the file.
            let reader = try read()
            lock.lock()
            defer { lock.unlock() }
            layers[folder, default: [:]][layer] = .some(reader)
            return reader
        }

        func forget(_ folder: String) {
            lock.lock()
            defer { lock.unlock() }
            files[folder] = nil
            layers[folder] = nil
        }
    }

    /// The checksum of a file's bytes (`FNV1a.wordHash`; 0 when it cannot be read: then nothing matches and
    /// the GeoJSON path reports the real problem). Mapped, not copied: only this hash reads it.
    private static func hash(of path: String) -> UInt64 {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return 0 }
        return data.withUnsafeBytes { FNV1a.wordHash($0) }
    }

    private static func damaged(_ location: GeoDataLocation) -> FrontierError {
        .malformed(file: location.file(fileName).path, line: 0,
                   reason: "is damaged (a record runs past its end or points outside the data); derive it again from the GeoJSON")
    }
}
