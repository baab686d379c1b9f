import ArgumentParser
import Foundation
import Frontier
import Geo

struct NearCommand: ParsableCommand {
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

        Output is join's (the input's columns, then region_id, region_country, region_name) plus distance_km \
        (kilometres, 4 decimals, whatever unit --within used) and side (ISO3 of the country the incident lies \
        in; empty outside all). Incidents with geo_precision 3 are placed at a region's representative point, \
        so their distance says little: near reports how many it returned.

        Examples:
          frontier near GeoData/incidents-reported.csv --border AFG-TJK --within 75km
          frontier near GeoData/incidents-reported.csv --region Khatlon --within 10km
          frontier near GeoData/incidents-reported.csv --border TJK-AFG --within 50mi
        """
    )

    @OptionGroup var input: IncidentInputOptions

    @OptionGroup var zone: ZoneOptions
    @OptionGroup var regionOptions: RegionOptions
    @OptionGroup var geodata: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = GEOSContext()
        let distance = try zone.distance
        let regions = try regionOptions.load(geodata: geodata, context: context)
        try regions.buildLocateIndex()
        let countries = try RegionSet.load(.admin0, geodata: geodata.location(), context: context)
        let chosen = try zone.target(regions: regions, geodata: geodata, context: context)
        let inside: PreparedGeometry? = if case .region(let r) = chosen { try PreparedGeometry(r.geometry) } else { nil }
        let target = try NearTarget(name: chosen.name, geometry: chosen.geometry, inside: inside, within: distance)
        let check = try regionOptions.mismatchCheck(geodata: geodata)
        let appended = ["region_id", "region_country", "region_name", "distance_km", "side"]
        // From a store, read only the R-tree candidates: the reach box of the line, or the region's box grown by it.
        var box = target.proximity.reachBox
        if let region = target.inside, let e = try region.geometry.envelope() { box?.expand(toInclude: e) }
        let pass = try IncidentPass(input: input, appending: appended, format: output.resolvedFormat, mismatchCheck: check,
                                    storeFilter: IncidentStore.Filter(box: box))
        let out = try IncidentOutput(output, columns: pass.outputColumns + appended, bom: pass.reader.hadBOM)
        var returned = 0, regionLevel = 0
        var scratch: [Int32] = []
        while let incident = try pass.reader.next() {
            let located = try regions.locate(incident.coordinate).map { regions.regions[$0] }
            pass.noteLocated(incident, region: located)
            guard let metres = try target.distance(to: incident.coordinate, scratch: &scratch) else { continue }
            let side = try countries.locate(incident.coordinate).map { countries.regions[$0].country } ?? ""
            returned += 1
            if incident.geoPrecision == 3 { regionLevel += 1 }
            out.write(incident, inputValues: pass.inputValues(incident), passThrough: pass.canPassThrough, appended: [
                .string(located?.id ?? ""), .string(located?.country ?? ""), .string(located?.name ?? ""),
                .double((metres / 1000 * 10_000).rounded() / 10_000), .string(side),
            ])
        }
        try out.finish()
        Diagnostics.note("returned \(returned) incidents within \(distance) of \(target.name); \(regionLevel) of them have geo_precision 3 (placed at a region's representative point)")
        try pass.finish(strict: input.strict)
    }
}

/// A border line, or a region (inside counts as distance 0) with its boundary.
struct NearTarget {
    let name: String
    let proximity: Proximity
    let inside: PreparedGeometry?

    init(name: String, geometry: Geometry, inside: PreparedGeometry?, within: Distance) throws {
        self.name = name
        self.inside = inside
        self.proximity = Proximity(lines: try Proximity.lines(of: geometry), within: within)
    }

    func distance(to p: Coordinate, scratch: inout [Int32]) throws -> Double? {
        if let inside, try inside.covers(p) { return 0 }
        return proximity.distance(to: p, scratch: &scratch)
    }
}
