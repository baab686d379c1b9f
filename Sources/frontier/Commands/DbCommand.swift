import ArgumentParser
import Foundation
import Frontier

struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Prepare a PostGIS database a team shares.",
        discussion: """
        A PostgreSQL database with PostGIS holds the same incident table as a GeoPackage store, for several \\
        analysts and for collections larger than a laptop. `db init` creates it; `import --db` fills it; every \\
        reading command takes its URL in place of a file.

        Examples:
          frontier db init --db postgresql://analyst@localhost/frontier?table=incidents
          frontier import GeoData/incidents-reported.csv --db postgresql://analyst@localhost/frontier?table=incidents
          frontier aggregate postgresql://analyst@localhost/frontier?table=incidents --window month
        """,
        subcommands: [DbInitCommand.self]
    )
}

struct DbInitCommand: EngineCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the incident table, its indexes and the boundary reference tables where absent.",
        discussion: """
        Creates, where absent: the PostGIS extension (when the server has it and the user may), the incident \\
        table named by ?table= (default incidents) with the store's columns, a GiST index on geom and an index \\
        on event_date, the frontier_store metadata table, and the reference tables frontier_regions (the \\
        bundled admin0 and admin1 polygons) and frontier_borders (the border lines), loaded from GeoData when \\
        empty. Running it again changes nothing. Parts left out of the URL come from PGHOST, PGPORT, PGUSER, \
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

    func validate() throws {
        guard DatabaseURL.isURL(db) else { throw ValidationError("--db must be a postgresql:// URL, not '\(DatabaseURL.mask(db))'") }
    }

    func execute() throws {
        let url = try DatabaseURL(db)
        let table = try PostGISTable.openForWriting(url)
        let location = try geodata.location()
        let report = try table.loadReferenceTables(layers: [("admin0", try RegionSet.load(.admin0, geodata: location)),
                                                            ("admin1", try RegionSet.load(.admin1, geodata: location))],
                                                   borders: try BorderSet.load(geodata: location))
        var lines = ["\(url.masked): table \(url.table) ready (\(try table.count()) incidents)"]
        lines.append("frontier_regions: " + (report.regionsLoaded > 0 ? "loaded \(report.regionsLoaded) regions" : "")
            + (report.regionsKept > 0 ? "\(report.regionsLoaded > 0 ? ", " : "")kept the \(report.regionsKept) already there" : ""))
        lines.append("frontier_borders: " + (report.bordersLoaded > 0 ? "loaded \(report.bordersLoaded) border lines" : "kept the \(report.bordersKept) already there"))
        try OutputFile.write(lines.joined(separator: "\n") + "\n", to: nil)
    }
}
