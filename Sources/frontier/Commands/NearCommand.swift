import ArgumentParser
import Foundation
import Frontier

struct NearCommand: EngineCommand, ReadsGeoData, WritesCSV, WritesRows {
    static let configuration = CommandConfiguration(
        commandName: "near",
        abstract: "Incidents within a geodesic distance of a border line or a region.",
        discussion: """
        --border AFG-TJK --within 25km keeps the incidents whose geodesic distance on the WGS84 ellipsoid to \
        the border line is at most 25 km: the distance from the point to the nearest point of the line, each \
        segment being the geodesic between its vertices, exact to well under a metre (never a planar \
        approximation in degrees or a projected CRS). --region AFG:Badakhshan --within 10km keeps the incidents \
        inside the region (distance 0) or within 10 km of its boundary; --region takes an id, a unique name or \
        a spelling variant (Helmand, Sughd, GBAO).

        A border's zone reaches past the line's ends into third countries, so with --border A-B only the \
        incidents inside A or B are kept; --side TJK keeps one side, --any-country keeps every country. \
        --within 10km,25km,50km reads the file once and adds band_km after distance_km: the nearest band that \
        holds the incident (10, 25 or 50).

        Several inputs (near acled.csv ucdp.csv …) are read as join reads them, into one stream with a \
        source column.

        Output is join's (the input's columns, then region_id, region_country, region_name, and region_code \
        with --region-code) plus distance_km \
        (kilometres, 4 decimals, whatever unit --within used) and side (ISO3 of the country the incident lies \
        in; empty outside all). Incidents with geo_precision 3 are placed at a region's representative point, \
        so their distance says little: near reports how many it returned. --attribution adds actor_country \
        and cross_border: the country an actor belongs to, named in parentheses or after "of" (ACLED's \
        "Unidentified Armed Group (Afghanistan)", UCDP's "Government of Tajikistan" or its gwnoa code), and \
        whether one is from across the border from where the incident lies (launched from AFG, landed in TJK); \
        around a --region, an actor of any other country than the incident's is across.

        Examples:
          frontier near GeoData/incidents-reported.csv --border AFG-TJK --within 75km
          frontier near GeoData/incidents-reported.csv --border AFG-TJK --within 75km --attribution
          frontier near GeoData/incidents-reported.csv --border AFG-TJK --within 10km,25km,50km --side TJK
          frontier near GeoData/incidents-reported.csv --region Khatlon --within 10km
          frontier near GeoData/incidents-reported.csv --border TJK-AFG --within 50mi
        """
    )

    @OptionGroup var input: IncidentInputOptions
    @OptionGroup var several: SeveralInputsOptions
    @OptionGroup var stores: StoreSourceOptions
    @OptionGroup var filters: IncidentFilterOptions

    @OptionGroup var zone: ZoneOptions
    @OptionGroup var sides: SideOptions
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var codes: RegionCodeOption
    @Flag(help: "Add actor_country and cross_border: the actors' country (from ACLED's actor names or UCDP's sides) and whether one is from across the border.")
    var attribution = false
    @OptionGroup var geodata: GeoDataOptions
    var sourceRegions: RegionOptions? { regionOptions }
    @OptionGroup var output: OutputOptions
    @OptionGroup var columnChoice: ColumnChoiceOptions
    @OptionGroup var csvSafety: CSVSafetyOptions
    var files: CommandFiles { several.files(input) + regionOptions.files + output.files }

    func validate() throws {
        try sides.validate(border: zone.border, region: zone.region)
        try several.check(input)
    }

    /// The engine's request these flags ask.
    private func request() throws -> NearRequest {
        var query = stores.applied(to: input.query)
        query.filter = filters.filter
        var request = try NearRequest(input: query, target: zone.target, within: zone.bands, sides: sides.choice,
                                      places: regionOptions.places, geodata: geodata.choice, columns: columnChoice.chosen)
        request.regionCode = codes.regionCode
        request.attribution = attribution
        request.listsMismatches = input.mismatches != nil
        request.writesRowText = output.resolvedFormat == .csv && !csvSafety.csvSafe
        return request
    }

    func execute() throws {
        let sources = try several.sources(input, stores)
        if sources.count > 1 {
            let (summaries, failure) = try SeveralInputsOptions.write(try request().open(sources: sources), input: input, output: output)
            Diagnostics.note("read \(summaries.count) inputs: returned \(summaries.reduce(0) { $0 + $1.kept }) incidents within the zone")
            if let failure { throw failure }
            return
        }
        let near = try request().open()
        near.notices.forEach(Diagnostics.note)
        let report = try ScanReport(scan: near.scan, input: input, countsFatalities: false, checksMismatches: regionOptions.isBundled)
        let out = try IncidentOutput(output, scan: near.scan, columns: near.columns)
        let counts = try near.run(report.events()) { row in try out.write(row.incident, appended: row.appended) }
        try out.finish()
        let sidesNote = near.sidesKept.map { "; only incidents in " + $0.sorted().joined(separator: " or ") + " were kept" } ?? ""
        let rough = counts.scan.countryLevel > 0 ? "; \(counts.scan.countryLevel) only at country level" : ""
        Diagnostics.note("returned \(counts.scan.kept) incidents within \(near.zone.within) of \(near.zone.name); \(counts.scan.regionLevel) of them have "
                         + "geo_precision 3 (placed at a region's representative point\(rough))\(sidesNote)")
        try report.finish(counts.scan, line: report.counts(counts.scan, locates: true), statesPrecision: false)
    }
}
