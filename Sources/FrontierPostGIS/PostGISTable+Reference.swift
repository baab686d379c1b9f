import Foundation
import Geo
import FrontierBase
import FrontierPlaces
import FrontierTables

/// The bundled boundaries as reference tables beside the incidents, so SQL on the server (and Citus, which
/// copies reference tables to every worker) can join against the same regions and lines Frontier uses.
/// Each layer's fingerprint is kept in frontier_store: the server locates incidents only in a layer equal to
/// the one the command uses, and a layer loaded from other GeoData is replaced by the next `db init` or import.
extension PostGISTable {
    public struct InitReport: Equatable, Sendable {
        public var regionsLoaded = 0
        public var bordersLoaded = 0
        /// Rows already there and equal to the GeoData in use, left alone.
        public var regionsKept = 0
        public var bordersKept = 0
        /// Rows from other GeoData (another version, or another GeoData folder), replaced.
        public var regionsReplaced = 0
        public var bordersReplaced = 0
    }

    private static let referenceSQL = """
        CREATE TABLE IF NOT EXISTS frontier_regions (layer text NOT NULL, region_id text NOT NULL,
            region_country text NOT NULL, region_name text NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL,
            PRIMARY KEY (layer, region_id));
        CREATE INDEX IF NOT EXISTS frontier_regions_geom_idx ON frontier_regions USING gist (geom);
        CREATE TABLE IF NOT EXISTS frontier_borders (border_id text PRIMARY KEY, country_a text NOT NULL,
            country_b text NOT NULL, geom geometry(MultiLineString, 4326) NOT NULL);
        CREATE INDEX IF NOT EXISTS frontier_borders_geom_idx ON frontier_borders USING gist (geom);
        CREATE TABLE IF NOT EXISTS frontier_region_cells (layer text NOT NULL, ix integer NOT NULL, iy integer NOT NULL,
            region_id text, candidates text[], PRIMARY KEY (layer, ix, iy));
        LOCK TABLE frontier_regions, frontier_borders, frontier_region_cells IN SHARE ROW EXCLUSIVE MODE;
        """

    /// The bundled layers (admin0, admin1) and border lines of this GeoData as the reference tables.
    public func loadReferenceTables(from location: GeoDataLocation) throws -> InitReport {
        try loadReferenceTables(layers: [("admin0", try RegionSet.load(.admin0, geodata: location)),
                                         ("admin1", try RegionSet.load(.admin1, geodata: location))],
                                borders: try BorderSet.load(geodata: location))
    }

    /// When a table is set up or imported into: the reference tables, each layer loaded when absent and
    /// replaced when its fingerprint differs from the GeoData in use; an equal layer is left as it is.
    public func loadReferenceTables(layers: [(name: String, regions: RegionSet)], borders: BorderSet) throws -> InitReport {
        var report = InitReport()
        let c = connection
        try c.transaction {
            try c.execute(Self.referenceSQL)
            for layer in layers {
                // The key a reading command checks (ServerLocating's): regions and cell grid.
                let locating = try ServerLocating(layer: layer.name, regions: layer.regions, groups: false, allowed: nil)
                let key = try locating?.referenceKey ?? String(layer.regions.fingerprint(), radix: 16) + " without cells"
                let present = try c.integer("SELECT count(*) FROM frontier_regions WHERE layer = $1", [layer.name])
                if present > 0, try storedFingerprint("frontier_regions", layer.name) == key { report.regionsKept += present; continue }
                if present > 0 { report.regionsReplaced += present }
                try c.execute("DELETE FROM frontier_regions WHERE layer = $1", [layer.name])
                try c.execute("DELETE FROM frontier_region_cells WHERE layer = $1", [layer.name])
                for (r, wkb) in zip(layer.regions.regions, try layer.regions.wkb()) {
                    try c.execute("""
                        INSERT INTO frontier_regions VALUES ($1, $2, $3, $4, ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode($5, 'hex')), 4326)))
                        """, [layer.name, r.id, r.country, r.name, PostGISTable.hex(Array(wkb))])
                    report.regionsLoaded += 1
                }
                if locating != nil { try loadCells(layer.regions.buildLocateIndex().fineCells(), layer: layer.name, ids: layer.regions.regions.map(\.id)) }
                try storeFingerprint("frontier_regions", layer.name, key)
            }
            try c.execute("ANALYZE frontier_region_cells")
            var h = FNV1a()
            for b in borders.borders { h.mix(b.id); h.mix([0]); h.mix(try b.geometry.wkb()) }
            let fingerprint = String(h.value, radix: 16)
            let present = try c.integer("SELECT count(*) FROM frontier_borders")
            if present > 0, try storedFingerprint("frontier_borders", "all") == fingerprint {
                report.bordersKept = present
                return
            }
            if present > 0 {
                try c.execute("DELETE FROM frontier_borders")
                report.bordersReplaced = present
            }
            for b in borders.borders {
                try c.execute("""
                    INSERT INTO frontier_borders VALUES ($1, $2, $3, ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode($4, 'hex')), 4326)))
                    """, [b.id, b.countryA, b.countryB, PostGISTable.hex(try b.geometry.wkb())])
                report.bordersLoaded += 1
            }
            try storeFingerprint("frontier_borders", "all", fingerprint)
        }
        return report
    }

