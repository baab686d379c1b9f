import ArgumentParser
import Foundation
import Frontier

struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Prepare a PostGIS database a team shares.",
        discussion: """
        A PostgreSQL database with PostGIS holds the same incident table as a GeoPackage store, for several \
        analysts and for collections larger than a laptop. `db init` creates it; `import --db` fills it; every \
        reading command takes its URL in place of a file.

        Examples:
          frontier db init --db postgresql://analyst@localhost/frontier?table=incidents
          frontier import GeoData/incidents-reported.csv --db postgresql://analyst@localhost/frontier?table=incidents
          frontier aggregate postgresql://analyst@localhost/frontier?table=incidents --window month
        """,
        subcommands: [DbInitCommand.self]
    )
}

struct DbInitCommand: EngineCommand, ReadsGeoData {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the incident table, its indexes and the boundary reference tables where absent.",
        discussion: """
        Creates, where absent: the PostGIS extension (when the server has it and the user may), the incident \
        table named by ?table= (default incidents) with the store's columns, a GiST index on geom and an index \
        on event_date, the frontier_store metadata table, and the reference tables frontier_regions (the \
        bundled admin0 and admin1 polygons) and frontier_borders (the border lines), loaded from GeoData when \
        empty, replaced when they came from other GeoData (`aggregate` and `join` let the server locate incidents \
        in them only when they equal the GeoData in use). Running it again changes nothing. Parts left out of the URL come from PGHOST, PGPORT, PGUSER, \
        PGPASSWORD and PGDATABASE (postgresql:///?table=incidents takes them all from there); the password is \
        never printed.

        Examples:
          frontier db init --db postgresql://analyst@localhost/frontier?table=incidents
          frontier db init --db postgresql://analyst@localhost/frontier?table=acled_2025
        """
    )

    @Option(help: ArgumentHelp("The database and table: postgresql://user@host:port/db?table=incidents.", valueName: "url"))
    var db: String

    @OptionGroup var geodata: GeoDataOptions
    var files: CommandFiles { CommandFiles() }

    func validate() throws {
        guard DatabaseURL.isURL(db) else { throw ValidationError("--db must be a postgresql:// URL, not '\(DatabaseURL.mask(db))'") }
    }

    func execute() throws {
        let url = try DatabaseURL(db)
        let table = try PostGISTable.openForWriting(url)
        let report = try table.loadReferenceTables(from: try geodata.location())
        var lines = ["\(url.masked): table \(url.table) ready (\(try table.count()) incidents)"]
        func said(_ loaded: Int, _ replaced: Int, _ kept: Int, _ what: String) -> String {
            [loaded > 0 ? "loaded \(loaded) \(what)" : nil, replaced > 0 ? "replacing \(replaced) from other GeoData" : nil,
             kept > 0 ? "kept the \(kept) already there" : nil].compactMap { $0 }.joined(separator: ", ")
        }
        lines.append("frontier_regions: " + said(report.regionsLoaded, report.regionsReplaced, report.regionsKept, "regions"))
        lines.append("frontier_borders: " + said(report.bordersLoaded, report.bordersReplaced, report.bordersKept, "border lines"))
        try OutputFile.write(lines.joined(separator: "\n") + "\n", to: nil)
    }
}
