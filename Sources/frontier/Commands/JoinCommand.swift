import ArgumentParser
import Foundation
import Frontier

struct JoinCommand: EngineCommand, ReadsGeoData, WritesCSV, WritesRows {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Tag every incident with the region it lies in.",
        discussion: """
        Prints every valid incident in input order with region_id, region_country and region_name appended \
        (empty when it lies outside every region). A point belongs to the region that covers it, boundary \
        included; where several do (a shared edge or corner) it goes to the one with the smallest region_id, \
        so every point inside the union gets exactly one region. --region-code appends region_code too: the \
        region's ISO 3166-2 code (PK-KP), which --where region_code=… also selects on. Points are tested on \
        the coordinates as the boundary data defines them (edges straight in lon/lat, as GeoJSON, GeoPandas \
        and PostGIS geometry read them).

        Rows that cannot be used (bad or out-of-range coordinates, impossible dates, negative fatalities, \
        duplicate ids) are skipped and reported on stderr with file, line, field and reason; --rejects FILE \
        keeps them, --strict makes them exit 65. When the input has country/admin1 columns, rows whose reported \
        place disagrees with the located region are counted (--mismatches FILE lists them). Other layouts map \
        their columns: --profile ucdp reads UCDP GED (recognised from its header too), and the field flags \
        (--id-field, --date-field, …) override any profile. A file separated by ';' or tabs is read as its \
        header line shows (--delimiter forces one). --columns picks the input columns written. Several inputs \
        (join acled.csv ucdp.csv) are read in turn into one stream, each with its own layout and id check: \
        every column any of them has, then source (the file's name, or --source-name per input), then the \
        region columns; --columns may name a column only some inputs have. From a PostGIS \
        table (postgresql://…?table=…), --where on region_id, region_country or region_name is answered on \
        the server (which locates as Frontier does, in the bundled regions `frontier db init` loaded there), \
        so only those regions' rows are sent; for every row Frontier locates, which measured faster.

        Examples:
          frontier join GeoData/incidents-reported.csv
          frontier join GeoData/incidents-reported.csv --regions admin0 --format json
          frontier join GeoData/incidents-reported.csv --region-code --where region_code=TJ-KT
          frontier join GeoData/incidents-reported.csv --mismatches mismatches.csv
          frontier join GeoData/incidents-reported.csv --from 2026-01-01 --where event_type=Battles
          frontier join GeoData/incidents-reported.csv --columns event_id_cnty,event_date,admin1 --format table
          frontier join GeoData/incidents-reported.csv --profile acled --delimiter comma --regions priogrid
        """
    )

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var several: SeveralInputsOptions
    @OptionGroup var stores: StoreSourceOptions
    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var codes: RegionCodeOption
    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    /// A region file alone needs no GeoData; the bundled regions and a grid (its countries) do.
    var readsGeoData: Bool { regionOptions.isBundled || regionOptions.isGrid }
    @OptionGroup var output: OutputOptions
    @OptionGroup var columnChoice: ColumnChoiceOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { several.files(input) + regionOptions.files + output.files }

    func validate() throws { try several.check(input) }

    func execute() throws {
        let sources = try several.sources(input, stores)
        if sources.count > 1 { return try executeSources(sources) }
        var query = stores.applied(to: input.query)
        query.filter = filters.filter
        var request = try JoinRequest(input: query, places: regionOptions.places, geodata: geodata.choice, columns: columnChoice.chosen)
        request.regionCode = codes.regionCode
        request.listsMismatches = input.mismatches != nil
        request.writesRowText = output.resolvedFormat == .csv && !csvSafety.csvSafe
        let join = try request.open()
        join.notices.forEach(Diagnostics.note)
        let report = try ScanReport(scan: join.scan, input: input, countsFatalities: false, checksMismatches: regionOptions.isBundled)
        let out = try IncidentOutput(output, scan: join.scan, columns: join.columns)
        let summary = try join.run(report.events()) { row in try out.write(row.incident, appended: row.appended, appendedCells: row.appendedCells) }
        try out.finish()
        try report.finish(summary, line: report.counts(summary, locates: !regionOptions.isGrid))
    }

    /// Several inputs read into one stream: the union of their columns, `source`, the region columns.
    private func executeSources(_ sources: [NamedInput]) throws {
        var query = stores.applied(to: input.query)
        query.filter = filters.filter
        var request = try JoinRequest(input: query, places: regionOptions.places, geodata: geodata.choice, columns: columnChoice.chosen)
        request.regionCode = codes.regionCode
        let (summaries, failure) = try SeveralInputsOptions.write(try request.open(sources: sources), input: input, output: output)
        Diagnostics.note("read \(summaries.count) inputs: \(summaries.reduce(0) { $0 + $1.kept }) rows written")
        if let failure { throw failure }
    }
}
