import ArgumentParser
import Foundation
import Frontier

extension SourceProfile: @retroactive ExpressibleByArgument {}

/// `--profile ucdp` (every input) or `--profile ucdp:FILE` (the input given as FILE).
struct ProfileChoice: ExpressibleByArgument, Equatable {
    var profile: SourceProfile
    /// The input it is for, as given on the command line; nil: every input without its own.
    var path: String?

    init?(argument: String) {
        if let profile = SourceProfile(rawValue: argument) {
            (self.profile, path) = (profile, nil)
            return
        }
        guard let colon = argument.firstIndex(of: ":"), let profile = SourceProfile(rawValue: String(argument[..<colon])),
              argument.index(after: colon) < argument.endIndex else { return nil }
        (self.profile, path) = (profile, String(argument[argument.index(after: colon)...]))
    }

    static var allValueStrings: [String] { SourceProfile.allValueStrings }
}

/// The incidents a command reads, how their fields are named, and what happens to rows that cannot be
/// used: the same flags, meaning the same thing, in join, near, aggregate, map and import.
struct IncidentInputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Incidents: a .csv, .geojson or .geojsonl file, a .gpkg store, a PostGIS table (postgresql://user@host:port/db?table=incidents), or - for standard input (with --input-format).", valueName: "incidents"))
    var incidents: String

    @Option(help: "Format of the input when the extension does not say: csv, geojson or geojsonl.")
    var inputFormat: String?

    @Option(name: .customLong("profile"),
            help: ArgumentHelp("The export layout: acled (default) or ucdp (UCDP GED: id, date_start, best, adm_1, type_of_violence, where_prec); NAME:FILE for one of several inputs (--profile ucdp:ged.csv). A UCDP header is recognised without it, with a notice.", valueName: "name"))
    var profiles: [ProfileChoice] = []

    /// The layout every input is read with unless it has its own (nil: detected, else ACLED's).
    var profile: SourceProfile? { profiles.last { $0.path == nil }?.profile }

    /// The layout input `path` is read with: its own `--profile NAME:PATH`, else every input's.
    func profile(for path: String) -> SourceProfile? { profiles.last { $0.path == path }?.profile ?? profile }

    @Option(help: ArgumentHelp("CSV: the field separator, comma, semicolon or tab (default: told from the header line, with a notice).", valueName: "sep"))
    var delimiter: String?

    @Option(help: ArgumentHelp("The id column (default: the profile's; ACLED event_id_cnty, UCDP id).", valueName: "name"))
    var idField: String?
    @Option(help: ArgumentHelp("The latitude column (default: latitude).", valueName: "name"))
    var latField: String?
    @Option(help: ArgumentHelp("The longitude column (default: longitude).", valueName: "name"))
    var lonField: String?
    @Option(help: ArgumentHelp("The date column (default: the profile's; ACLED event_date, UCDP date_start).", valueName: "name"))
    var dateField: String?
    @Option(help: ArgumentHelp("The fatalities column (default: the profile's; ACLED fatalities, UCDP best). NA, N/A, - or unknown: the event counts, its fatalities are unknown (the summary says how many); empty counts 0.", valueName: "name"))
    var fatalitiesField: String?

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

    @Option(parsing: .unconditional, help: ArgumentHelp("Worker threads for CSV input (default: one per core); the output is the same for any number. GeoJSON and stores are read on one thread.", valueName: "n"))
    var threads: Int?

    static var maxThreads: Int { 4 * ProcessInfo.processInfo.activeProcessorCount }

    /// `--years 1800-2100` as a range; nil when not given or not two years in order (validate says why).
    var yearRange: ClosedRange<Int>? { years.flatMap(IncidentQuery.years(parsing:)) }

    func validate() throws {
        if incidents == "-" && inputFormat == nil {
            throw ValidationError("reading standard input needs --input-format csv, geojson or geojsonl")
        }
        if let f = inputFormat, InputFormat(rawValue: f).map({ $0.isDatabase }) ?? true {
            throw ValidationError("--input-format must be csv, geojson or geojsonl, not '\(f)'")
        }
        if incidents != "-" && inputFormat == nil && InputFormat(path: incidents) == nil {
            throw ValidationError("cannot tell the format of '\(incidents)' from its extension: use .csv, .geojson, .geojsonl or .gpkg, a postgresql:// URL, or --input-format")
        }
        if years != nil && yearRange == nil {
            throw ValidationError("--years takes two years in order between 1 and 9999, e.g. 1800-2100, not '\(years ?? "")'")
        }
        if let delimiter, Self.delimiterByte(delimiter) == nil {
            throw ValidationError("--delimiter takes comma, semicolon or tab (or the character itself), not '\(delimiter)'")
        }
        for choice in profiles where profiles.filter({ $0.path == choice.path }).count > 1 {
            throw ValidationError("--profile is given twice for \(choice.path.map { "'\(MessageText.escaped($0))'" } ?? "every input"): give each input one layout")
        }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
        // Each worker holds its own copy of the boundaries: more than a few per core only costs memory.
        let most = Self.maxThreads
        if let threads, threads > most {
            throw ValidationError("--threads must be at most \(most) (4 per core on this machine), not \(threads)")
        }
    }

    var format: InputFormat { inputFormat.flatMap(InputFormat.init(rawValue:)) ?? InputFormat(path: incidents) ?? .csv }

    static func delimiterByte(_ text: String) -> UInt8? {
        switch text.lowercased() {
        case ",", "comma": return UInt8(ascii: ",")
        case ";", "semicolon": return UInt8(ascii: ";")
        case "\t", "\\t", "tab": return UInt8(ascii: "\t")
        default: return nil
        }
    }

    var given: IncidentFields.Given {
        IncidentFields.Given(id: idField, latitude: latField, longitude: lonField, date: dateField, fatalities: fatalitiesField)
    }

    /// The field names in use before the first input is read: its profile's (ACLED's unless named), with the
    /// user's. A CSV header may still show UCDP's layout (the scan then switches, with a notice).
    var fields: IncidentFields { (profile(for: incidents) ?? .acled).fields(given) }

    /// The query's source half for the first input.
    var query: IncidentQuery { query() }

    /// The files these options name, for `CommandFiles`: the incidents read, --rejects and --mismatches written.
    var files: CommandFiles {
        .input(incidents, role: "the incidents file this command reads") + .output(rejects, flag: "--rejects") + .output(mismatches, flag: "--mismatches")
    }

    /// The query's source half for input `path` (the first input when nil): the input, its field mapping
    /// and CRS, the worker count.
    func query(_ path: String? = nil) -> IncidentQuery {
        let path = path ?? incidents
        let format = inputFormat.flatMap(InputFormat.init(rawValue:)) ?? InputFormat(path: path) ?? .csv
        var q = IncidentQuery(path: path, format: format)
        let profile = self.profile(for: path)
        q.fields = (profile ?? .acled).fields(given)
        q.profile = profile
        q.given = given
        q.delimiter = delimiter.flatMap(Self.delimiterByte)
        q.crs = crs
        if let threads { q.workers = threads }
        if let range = yearRange { q.years = range }
        return q
    }
}
