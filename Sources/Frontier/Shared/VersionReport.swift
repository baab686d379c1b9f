import Foundation
import FrontierBase
import FrontierFormats
import FrontierPlaces
import FrontierPostGIS
import Geo

/// What a version report (and a bug report) needs: which Frontier this is, the GeoData folder its requests
/// would use, and the C libraries it runs on. Making one never fails: a GeoData folder that cannot be found is
/// part of the answer.
public struct VersionReport: Sendable {
    /// The build's version (`FrontierVersion.build`).
    public let version: String
    /// The GeoData folder a request with the same choice would use, or why there is none (the paths tried).
    public let geoData: Result<GeoDataLocation, any Error>
    /// The C libraries in the order a report lists them: PROJ, GEOS, SQLite, libpq, with their own versions.
    public let libraries: [Library]

    /// One C library and the version this process loaded (not the one it was compiled against).
    public struct Library: Sendable, Equatable {
        /// The library's name: PROJ, GEOS, SQLite, libpq.
        public let name: String
        /// Its version as the library reports it at run time.
        public let version: String
    }

    /// The report for this process.
    /// - Parameter geoData: the folder choice to report on (the default looks where every request looks).
    public init(geoData: GeoDataChoice = GeoDataChoice()) {
        version = FrontierVersion.build
        self.geoData = Result { try geoData.location() }
        libraries = [
            Library(name: "PROJ", version: ProjContext.version),
            Library(name: "GEOS", version: GEOSContext.version),
            Library(name: "SQLite", version: SQLiteDatabase.libraryVersion),
            Library(name: "libpq", version: PostGISTable.clientLibraryVersion),
        ]
    }

    /// The libraries as one line: `PROJ 9.1.1, GEOS 3.11.1-CAPI-1.17.1, SQLite 3.40.1, libpq 15.10`.
    public var librariesLine: String {
        libraries.map { "\($0.name) \($0.version)" }.joined(separator: ", ")
    }
}
