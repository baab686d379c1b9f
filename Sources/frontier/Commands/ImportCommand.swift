import ArgumentParser
import CTempFiles
import Foundation
import Frontier

struct ImportCommand: EngineCommand, ReadsGeoData, WritesCSV {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load incidents into a GeoPackage store (the embedded default database) or a PostGIS table.",
        discussion: """
        The store is an OGC GeoPackage 1.3 file with one `incidents` point layer (EPSG:4326, R-tree spatial \
        index), which QGIS and GDAL open directly. Rows are keyed by their id (event_id_cnty for ACLED): \
        importing the same file again changes nothing; a newer export updates the rows that changed; --sync \
        also deletes stored rows the new file no longer has. Each import is one transaction: interrupted, the \
        store stays exactly as it was. A new store is written beside its name (.NAME.PID.tmp in the same folder) \
        and takes the name only once complete, so a failed or interrupted first import leaves no store. Rows that cannot be used are rejected and reported as in `join`. Every \
        reading command (join, near, aggregate, map) takes the store in place of a file, reading only the rows its \
        spatial and date filters need.
        The field flags given at import become the store's mapping: a UCDP file imported with \
        --fatalities-field best keeps best in the typed fatalities column, and reading commands need no flags.
        One store holds several sources: an input whose id, date, position and fatalities columns differ from \
        every source the store has (UCDP's beside ACLED's) becomes a new source, named after its file or \
        --source-name, with its ids unique within it (--sync deletes only within it). An input laid out as a \
        source the store has joins it (a newer export), unless --source-name names another: give your own \
        reports a name of their own to keep them apart from ACLED's. Reading commands read such a store as one \
        input per source, each under its own layout (aggregate --split source compares them; --store-source \
        reads one). Several inputs (import a.csv b.csv) are imported in turn, each in its own transaction: a \
        failure stops there, the inputs before it stored; --sync takes one input at a time.
        --db postgresql://user@host:port/db?table=incidents imports into a table on a PostGIS server instead, \
        with the same schema and the same rules (rows sent with COPY in binary), and the bundled boundaries \
        beside it as `frontier db init` loads them, so that aggregate and join run on the server. Parts left out of the URL come from libpq's PGHOST, PGPORT, PGUSER, PGPASSWORD \
        and PGDATABASE (postgresql:///?table=incidents); TLS parameters such as sslmode pass through; the \
        password is never printed.

        Examples:
          frontier import GeoData/incidents-reported.csv --store incidents.gpkg
          frontier import GeoData/incidents-reported.csv --store incidents.gpkg --sync
          frontier aggregate incidents.gpkg --window week
          frontier import synthetic-1k.csv synthetic-1k-ucdp.csv --store both.gpkg
          frontier aggregate both.gpkg --window year --split source
          frontier import GeoData/incidents-reported.csv --db postgresql://analyst@localhost/frontier?table=incidents
        """
    )

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var several: SeveralInputsOptions

    @Option(help: ArgumentHelp("The GeoPackage store to create or update (a new one appears only once its import is complete).", valueName: "file.gpkg"))
    var store: String?

    @Option(help: ArgumentHelp("Or the PostGIS table to create or update: postgresql://user@host:port/db?table=incidents.", valueName: "url"))
    var db: String?

    @Flag(help: "Delete stored incidents that are absent from this input (ACLED deletes events between exports).")
    var sync = false

    @Flag(help: "With --sync, allow deleting more stored incidents than this input holds (never from an input with none).")
    var allowMassDelete = false

    @OptionGroup var geodata: GeoDataOptions
    /// Only a PostGIS import loads the boundaries (as reference tables beside the rows).
    var readsGeoData: Bool { db != nil }
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { several.files(input) + .input(store, role: "the store this command imports into") }

    func validate() throws {
        switch (store, db) {
        case (nil, nil): throw ValidationError("name where to import: --store FILE.gpkg or --db postgresql://…")
        case (.some, .some): throw ValidationError("give --store or --db, not both")
        case (let store?, nil): guard store.lowercased().hasSuffix(".gpkg") else { throw ValidationError("--store must name a .gpkg file") }
        case (nil, let db?): guard DatabaseURL.isURL(db) else { throw ValidationError("--db must be a postgresql:// URL, not '\(DatabaseURL.mask(db))'") }
        }
        if allowMassDelete && !sync { throw ValidationError("--allow-mass-delete goes with --sync") }
        try several.check(input, namesOne: true)
        // Two inputs of one layout go into one source: the second's sync would delete what the first brought.
        if sync && several.isSeveral { throw ValidationError("--sync deletes what one export no longer has: import several inputs without it, or one at a time") }
        for path in several.paths(input) where (input.inputFormat == nil ? InputFormat(path: path)?.isDatabase : input.format.isDatabase) == true {
            throw ValidationError("import reads CSV or GeoJSON, not another store: \(MessageText.escaped(path))")
        }
    }

    /// Each input in turn, each its own transaction: an input that fails stops the import there, the
    /// inputs before it stored.
    func execute() throws {
        let paths = several.paths(input)
        for (k, path) in paths.enumerated() {
            do {
                try importOne(path, name: several.names.isEmpty ? nil : several.names[k], label: paths.count > 1 ? "\(MessageText.escaped(path)): " : "")
            } catch where k > 0 {
                Diagnostics.note("note: \(paths[..<k].map(MessageText.escaped).joined(separator: ", ")) stored; \(paths[k...].map(MessageText.escaped).joined(separator: ", ")) not")
                throw error
            }
        }
    }

    /// Imports one input into the store's source `name` (nil: its file's, or the source of its layout).
    private func importOne(_ path: String, name: String?, label: String) throws {
        let started = Date()
        let query = input.query(path)
        let destination: ImportRequest.Destination = db.map { .postgis(url: $0) } ?? .store(path: store ?? "")
        var request = ImportRequest(input: query, destination: destination, sync: sync, allowMassDelete: allowMassDelete,
                                    strict: input.strict, listsMismatches: input.mismatches != nil, geodata: geodata.choice)
        request.sourceName = name
        let importing = try request.open()
        // A new store is written beside its name until complete: interrupted, that file goes too.
        let slot = importing.temporaryPath.map { frontier_temp_remember($0) } ?? -1
        defer { frontier_temp_forget(slot) }
        let report: ScanReport
        do { report = try ScanReport(scan: importing.scan, input: input, countsFatalities: true, checksMismatches: true) } catch {
            importing.abandon()
            throw error
        }
        let answer: ImportAnswer
        do {
            answer = try importing.run(report.events())
        } catch {
            // A rolled-back import still says what it read and why the rows were rejected.
            let summary = importing.summary
            if error is ImportScan.EveryRowRejected { try report.finish(summary, line: label + report.counts(summary, locates: false), statesPrecision: false) }
            if case FrontierError.strictRejection = error {
                try? report.finish(summary, line: label + report.counts(summary, locates: false), statesPrecision: false)
            }
            throw error
        }
        let result = answer.report
        if let warning = result.warning { Diagnostics.note("warning: \(warning)") }
        Self.sayWhichSource(result, store: answer.destinationName)
        try report.finish(answer.summary, line: label + "read \(result.read), rejected \(result.rejected): inserted \(result.inserted), updated \(result.updated), "
                          + "unchanged \(result.unchanged)" + (sync ? ", deleted \(result.deleted)" : "")
                          + String(format: " in %.2f s → %@", Date().timeIntervalSince(started), answer.destinationName),
                          statesPrecision: false)  // an import counts nothing: the store keeps each row's precision
    }
}

