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

    public enum Failure: Error, CustomStringConvertible {
        case notFound(tried: [String])
        case notADirectory(String, origin: String)

        public var description: String {
            switch self {
            case .notFound(let tried):
                return "cannot find the GeoData folder (tried: \(tried.joined(separator: ", "))); "
                    + "pass --geodata DIR or set FRONTIER_GEODATA"
            case .notADirectory(let path, let origin):
                return "GeoData folder \(path) (from \(origin)) does not exist or holds no admin0.geojson"
            }
        }
    }

    public init(directory: URL) {
        self.directory = directory
    }

    /// Resolves the folder; an explicitly named folder that is wrong is an error, not a fallback.
    public static func resolve(explicit: String? = nil,
                               environment: [String: String] = ProcessInfo.processInfo.environment) throws -> GeoDataLocation {
        if let explicit { return try checked(explicit, origin: "--geodata") }
        if let fromEnv = environment["FRONTIER_GEODATA"], !fromEnv.isEmpty {
            return try checked(fromEnv, origin: "FRONTIER_GEODATA")
        }
        var tried: [String] = []
        for candidate in defaultCandidates() {
            tried.append(candidate.path)
            if holdsGeoData(candidate) { return GeoDataLocation(directory: candidate) }
        }
        throw Failure.notFound(tried: tried)
    }

    public func file(_ name: String) -> URL { directory.appendingPathComponent(name) }

    private static func checked(_ path: String, origin: String) throws -> GeoDataLocation {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard holdsGeoData(url) else { throw Failure.notADirectory(url.path, origin: origin) }
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
