import Frontier

/// The questions answered an incident at a time: every kept incident a row, the input's columns typed by role.
extension Questions {
    static func join(_ o: RequestOptions, rows: (any IncidentTable)?) throws -> Answer {
        let places = try InputOptions.places(o)
        var request = JoinRequest(input: try InputOptions.query(o, rows: rows), places: places, geodata: try InputOptions.geodata(o),
                                  columns: try o.list("columns"))
        request.regionCode = try o.flag("region_code")
        let recorder = try recorder(o, places: places)
        request.listsMismatches = recorder.listsMismatches
        try o.checkAllRead(question: "join")
        let scan = try request.open()
        return try rowsAnswer(columns: scan.columns, scan: scan.scan, recorder: recorder) { events, write in
            try scan.run(events) { row in try write(row.incident, row.appended) }
        }
    }

    static func near(_ o: RequestOptions, rows: (any IncidentTable)?) throws -> Answer {
        let places = try InputOptions.places(o)
        var request = NearRequest(input: try InputOptions.query(o, rows: rows), target: try zoneTarget(o),
                                  within: try InputOptions.bands(o, required: true) ?? [], sides: try InputOptions.sides(o),
                                  places: places, geodata: try InputOptions.geodata(o), columns: try o.list("columns"))
        request.regionCode = try o.flag("region_code")
        request.attribution = try o.flag("attribution")
        let recorder = try recorder(o, places: places)
        request.listsMismatches = recorder.listsMismatches
        try o.checkAllRead(question: "near")
        let scan = try request.open()
        return try rowsAnswer(columns: scan.columns, scan: scan.scan, recorder: recorder) { events, write in
            try scan.run(events) { row in try write(row.incident, row.appended) }.scan
        }
    }
}
