import Foundation

/// Finds the bundled GeoData folder (admin0/admin1 boundaries, border lines, aliases).
///
/// SwiftPM's `Bundle.module` calls `fatalError` when the resource bundle is missing (a copied binary),
/// so the folder is looked up explicitly, in this order:
/// 1. an explicit path (`--geodata DIR`),
/// 2. the `FRONTIER_GEODATA` environment variable,
/// 3. beside the executable (`GeoData/`, or `../share/frontier/GeoData` for an installed binary),
/// 4. the source tree this binary was built from.
public struct GeoDataLocation: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// Resolves the folder; an explicitly named folder that is wrong is an error, not a fallback.
    public static func resolve(explicit: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> GeoDataLocation {
        if let explicit { return try checked(explicit, origin: .explicit) }
        if let fromEnv = environment["FRONTIER_GEODATA"], !fromEnv.isEmpty {
            return try checked(fromEnv, origin: .environment)
        }
        var tried: [String] = []
        for candidate in defaultCandidates() {
            tried.append(candidate.path)
            if holdsGeoData(candidate) { return GeoDataLocation(directory: candidate) }
        }
        throw FrontierError.geoDataNotFound(tried: tried)
    }

    public func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

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
