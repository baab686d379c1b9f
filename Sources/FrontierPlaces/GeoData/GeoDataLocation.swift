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
    /// How the folder was chosen, for messages about it (a damaged file names where its folder came from).
    public let foundBy: FoundBy

    /// The ways a GeoData folder is chosen, in the order they are tried.
    public enum FoundBy: Sendable, Equatable {
        /// Named by the caller (`resolve`'s `explicit`).
        case explicit
        /// Named by the `FRONTIER_GEODATA` environment variable.
        case environment
        /// Beside the executable: `GeoData/` or an installation's `../share/frontier/GeoData`.
        case besideProgram
        /// The source tree the program was built from.
        case sourceTree
    }

    public init(directory: URL, boundaries: BoundarySet = .default, foundBy: FoundBy = .explicit) {
        root = directory
        self.boundaries = boundaries
        self.foundBy = foundBy
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
            var found: (URL, FoundBy)?
            for (candidate, how) in defaultCandidates() {
                tried.append(candidate.path)
                if holdsGeoData(candidate) { found = (candidate, how); break }
            }
            guard let found else { throw FrontierError.geoDataNotFound(tried: tried) }
            base = GeoDataLocation(directory: found.0, foundBy: found.1)
        }
        let chosen = GeoDataLocation(directory: base.root, boundaries: boundaries, foundBy: base.foundBy)
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
        return GeoDataLocation(directory: url, foundBy: origin == .environment ? .environment : .explicit)
    }

    private static func holdsGeoData(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("admin0.geojson").path)
    }

    /// The folders looked in when none is named. The executable's real path (`/proc/self/exe`, symbolic links
    /// resolved) so that a link in /usr/local/bin to an installation elsewhere finds that installation's data.
    private static func defaultCandidates() -> [(URL, FoundBy)] {
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                      ?? CommandLine.arguments[0]).deletingLastPathComponent()
        // Sources/FrontierPlaces/GeoData/GeoDataLocation.swift → repository root → GeoData.
        let sourceRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [
            (exe.appendingPathComponent("GeoData"), .besideProgram),
            (exe.appendingPathComponent("../share/frontier/GeoData").standardizedFileURL, .besideProgram),
            (sourceRoot.appendingPathComponent("GeoData"), .sourceTree),
        ]
    }
}
