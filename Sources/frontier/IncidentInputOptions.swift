import ArgumentParser
import Foundation
import Frontier

/// The incident input and its validation flags, shared by join, near and aggregate.
struct IncidentInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Incidents: a .csv, .geojson or .geojsonl file, a .gpkg store, or - for standard input (with --input-format).", valueName: "incidents"))
    var incidents: String

    @Option(help: "Format of the input when the extension does not say: csv, geojson or geojsonl.")
    var inputFormat: String?

    @Option(help: "The id column (ACLED: event_id_cnty; UCDP GED: id).")
    var idField: String = "event_id_cnty"
    @Option(help: "The latitude column.")
    var latField: String = "latitude"
    @Option(help: "The longitude column.")
    var lonField: String = "longitude"
    @Option(help: "The date column (ACLED: event_date; UCDP GED: date_start).")
    var dateField: String = "event_date"
    @Option(help: "The fatalities column (ACLED: fatalities; UCDP GED: best).")
    var fatalitiesField: String = "fatalities"

    @Option(help: ArgumentHelp("CRS of the input coordinates when not WGS84 lon/lat (e.g. EPSG:32642).", valueName: "crs"))
    var crs: String?

    @Option(help: ArgumentHelp("Write rejected rows, whole, with a reject_reason column, to this CSV file.", valueName: "file"))
    var rejects: String?

    @Flag(help: "Exit 65 (EX_DATAERR) when any row was rejected.")
    var strict = false

    @Option(help: ArgumentHelp("Write rows whose reported country/admin1 disagree with the located region to this CSV file.", valueName: "file"))
    var mismatches: String?

    func validate() throws {
        if incidents == "-" && inputFormat == nil {
            throw ValidationError("reading standard input needs --input-format csv, geojson or geojsonl")
        }
        if let f = inputFormat, InputFormat(rawValue: f) == nil {
            throw ValidationError("--input-format must be csv, geojson or geojsonl, not '\(f)'")
        }
        if incidents != "-" && inputFormat == nil && InputFormat(path: incidents) == nil {
            throw ValidationError("cannot tell the format of '\(incidents)' from its extension: use .csv, .geojson, .geojsonl or .gpkg, or --input-format")
        }
    }

    var readerOptions: IncidentReader.Options {
        var o = IncidentReader.Options()
        o.fields = IncidentFields(id: idField, latitude: latField, longitude: lonField, date: dateField, fatalities: fatalitiesField)
        o.crs = crs
        o.format = inputFormat.flatMap(InputFormat.init(rawValue:)) ?? InputFormat(path: incidents) ?? .csv
        return o
    }

    /// Opens the input; rejected rows are reported through `RejectReport`. With `onlyColumns`, rows keep just
    /// those input values (aggregate needs no more), which spares making a String per field.
    /// A store (.gpkg) reads only the rows inside `storeFilter` (R-tree and date index).
    func open(report: RejectReport, onlyColumns: Set<String>? = nil,
              storeFilter: IncidentStore.Filter = IncidentStore.Filter()) throws -> IncidentReader {
        let handle: FileHandle? = incidents == "-" ? FileHandle.standardInput : nil
        var options = readerOptions
        options.storeFilter = storeFilter
        if let onlyColumns {
            options.materializeValues = false
            options.keepColumns = onlyColumns
        }
        let reader: IncidentReader
        do {
            reader = try IncidentReader(path: incidents, handle: handle, options: options)
        } catch let error as GeoErrorDescribable {
            throw CLIError(error.description)
        }
        report.attach(to: reader, rejectsPath: rejects)
        return reader
    }
}

/// Errors whose description already says everything (file, line, reason).
typealias GeoErrorDescribable = Error & CustomStringConvertible

/// Counts and reports rejected rows: the first reasons on stderr, all of them to `--rejects FILE`.
final class RejectReport {
    private(set) var rejected = 0
    private var shown = 0
    private var rejectsWriter: RowStreamWriter?
    private var rejectsHandle: FileHandle?
    private var name = ""
    static let shownLimit = 10

    private var rejectsPath: String?

    func attach(to reader: IncidentReader, rejectsPath: String?) {
        start(name: reader.name, columns: reader.columns, rejectsPath: rejectsPath)
        reader.onReject = { [unowned self] r in self.record(r) }
    }

    /// Starts reporting for an input; the rejects file opens once the header's columns are known.
    func start(name: String, columns: [String]?, rejectsPath: String?) {
        self.name = name
        self.rejectsPath = rejectsPath
        if let columns { setColumns(columns) }
    }

    func setColumns(_ columns: [String]) {
        guard let rejectsPath, rejectsWriter == nil else { return }
        if FileManager.default.createFile(atPath: rejectsPath, contents: nil), let h = FileHandle(forWritingAtPath: rejectsPath) {
            rejectsHandle = h
            rejectsWriter = RowStreamWriter(handle: h, format: .csv, columns: columns + ["reject_reason"])
        } else {
            Diagnostics.note("warning: cannot write rejects file \(rejectsPath)")
        }
    }

    func record(_ r: Rejection) {
        rejected += 1
        if shown < RejectReport.shownLimit {
            Diagnostics.note("rejected \(name):\(r.line): field '\(r.field)': \(r.reason)")
            shown += 1
        }
        rejectsWriter?.write(values: r.values.map(PropertyValue.string) + [.string("line \(r.line), field '\(r.field)': \(r.reason)")], point: nil)
    }

    func finish() {
        if rejected > shown { Diagnostics.note("… and \(rejected - shown) more rejected rows" + (rejectsWriter == nil ? " (write them all with --rejects FILE)" : "")) }
        rejectsWriter?.finish()
        try? rejectsHandle?.close()
    }
}
