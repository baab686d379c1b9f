import Foundation
import Geo
import FrontierBase
import FrontierPlaces
import FrontierTables

/// Everything a command asks of its incidents, resolved once from its options: where they come from and
/// how their fields are named, which of them count (dates, conditions, precision, a zone), and what each
/// kept incident needs (its region, its country, its values). `IncidentScan` is the one way to run it.
public struct IncidentQuery: Sendable {
    /// A file path, or "-" for standard input.
    public var path: String
    public var format: InputFormat
    public var fields = IncidentFields()
    /// The layout the caller names; nil: told from a CSV header when it shows one beyond doubt
    /// (UCDP GED), else ACLED's. `fields` holds the names in use.
    public var profile: SourceProfile?
    /// The field names the user typed, which override the profile's (kept to apply to a detected one).
    public var given = IncidentFields.Given()
    /// CSV: the byte between fields; nil: told from the header line.
    public var delimiter: UInt8?
    /// The input CRS when not WGS84 lon/lat (CSV and GeoJSON).
    public var crs: String?
    public var filter = IncidentFilter()
    /// Only incidents in this zone; each kept incident carries its distance.
    public var zone: NearZone?
    /// Only incidents lying in one of these countries (ISO3; the scan must locate countries): a border
    /// zone's two countries, or the one side the caller asks for.
    public var sides: Set<String>?
    /// Only incidents located in these regions (indices into the scan's regions), when the caller names some.
    public var regionsAllowed: Set<Int>?
    /// Counting by date needs a date column: without one the scan fails instead of counting nothing.
    public var requiresDate = false
    /// The input columns whose values a command uses; nil: every value and the row's exact text (join,
    /// near and import print or store them).
    public var valuesNeeded: Set<String>?
    /// With `valuesNeeded`: keep the id and the event type too, in whatever columns the layout has them
    /// (the map labels its marks with them).
    public var keepsIdentity = false
    /// The rows go into a store: text it cannot keep byte for byte is rejected, never altered.
    public var storesText = false
    /// The years an incident's date may fall in (a date outside is rejected as implausible).
    public var years = RowValidator.plausibleYears
    /// Worker threads for CSV input; the answer is the same for any number.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// What a PostGIS server may do of the work, when the command locates in a bundled layer it holds
    /// (other inputs ignore it; the answer is the same either way).
    public var onServer = ServerWork.none
    /// A store holding several sources: the name of the one to read (`NamedInput.expanding` sets it for each).
    public var storeSource: String?

    public enum ServerWork: Sendable {
        case none
        /// Each row's region, when only some regions are wanted (a join filtered on `region_country=TJK`): then
        /// only their rows leave the server. For every row, Frontier's own locating is the faster (measured
        /// at 1M rows on this 2-core machine: 21 s streamed, 32 s located by the server).
        case locateIfNarrowing
        /// Each row's region, and the rows counted in groups (`aggregate`: it prints no row, only counts).
        case locateAndCount
    }

    /// Rows in memory to read instead of a file (`path` then only names them in messages, and `format` is
    /// not used).
    public var rows: (any IncidentTable)?

    public init(path: String, format: InputFormat) {
        self.path = path
        self.format = format
    }

    public var readsStandardInput: Bool { path == "-" }

    /// What a store needs to read: the zone's box and the dates (pushed into SQL).
    public var storeFilter: IncidentTableFilter {
        var f = IncidentTableFilter(box: zone?.box, from: filter.from, to: filter.to)
        f.source = storeSource
        return f
    }

    /// What the scan asks a PostGIS server to locate (set by `IncidentScan` from `onServer` and its regions).
    var serverLocating: ServerLocating?

    /// The reader options for this query (`keepsReportedPlace`: the scan runs the mismatch check, which
    /// reads the id and the reported country and admin1; `swapBox`: the swap test's regions' box, whose
    /// candidates alone need their reported country; nil without the test).
    func readerOptions(keepsReportedPlace: Bool, swapBox: Envelope?) -> IncidentReader.Options {
        var o = IncidentReader.Options()
        o.fields = fields
        o.delimiter = delimiter ?? UInt8(ascii: ",")
        o.crs = crs
        o.format = format
        o.storeFilter = storeFilter
        o.storeFilter.locate = serverLocating
        o.requiresStorableText = storesText
        o.keepsValuesAsText = storesText
        o.years = years
        o.keepColumns = Set(filter.equals.map(\.column))
        // A store's or a table's event_id is unique by constraint: no set of every id read (47 MB at 5M rows).
        o.checkDuplicates = !format.isDatabase
        if let valuesNeeded {
            o.materializeValues = false
            o.keepColumns.formUnion(valuesNeeded)
            if keepsIdentity { o.keepColumns.formUnion([fields.id, fields.eventType]) }
            o.keepsReportedPlace = keepsReportedPlace
            // A CSV row's country is kept only where the test may read it; other sources' rows for all.
            if let swapBox {
                if format == .csv { o.reportedCountryWhereSwappedIn = swapBox } else { o.keepColumns.insert(fields.country) }
            }
        } else {
            o.valuesOnlyWithin = zone?.box
        }
        return o
    }
}

extension IncidentQuery {
    /// The years a date may fall in as a caller writes them, `"1800-2100"`: two years in order between 1 and
    /// 9999; nil for anything else (the caller says why, naming its option).
    public static func years(parsing text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), 1 <= a, a <= b, b <= 9999 else { return nil }
        return a...b
    }
}
