/// What a caller hears while a request reads its incidents, as it happens: each rejected row (with its line,
/// field and reason), each kept incident whose reported place disagrees with the region it lies in, and
/// progress. All optional; the counts are in the answer's `ScanSummary` either way.
public struct ScanEvents {
    /// A rejected row, in line order.
    public var onReject: (Rejection) -> Void
    /// A kept incident whose reported country/admin-1 differ from its region (asked for with the request's
    /// `listsMismatches`); throwing stops the scan.
    public var onMismatch: (MismatchRow) throws -> Void
    /// Bytes and rows read so far (file input only).
    public var onProgress: ((Int, Int) -> Void)?

    public init(onReject: @escaping (Rejection) -> Void = { _ in }, onMismatch: @escaping (MismatchRow) throws -> Void = { _ in },
                onProgress: ((Int, Int) -> Void)? = nil) {
        self.onReject = onReject
        self.onMismatch = onMismatch
        self.onProgress = onProgress
    }
}

/// A kept incident whose reported place disagrees with the region it was located in (swapped latitude and
/// longitude, a wrong province): what the row says and where it lies. `region` is nil when it lies outside
/// every region yet reports a country they cover.
public struct MismatchRow {
    /// The incident's line (CSV) or feature number (GeoJSON).
    public var line: Int
    /// The row's id.
    public var id: String
    /// The country the row reports.
    public var reportedCountry: String
    /// The admin-1 region the row reports.
    public var reportedAdmin1: String
    /// The region it lies in; nil outside every region.
    public var region: Region?
    /// Where it lies, lon/lat.
    public var coordinate: Coordinate

    /// The row for `s` as `scan` read it, located in `regions`.
    init(_ s: ScannedIncident, scan: IncidentScan, regions: RegionSet) {
        let (country, admin1) = scan.reported(s.incident)
        line = s.incident.line
        id = s.incident.text(scan.fieldColumns.id)
        reportedCountry = country
        reportedAdmin1 = admin1
        region = s.region.map { regions.regions[$0] }
        coordinate = s.incident.coordinate
    }
}
