import Foundation
import Geo
import FrontierBase
import FrontierPlaces

/// Natural Earth's provinces made today's units (`UnitChange.all`), and every region given its ISO code.
///
/// Splits are made before the provinces are fitted to the OpenStreetMap outlines, so the new edge is noded
/// and simplified with every other shared edge. Renames and merges are made after: the fitted provinces share
/// their vertices exactly, so a merge removes the shared edge and moves no other vertex. Merging before the
/// fit would let the simplifier drop the old units' junctions on an international line (F.A.T.A. and K.P.
/// meet on the Durand Line), moving that line and the provinces across it for a change inside one country.
extension GeoDataBuilder {
    /// `admin1` with the changes of one phase applied (`splits` true: the splits; false: renames and merges),
    /// and a line per change for the report. A change naming a region the provinces lack is an error: the
    /// source changed and the table must be reviewed, never half-applied.
    static func currentUnits(_ admin1: [Region], splits: Bool, source: String, osm: URL, context: GEOSContext,
                             report: inout [String]) throws -> [Region] {
        // Ids are unique: grouping the source rows dissolved rows sharing one.
        var byID = Dictionary(admin1.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for change in UnitChange.all {
            if case .split = change.kind { guard splits else { continue } } else { guard !splits else { continue } }
            let taken = try change.from.map { id -> Region in
                guard let region = byID[id] else {
                    throw FrontierError.invalid(file: source, reason: "the provinces lack \(id), which the change to \(change.id) takes: review UnitChange")
                }
                return region
            }
            let first = taken[0]
            switch change.kind {
            case .rename:
                byID[first.id] = nil
                byID[change.id] = Region(id: change.id, country: first.country, name: change.to, fips: first.fips, geometry: try first.geometry)
                report.append("\(first.id) → \(change.id) (renamed)")
            case .merge:
                for r in taken { byID[r.id] = nil }
                let union = try RegionLayer.polygonal(Geometry.union(of: taken.map { try $0.geometry }, context: context), context: context)
                byID[change.id] = Region(id: change.id, country: first.country, name: change.to, fips: first.fips, geometry: union)
                report.append("\(taken.map(\.id).joined(separator: " + ")) → \(change.id) (merged)")
            case .split(let outline):
                var repairs: [String] = []
                let shape = try OSMPolyFile.read(osm.appendingPathComponent(outline), context: context, repairs: &repairs)
                let (made, kept, moved) = try split(first, along: shape, context: context)
                byID[first.id] = Region(id: first.id, country: first.country, name: first.name, fips: first.fips, geometry: kept)
                byID[change.id] = Region(id: change.id, country: first.country, name: change.to, geometry: made)
                report.append("\(change.id) split from \(first.id) along \(outline)"
                              + (moved > 0 ? " (\(moved) sliver\(moved == 1 ? "" : "s") left between the two sources given to \(change.id))" : ""))
            }
        }
        return byID.values.sorted { $0.id < $1.id }
    }

    /// `region` cut along `outline`: the part inside it (the new unit) and the rest. The outline comes from
    /// another source than the region, so their outer edges differ: the rest's small pieces along the new
    /// unit's edge (under 1% of the region, touching the new unit) are slivers between the sources, not land
    /// the old unit keeps, and go to the new unit. Islands touch nothing and stay.
    private static func split(_ region: Region, along outline: Geometry, context: GEOSContext) throws
        -> (made: Geometry, kept: Geometry, moved: Int) {
        let whole = try region.geometry
        var made = try RegionLayer.polygonal(whole.intersection(outline), context: context)
        let rest = try RegionLayer.polygonal(whole.difference(outline), context: context)
        let limit = try GeodesicMeasure.areaKm2(whole) / 100
        var kept: [Geometry] = []
        var slivers: [Geometry] = []
        for part in try rest.polygons() {
            if try part.intersects(made), try GeodesicMeasure.areaKm2(part) < limit { slivers.append(part) } else { kept.append(part) }
        }
        if !slivers.isEmpty {
            made = try RegionLayer.polygonal(Geometry.union(of: [made] + slivers, context: context), context: context)
        }
        return (made, try RegionLayer.polygonal(Geometry.union(of: kept, context: context), context: context), slivers.count)
    }

    /// The regions with their ISO codes: alpha-2 for countries, ISO 3166-2 for provinces. A region the code
    /// table does not know is an error: the source or the units changed and the table must say its code
    /// (or that it has none), never leave it blank unnoticed.
    static func coded(_ regions: [Region], countries: Bool, source: String) throws -> [Region] {
        try regions.map { r in
            guard let code = countries ? ISO31662.alpha2[r.country] : ISO31662.code(ofProvince: r.id) else {
                throw FrontierError.invalid(file: source, reason: "\(r.id) has no entry in the ISO code table: add it to ISO31662")
            }
            return Region(id: r.id, country: r.country, name: r.name, fips: r.fips, code: code, geometry: try r.geometry)
        }
    }
}
