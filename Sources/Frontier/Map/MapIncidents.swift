/// What a map gathers from each incident as its input is read: the counts per place and day, every position
/// and whether it is located (the view is drawn around the located ones: a stray row at 0,0 does not decide
/// it, nor does the outermost 1% of them), the details of the first `MapReport.markLimit` for point marks,
/// how many are placed only to their province, the first and last day, and for the hot spot layer the counts
/// of the space-time cube.
struct MapIncidents {
    private var columns: (id: Int?, type: Int?, location: Int?) = (nil, nil, nil)
    private var profile = SourceProfile.acled
    private let buildsCube: Bool
    private(set) var aggregation = Aggregation(window: .day)
    private(set) var cube: CubeBuilder
    private(set) var positions = MapPositions()
    private(set) var marks: [MapReport.Mark] = []
    private(set) var precision3 = 0
    private(set) var firstDate: CivilDate?
    private(set) var lastDate: CivilDate?

    /// `buildsCube`: the hot spot layer needs the cube (in `window`s).
    init(buildsCube: Bool, window: TimeWindow) {
        self.buildsCube = buildsCube
        cube = CubeBuilder(window: window)
    }

    /// The incidents added next come from `scan`: their marks' details are read from its columns and layout.
    mutating func read(_ scan: IncidentScan) {
        columns = (scan.fieldColumns.id, scan.fieldColumns.eventType, IncidentFields.column("location", in: scan.columns))
        profile = scan.query.fields.profile
    }

    /// Adds a kept incident dated `day`, counted in region (or cell number) `place`.
    /// - Throws: `Aggregation.add`'s overflow of a count.
    mutating func add(_ s: ScannedIncident, day: CivilDate, place: Int?) throws {
        let incident = s.incident
        try aggregation.add(region: place, date: day, fatalities: incident.fatalities)
        if buildsCube, let place { cube.add(location: place, day: day.daysSinceEpoch, amount: 1) }
        try positions.append(incident.coordinate, located: s.region != nil || s.cell != nil)
        if marks.count < MapReport.markLimit {
            marks.append(MapReport.Mark(id: incident.text(columns.id), date: day.description, type: profile.eventTypeLabel(incident.text(columns.type)),
                                        fatalities: incident.fatalities, location: incident.text(columns.location), point: incident.coordinate))
        }
        if incident.geoPrecision == 3 { precision3 += 1 }
        if firstDate.map({ day < $0 }) ?? true { firstDate = day }
        if lastDate.map({ $0 < day }) ?? true { lastDate = day }
    }

    /// Follows the cells made regions: `renumbering` gives each number met while reading its region index.
    /// - Throws: `Aggregation.renumbered`'s errors.
    mutating func renumber(_ renumbering: PlaceRenumbering) throws {
        aggregation = try aggregation.renumbered(renumbering)
        cube.renumber(renumbering)
    }

    /// Hands what was gathered to the report.
    /// - Throws: `FrontierError.cannotWrite` when spilled positions cannot be read back.
    func fill(_ map: inout MapReport) throws {
        map.aggregation = aggregation
        map.positions = positions
        map.marks = marks
        map.locatedBox = try positions.trimmedBox()
        map.precision3 = precision3
        map.firstDate = firstDate
        map.lastDate = lastDate
    }
}
