import ArgumentParser
import Foundation
import Frontier

extension MapReport.Style: @retroactive ExpressibleByArgument {}
extension ClassBreaks.Method: @retroactive ExpressibleByArgument {}

struct MapCommand: EngineCommand, ReadsGeoData, WritesCSV {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "An offline HTML report with a map of the incidents, a time series and a summary table.",
        discussion: """
        Writes one self-contained HTML file (no network, scripts, fonts or tiles) made to be printed: an SVG \
        map in an Albers equal-area projection built by PROJ, focused on the query (the --near zone, the \
        --region(s), or the incidents, with a margin; --extent to choose), with country and province names \
        placed without overlaps, a graticule with degree labels, a scale bar true at the view's centre, the \
        border asked about drawn in red and the zone dashed, and below the map a legend for every colour and \
        line drawn and an inset locating the view. --style auto draws the incidents as circles (coloured by \
        event type, area by fatalities, those at one place spread around it) over regions shaded by count up \
        to \(MapReport.pointLimit) incidents, and beyond that counts them in equal-area square cells over \
        unshaded regions; choropleth, bins and points choose. Classes are natural breaks (Fisher-Jenks) or \
        quantiles (--breaks), --classes N of them; equal values always share a class. Below: incidents per \
        window for the busiest regions (a span too long to read is shown by a coarser window, as the caption \
        says; partly covered windows dashed) and the top regions with their country and share. Regions are \
        counted as in `aggregate` (covers, then smallest region_id), over the incidents kept by --from/--to, \
        --where, --region, --max-geo-precision and --near (inside the border's two countries unless --side or \
        --any-country); rows are validated, rejected and checked for mismatches as in `join`. Every string \
        from the data is escaped: a note holding markup shows as text. --format svg writes only the map (with \
        its legend).

        Examples:
          frontier map GeoData/incidents-reported.csv --out report.html
          frontier map GeoData/incidents-reported.csv --window month --out monthly.html
          frontier map GeoData/incidents-reported.csv --region Badakhshan --region Khatlon --out two.html
          frontier map GeoData/incidents-reported.csv --format svg --out map.svg
          frontier map GeoData/incidents-reported.csv --near AFG-TJK --within 75km --style bins --out zone.html
          frontier map GeoData/incidents-reported.csv --extent 66,35,76,40 --classes 4 --breaks quantiles --out north.html
        """
    )

    enum Format: String, ExpressibleByArgument { case html, svg }
    enum Layer: String, ExpressibleByArgument { case incidents, hotspots }

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var choice: RegionChoiceOptions

    @Option(help: "The time series' windows: day, week, month, quarter, year or Nd.")
    var window: String = "week"

    @Option(help: "First day of a week: monday (ISO, default), saturday (ACLED) or sunday.")
    var weekStart: String = "monday"

    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var nearBorder: NearBorderOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("The area shown, lon1,lat1,lon2,lat2 (default: the --near zone, the --region(s), or the incidents, with a margin).", valueName: "box"))
    var extent: String?

    @Option(help: ArgumentHelp("auto (points up to \(MapReport.pointLimit) incidents, cells beyond), choropleth (regions shaded), bins (equal-area cells) or points.", valueName: "style"))
    var style: MapReport.Style = .auto

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of shading classes, 2 to 7.", valueName: "n"))
    var classes = 5

    @Option(help: ArgumentHelp("How class breaks are chosen: natural (Fisher-Jenks natural breaks) or quantiles.", valueName: "method"))
    var breaks: ClassBreaks.Method = .natural

    @Option(help: ArgumentHelp("incidents (default: regions shaded by count) or hotspots (regions or cells shaded by their Emerging Hot Spot pattern over --window, with --distance).", valueName: "layer"))
    var layer: Layer = .incidents

    @Option(parsing: .unconditional, help: ArgumentHelp("With --layer hotspots: the neighbourhood, centres within this geodesic distance (e.g. 15km).", valueName: "distance"))
    var distance: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --layer hotspots: windows before a bin in its neighbourhood.", valueName: "n"))
    var timeLag = 1

    @Option(help: "The report's title.")
    var title: String = "Incidents along Afghanistan's frontiers"

    @Option(help: "html (default: the whole report) or svg (the map only).")
    var format: Format = .html

    @Option(help: ArgumentHelp("The file to write (report.html, map.svg).", valueName: "file"))
    var out: String

    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { input.files + regionOptions.files + .output(out, flag: "--out") }

    func validate() throws {
        let windows: TimeWindow
        do { windows = try TimeWindow(parsing: window, weekStart: weekStart) } catch let error as FrontierError { throw ValidationError(Self.message(error)) }
        if !windows.hasPrevious { throw ValidationError("a time series needs windows to follow each other: --window all is for aggregate") }
        if extent != nil && extentBox == nil {
            throw ValidationError("--extent takes lon1,lat1,lon2,lat2 in degrees with lon1 < lon2 and lat1 < lat2 (e.g. 66,35,76,40), not '\(extent ?? "")'")
        }
        if layer == .hotspots {
            guard let distance else { throw ValidationError("--layer hotspots needs --distance (e.g. 15km)") }
            do { _ = try Distance(parsing: distance) } catch { throw ValidationError("--distance: \(error)") }
            if !(0...100).contains(timeLag) { throw ValidationError("--time-lag must be between 0 and 100 (got \(timeLag))") }
        } else if distance != nil {
            throw ValidationError("--distance applies to --layer hotspots")
        }
        if !(2...7).contains(classes) { throw ValidationError("--classes must be between 2 and 7 (got \(classes))") }
        if let within = nearBorder.within, (try? Distance.list(parsing: within).count) ?? 1 > 1 {
            throw ValidationError("the map draws one zone: give --within one distance (near and aggregate take a list)")
        }
        if let within = nearBorder.within, let reach = try? Distance.list(parsing: within).last {
            try BufferCommand.validateDrawn(reach, flag: "--within")  // the zone is drawn as buffer draws it
        }
    }

    /// `--extent` as a lon/lat box; nil when absent or not four numbers in order within ±180/±90.
    var extentBox: Envelope? {
        guard let parts = extent?.split(separator: ",").map({ Double($0.trimmingCharacters(in: .whitespaces)) }), parts.count == 4,
              let x1 = parts[0], let y1 = parts[1], let x2 = parts[2], let y2 = parts[3],
              -180 <= x1, x1 < x2, x2 <= 180, -90 <= y1, y1 < y2, y2 <= 90 else { return nil }
        return Envelope(minX: x1, minY: y1, maxX: x2, maxY: y2)
    }

    func execute() throws {
        let context = try GEOSContext()
        let windows = try TimeWindow(parsing: window, weekStart: weekStart)
        var places = try CountedPlaces(regionOptions.places, geodata: geodata.choice, context: context)
        places.notices.forEach(Diagnostics.note)
        let grid = places.grid
        if grid != nil, !choice.chosen.isEmpty { throw CLIError("--region names regions; with --regions \(regionOptions.regions) every cell that holds incidents is drawn") }
        let regions = places.regions
        let countries = try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
        let borders = try BorderSet.load(geodata: geodata.location(), context: context)
        var query = input.query
        query.filter = filters.filter
        query.requiresDate = true
        var zone: Geometry?
        var zoneLabel = ""
        var highlighted: String?
        if let near = try nearBorder.zone(geodata: geodata, context: context) {
            query.zone = near.zone
            query.sides = near.sides
            zone = try BufferZone.around(lines: near.line.geometry.lines(), within: near.zone.within, context: context)
            zoneLabel = "within \(near.zone.within) of \(near.line.id) (geodesic)"
            highlighted = near.line.id
        }
        query.regionsAllowed = grid == nil ? try choice.indices(in: regions, bundled: regionOptions.isBundled, geodata: geodata) : nil
        query.valuesNeeded = ["location"]
        query.keepsIdentity = true
        let check = try regionOptions.mismatchCheck(geodata: geodata, onlyWhenListed: input)
        let scan = try IncidentScan(query, locating: ScanLocating(regions: places.scanRegions, countries: query.sides == nil ? nil : countries,
                                                                   mismatch: grid == nil ? check : nil, grid: grid))
        let report = try ScanReport(scan: scan, input: input, countsFatalities: true, checksMismatches: regionOptions.isBundled)
        let column = { (name: String) in IncidentFields.column(name, in: scan.columns) }
        let (idColumn, typeColumn, locationColumn) = (scan.fieldColumns.id, scan.fieldColumns.eventType, column("location"))
        let profile = scan.query.fields.profile
        var map = MapReport(window: windows, regions: regions, countries: countries, borders: borders.borders)
        var builder = CubeBuilder()
        map.style = style
        map.classCount = classes
        map.classMethod = breaks
        let summary = try scan.run(onReject: report.reject) { s in
            let incident = s.incident
            guard let day = incident.date else { return }
            if grid == nil { try report.noteMismatch(s, regions: regions) }
            let place = places.place(of: s)
            try map.aggregation.add(region: place, date: day, fatalities: incident.fatalities)
            if layer == .hotspots, let place { builder.add(location: place, day: day.daysSinceEpoch, amount: 1) }
            map.points.append(incident.coordinate)
            if s.region != nil || s.cell != nil {
                if map.locatedBox == nil { map.locatedBox = Envelope(minX: incident.coordinate.x, minY: incident.coordinate.y, maxX: incident.coordinate.x, maxY: incident.coordinate.y) }
                map.locatedBox?.expand(toInclude: incident.coordinate)
            }
            if map.marks.count < MapReport.markLimit {
                map.marks.append(MapReport.Mark(id: incident.text(idColumn), date: day.description, type: profile.eventTypeLabel(incident.text(typeColumn)),
                                                fatalities: incident.fatalities, location: incident.text(locationColumn), point: incident.coordinate))
            }
            if incident.geoPrecision == 3 { map.precision3 += 1 }
            if map.firstDate.map({ day < $0 }) ?? true { map.firstDate = day }
            if map.lastDate.map({ $0 < day }) ?? true { map.lastDate = day }
        }
        if style == .points, map.points.count > MapReport.markLimit {
            throw CLIError("--style points draws at most \(MapReport.markLimit) incidents (\(map.points.count) here): use --style bins or choropleth")
        }
        if let index = try places.finish(countries: countries, context: context) {
            // The cells that hold incidents, shaded as regions.
            map.regions = places.regions
            map.aggregation = try map.aggregation.renumbered(index)
            map.labelsRegions = false
            builder.renumber(index)
        }
        if layer == .hotspots, let distance {
            map.patterns = try hotspotPatterns(builder, places: places, windows: windows, distance: Distance(parsing: distance))
            map.patternMethod = "Gi* with neighbours within \(distance) and \(timeLag) window\(timeLag == 1 ? "" : "s") back, FDR-corrected at 95%, Mann-Kendall trends, by \(MapReport.unitName(windows))"
        }
        map.title = title
        map.alertLegend += " (frontier trends)"
        map.zone = zone
        map.zoneLabel = zoneLabel
        map.highlightedBorder = highlighted
        map.focus = try extentBox ?? focusBox(zone: zone, chosen: query.regionsAllowed, regions: regions)
        map.boundaries = geodata.boundaries.citation
        map.sourceLine = "\((input.incidents as NSString).lastPathComponent), \(NumberFormat.grouped(summary.read)) rows read, \(NumberFormat.grouped(summary.rejected)) rejected, \(NumberFormat.grouped(map.points.count)) mapped"
        if map.points.isEmpty { Diagnostics.note("notice: no incident matched: the map shows the region with no marks") }
        let text = format == .svg ? try map.svg() : try map.html()
        try OutputFile.write(text, to: out)
        try report.finish(summary, line: report.counts(summary, locates: true) + "; mapped \(map.points.count) incidents"
                          + [MapReport.Style.points: " as points", .bins: " in cells", .choropleth: " by region"][map.resolvedStyle, default: ""] + " → \(out)")
    }

    /// Each located region's (or cell's) Emerging Hot Spot pattern, as `hotspots --summary` finds it.
    private func hotspotPatterns(_ builder: CubeBuilder, places: CountedPlaces, windows: TimeWindow, distance: Distance) throws -> [Int: EmergingPattern] {
        // The same cube and centres `hotspots` measures between.
        guard let (cube, locations, _) = try builder.cube(window: windows, from: filters.filter.from, to: filters.filter.to,
                                                          centre: places.centre(of:)) else { return [:] }
        var options = EmergingHotSpots.Options(distance: distance.metres)
        options.timeLag = timeLag
        let analysis = try EmergingHotSpots(cube: cube, options: options)
        return Dictionary(uniqueKeysWithValues: zip(locations, analysis.patterns))
    }

    /// What the query is about, when it says: the zone, or the chosen regions (nil: the incidents decide).
    private func focusBox(zone: Geometry?, chosen: Set<Int>?, regions: RegionSet) throws -> Envelope? {
        if let zone { return try zone.envelope() }
        guard let chosen, !chosen.isEmpty else { return nil }
        var box: Envelope?
        for i in chosen { if let e = try regions.regions[i].geometry.envelope() { box = box.map { var b = $0; b.expand(toInclude: e); return b } ?? e } }
        return box
    }
}
