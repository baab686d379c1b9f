/// Reads one input as the events matching compares: each kept incident's id, place, day range, type and
/// fatalities, its type's classes from the taxonomy under the input's layout (ACLED's event_type and
/// sub_event_type; UCDP's type_of_violence).
enum MatchEvents {
    /// The events of `query`'s input, in input order, and what its scan read.
    /// - Throws: the errors of opening and reading the input.
    static func read(_ query: IncidentQuery, taxonomy: EventTaxonomy, events: ScanEvents) throws -> ([MatchEvent], ScanSummary) {
        var query = query
        query.requiresDate = true
        query.keepsIdentity = true
        query.valuesNeeded = Set(["sub_event_type"] + DateRangeColumn.names)
        let scan = try IncidentScan(query, locating: ScanLocating())
        let columns = scan.fieldColumns
        let subType = IncidentFields.column("sub_event_type", in: scan.columns)
        let range = DateRangeColumn(columns: scan.columns, dateColumn: columns.date)
        let profile = scan.query.fields.profile
        let source = profile.rawValue
        var found: [MatchEvent] = []
        let summary = try scan.run(onReject: events.onReject, onProgress: events.onProgress) { s in
            let incident = s.incident
            guard let date = incident.date else { return }
            let day = date.daysSinceEpoch
            let type = incident.text(columns.eventType), sub = incident.text(subType)
            found.append(MatchEvent(id: incident.text(columns.id), coordinate: incident.coordinate,
                                    days: range?.days(from: date, value: incident.text(range?.index)) ?? day...day,
                                    type: profile.eventTypeLabel(type),
                                    classes: taxonomy.classes(source: source, type: type, subType: sub), fatalities: incident.fatalities))
        }
        return (found, summary)
    }
}
