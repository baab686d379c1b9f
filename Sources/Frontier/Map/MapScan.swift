import Foundation

/// A map request with its input open: `scan` knows the columns, the notices and the input's size before any
/// row is read; `run` reads it once and draws the report.
public final class MapScan {
    /// The request, as opened.
    public let request: MapRequest
    /// The opened input (the first of several).
    public var scan: IncidentScan { scans[0] }
    /// Every opened input, in order: one, or each of several read onto one map.
    public let scans: [IncidentScan]
    /// With several inputs: each one's name, in order (empty for one input).
    public let sourceNames: [String]
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

    /// - Parameter sources: several inputs to draw together (each read with its own layout as `request.input`
    ///   would be); empty: `request.input` alone.
    init(_ request: MapRequest, sources: [NamedInput] = []) throws {
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
        let locating = ScanLocating(regions: places.scanRegions, countries: query.sides == nil ? nil : countries, mismatch: check, grid: grid, swaps: swaps)
        if sources.isEmpty {
            scans = [try IncidentScan(query, locating: locating)]
        } else {
            try NamedInput.checkSeveral(sources)
            scans = try sources.map { source in
                // Each input's own path, format and layout, asked what the first is asked.
                var one = query
                let own = source.query
                (one.path, one.format, one.rows, one.storeSource) = (own.path, own.format, own.rows, own.storeSource)
                (one.fields, one.profile, one.given, one.delimiter, one.crs) = (own.fields, own.profile, own.given, own.delimiter, own.crs)
                return try IncidentScan(one, locating: locating)
            }
        }
        sourceNames = sources.map(\.name)
        self.notices = notices
    }

    /// Reads the input once (each of several in turn) and draws the report.
    /// - Parameter events: each input's rejected rows, mismatches (when the request lists them) and progress,
    ///   as they come, by its position.
    /// - Returns: the document (HTML, SVG, PNG or PDF, as the request asks) with the report it was drawn from, the
    ///   scans' summary, and a notice when no incident matched.
    /// - Throws: the input's read errors, `FrontierError.request(.tooManyPoints)` when the points style is
    ///   asked for more than `MapReport.markLimit` incidents, the hot spot analysis's limits
    ///   (`FrontierError.tooMuchWork`), drawing errors, `FrontierError.renderFailed` when Chromium does not
    ///   render a PNG or PDF, and whatever `events.onMismatch` throws.
    public func run(_ events: (Int) -> ScanEvents = { _ in ScanEvents() }) throws -> MapAnswer {
        var incidents = MapIncidents(buildsCube: request.layer != .incidents, window: request.window)
        let regionsAtStart = places.regions
        var summaries: [ScanSummary] = []
        var dateRanges: [DateRangeCounts?] = []
        for (k, scan) in scans.enumerated() {
            let events = events(k)
            incidents.read(scan)
            var dates = DateRangeRule(columns: scan.columns, dateColumn: scan.fieldColumns.date, precision: request.datePrecision, window: request.window)
            summaries.append(try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
                guard let day = s.incident.date else { return }
                if case .excluded = dates.decide(s.incident, day: day) { return }
                if s.mismatched, places.grid == nil { try events.onMismatch(MismatchRow(s, scan: scan, regions: regionsAtStart)) }
                try incidents.add(s, day: day, place: places.place(of: s))
            })
            dateRanges.append(dates.counts)
        }
        if request.style == .points, incidents.positions.count > MapReport.markLimit {
            throw FrontierError.request(.tooManyPoints(count: incidents.positions.count, limit: MapReport.markLimit))
        }
        // With a grid, the cells that hold incidents become the regions, shaded as regions; the counts follow them.
        if let index = try places.finish(countries: countries, context: context) { try incidents.renumber(index) }
        let summary = summaries.count == 1 ? summaries[0] : ScanSummary.merged(summaries)
        let map = try report(incidents, summary: summary)
        let (text, document) = try draw(map)
        return MapAnswer(request: request, report: map, text: text, document: document, summary: summary, summaries: summaries,
                         notices: map.positions.isEmpty ? [.noIncidentMatched] : [], dateRanges: .adding(dateRanges))
    }

    /// Reads one input and draws the report (`run(_:)` for a single input's events).
    public func run(_ events: ScanEvents) throws -> MapAnswer { try run { _ in events } }

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
        let inputs = sourceNames.isEmpty ? request.shownInputName : sourceNames.joined(separator: ", ")
        map.sourceLine = "\(inputs), \(NumberFormat.grouped(summary.read)) rows read, "
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
