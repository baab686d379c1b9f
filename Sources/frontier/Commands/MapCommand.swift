import ArgumentParser
import Foundation
import Frontier

extension MapReport.Style: @retroactive ExpressibleByArgument {}
extension ClassBreaks.Method: @retroactive ExpressibleByArgument {}
extension MapFormat: @retroactive ExpressibleByArgument {}

struct MapCommand: EngineCommand, ReadsGeoData, WritesCSV, ChecksOutputName {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "An offline HTML report with a map of the incidents, a time series and a summary table.",
        discussion: """
        Writes one self-contained HTML file (no network, scripts, fonts or tiles) made to be printed: an SVG \
        map in an Albers equal-area projection built by PROJ, focused on the query (the --near zone, the \
        --region(s), or the incidents without the outermost 1% of their positions on each side, with a margin, \
        the legend counting the incidents left outside; --extent to choose), with country and province names \
        (with --near, every province of the border's two countries in view) placed without overlaps and clear \
        of the incidents' circles, a graticule with degree labels, a scale bar true at the view's centre, the \
        border asked about drawn in red and the zone dashed, and below the map a legend for every colour and \
        line drawn and an inset locating the view. --style auto draws the incidents as circles (coloured by \
        event type, area by fatalities, those at one place spread around it) over regions shaded by count up \
        to \(MapReport.pointLimit) incidents, and beyond that counts them in equal-area square cells over \
        unshaded regions; choropleth, bins and points choose. The bundled countries' land where no region is \
        drawn (between grid cells) is grey, "land without data"; the background is the sea. --layer hotspots \
        shades each region or cell by its Emerging Hot Spot pattern and draws nothing over it (no cells or \
        points), the legend listing exactly the patterns drawn. Classes are natural breaks (Fisher-Jenks) or \
        quantiles (--breaks), --classes N of them; equal values always share a class. Below: incidents per \
        window for the busiest regions (a span too long to read is shown by a coarser window, as the caption \
        says; partly covered windows dashed) and the top regions with their country and share. Regions are \
        counted as in `aggregate` (covers, then smallest region_id), over the incidents kept by --from/--to, \
        --where, --region, --max-geo-precision and --near (inside the border's two countries unless --side or \
        --any-country); rows are validated, rejected and checked for mismatches as in `join`. Every string \
        from the data is escaped: a note holding markup shows as text. The --out file's extension decides what is \
        written: .html the report, .svg only the map (with its legend), .png the map as a picture (twice its \
        size), .pdf the report printed (the map kept on one page, each heading with its chart); .png and .pdf \
        are rendered by headless Chromium, run with no network on a temporary copy of the page, and without it \
        the command fails saying so (exit 1). Any other extension is a usage error (exit 64) unless --format \
        names the format. --date-precision exclude leaves out incidents dated by a range of days (UCDP's \
        date_start..date_end, ACLED's time_precision 2–3) that spans more than one --window; start (default) \
        counts each on its first day; spread is for aggregate: the map's classes are whole incidents.

        Examples:
          frontier map GeoData/incidents-reported.csv --out report.html
          frontier map GeoData/incidents-reported.csv --window month --out monthly.html
          frontier map GeoData/incidents-reported.csv --region Badakhshan --region Khatlon --out two.html
          frontier map GeoData/incidents-reported.csv --out map.svg
          frontier map GeoData/incidents-reported.csv --near AFG-TJK --within 75km --out zone.png
          frontier map GeoData/incidents-reported.csv --out report.pdf
          frontier map GeoData/incidents-reported.csv --near AFG-TJK --within 75km --style bins --out zone.html
          frontier map GeoData/incidents-reported.csv --extent 66,35,76,40 --classes 4 --breaks quantiles --out north.html
          frontier map GeoData/incidents-reported.csv --window month --date-precision exclude --out exact.html
        """
    )

    enum Layer: String, ExpressibleByArgument { case incidents, hotspots }

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var several: SeveralInputsOptions
    @OptionGroup var stores: StoreSourceOptions
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var choice: RegionChoiceOptions

    @Option(help: "The time series' windows: day, week, month, quarter, year or Nd.")
    var window: String = "week"

    @Option(help: "First day of a week: monday (ISO, default), saturday (ACLED) or sunday.")
    var weekStart: String = "monday"

    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var nearBorder: NearBorderOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("The area shown, lon1,lat1,lon2,lat2, e.g. --extent 66,35,76,40 (default: the --near zone, the --region(s), or the incidents without the outermost 1% of their positions, with a margin).", valueName: "box"))
    var extent: String?

    @Option(help: ArgumentHelp("auto (points up to \(MapReport.pointLimit) incidents, cells beyond), choropleth (regions shaded), bins (equal-area cells) or points.", valueName: "style"))
    var style: MapReport.Style = .auto

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of shading classes, 2 to 7.", valueName: "n"))
    var classes = 5

    @Option(help: ArgumentHelp("How class breaks are chosen: natural (Fisher-Jenks natural breaks) or quantiles.", valueName: "method"))
    var breaks: ClassBreaks.Method = .natural

    @Option(help: ArgumentHelp("incidents (default: regions shaded by count) or hotspots (regions or cells shaded by their Emerging Hot Spot pattern over --window, with --distance; patterns only, the legend listing those drawn). E.g. --layer hotspots --regions grid:10km --distance 15km --window month.", valueName: "layer"))
    var layer: Layer = .incidents

    @Option(parsing: .unconditional, help: ArgumentHelp("With --layer hotspots: the neighbourhood, centres within this geodesic distance (e.g. 15km).", valueName: "distance"))
    var distance: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("With --layer hotspots: windows before a bin in its neighbourhood.", valueName: "n"))
    var timeLag = 1

    @Option(help: ArgumentHelp("How an incident dated by a range of days counts: start (on its first day) or exclude (left out when its "
                               + "range spans windows), e.g. --date-precision exclude.", valueName: "start|exclude"))
    var datePrecision: DatePrecisionChoice = .start

    @Option(help: "The report's title.")
    var title: String = "Incidents along Afghanistan's frontiers"

    @Option(help: ArgumentHelp("html (the whole report), svg (the map only), png (the map as a picture, at twice its size) or pdf (the report printed); png and pdf are rendered by headless Chromium (chromium, chromium-browser or google-chrome on PATH). Default: the --out file's extension, else html.", valueName: "format"))
    var format: MapFormat?

    @Option(help: ArgumentHelp("The file to write; its extension decides the format: report.html, map.svg, map.png or report.pdf (e.g. --out zone.png).", valueName: "file"))
    var out: String

    /// The format written: --format, else the --out extension, else HTML (a FIFO or /dev/stdout says nothing).
    var resolvedFormat: MapFormat { format ?? MapFormat(fileExtension: (out as NSString).pathExtension) ?? .html }

    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { several.files(input) + regionOptions.files + .output(out, flag: "--out") }

    func validate() throws {
        try several.check(input)
        let windows: TimeWindow
        do { windows = try TimeWindow(parsing: window, weekStart: weekStart) } catch let error as FrontierError { throw ValidationError(Self.message(error)) }
        if !windows.hasPrevious { throw ValidationError(Self.message(.seriesWithoutWindows)) }
        if extent != nil && extentBox == nil {
            throw ValidationError("--extent takes lon1,lat1,lon2,lat2 in degrees with lon1 < lon2 and lat1 < lat2 (e.g. 66,35,76,40), not '\(extent ?? "")'")
        }
        if layer == .hotspots {
            guard let distance else { throw ValidationError("--layer hotspots needs --distance (e.g. 15km)") }
            do { _ = try Distance(parsing: distance) } catch { throw ValidationError("--distance: \(error)") }
            if !(0...100).contains(timeLag) { throw ValidationError(Self.message(.timeLag(timeLag))) }
        } else if distance != nil {
            throw ValidationError("--distance applies to --layer hotspots")
        }
        if !(2...7).contains(classes) { throw ValidationError(Self.message(.classCount(classes))) }
        if datePrecision == .spread { throw ValidationError(Self.message(.spreadNeedsFractions(question: "maps"))) }
        if let within = nearBorder.within, (try? Distance.list(parsing: within).count) ?? 1 > 1 {
            throw ValidationError(Self.message(.severalZoneDistances))
        }
        if let within = nearBorder.within, let reach = try? Distance.list(parsing: within).last {
            try BufferCommand.validateDrawn(reach)  // the zone is drawn as buffer draws it
        }
    }

    /// `--extent` as a lon/lat box; nil when absent or not four numbers in order within ±180/±90.
    var extentBox: Envelope? { extent.flatMap(MapRequest.extent(parsing:)) }

    /// The engine's request these flags ask.
    private func request() throws -> MapRequest {
        var query = stores.applied(to: input.query)
        query.filter = filters.filter
        // validate() has made sure --layer hotspots comes with a --distance.
        let shading = layer == .hotspots ? MapLayer.hotspots(distance: try Distance(parsing: distance ?? ""), timeLag: timeLag) : .incidents
        return MapRequest(
            input: query, places: try regionOptions.places, chosen: choice.chosen, geodata: geodata.choice,
            window: try TimeWindow(parsing: window, weekStart: weekStart), near: try nearBorder.request, extent: extentBox,
            style: style, classes: classes, breaks: breaks, layer: shading, title: title, format: resolvedFormat, alertLegendSuffix: " (frontier trends)", listsMismatches: input.mismatches != nil,
            datePrecision: DatePrecision(rawValue: datePrecision.rawValue) ?? .start)
    }

    /// What --out may be named: the map's four formats.
    static let naming = OutputNaming(written: MapFormat.allCases.map { .init(format: $0.rawValue, extensions: $0.fileExtensions) })

    func checkOutputName() throws {
        _ = try Self.naming.format(out: out, given: format?.rawValue)
    }

    func execute() throws {
        let sources = try several.sources(input, stores)
        let map = try sources.count > 1 ? request().open(sources: sources) : request().open()
        map.notices.forEach(Diagnostics.note)
        let several = sources.count > 1
        let reports = try map.scans.map { try ScanReport(scan: $0, input: input, countsFatalities: true, checksMismatches: !several && regionOptions.isBundled) }
        let answer = try map.run { reports[$0].events() }
        answer.notices.forEach(Diagnostics.note)
        if let note = DatePrecisionChoice.note(answer.dateRanges, asked: answer.request.datePrecision, spreads: false) { Diagnostics.note(note) }
        try OutputFile.write(answer.document, to: out)
        let drawn = [MapReport.Style.points: " as points", .bins: " in cells", .choropleth: " by region"][answer.resolvedStyle, default: ""]
        let mapped = "mapped \(answer.mapped) incidents\(drawn) → \(out)"
        guard several else {
            return try reports[0].finish(answer.summary, line: reports[0].counts(answer.summary, locates: true) + "; " + mapped)
        }
        let failure = SeveralInputsOptions.finish(reports, summaries: answer.summaries, names: sources.map(\.name))
        Diagnostics.note("\(sources.count) inputs: " + mapped)
        if let failure { throw failure }
    }
}
