import Foundation
import Geo
import FrontierBase
import FrontierFormats
import FrontierPlaces

/// Regenerates GeoData's boundary files from Natural Earth as QGIS ships it (`world_map.gpkg`):
/// admin0.geojson, admin1.geojson and borders.geojson. Deterministic: the same source gives the same bytes.
public enum GeoDataBuilder {
    /// Afghanistan, its neighbours, and India (Pakistan's eastern border and the Kashmir line).
    public static let countries = ["AFG", "CHN", "IND", "IRN", "KGZ", "PAK", "TJK", "TKM", "UZB"]
    /// Of China's provinces, only those on this frontier.
    public static let chinaProvinces: Set<String> = ["Xinjiang", "Xizang"]

    public struct Report {
        public var admin0: [Region] = []
        public var admin1: [Region] = []
        public var borders: [BorderLine] = []
        /// "AFG:Parwan ← fids 6707, 6699" for keys that several source rows shared.
        public var merged: [String] = []
        /// Invalid source polygons repaired with MakeValid, with GEOS's reason.
        public var repairs: [String] = []
        public var corrections: [NameCorrection] = []
        /// With OpenStreetMap outlines: the provinces made today's units, a line per `UnitChange`.
        public var currentUnits: [String] = []
        /// With OpenStreetMap outlines: what fitting them took.
        public var osm: OSMReport?
    }

    /// `osm`: a folder of MAPS.ME `.poly` files; the countries' outlines then come from them (Natural Earth
    /// keeps the attributes, the admin-1 regions and the coastline).
    public static func build(from source: String, osm: URL? = nil, into directory: URL, context: GEOSContext? = nil) throws -> Report {
        let context = try context ?? GEOSContext()
        let gpkg = try GeoPackageFile(path: source)
        var report = Report()
        report.admin0 = try countryRegions(gpkg, context: context, report: &report)
        report.admin1 = try provinceRegions(gpkg, context: context, report: &report)
        if let osm {
            report.admin1 = try currentUnits(report.admin1, splits: true, source: source, osm: osm, context: context, report: &report.currentUnits)
            var fitted = OSMReport()
            (report.admin0, report.admin1) = try osmRegions(admin0: report.admin0, admin1: report.admin1, osm: osm,
                                                            land: land(gpkg, around: report.admin0, context: context),
                                                            context: context, report: &fitted)
            report.osm = fitted
            report.admin1 = try currentUnits(report.admin1, splits: false, source: source, osm: osm, context: context, report: &report.currentUnits)
        }
        report.admin0 = try coded(report.admin0, countries: true, source: source)
        report.admin1 = try coded(report.admin1, countries: false, source: source)
        report.borders = try borderLines(between: report.admin0)

        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write(regionTable(report.admin0), to: directory.appendingPathComponent("admin0.geojson"))
        try write(regionTable(report.admin1), to: directory.appendingPathComponent("admin1.geojson"))
        try write(borderTable(report.borders), to: directory.appendingPathComponent("borders.geojson"))
        try CompactGeoData.write(GeoDataLocation(directory: directory), context: context)
        return report
    }

    private static func countryRegions(_ gpkg: GeoPackageFile, context: GEOSContext, report: inout Report) throws -> [Region] {
        let wanted = Set(countries)
        let rows = try gpkg.features(layer: "countries", context: context).filter {
            wanted.contains($0.properties["ISO_A3"]?.text ?? "")
        }
        let grouped = try group(rows, context: context, report: &report) { row in
            let iso = row.properties["ISO_A3"]?.text ?? ""
            return (iso, row.properties["NAME"]?.text ?? iso, row.properties["FIPS_10_"]?.text ?? "")
        }
        let found = Set(grouped.map(\.country))
        let missing = countries.filter { !found.contains($0) }
        guard missing.isEmpty else {
            throw FrontierError.invalid(file: gpkg.path, reason: "countries layer lacks \(missing.joined(separator: ", "))")
        }
        return grouped
    }

