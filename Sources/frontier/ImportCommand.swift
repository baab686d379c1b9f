import ArgumentParser
import Foundation
import Frontier

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load incidents into a GeoPackage store (the embedded default database).",
        discussion: """
        The store is an OGC GeoPackage 1.3 file with one `incidents` point layer (EPSG:4326, R-tree spatial \
        index), which QGIS and GDAL open directly. Rows are keyed by their id (event_id_cnty for ACLED): \
        importing the same file again changes nothing; a newer export updates the rows that changed; --sync \
        also deletes stored rows the new file no longer has. Each import is one transaction: interrupted, the \
        store stays exactly as it was. Rows that cannot be used are rejected and reported as in `join`. Every \
        reading command (join, near, aggregate) takes the store in place of a file, reading only the rows its \
        spatial and date filters need.

        Examples:
          frontier import GeoData/incidents-reported.csv --store incidents.gpkg
          frontier import GeoData/incidents-reported.csv --store incidents.gpkg --sync
          frontier aggregate incidents.gpkg --window week
        """
    )

    @OptionGroup var input: IncidentInputOptions

    @Option(help: ArgumentHelp("The GeoPackage store to create or update.", valueName: "file.gpkg"))
    var store: String

    @Flag(help: "Delete stored incidents that are absent from this input (ACLED deletes events between exports).")
    var sync = false

    func validate() throws {
        guard store.lowercased().hasSuffix(".gpkg") else { throw ValidationError("--store must name a .gpkg file") }
        if input.readerOptions.format == .gpkg { throw ValidationError("import reads CSV or GeoJSON, not another store") }
    }

    func run() throws {
        let created = !FileManager.default.fileExists(atPath: store)
        let target: IncidentStore
        do { target = try IncidentStore.openForWriting(store) } catch let error as GeoErrorDescribable { throw CLIError(error.description) }
        let report = RejectReport()
        let started = Date()
        let result: IncidentStore.ImportReport
        do {
            let reader = try input.open(report: report)
            result = try target.importIncidents(from: reader, fields: input.readerOptions.fields, sync: sync, strict: input.strict)
        } catch {
            report.finish()
            // A store this run created and could not fill is removed: a failed import leaves nothing behind.
            if created { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) } }
            if let strict = error as? IncidentStore.StrictRejection {
                Diagnostics.note("Error: \(strict)")
                throw ExitCode(65)
            }
            throw CLIError("\(error)")
        }
        report.finish()
        let seconds = Date().timeIntervalSince(started)
        Diagnostics.note("read \(result.read), rejected \(result.rejected): inserted \(result.inserted), updated \(result.updated), unchanged \(result.unchanged)"
                         + (sync ? ", deleted \(result.deleted)" : "") + String(format: " in %.2f s → %@", seconds, store))
        if input.strict && result.rejected > 0 { throw ExitCode(65) }
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

struct StoreInfoCommand: ParsableCommand {
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

    func run() throws {
        let info: IncidentStore.Info
        do { info = try IncidentStore.openForReading(store).info() } catch let error as GeoErrorDescribable {
            throw CLIError(error.description)
        }
        var lines = ["store       \(store)", "incidents   \(TerminalTable.grouped(String(info.rows)))"]
        lines.append("dates       \(info.firstDate ?? "–") to \(info.lastDate ?? "–")")
        if let e = info.extent {
            lines.append("extent      lon \(NumberFormat.coordinate(e.minX)) to \(NumberFormat.coordinate(e.maxX)), lat \(NumberFormat.coordinate(e.minY)) to \(NumberFormat.coordinate(e.maxY))")
        }
        lines.append("columns     \(info.columns.joined(separator: ", "))")
        lines.append("by country")
        for (c, n) in info.byCountry { lines.append("  \(c.isEmpty ? "(none)" : c)  \(TerminalTable.grouped(String(n)))") }
        lines.append("by geo_precision")
        for (p, n) in info.byGeoPrecision { lines.append("  \(p.isEmpty ? "(none)" : p)  \(TerminalTable.grouped(String(n)))") }
        print(lines.joined(separator: "\n"))
    }
}
