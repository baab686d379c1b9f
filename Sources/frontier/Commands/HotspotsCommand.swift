import ArgumentParser
import Foundation
import Frontier

struct HotspotsCommand: EngineCommand, ReadsGeoData, WritesCSV {
    static let configuration = CommandConfiguration(
        commandName: "hotspots",
        abstract: "Where it is getting worse: Emerging Hot Spot Analysis (Gi* per cell and window, trends, 17 patterns).",
        discussion: """
        Builds the space-time cube of incident counts (--value fatalities to weigh by fatalities) over the \
        locations that hold at least one incident in the period (cells of --regions grid:10km, PRIO-GRID \
        cells with --regions priogrid, or regions) and every window from --from to --to (or the data's \
        first to last date), empty windows included. A bin's neighbours are the locations whose centres lie \
        within --distance of its own (geodesic, itself included) in the same window and the --time-lag \
        windows before; weights are binary. Getis-Ord Gi* z uses the mean and population standard deviation \
        of all bins; p is two-sided normal; significance is corrected for multiple testing with the false \
        discovery rate (Benjamini-Hochberg), as ArcGIS does, and reported as bin -3..3 (99/95/90% cold..hot, \
        0 not significant).

        One row per bin: region_id, window_start, window_end, events, gi_z, gi_p, bin. With --summary, one \
        row per location: region_id, region_country (of the cell's centre), pattern, trend_z, trend_p \
        (Mann-Kendall on its z-series, tie-corrected, continuity-corrected), hot_windows, cold_windows. \
        pattern is one of ArcGIS's 17 Emerging Hot Spot classes (New, Consecutive, Intensifying, Persistent, \
        Diminishing, Sporadic, Oscillating, Historical hot or cold spot; No Pattern Detected): "90%" means \
        at least 90% of the windows significant at --alpha (default 0.05), a trend is significant at --alpha \
        too.

        Examples:
          frontier hotspots GeoData/incidents-reported.csv --regions grid:50km --window month --distance 100km
          frontier hotspots GeoData/incidents-reported.csv --regions priogrid --window month --distance 60km --summary
          frontier hotspots GeoData/incidents-reported.csv --regions admin1 --window week --distance 300km --time-lag 0
        """
    )

    enum Value: String, ExpressibleByArgument { case events, fatalities }

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var regionOptions: RegionOptions

    @Option(help: "day, week, month, quarter, year or Nd: the cube's time step.")
    var window: String = "month"

    @Option(help: "First day of a week: monday (ISO, default), saturday (ACLED) or sunday.")
    var weekStart: String = "monday"

    @Option(parsing: .unconditional, help: ArgumentHelp("Neighbourhood: locations whose centres lie within this geodesic distance (e.g. 15km).", valueName: "distance"))
    var distance: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Windows before a bin that are part of its neighbourhood (0: space only).", valueName: "n"))
    var timeLag = 1

    @Option(parsing: .unconditional, help: ArgumentHelp("Significance level for hot and cold bins and for trends: 0.10, 0.05 or 0.01.", valueName: "alpha"))
    var alpha = 0.05

    @Option(help: "events (counts, default) or fatalities: what the cube holds.")
    var value: Value = .events

    @Flag(help: "One row per location (pattern and trend) instead of one per bin.")
    var summary = false

    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    @OptionGroup var output: OutputOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { input.files + regionOptions.files + output.files }

    func validate() throws {
        let windows: TimeWindow
        do { windows = try TimeWindow(parsing: window, weekStart: weekStart) } catch let error as FrontierError { throw ValidationError(Self.message(error)) }
        if !windows.hasPrevious { throw ValidationError("hot spots need a series of windows: --window all has one") }
        do {
            let d = try Distance(parsing: distance)
            if d.metres <= 0 { throw ValidationError("--distance must be more than 0") }
        } catch let error as FrontierError { throw ValidationError("--distance: \(error)") }
        if !(0...100).contains(timeLag) { throw ValidationError("--time-lag must be between 0 and 100 (got \(timeLag))") }
        if ![0.10, 0.05, 0.01].contains(alpha) { throw ValidationError("--alpha takes 0.10, 0.05 or 0.01 (the levels the bins report), not \(alpha)") }
        if output.resolvedFormat == .geojson || output.resolvedFormat == .geojsonl {
            throw ValidationError("hotspots writes csv, table or json")
        }
    }