    /// Land as Natural Earth draws it: every country of the source near these (within a degree of their box),
    /// the sea and the Caspian left out.
    private static func land(_ gpkg: GeoPackageFile, around countries: [Region], context: GEOSContext) throws -> Geometry {
        let boxes = try countries.compactMap { try $0.geometry.envelope() }
        guard var box = boxes.first else { throw FrontierError.invalid(file: gpkg.path, reason: "has no countries to fit") }
        for b in boxes { box.expand(toInclude: b) }
        let margin = box.expanded(by: 1)
        let near = try gpkg.features(layer: "countries", context: context).compactMap { f -> Geometry? in
            guard let g = f.geometry, let e = try g.envelope(), e.intersects(margin) else { return nil }
            return try g.isValid() ? g : RegionLayer.polygonal(g.makeValid(), context: context)
        }
        return try Geometry.union(of: near, context: context)
    }

    private static func provinceRegions(_ gpkg: GeoPackageFile, context: GEOSContext, report: inout Report) throws -> [Region] {
        let wanted = Set(countries)
        let rows = try gpkg.features(layer: "states_provinces", context: context).filter {
            let iso = $0.properties["adm0_a3"]?.text ?? ""
            guard wanted.contains(iso) else { return false }
            return iso != "CHN" || chinaProvinces.contains($0.properties["name"]?.text ?? "")
        }
        var applied: [NameCorrection] = []
        let regions = try group(rows, context: context, report: &report) { row in
            let iso = row.properties["adm0_a3"]?.text ?? ""
            let sourceName = row.properties["name"]?.text ?? ""
            var name = sourceName
            if case .int(let fid) = row.properties["fid"] ?? .null,
               let corrected = NameCorrection.correctedName(fid: fid, sourceName: sourceName) {
                name = corrected
                if let c = NameCorrection.all.first(where: { $0.fid == fid }) { applied.append(c) }
            }
            return (iso, name, row.properties["fips"]?.text ?? "")
        }
        report.corrections = applied
        return regions
    }

    /// Groups source rows by `ISO3:Name`, repairing invalid polygons and dissolving rows that share a key.
    private static func group(_ rows: [Feature], context: GEOSContext, report: inout Report,
                              key: (Feature) -> (country: String, name: String, fips: String)) throws -> [Region] {
        var byID: [String: (country: String, name: String, fips: String, parts: [Geometry], fids: [String])] = [:]
        for row in rows {
            let k = key(row)
            guard var g = row.geometry else { continue }
            if try !g.isValid() {
                report.repairs.append("\(row.origin) (\(k.country):\(k.name)): \(try g.validityReason())")
                g = try RegionLayer.polygonal(g.makeValid(), context: context)
            }
            let id = "\(k.country):\(k.name)"
            let fid = row.properties["fid"]?.text ?? "?"
            byID[id, default: (k.country, k.name, k.fips, [], [])].parts.append(g)
            byID[id]?.fids.append(fid)
        }
        return try byID.sorted { $0.key < $1.key }.map { id, entry in
            var geometry = entry.parts[0]
            if entry.parts.count > 1 {
                geometry = try Geometry.union(of: entry.parts, context: context)
                report.merged.append("\(id) ← fids \(entry.fids.joined(separator: ", "))")
            }
            return Region(id: id, country: entry.country, name: entry.name, fips: entry.fips, geometry: geometry)
        }
    }

    private static func borderLines(between countries: [Region]) throws -> [BorderLine] {
        var result: [BorderLine] = []
        for (i, a) in countries.enumerated() {
            for b in countries[(i + 1)...] {
                if let line = try BorderLine.derive(a, b) { result.append(line) }
            }
        }
        return result.sorted { $0.id < $1.id }
    }

    static func regionTable(_ regions: [Region]) throws -> RecordTable {
        RecordTable(columns: ["region_id", "region_country", "region_name", "region_code", "fips"], records: try regions.map {
            Record(values: [.string($0.id), .string($0.country), .string($0.name), .string($0.code), .string($0.fips)], geometry: try $0.geometry)
        })
    }

    static func borderTable(_ borders: [BorderLine]) throws -> RecordTable {
        RecordTable(columns: ["border_id", "country_a", "country_b", "parts", "length_km"], records: try borders.map {
            Record(values: [.string($0.id), .string($0.countryA), .string($0.countryB), .int(Int64($0.parts)),
                            .double((try $0.lengthKm() * 1000).rounded() / 1000)], geometry: $0.geometry)
        })
    }

    private static func write(_ table: RecordTable, to url: URL) throws {
        try Data(try RowStreamWriter.text(table, format: .geojson).utf8).write(to: url, options: .atomic)
    }
}