    /// The locate index's cells (`LocateIndex.fineCells`), sent with COPY: a cell's region, or a boundary
    /// cell's candidates.
    private func loadCells(_ cells: [LocateIndex.FineCell], layer: String, ids: [String]) throws {
        // COPY's text format escapes backslash, tab and line breaks; an array element is quoted, `"` and `\` escaped.
        func field(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\t", with: "\\t")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        }
        func element(_ id: String) -> String {
            "\"" + id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        // Bytes, not Strings: 690,000 cells took 7 s as interpolated text, a fraction of that as bytes.
        let prefix = Array((field(layer) + "\t").utf8)
        let names = ids.map { Array(field($0).utf8) }
        let null = Array("\\N".utf8)
        func digits(_ n: Int, into out: inout [UInt8]) { out.append(contentsOf: String(n).utf8) }
        _ = try connection.copyIn("COPY frontier_region_cells (layer, ix, iy, region_id, candidates) FROM STDIN") { writer in
            var out: [UInt8] = []
            out.reserveCapacity(1 << 20 + 4096)
            for cell in cells {
                out += prefix
                digits(cell.ix, into: &out); out.append(9)
                digits(cell.iy, into: &out); out.append(9)
                if let region = cell.region {
                    out += names[region]; out.append(9); out += null
                } else {
                    out += null; out.append(9)
                    out += Array(field("{" + cell.candidates.map { element(ids[$0]) }.joined(separator: ",") + "}").utf8)
                }
                out.append(10)
                if out.count > 1 << 20 { try writer.send(out); out.removeAll(keepingCapacity: true) }
            }
            if !out.isEmpty { try writer.send(out) }
        }
    }

    /// Why the server cannot locate in these regions (nil: it can): no reference table, or another layer
    /// there. Either way loading this GeoData's reference tables again mends it.
    package func referenceProblem(_ locate: ServerLocating) throws -> String? {
        guard try connection.scalar("SELECT to_regclass('frontier_region_cells')::text") != nil else {
            return "the database has no frontier_regions table (or one from before frontier_region_cells)"
        }
        guard try storedFingerprint("frontier_regions", locate.layer) == locate.referenceKey else {
            return "frontier_regions holds another \(locate.layer) than this GeoData's (or none)"
        }
        return nil
    }

    /// Fingerprints live in frontier_store under the reference table's name.
    private func storedFingerprint(_ table: String, _ layer: String) throws -> String? {
        try connection.scalar("SELECT value FROM frontier_store WHERE table_name = $1 AND key = $2", [table, "fingerprint:\(layer)"])
    }

    private func storeFingerprint(_ table: String, _ layer: String, _ value: String) throws {
        try connection.execute("""
            INSERT INTO frontier_store VALUES ($1, $2, $3) ON CONFLICT (table_name, key) DO UPDATE SET value = excluded.value
            """, [table, "fingerprint:\(layer)", value])
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0F)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
