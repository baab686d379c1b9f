import Foundation

/// Stores an export's incidents in a GeoPackage store or a PostGIS table: new ids inserted, changed rows
/// updated, the rest left; with `sync`, stored incidents the export no longer has are deleted
/// (docs/architecture.md, "Store schema").
public struct ImportRequest {
    /// Where the incidents go.
    public enum Destination: Sendable, Equatable {
        /// A GeoPackage file (`.gpkg`), created when missing.
        case store(path: String)
        /// A PostGIS table, `postgresql://user@host:port/db?table=incidents`; its reference tables (the
        /// GeoData's regions and borders) are loaded beside the rows.
        case postgis(url: String)
    }

    /// The export: CSV or GeoJSON (not another store), how its fields are named.
    public var input: IncidentQuery
    /// Where the incidents go.
    public var destination: Destination
    /// Delete stored incidents absent from the input.
    public var sync: Bool
    /// With `sync`, allow deleting more stored incidents than the input holds (never from an input with none).
    public var allowMassDelete: Bool
    /// Any rejected row fails the import, which then stores nothing.
    public var strict: Bool
    /// Report each incident whose reported place disagrees with the province it lies in.
    public var listsMismatches: Bool
    /// Where the bundled boundaries come from, and which set.
    public var geodata: GeoDataChoice
    /// The name of the source the rows go into in a store (nil: the input file's name, and an existing source
    /// of the input's layout takes them). A store holds several sources, each with its own layout; a PostGIS
    /// table, one.
    public var sourceName: String?

    public init(input: IncidentQuery, destination: Destination, sync: Bool = false, allowMassDelete: Bool = false, strict: Bool = false,
                listsMismatches: Bool = false, geodata: GeoDataChoice = GeoDataChoice()) {
        self.input = input
        self.destination = destination
        self.sync = sync
        self.allowMassDelete = allowMassDelete
        self.strict = strict
        self.listsMismatches = listsMismatches
        self.geodata = geodata
    }

    /// Checks what can be checked before opening anything.
    /// - Throws: `FrontierError.request(.massDeleteWithoutSync)`, `.request(.importFromStore)`;
    ///   `.invalid` for an empty source name.
    public func validate() throws {
        if allowMassDelete && !sync { throw FrontierError.request(.massDeleteWithoutSync) }
        if input.format.isDatabase { throw FrontierError.request(.importFromStore) }
        if sourceName?.isEmpty == true { throw FrontierError.invalid(file: "", reason: "a source's name cannot be empty") }
    }

    /// The name of the source the rows go into: the one given, else the input file's name ("standard input"
    /// for rows piped in).
    var source: String { sourceName ?? (input.readsStandardInput ? "standard input" : NamedInput.names([input.path])[0]) }

    /// Opens the destination (creating a store file when missing) and the input.
    /// - Throws: the errors of `validate`, of opening the store or connecting to the database, of opening the
    ///   input (`IncidentScan.init`) and `FrontierError.malformed` for an input whose columns repeat a name.
    public func open() throws -> ImportScan {
        try validate()
        return try ImportScan(self)
    }
}
