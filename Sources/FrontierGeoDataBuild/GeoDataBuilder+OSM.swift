import Foundation
import Geo
import FrontierBase
import FrontierPlaces

/// The outlines rebuilt from OpenStreetMap: each country's MAPS.ME region polygons (PyPI `omim-data-borders`)
/// unioned, clipped to land with Natural Earth's countries (OSM's coastal regions run out to sea), and Natural
/// Earth's admin-1 regions fitted to them: each clipped to its new country outline, and each strip of new
/// land (between the old and the new outline) given to the province it touches along the longest edge. OSM's
/// neighbouring regions are cut from the same boundary ways, so neighbours share their border vertices
/// exactly; what the build had to change for that is reported (overlaps removed, strips assigned).
extension GeoDataBuilder {
    /// The MAPS.ME files that make each country: its own file, or the parts it is split into.
    static func osmFiles(of iso: String, in names: [String]) -> [String] {
        let prefix: String? = ["CHN": "China_", "IND": "India_", "IRN": "Iran_"][iso]
        let own = ["AFG": "Afghanistan", "KGZ": "Kyrgyzstan", "PAK": "Pakistan", "TJK": "Tajikistan", "TKM": "Turkmenistan", "UZB": "Uzbekistan"][iso]
        return names.filter { name in
            guard name.hasSuffix(".poly") else { return false }
            if let prefix { return name.hasPrefix(prefix) }
            return name == "\(own ?? "").poly"
        }.sorted()
    }

    public struct OSMReport {
        /// Per country: the files read.
        public var files: [String: [String]] = [:]
        /// Rings MakeValid repaired: "file ring: reason".
        public var repairs: [String] = []
        /// Overlaps between two new outlines, taken from the second (km²).
        public var overlaps: [(a: String, b: String, km2: Double)] = []
        /// Strips of new land given to a province: count, km², the largest.
        public var strips = 0
        public var stripsKm2 = 0.0
        public var largestStrip: (region: String, km2: Double)?
        /// Province area left outside the new outline (km²), per country.
        public var clippedKm2: [String: Double] = [:]
        /// The shared edges' rebuilding: gaps between sources closed.
        var coverage = CoverageSimplifier.Report()
        public var gapsFilled: Int { coverage.gapsFilled }
        public var facesDropped: Int { coverage.dropped }
        public var widestGap: Double { coverage.widestGap }
    }

    /// The new outlines of `admin0`'s countries and `admin1` fitted to them.
    static func osmRegions(admin0: [Region], admin1: [Region], osm: URL, land: Geometry, context: GEOSContext,
                           report: inout OSMReport) throws -> (admin0: [Region], admin1: [Region]) {
        let names = try FileManager.default.contentsOfDirectory(atPath: osm.path)
        var outlines: [String: Geometry] = [:]
        for country in admin0 {
            let files = osmFiles(of: country.country, in: names)
            guard !files.isEmpty else { throw FrontierError.invalid(file: osm.path, reason: "has no MAPS.ME polygon for \(country.country)") }
            report.files[country.country] = files
            let parts = try files.map { try OSMPolyFile.read(osm.appendingPathComponent($0), context: context, repairs: &report.repairs) }
            let shape = try Geometry.union(of: parts, context: context)
            outlines[country.country] = try RegionLayer.polygonal(shape.intersection(land), context: context)
        }
        // Neighbours must not overlap: what two outlines share (none in omim-data-borders 10.3) goes to the first.
        let isos = admin0.map(\.country)
        for (i, a) in isos.enumerated() {
            for b in isos[(i + 1)...] {
                guard let ga = outlines[a], let gb = outlines[b], try ga.intersects(gb) else { continue }
                let shared = try RegionLayer.polygonal(ga.intersection(gb), context: context)
                let km2 = try GeodesicMeasure.areaKm2(shared)
                guard km2 > 0 else { continue }
                report.overlaps.append((a, b, km2))
                outlines[b] = try RegionLayer.polygonal(gb.difference(ga), context: context)
            }
        }
        var fitted: [Region] = []
        var rests: [(country: String, geometry: Geometry)] = []
        for country in admin0 {
            guard let outline = outlines[country.country] else { continue }
            let provinces = admin1.filter { $0.country == country.country }
            let (pieces, rest) = try fit(provinces, to: outline, oldCountry: country, context: context, report: &report)
            fitted += pieces
            if let rest { rests.append((country.country, rest)) }
        }
        // One coverage of provinces (and China's rest), its shared edges simplified once: provinces and
        // countries then share their vertices exactly, and a gap between two countries' sources closes.
        var coverage = CoverageSimplifier.Report()
        let rebuilt = try CoverageSimplifier.rebuild(fitted.map { try $0.geometry } + rests.map(\.geometry), tolerance: simplifyTolerance,
                                                     context: context, report: &coverage)
        report.coverage = coverage
        let newAdmin1 = zip(fitted, rebuilt).map { Region(id: $0.id, country: $0.country, name: $0.name, fips: $0.fips, code: $0.code, geometry: $1) }
        let owners = fitted.map(\.country) + rests.map(\.country)
        let newAdmin0 = try admin0.map { country in
            let own = zip(owners, rebuilt).filter { $0.0 == country.country }.map(\.1)
            let outline = try RegionLayer.polygonal(Geometry.union(of: own, context: context), context: context)
            return Region(id: country.id, country: country.country, name: country.name, fips: country.fips, geometry: outline)
        }
        return (newAdmin0, newAdmin1.sorted { $0.id < $1.id })
    }

