import Foundation
import Frontier
import FrontierArrow

/// The questions whose answer is a document or a store, not rows: the map page and the import.
extension Questions {
    /// The report page (`frontier map`'s HTML) as a one-row answer: `format` and `document`, the whole page.
    static func map(_ o: RequestOptions, rows: (any IncidentRowSource)?) throws -> Answer {
        let classes = try o.integer("classes") ?? 5
        let request = MapRequest(input: try InputOptions.query(o, rows: rows), places: try InputOptions.places(o), chosen: try o.list("region") ?? [],
                                 geodata: try InputOptions.geodata(o), window: try InputOptions.window(o, fallback: "week"),
                                 near: try InputOptions.nearBorder(o), classes: classes,
                                 title: try o.text("title") ?? "Incidents along Afghanistan's frontiers", format: .html,
                                 datePrecision: try InputOptions.datePrecision(o))
        try o.checkAllRead(question: "map")
        try request.validate()
        let recorder = ScanRecorder()
        let scan = try request.open()
        let result = try scan.run(recorder.events)
        var builder = ArrowBatchBuilder(fields: [ArrowField(name: "format", kind: .utf8), ArrowField(name: "document", kind: .utf8)])
        try builder.append([.text("html"), .text(String(decoding: result.document, as: UTF8.self))])
        var answer = Answer(fields: builder.fields, batches: builder.finish())
        answer.report = try recorder.report(result.summary, scan: scan.scan, notices: false)
        answer.report["mapped"] = result.mapped
        return answer
    }

    /// Stores the incidents (`frontier import`): `store` (a GeoPackage, created when missing) or `db` (a
    /// PostGIS URL); `sync`, `allow_mass_delete`, `strict`. The answer is one row of what happened.
    static func importIncidents(_ o: RequestOptions, rows: (any IncidentRowSource)?) throws -> Answer {
        let store = try o.text("store"), db = try o.text("db")
        guard (store == nil) != (db == nil) else {
            throw OptionProblem(option: "store", message: "or db names where the incidents go: give exactly one of them")
        }
        let request = ImportRequest(input: try InputOptions.query(o, rows: rows), destination: db.map { .postgis(url: $0) } ?? .store(path: store ?? ""),
                                    sync: try o.flag("sync"), allowMassDelete: try o.flag("allow_mass_delete"), strict: try o.flag("strict"),
                                    geodata: try InputOptions.geodata(o))
        try o.checkAllRead(question: "import")
        try request.validate()
        let recorder = ScanRecorder()
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
