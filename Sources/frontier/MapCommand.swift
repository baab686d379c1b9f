import ArgumentParser
import Foundation
import Frontier
import Geo

struct MapCommand: ParsableCommand {
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
        incidents kept by --from/--to and --near. Every string from the data is escaped: a note holding markup \
        shows as text. --format svg writes only the map.

        Examples:
          frontier map GeoData/incidents-reported.csv --out report.html
          frontier map GeoData/incidents-reported.csv --window month --out monthly.html
          frontier map GeoData/incidents-reported.csv --format svg --out map.svg
        """
    )

    enum Format: String, ExpressibleByArgument { case html, svg }

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var regionOptions: RegionOptions

    @Option(help: "The time series' windows: day, week, month or Nd.")
    var window: String = "week"

    @Option(help: "First day of a week: monday (ISO, default), saturday (ACLED) or sunday.")
    var weekStart: String = "monday"

    @OptionGroup var dates: DateRangeOptions
    @OptionGroup var nearBorder: NearBorderOptions

    @Option(help: "The report's title.")
    var title: String = "Incidents along Afghanistan's frontiers"

    @Option(help: "html (default: the whole report) or svg (the map only).")
    var format: Format = .html

    @Option(help: ArgumentHelp("The file to write (report.html, map.svg).", valueName: "file"))
    var out: String

    @OptionGroup var geodata: GeoDataOptions

    func validate() throws {
        do { _ = try TimeWindow(parsing: window, weekStart: weekStart) } catch { throw ValidationError("\(error)") }
    }

    func run() throws {
        let context = GEOSContext()
        let windows = try TimeWindow(parsing: window, weekStart: weekStart)
        let regions = try regionOptions.load(geodata: geodata, context: context)
        try regions.buildLocateIndex()
        let countries = try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
        let borders = try BorderSet.load(geodata: geodata.location(), context: context)
        var proximity: Proximity?
        var zone: Geometry?
        var zoneLabel = ""
        if let near = try nearBorder.zone(borders: borders) {
            proximity = near.proximity
            zone = try BufferZone.around(lines: Proximity.lines(of: near.line.geometry), within: near.distance, context: context)
            zoneLabel = "within \(near.distance) of \(near.line.id) (geodesic)"
        }
        let report = RejectReport()
        let wanted: Set<String> = [input.idField, "event_type", "location"]
        let reader = try input.open(report: report, onlyColumns: wanted,
                                    storeFilter: IncidentStore.Filter(box: proximity?.reachBox, from: dates.fromDate, to: dates.toDate))
        let column = { (name: String) in reader.columns.firstIndex(of: name) }
        let (idColumn, typeColumn, locationColumn) = (column(input.idField), column("event_type"), column("location"))
        var filter = IncidentFilter()
        filter.from = dates.fromDate
        filter.to = dates.toDate
        var map = MapReport(window: windows, regions: regions, countries: countries, borders: borders.borders,
                            aggregation: Aggregation(window: windows))
        var scratch: [Int32] = []
        while let incident = try reader.next() {
            guard let day = incident.date, filter.accepts(incident) else { continue }
            if let proximity, proximity.distance(to: incident.coordinate, scratch: &scratch) == nil { continue }
            map.aggregation.add(region: try regions.locate(incident.coordinate), date: day, fatalities: incident.fatalities)
            map.points.append(incident.coordinate)
            if map.marks.count <= MapReport.pointLimit {
                let text = { (i: Int?) in i.flatMap { incident.values[$0].text } ?? "" }
                map.marks.append(MapReport.Mark(id: text(idColumn), date: day.description, type: text(typeColumn),
                                                fatalities: incident.fatalities, location: text(locationColumn), point: incident.coordinate))
            }
            if incident.geoPrecision == 3 { map.precision3 += 1 }
            if map.firstDate.map({ day < $0 }) ?? true { map.firstDate = day }
            if map.lastDate.map({ $0 < day }) ?? true { map.lastDate = day }
        }
        report.finish()
        map.title = title
        map.zone = zone
        map.zoneLabel = zoneLabel
        map.sourceLine = "\((input.incidents as NSString).lastPathComponent), \(reader.readCount) rows read, \(reader.rejectedCount) rejected, \(map.points.count) mapped"
        let text = format == .svg ? try map.svg() : try map.html()
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
            throw CLIError("cannot write \(out): \(error.localizedDescription)")
        }
        Diagnostics.note("read \(reader.readCount), rejected \(reader.rejectedCount); mapped \(map.points.count) incidents"
                         + (map.drawsPoints ? " as points" : " in bins") + " → \(out)")
    }
}
