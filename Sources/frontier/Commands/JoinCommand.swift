import ArgumentParser
import Foundation
import Frontier

struct JoinCommand: EngineCommand, ReadsGeoData, WritesCSV {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Tag every incident with the region it lies in.",
        discussion: """
        Prints every valid incident in input order with region_id, region_country and region_name appended \
        (empty when it lies outside every region). A point belongs to the region that covers it, boundary \
        included; where several do (a shared edge or corner) it goes to the one with the smallest region_id, \
        so every point inside the union gets exactly one region. Points are tested on the coordinates as the \
        boundary data defines them (edges straight in lon/lat, as GeoJSON, GeoPandas and PostGIS geometry read them).

        Rows that cannot be used (bad or out-of-range coordinates, impossible dates, negative fatalities, \
        duplicate ids) are skipped and reported on stderr with file, line, field and reason; --rejects FILE \
        keeps them, --strict makes them exit 65. When the input has country/admin1 columns, rows whose reported \
        place disagrees with the located region are counted (--mismatches FILE lists them). Other layouts map \
        their columns: --profile ucdp reads UCDP GED (recognised from its header too), and the field flags \
        (--id-field, --date-field, …) override any profile. A file separated by ';' or tabs is read as its \
        header line shows (--delimiter forces one). --columns picks the input columns written. From a PostGIS \
        table (postgresql://…?table=…), --where on region_id, region_country or region_name is answered on \
        the server (which locates as Frontier does, in the bundled regions `frontier db init` loaded there), \
        so only those regions' rows are sent; for every row Frontier locates, which measured faster.

        Examples:
          frontier join GeoData/incidents-reported.csv
          frontier join GeoData/incidents-reported.csv --regions admin0 --format json
          frontier join GeoData/incidents-reported.csv --mismatches mismatches.csv
          frontier join GeoData/incidents-reported.csv --from 2026-01-01 --where event_type=Battles
          frontier join GeoData/incidents-reported.csv --columns event_id_cnty,event_date,admin1 --format table
          frontier join GeoData/incidents-reported.csv --profile acled --delimiter comma --regions priogrid
        """
    )

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    /// A region file alone needs no GeoData; the bundled regions and a grid (its countries) do.
    var readsGeoData: Bool { regionOptions.isBundled || regionOptions.isGrid }
    @OptionGroup var output: OutputOptions
    @OptionGroup var columnChoice: ColumnChoiceOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { input.files + regionOptions.files + output.files }

    func execute() throws {
        let context = try GEOSContext()
        let grid = try regionOptions.grid
        let regions = grid == nil ? try regionOptions.load(geodata: geodata, context: context) : nil
        // Cells are labelled with the country holding their centre.
        let countries = grid == nil ? nil : try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
        var cells = grid.map(GridCells.init)
        var query = input.query
        query.filter = filters.filter
        query.onServer = .locateIfNarrowing  // from PostGIS, the server locates the rows of the regions named
        let scan = try IncidentScan(query, locating: ScanLocating(regions: regions, mismatch: grid == nil ? regionOptions.mismatchCheck(geodata: geodata) : nil, grid: grid))
        let report = try ScanReport(scan: scan, input: input, countsFatalities: false, checksMismatches: regionOptions.isBundled)
        let out = try IncidentOutput(output, scan: scan, appending: ["region_id", "region_country", "region_name"],
                                     chosen: columnChoice.positions(in: scan))
        let summary = try scan.run(onReject: report.reject) { s in
            if let cell = s.cell, let label = try cells?.label(cell, countries: countries) {
                try out.write(s.incident, appended: [.string(label.id), .string(label.country), .string(label.id)])
                return
            }
            let region = s.region.flatMap { r in regions.map { $0.regions[r] } }
            if let regions { try report.noteMismatch(s, regions: regions) }
            try out.write(s.incident, appended: [.string(region?.id ?? ""), .string(region?.country ?? ""), .string(region?.name ?? "")])
        }
        try out.finish()
        try report.finish(summary, line: report.counts(summary, locates: grid == nil))
    }
}
