import Foundation

/// An import with its destination and input open; `run` reads the input once and writes the rows in one
/// transaction.
public final class ImportScan {
    /// The request being answered.
    public let request: ImportRequest
    /// The opened input.
    public let scan: IncidentScan
    /// The destination as messages name it: the store's path, or the database URL without its password.
    public let destinationName: String
    /// What was read, also after `run` threw: a caller reporting a failed import says how far it got.
    public private(set) var summary = ScanSummary()
    private let destination: Opened
    private let regions: RegionSet?
    private let encoder: IncidentRowEncoder

    private enum Opened {
        case store(IncidentStore)
        case postgis(PostGISTable)
    }

    /// Thrown, the transaction rolled back, when every row of the input was rejected: a sync would
    /// otherwise empty the destination. `summary` says why the rows were rejected.
    public struct EveryRowRejected: Error {}

    init(_ request: ImportRequest) throws {
        self.request = request
        // A new store's file, to discard if the input cannot be opened.
        var store: IncidentStore?
        switch request.destination {
        case .store(let path):
            let opened = try IncidentStore.openForWriting(path)
            store = opened
            destination = .store(opened)
            destinationName = path
        case .postgis(let url):
            let table = try PostGISTable.openForWriting(DatabaseURL(url))
            destination = .postgis(table)
            destinationName = table.name
        }
        do {
            // Mismatches need the provinces; otherwise an import locates nothing.
            let check = request.listsMismatches ? try MismatchCheck.bundled(request.geodata.location(), comparesAdmin1: true) : nil
            regions = check == nil ? nil : try RegionSet.load(.admin1, geodata: request.geodata.location())
            var query = request.input
            query.storesText = true
            scan = try IncidentScan(query, locating: ScanLocating(regions: regions, mismatch: check))
            try IncidentFields.checkUniqueNames(scan.columns, file: scan.name)
            encoder = try IncidentRowEncoder(source: scan.name, columns: scan.columns, fields: scan.query.fields, fieldColumns: scan.fieldColumns)
        } catch {
            store?.discardNew()
            throw error
        }
    }

    /// Where a new store is written until the import puts it in place under its name (nil for an existing
    /// store or a PostGIS table): a caller that handles signals removes this file when interrupted, as a
    /// failed import does.
    public var temporaryPath: String? {
        if case .store(let store) = destination { return store.temporaryPath }
        return nil
    }

    /// Reads the input and stores its rows; a PostGIS destination then gets the GeoData's reference tables.
    /// - Parameter events: rejected rows and mismatches as they come, and progress.
    /// - Returns: the counts: read, inserted, updated, unchanged, rejected, deleted, and any warning.
    /// - Throws: `EveryRowRejected` (rolled back), `FrontierError.strictRejection` (strict, rolled back),
    ///   `.massDelete` (sync refused), the input's and the destination's errors. A new store is put under its
    ///   name only when complete: on any failure nothing is there, and its file beside is removed.
    public func run(_ events: ScanEvents = ScanEvents()) throws -> ImportAnswer {
        do {
            switch destination {
            case .store(let store):
                return ImportAnswer(report: try run(into: store, events), summary: summary, destinationName: destinationName, referenceTables: nil)
            case .postgis(let table):
                let report = try run(into: table, events)
                // The boundaries beside the rows, so that counting and locating can be answered on the server.
                let reference = try table.loadReferenceTables(from: request.geodata.location())
                return ImportAnswer(report: report, summary: summary, destinationName: destinationName, referenceTables: reference)
            }
        } catch {
            abandon()
            throw error
        }
    }

    /// Gives up before `run`: a new store's file is removed, as after a failed import.
    public func abandon() {
        if case .store(let store) = destination { store.discardNew() }
    }

    /// The one import flow for both destinations: the scan's workers encode the rows for `target`, this
    /// thread writes them.
    private func run<Target: IncidentImporting>(into target: Target, _ events: ScanEvents) throws -> ImportReport {
        let encoder = self.encoder, regions = self.regions, scan = self.scan
        let listsMismatches = regions != nil
        let given = IncidentTableLayout.given(encoder: encoder, fields: scan.query.fields, sourceName: request.source)
        return try target.importIncidents(source: scan.name, given: given, named: request.sourceName != nil, encoder: encoder, sync: request.sync,
                                          allowMassDelete: request.allowMassDelete, strict: request.strict) { add, rejected in
            summary = try scan.run(onReject: { rejected($0); events.onReject($0) },
                                   prepare: { Target.prepare($0.incident, encoder: encoder) },
                                   keep: { listsMismatches && $0.mismatched }) { row, s in
                if let s, let regions { try events.onMismatch(MismatchRow(s, scan: scan, regions: regions)) }
                try add(row)
            }
            if summary.everyRowRejected && !request.strict { throw EveryRowRejected() }
            return summary.read
        }
    }
}

/// What an import stored.
public struct ImportAnswer {
    /// Read, inserted, updated, unchanged, rejected, deleted, and a warning about what could not be tidied.
    public let report: ImportReport
    /// What the scan read: rows read, rejected (by reason), kept, unmatched, mismatched, first and last day.
    public let summary: ScanSummary
    /// The store's path or the masked database URL.
    public let destinationName: String
    /// For PostGIS: the reference tables loaded, replaced or kept.
    public let referenceTables: PostGISTable.InitReport?
}
