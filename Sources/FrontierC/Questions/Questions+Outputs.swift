import Foundation
import Frontier
import FrontierArrow

/// The questions whose answer is a document or a store, not rows: the map page and the import.
extension Questions {
    /// The report page (`frontier map`'s HTML), its map alone (`format: "svg"`), the map as a PNG picture or
    /// the report printed to PDF (rendered by headless Chromium, as on the command line) as a one-row answer:
    /// `format` and `document`, the whole text (html, svg) or bytes (png, pdf).
    static func map(_ o: RequestOptions, rows: (any IncidentTable)?) throws -> Answer {
        let classes = try o.integer("classes") ?? 5
        let formatText = try o.text("format") ?? "html"
        guard let format = MapFormat(rawValue: formatText) else {
            throw OptionProblem(option: "format", message: "takes html, svg, png or pdf, not '\(MessageText.escaped(formatText))'")
        }
        let styleText = try o.text("style") ?? "auto"
        guard let style = MapReport.Style(rawValue: styleText) else {
            throw OptionProblem(option: "style", message: "takes \(MapReport.Style.allCases.map(\.rawValue).joined(separator: ", ")), not '\(MessageText.escaped(styleText))'")
        }
        let breaksText = try o.text("breaks") ?? "natural"
        guard let breaks = ClassBreaks.Method(rawValue: breaksText) else {
            throw OptionProblem(option: "breaks", message: "takes natural or quantiles, not '\(MessageText.escaped(breaksText))'")
        }
        let places = try InputOptions.places(o)
        let recorder = try recorder(o, places: places)
        let request = MapRequest(input: try InputOptions.query(o, rows: rows), places: places, chosen: try o.list("region") ?? [],
                                 geodata: try InputOptions.geodata(o), window: try InputOptions.window(o, fallback: "week"),
                                 near: try InputOptions.nearBorder(o), extent: try extent(o), style: style, classes: classes, breaks: breaks,
                                 layer: try mapLayer(o), title: try o.text("title") ?? "Incidents along Afghanistan's frontiers", format: format,
                                 alertLegendSuffix: " (frontier.trends)", listsMismatches: recorder.listsMismatches,
                                 datePrecision: try InputOptions.datePrecision(o))
        try o.checkAllRead(question: "map")
        try request.validate()
        let scan = try request.open()
        let result = try scan.run(recorder.events)
        // A picture or a printed page is bytes; a page or an SVG, text.
        let document: ArrowValue = format.needsBrowser ? .bytes(Array(result.document)) : .text(String(decoding: result.document, as: UTF8.self))
        var builder = ArrowBatchBuilder(fields: [ArrowField(name: "format", kind: .utf8),
                                                 ArrowField(name: "document", kind: format.needsBrowser ? .binary : .utf8)])
        try builder.append([.text(format.rawValue), document])
        var answer = Answer(fields: builder.fields, batches: builder.finish())
        answer.report = try recorder.report(result.summary, scan: scan.scan, notices: false)
        answer.report["mapped"] = result.mapped
        return answer
    }

    /// `extent`: the area shown, "lon1,lat1,lon2,lat2" in degrees.
    static func extent(_ o: RequestOptions) throws -> Envelope? {
        guard let text = try o.text("extent") else { return nil }
        guard let box = MapRequest.extent(parsing: text) else {
            throw OptionProblem(option: "extent", message: "takes lon1,lat1,lon2,lat2 in degrees with lon1 < lon2 and lat1 < lat2 (e.g. \"66,35,76,40\"), not '\(MessageText.escaped(text))'")
        }
        return box
    }

    /// `layer`: incidents (default), or hotspots with `distance` and `time_lag`.
    static func mapLayer(_ o: RequestOptions) throws -> MapLayer {
        let name = try o.text("layer") ?? "incidents"
        let distance = try o.text("distance"), timeLag = try o.integer("time_lag")
        switch name {
        case "incidents":
            if distance != nil || timeLag != nil { throw OptionProblem(option: distance != nil ? "distance" : "time_lag", message: "applies to layer \"hotspots\"") }
            return .incidents
        case "hotspots":
            guard let distance else { throw OptionProblem(option: "distance", message: "is missing: layer \"hotspots\" needs the neighbourhood's reach, e.g. \"15km\"") }
            do { return .hotspots(distance: try Distance(parsing: distance), timeLag: timeLag ?? 1) } catch let error as FrontierError {
                throw OptionProblem(option: "distance", message: "\(error)")
            }
        default:
            throw OptionProblem(option: "layer", message: "takes incidents or hotspots, not '\(MessageText.escaped(name))'")
        }
    }

    /// Stores the incidents (`frontier import`): `store` (a GeoPackage, created when missing) or `db` (a
    /// PostGIS URL); `sync`, `allow_mass_delete`, `strict`. The answer is one row of what happened.
    static func importIncidents(_ o: RequestOptions, rows: (any IncidentTable)?) throws -> Answer {
        let store = try o.text("store"), db = try o.text("db")
        guard (store == nil) != (db == nil) else {
            throw OptionProblem(option: "store", message: "or db names where the incidents go: give exactly one of them")
        }
        // An import locates in the bundled provinces: their mismatches can be listed.
        let recorder = ScanRecorder(mismatches: try o.flag("mismatches"), comparable: true)
        var request = ImportRequest(input: try InputOptions.query(o, rows: rows, readsStores: false), destination: db.map { .postgis(url: $0) } ?? .store(path: store ?? ""),
                                    sync: try o.flag("sync"), allowMassDelete: try o.flag("allow_mass_delete"), strict: try o.flag("strict"),
                                    listsMismatches: recorder.listsMismatches, geodata: try InputOptions.geodata(o))
        request.sourceName = try o.text("source_name")
        try o.checkAllRead(question: "import")
        try request.validate()
        let importing = try request.open()
        let result: ImportAnswer
        do { result = try importing.run(recorder.events) } catch is ImportScan.EveryRowRejected {
            throw FrontierError.everyRowRejected(file: importing.scan.name, reasons: importing.summary.rejectedByKind)
        }
        let r = result.report
        let fields = ["read", "rejected", "inserted", "updated", "unchanged", "deleted"].map { ArrowField(name: $0, kind: .int64) }
            + [ArrowField(name: "destination", kind: .utf8), ArrowField(name: "warning", kind: .utf8)]
        var builder = ArrowBatchBuilder(fields: fields)
        try builder.append([r.read, r.rejected, r.inserted, r.updated, r.unchanged, r.deleted].map { ArrowValue.int(Int64($0)) }
                           + [.text(result.destinationName), r.warning.map(ArrowValue.text)])
        var answer = Answer(fields: fields, batches: builder.finish())
        answer.report = try recorder.report(result.summary, scan: importing.scan, notices: false)
        return answer
    }
}
