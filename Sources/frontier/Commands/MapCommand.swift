import ArgumentParser
import Foundation
import Frontier
import Geo

struct MapCommand: EngineCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "An offline HTML report with a map of the incidents, a time series and a summary table.",
        discussion: """
        Writes one self-contained HTML file (no network, scripts, fonts or tiles): an SVG map in an Albers \
        equal-area projection built by PROJ, with admin-1 regions shaded by incident count (a colour-blind-safe \
        scale), country outlines, the border lines, the --near zone, and the incidents as circles sized by \
        fatalities and coloured by event type (up to \(MapReport.pointLimit); more are binned in squares shaded by \
        count); hover any shape for its numbers. Below it, incidents per window for the busiest regions and a \
        table of regions. Regions are counted as in `aggregate` (covers, then smallest region_id), over the \
        incidents kept by --from/--to, --where, --region, --max-geo-precision and --near (inside the border's \
        two countries unless --side or --any-country); rows are validated, rejected \
        and checked for mismatches as in `join`. Every string from the data is escaped: a note holding markup \
        shows as text. --format svg writes only the map.

        Examples:
          frontier map GeoData/incidents-reported.csv --out report.html
          frontier map GeoData/incidents-reported.csv --window month --out monthly.html
          frontier map GeoData/incidents-reported.csv --region Badakhshan --region Khatlon --out two.html
          frontier map GeoData/incidents-reported.csv --format svg --out map.svg
        """
    )

    enum Format: String, ExpressibleByArgument { case html, svg }

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var choice: RegionChoiceOptions

    @Option(help: "The time series' windows: day, week, month, quarter, year or Nd.")
    var window: String = "week"

    @Option(help: "First day of a week: monday (ISO, default), saturday (ACLED) or sunday.")
    var weekStart: String = "monday"

    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var nearBorder: NearBorderOptions

    @Option(help: "The report's title.")
    var title: String = "Incidents along Afghanistan's frontiers"

    @Option(help: "html (default: the whole report) or svg (the map only).")
    var format: Format = .html

    @Option(help: ArgumentHelp("The file to write (report.html, map.svg).", valueName: "file"))
    var out: String

    @OptionGroup var geodata: GeoDataOptions

    func validate() throws {
        let windows: TimeWindow
        do { windows = try TimeWindow(parsing: window, weekStart: weekStart) } catch let error as FrontierError { throw ValidationError(Self.message(error)) }
        if !windows.hasPrevious { throw ValidationError("a time series needs windows to follow each other: --window all is for aggregate") }
    }

    func execute() throws {
        let context = try GEOSContext()
        let windows = try TimeWindow(parsing: window, weekStart: weekStart)
        let regions = try regionOptions.load(geodata: geodata, context: context)
        let countries = try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
        let borders = try BorderSet.load(geodata: geodata.location(), context: context)
        var query = input.query
        query.filter = filters.filter
        query.requiresDate = true
        var zone: Geometry?
        var zoneLabel = ""
        if let near = try nearBorder.zone(geodata: geodata, context: context) {
            query.zone = near.zone
            query.sides = near.sides
            zone = try BufferZone.around(lines: near.line.geometry.lines(), within: near.zone.within, context: context)
            zoneLabel = "within \(near.zone.within) of \(near.line.id) (geodesic)"
        }
        query.regionsAllowed = try choice.indices(in: regions, bundled: regionOptions.isBundled, geodata: geodata)
        query.valuesNeeded = ["location"]
        query.keepsIdentity = true
        let check = try regionOptions.mismatchCheck(geodata: geodata, onlyWhenListed: input)
        let scan = try IncidentScan(query, locating: ScanLocating(regions: regions, countries: query.sides == nil ? nil : countries, mismatch: check))
        let report = try ScanReport(scan: scan, input: input, countsFatalities: true, checksMismatches: regionOptions.isBundled)
        let column = { (name: String) in IncidentFields.column(name, in: scan.columns) }
        let (idColumn, typeColumn, locationColumn) = (scan.fieldColumns.id, scan.fieldColumns.eventType, column("location"))
        let profile = scan.query.profile ?? .acled
        var map = MapReport(window: windows, regions: regions, countries: countries, borders: borders.borders,
                            aggregation: Aggregation(window: windows))
        let summary = try scan.run(onReject: report.reject) { s in
            let incident = s.incident
            guard let day = incident.date else { return }
            try report.noteMismatch(s, regions: regions)
            map.aggregation.add(region: s.region, date: day, fatalities: incident.fatalities)
            map.points.append(incident.coordinate)
            if map.marks.count <= MapReport.pointLimit {
                map.marks.append(MapReport.Mark(id: incident.text(idColumn), date: day.description, type: profile.eventTypeLabel(incident.text(typeColumn)),
                                                fatalities: incident.fatalities, location: incident.text(locationColumn), point: incident.coordinate))
            }
            if incident.geoPrecision == 3 { map.precision3 += 1 }
            if map.firstDate.map({ day < $0 }) ?? true { map.firstDate = day }
            if map.lastDate.map({ $0 < day }) ?? true { map.lastDate = day }
        }
        map.title = title
        map.zone = zone
        map.zoneLabel = zoneLabel
        map.sourceLine = "\((input.incidents as NSString).lastPathComponent), \(summary.read) rows read, \(summary.rejected) rejected, \(map.points.count) mapped"
        let text = format == .svg ? try map.svg() : try map.html()
        try OutputFile.write(text, to: out)
        try report.finish(summary, line: report.counts(summary, locates: true) + "; mapped \(map.points.count) incidents"
                          + (map.drawsPoints ? " as points" : " in bins") + " → \(out)")
    }
}