    /// Douglas-Peucker tolerance for the shared edges, in degrees: at most 44.5 m north-south and less
    /// east-west at these latitudes (a degree of latitude is at most 111.7 km), within the 50 m asked.
    public static let simplifyTolerance = 0.0004

    /// A country's provinces clipped to its new outline, the new land's strips given to their neighbours.
    /// Where the provinces do not cover the country (China: only Xinjiang and Xizang), the rest of it is a
    /// neighbour too, so strips along other provinces stay out.
    private static func fit(_ provinces: [Region], to outline: Geometry, oldCountry: Region, context: GEOSContext,
                            report: inout OSMReport) throws -> (provinces: [Region], rest: Geometry?) {
        guard !provinces.isEmpty else { return ([], outline) }
        let oldProvinces = try Geometry.union(of: provinces.map { try $0.geometry }, context: context)
        var pieces = try provinces.map { try RegionLayer.polygonal($0.geometry.intersection(outline), context: context) }
        report.clippedKm2[oldCountry.country] = try GeodesicMeasure.areaKm2(oldProvinces) - pieces.reduce(0) { $0 + (try GeodesicMeasure.areaKm2($1)) }
        let rest = oldCountry.country != "CHN" ? nil
            : try RegionLayer.polygonal(oldCountry.geometry.difference(oldProvinces).intersection(outline), context: context)
        let covered = try Geometry.union(of: pieces + (rest.map { [$0] } ?? []), context: context)
        let strips = try outline.difference(covered).polygons()
        var gained = [[Geometry]](repeating: [], count: pieces.count)
        for strip in strips {
            let edge = try strip.boundary()
            var best: (index: Int?, length: Double) = (nil, -1)
            for (i, piece) in pieces.enumerated() where try piece.intersects(strip) {
                let length = try edge.intersection(piece.boundary()).length()
                if length > best.length { best = (i, length) }
            }
            if let rest, try rest.intersects(strip), try edge.intersection(rest.boundary()).length() > best.length { continue }
            // A strip touching no province along a line (a speck at a corner) goes to the nearest.
            let index = try best.index ?? pieces.indices.min { try pieces[$0].distance(to: strip) < pieces[$1].distance(to: strip) }
            guard let index else { continue }
            gained[index].append(strip)
            let km2 = try GeodesicMeasure.areaKm2(strip)
            report.strips += 1
            report.stripsKm2 += km2
            if km2 > report.largestStrip?.km2 ?? 0 { report.largestStrip = (provinces[index].id, km2) }
        }
        for i in pieces.indices where !gained[i].isEmpty {
            pieces[i] = try RegionLayer.polygonal(Geometry.union(of: [pieces[i]] + gained[i], context: context), context: context)
        }
        return (zip(provinces, pieces).map { Region(id: $0.id, country: $0.country, name: $0.name, fips: $0.fips, code: $0.code, geometry: $1) }, rest)
    }
}