extension ImportCommand {
    /// In a store of several sources, which one took the rows: a new one, or one of its layout.
    static func sayWhichSource(_ result: ImportReport, store name: String) {
        let store = MessageText.escaped(name), sources = result.sources.map(MessageText.escaped)
        if result.addedSource {
            Diagnostics.note("notice: \(store) now holds \(sources.count) sources (\(sources.joined(separator: ", "))), each read under its own layout, as several inputs")
        } else if sources.count > 1, let source = result.source {
            Diagnostics.note("notice: the rows went into \(store)'s source '\(MessageText.escaped(source))' (one of \(sources.count)), whose layout they have")
        }
    }
}

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Inspect a GeoPackage incident store.",
        discussion: """
        A store is what `frontier import` writes: a GeoPackage 1.3 file with one `incidents` layer that QGIS and \
        GDAL open as is. `store info` summarizes one; join, near, aggregate and map read it like a file.

        Examples:
          frontier import GeoData/incidents-reported.csv --store incidents.gpkg
          frontier store info incidents.gpkg
        """,
        subcommands: [StoreInfoCommand.self]
    )
}

struct StoreInfoCommand: EngineCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Row count, date range, extent, and counts by country and geo_precision.",
        discussion: """
        Reads the store without changing it: how many incidents, their first and last dates, the layer's \
        extent, the columns they were imported with, and counts by country and geo_precision.

        Examples:
          frontier import GeoData/incidents-reported.csv --store incidents.gpkg
          frontier store info incidents.gpkg
        """
    )

    @Argument(help: ArgumentHelp("The store (.gpkg).", valueName: "store"))
    var store: String

    var files: CommandFiles { .input(store, role: "the store this command reads") }

    func execute() throws {
        let info: IncidentStore.Info
        info = try IncidentStore.openForReading(store).info()
        var lines = ["store       \(store)", "incidents   \(TerminalTable.grouped(String(info.rows)))"]
        lines.append("dates       \(info.firstDate ?? "–") to \(info.lastDate ?? "–")")
        if let e = info.extent {
            lines.append("extent      lon \(NumberFormat.coordinate(e.minX)) to \(NumberFormat.coordinate(e.maxX)), lat \(NumberFormat.coordinate(e.minY)) to \(NumberFormat.coordinate(e.maxY))")
        }
        lines.append("columns     \(info.columns.joined(separator: ", "))")
        if !info.bySource.isEmpty {
            lines.append("by source")
            for (name, n) in info.bySource { lines.append("  \(MessageText.escaped(name))  \(TerminalTable.grouped(String(n)))") }
        }
        lines.append("by country")
        for (c, n) in info.byCountry { lines.append("  \(c.isEmpty ? "(none)" : c)  \(TerminalTable.grouped(String(n)))") }
        lines.append("by geo_precision")
        for (p, n) in info.byGeoPrecision { lines.append("  \(p.isEmpty ? "(none)" : p)  \(TerminalTable.grouped(String(n)))") }
        try OutputFile.write(lines.joined(separator: "\n") + "\n", to: nil)
    }
}
