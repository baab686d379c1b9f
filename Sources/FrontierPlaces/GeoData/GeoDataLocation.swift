import Foundation
import FrontierBase

/// Finds the bundled GeoData folder (admin0/admin1 boundaries, border lines, aliases).
///
/// SwiftPM's `Bundle.module` calls `fatalError` when the resource bundle is missing (a copied binary),
/// so the folder is looked up explicitly, in this order:
/// 1. a path the caller names (`resolve`'s `explicit`),
/// 2. the `FRONTIER_GEODATA` environment variable,
/// 3. beside the executable (`GeoData/`, or `../share/frontier/GeoData` for an installed binary),
/// 4. the source tree this binary was built from.
public struct GeoDataLocation: Sendable {
    /// The folder of boundary files in use: the GeoData folder, or its subfolder for another boundary set.
    public let directory: URL
    /// The GeoData folder itself, where the hand-curated tables (aliases, reported incidents) are.
    public let root: URL
    public let boundaries: BoundarySet

    public init(directory: URL, boundaries: BoundarySet = .default) {
        root = directory
        self.boundaries = boundaries
        self.directory = boundaries.folder.map { directory.appendingPathComponent($0) } ?? directory
    }

    /// Resolves the folder; an explicitly named folder that is wrong is an error, not a fallback.
    public static func resolve(explicit: String? = nil, boundaries: BoundarySet = .default,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> GeoDataLocation {
        let base: GeoDataLocation
        if let explicit {
            base = try checked(explicit, origin: .explicit)
        } else if let fromEnv = environment["FRONTIER_GEODATA"], !fromEnv.isEmpty {
            base = try checked(fromEnv, origin: .environment)
        } else {
            var tried: [String] = []
            var found: URL?
            for candidate in defaultCandidates() {
                tried.append(candidate.path)
                if holdsGeoData(candidate) { found = candidate; break }
            }
            guard let found else { throw FrontierError.geoDataNotFound(tried: tried) }
            base = GeoDataLocation(directory: found)
        }
        let chosen = GeoDataLocation(directory: base.root, boundaries: boundaries)
        guard holdsGeoData(chosen.directory) else {
            throw FrontierError.notGeoData(path: chosen.directory.path, origin: .boundaries(boundaries.rawValue))
        }
        return chosen
    }

    /// A boundary file of the set in use (admin0/admin1/borders GeoJSON, boundaries.bin).
    public func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// A hand-curated table, the same for every boundary set (their region ids are the same).
    public func curated(_ name: String) -> URL { root.appendingPathComponent(name) }

    private static func checked(_ path: String, origin: FrontierError.GeoDataOrigin) throws -> GeoDataLocation {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard holdsGeoData(url) else { throw FrontierError.notGeoData(path: url.path, origin: origin) }
        return GeoDataLocation(directory: url)
    }

    private static func holdsGeoData(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("admin0.geojson").path)
    }

    private static func defaultCandidates() -> [URL] {
        var result: [URL] = []
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                      ?? CommandLine.arguments[0]).deletingLastPathComponent()
        result.append(exe.appendingPathComponent("GeoData"))
        result.append(exe.appendingPathComponent("../share/frontier/GeoData").standardizedFileURL)
        // Sources/Frontier/GeoDataLocation.swift → repository root → GeoData.
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        result.append(sourceRoot.appendingPathComponent("GeoData"))
        return result
    }
}
