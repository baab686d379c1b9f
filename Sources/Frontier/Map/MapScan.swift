import Foundation

/// A map request with its input open: `scan` knows the columns, the notices and the input's size before any
/// row is read; `run` reads it once and draws the report.
public final class MapScan {
    /// The request, as opened.
    public let request: MapRequest
    /// The opened input.
    public let scan: IncidentScan
    /// Repairs to the regions and names read as another spelling, in the order they arose.
    public let notices: [RequestNotice]
    private let context: GEOSContext
    private var places: CountedPlaces
    private let countries: RegionSet
    private let borders: BorderSet
    /// The zone drawn around the border asked about, how the legend names it, and the border's id.
    private let zone: (geometry: Geometry, label: String, border: String)?
    /// The chosen regions' indices (nil: none chosen), which the view is focused on.
    private let chosen: Set<Int>?
    /// What renders a PNG or PDF (nil for HTML and SVG), found before anything is read.
    private let browser: HeadlessChromium?

    init(_ request: MapRequest) throws {
        self.request = request
        browser = request.format.needsBrowser ? try HeadlessChromium(executable: request.chromium) : nil
        context = try GEOSContext()
        places = try CountedPlaces(request.places, geodata: request.geodata, context: context)
        var notices = places.notices
        let grid = places.grid
        if let grid, !request.chosen.isEmpty { throw FrontierError.request(.regionsNamedWithGrid(grid: grid.name)) }
        countries = try RegionSet.load(.admin0, geodata: request.geodata.location(), context: context)
        borders = try BorderSet.load(geodata: request.geodata.location(), context: context)
        var query = request.input
        query.requiresDate = true
        if let near = try request.near?.zone(geodata: request.geodata, context: context) {
            // The map counts or draws the incidents in the zone, never their distance.
            var inZone = near.zone
            inZone.measuresDistances = false
            query.zone = inZone
            query.sides = near.sides
            zone = (try BufferZone.around(lines: near.line.geometry.lines(), within: near.zone.within, context: context),
                    "within \(near.zone.within) of \(near.line.id) (geodesic)", near.line.id)
        } else {
            zone = nil
        }
        if grid == nil {
            let (allowed, readAs) = try ChosenRegions.indices(request.chosen, in: places.regions, bundled: request.places.isBundled,
                                                              geodata: request.geodata)
            chosen = allowed
            notices += readAs
        } else {
            chosen = nil
        }
        query.regionsAllowed = chosen
        // The marks' details: the place's name, with the id and event type.
        query.valuesNeeded = Set(["location"] + DateRangeColumn.names)
        query.keepsIdentity = true
        // Rows whose reported place disagrees are flagged only to list them; every row is tested for swapped coordinates.
        let swaps = try request.places.mismatchCheck(geodata: request.geodata)
        let check = request.listsMismatches ? swaps : nil
        scan = try IncidentScan(query, locating: ScanLocating(regions: places.scanRegions, countries: query.sides == nil ? nil : countries,
                                                             mismatch: check, grid: grid, swaps: swaps))
        self.notices = notices
    }

