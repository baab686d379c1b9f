import Frontier

/// The questions about the boundaries themselves: no incidents read.
extension Questions {
    static func regions(_ o: RequestOptions) throws -> Answer {
        var request = RegionsRequest(places: try InputOptions.places(o), country: try o.text("country"), border: try o.text("border"),
                                     geodata: try InputOptions.geodata(o))
        request.regionCode = try o.flag("region_code")
        return try Answer(table: request.answer().table)
    }

    static func buffer(_ o: RequestOptions) throws -> Answer {
        let bands = try InputOptions.bands(o, required: true) ?? []
        guard bands.count == 1 else { throw OptionProblem(option: "within", message: "takes one distance for a buffer, not \(bands.count)") }
        let request = BufferRequest(target: try zoneTarget(o), within: bands[0], side: try o.text("side"), places: try InputOptions.places(o),
                                    geodata: try InputOptions.geodata(o))
        return try Answer(table: request.answer().table)
    }
}