    func execute() throws {
        let context = try GEOSContext()
        let windows = try TimeWindow(parsing: window, weekStart: weekStart)
        var places = try CountedPlaces(regionOptions.places, geodata: geodata.choice, context: context)
        places.notices.forEach(Diagnostics.note)
        let grid = places.grid
        let countries = try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
        var query = input.query
        query.filter = filters.filter
        query.requiresDate = true
        query.valuesNeeded = []
        let scan = try IncidentScan(query, locating: ScanLocating(regions: places.scanRegions, grid: grid))
        let report = try ScanReport(scan: scan, input: input, countsFatalities: value == .fatalities, checksMismatches: false)
        // Per counted incident: its location (a region, or a cell numbered as met), day and amount.
        var builder = CubeBuilder()
        var outside = 0
        let summaryCounts = try scan.run(onReject: report.reject) { s in
            guard let day = s.incident.date else { return }
            guard let place = places.place(of: s) else { outside += 1; return }
            builder.add(location: place, day: day.daysSinceEpoch, amount: value == .fatalities ? Double(s.incident.fatalities) : 1)
        }
        if let index = try places.finish(countries: countries, context: context) { builder.renumber(index) }
        let regions = places.regions
        guard let (cube, locations, first) = try builder.cube(window: windows, from: filters.filter.from, to: filters.filter.to,
                                                              centre: places.centre(of:)) else {
            try report.finish(summaryCounts, line: report.counts(summaryCounts, locates: grid == nil) + "; no incidents to analyse")
            return
        }
        let steps = cube.steps
        var options = EmergingHotSpots.Options(distance: try Distance(parsing: distance).metres)
        options.timeLag = timeLag
        options.alpha = alpha
        let analysis = try EmergingHotSpots(cube: cube, options: options)
        if summary {
            let out = try RecordOutput(output, columns: ["region_id", "region_country", "pattern", "trend_z", "trend_p", "hot_windows", "cold_windows"])
            for (i, place) in locations.enumerated() {
                let region = regions.regions[place]
                try out.write(Record(values: [.string(region.id), .string(region.country), .string(analysis.patterns[i].rawValue),
                                              .double(analysis.trends[i].z), .double(analysis.trends[i].p),
                                              .int(Int64(analysis.hotWindows[i])), .int(Int64(analysis.coldWindows[i]))]))
            }
            try out.finish()
        } else {
            let out = try RecordOutput(output, columns: ["region_id", "window_start", "window_end", value.rawValue, "gi_z", "gi_p", "bin"])
            for (i, place) in locations.enumerated() {
                for t in 0..<steps {
                    let (start, end) = windows.bounds(of: first + t)
                    let k = i * steps + t
                    let v = cube.value(location: i, step: t)  // whole, at most 2^53: the builder checked the total
                    try out.write(Record(values: [.string(regions.regions[place].id), .string(start.description), .string(end.description),
                                                  .int(Int64(v)), .double(analysis.gi.z[k]), .double(analysis.gi.p[k]), .int(Int64(analysis.bins[k]))]))
                }
            }
            try out.finish()
        }
        let hot = analysis.patterns.filter { $0.rawValue.contains("Hot") }.count, cold = analysis.patterns.filter { $0.rawValue.contains("Cold") }.count
        try report.finish(summaryCounts, line: report.counts(summaryCounts, locates: grid == nil)
                          + "; a cube of \(locations.count) locations × \(steps) windows\(outside > 0 ? " (\(outside) incidents outside every \(grid == nil ? "region" : "cell") left out)" : ""): \(hot) hot and \(cold) cold patterns")
    }
}
