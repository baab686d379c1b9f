import ArgumentParser
import Foundation
import Frontier

/// The incidents a command reads, how their fields are named, and what happens to rows that cannot be
/// used: the same flags, meaning the same thing, in join, near, aggregate, map and import.
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

    @Option(help: ArgumentHelp("The years a date may fall in (default 1900-2100); a date outside is rejected as implausible (a typo or a placeholder such as 0001-01-01).", valueName: "from-to"))
    var years: String?

    @Option(help: ArgumentHelp("Write rejected rows, whole, with a reject_reason column, to this CSV file.", valueName: "file"))
    var rejects: String?

    @Flag(help: "Exit 65 (EX_DATAERR) when any row was rejected.")
    var strict = false

    @Option(help: ArgumentHelp("Write rows whose reported country/admin1 disagree with the located region to this CSV file.", valueName: "file"))
    var mismatches: String?

    @Option(help: ArgumentHelp("Worker threads for CSV input (default: one per core); the output is the same for any number. GeoJSON and stores are read on one thread.", valueName: "n"))
    var threads: Int?

    static var maxThreads: Int { 4 * ProcessInfo.processInfo.activeProcessorCount }

    /// `--years 1800-2100` as a range; nil when not given or not two years in order (validate says why).
    var yearRange: ClosedRange<Int>? {
        guard let parts = years?.split(separator: "-", omittingEmptySubsequences: false), parts.count == 2,
              let a = Int(parts[0]), let b = Int(parts[1]), 1 <= a, a <= b, b <= 9999 else { return nil }
        return a...b
    }

    func validate() throws {
        if incidents == "-" && inputFormat == nil {
            throw ValidationError("reading standard input needs --input-format csv, geojson or geojsonl")
        }
        if let f = inputFormat, InputFormat(rawValue: f) == nil || f == "gpkg" {
            throw ValidationError("--input-format must be csv, geojson or geojsonl, not '\(f)'")
        }
        if incidents != "-" && inputFormat == nil && InputFormat(path: incidents) == nil {
            throw ValidationError("cannot tell the format of '\(incidents)' from its extension: use .csv, .geojson, .geojsonl or .gpkg, or --input-format")
        }
        if years != nil && yearRange == nil {
            throw ValidationError("--years takes two years in order between 1 and 9999, e.g. 1800-2100, not '\(years ?? "")'")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        // Each worker holds its own copy of the boundaries: more than a few per core only costs memory.
        let most = Self.maxThreads
        if let threads, threads > most {
            throw ValidationError("--threads must be at most \(most) (4 per core on this machine), not \(threads)")
        }
    }

    var format: InputFormat { inputFormat.flatMap(InputFormat.init(rawValue:)) ?? InputFormat(path: incidents) ?? .csv }

    var fields: IncidentFields {
        IncidentFields(id: idField, latitude: latField, longitude: lonField, date: dateField, fatalities: fatalitiesField)
    }

    /// The query's source half: the input, its field mapping and CRS, the worker count.
    var query: IncidentQuery {
        var q = IncidentQuery(path: incidents, format: format)
        q.fields = fields
        q.crs = crs
        if let threads { q.workers = threads }
        if let range = yearRange { q.years = range }
        return q
    }
}