    /// Reads the input once and draws the report.
    /// - Parameter events: rejected rows, mismatches (when the request lists them) and progress, as they come.
    /// - Returns: the document (HTML, SVG, PNG or PDF, as the request asks) with the report it was drawn from, the
    ///   scan's summary, and a notice when no incident matched.
    /// - Throws: the input's read errors, `FrontierError.request(.tooManyPoints)` when the points style is
    ///   asked for more than `MapReport.markLimit` incidents, the hot spot analysis's limits
    ///   (`FrontierError.tooMuchWork`), drawing errors, `FrontierError.renderFailed` when Chromium does not
    ///   render a PNG or PDF, and whatever `events.onMismatch` throws.
    public func run(_ events: ScanEvents = ScanEvents()) throws -> MapAnswer {
        var incidents = MapIncidents(scan: scan, buildsCube: request.layer != .incidents, window: request.window)
        let regionsAtStart = places.regions
        var dates = DateRangeRule(columns: scan.columns, dateColumn: scan.fieldColumns.date, precision: request.datePrecision, window: request.window)
        let summary = try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
            guard let day = s.incident.date else { return }
            if case .excluded = dates.decide(s.incident, day: day) { return }
            if s.mismatched, places.grid == nil { try events.onMismatch(MismatchRow(s, scan: scan, regions: regionsAtStart)) }
            try incidents.add(s, day: day, place: places.place(of: s))
        }
        if request.style == .points, incidents.positions.count > MapReport.markLimit {
            throw FrontierError.request(.tooManyPoints(count: incidents.positions.count, limit: MapReport.markLimit))
        }
        // With a grid, the cells that hold incidents become the regions, shaded as regions; the counts follow them.
        if let index = try places.finish(countries: countries, context: context) { try incidents.renumber(index) }
        let map = try report(incidents, summary: summary)
        let (text, document) = try draw(map)
        return MapAnswer(request: request, report: map, text: text, document: document,
                         summary: summary, notices: map.positions.isEmpty ? [.noIncidentMatched] : [], dateRanges: dates.counts)
    }

    /// The document in the request's format, as text and as the bytes to write.
    private func draw(_ map: MapReport) throws -> (text: String, document: Data) {
        switch (request.format, browser) {
        case (.svg, _):
            let svg = try map.svg()
            return (svg, Data(svg.utf8))
        case (.png, let browser?):
            let picture = try map.picturePage()
            return (picture.page, try browser.render(picture.page, as: .png(width: picture.width, height: picture.height, scale: 2)))
        case (.pdf, let browser?):
            let html = try map.html()
            return (html, try browser.render(html, as: .pdf))
        case (.html, _), (.png, nil), (.pdf, nil):
            let html = try map.html()
            return (html, Data(html.utf8))
        }
    }

    /// The report of what was read: the request's choices, the incidents, the zone and the focus.
    private func report(_ incidents: MapIncidents, summary: ScanSummary) throws -> MapReport {
        var map = MapReport(window: request.window, regions: places.regions, countries: countries, borders: borders.borders)
        map.style = request.style
        map.classCount = request.classes
        map.classMethod = request.breaks
        try incidents.fill(&map)
        map.labelsRegions = places.grid == nil  // a cell's id says nothing to a reader
        if case .hotspots(let distance, let timeLag) = request.layer {
            map.patterns = try patterns(incidents.cube, distance: distance, timeLag: timeLag)
            map.patternMethod = "Gi* with neighbours within \(distance) and \(timeLag) window\(timeLag == 1 ? "" : "s") back, "
                + "FDR-corrected at 95%, Mann-Kendall trends, by \(MapReport.unitName(request.window))"
        }
        if let title = request.title { map.title = title }
        map.alertLegend += request.alertLegendSuffix
        map.zone = zone?.geometry
        map.zoneLabel = zone?.label ?? ""
        map.highlightedBorder = zone?.border
        map.focus = try request.extent ?? focus()
        map.boundaries = request.geodata.boundaries.citation
        map.sourceLine = "\(request.shownInputName), \(NumberFormat.grouped(summary.read)) rows read, "
            + "\(NumberFormat.grouped(summary.rejected)) rejected, \(NumberFormat.grouped(map.positions.count)) mapped"
        return map
    }

    /// Each located region's (or cell's) Emerging Hot Spot pattern, as the hot spot analysis finds it over the
    /// same cube and centres.
    private func patterns(_ builder: CubeBuilder, distance: Distance, timeLag: Int) throws -> [Int: EmergingPattern] {
        guard let (cube, locations, _) = try builder.cube(from: request.input.filter.from, to: request.input.filter.to,
                                                          centre: places.centre(of:)) else { return [:] }
        var options = EmergingHotSpots.Options(distance: distance.metres)
        options.timeLag = timeLag
        let analysis = try EmergingHotSpots(cube: cube, options: options)
        return Dictionary(uniqueKeysWithValues: zip(locations, analysis.patterns))
    }

    /// What the request is about, when it says: the zone, or the chosen regions (nil: the incidents decide).
    private func focus() throws -> Envelope? {
        if let zone { return try zone.geometry.envelope() }
        guard let chosen, !chosen.isEmpty else { return nil }
        var box: Envelope?
        for i in chosen { if let e = try places.regions.regions[i].geometry.envelope() { box = box.map { var b = $0; b.expand(toInclude: e); return b } ?? e } }
        return box
    }
}
