import Foundation
import Geo

/// The bundled boundaries as reference tables beside the incidents, so SQL on the server (and Citus, which
/// copies reference tables to every worker) can join against the same regions and lines Frontier uses.
extension PostGISTable {
    public struct InitReport: Equatable, Sendable {
        public var regionsLoaded = 0
        public var bordersLoaded = 0
        /// Rows already there, left alone.
        public var regionsKept = 0
        public var bordersKept = 0
    }

    /// `frontier db init`: the incident table (made by `openForWriting`) and the reference tables, each
    /// filled from the bundled GeoData when it is empty; an existing, filled table is left as it is.
    public func loadReferenceTables(layers: [(name: String, regions: RegionSet)], borders: BorderSet) throws -> InitReport {
        var report = InitReport()
        let c = connection
        try c.transaction {
            try c.execute("""
                CREATE TABLE IF NOT EXISTS frontier_regions (layer text NOT NULL, region_id text NOT NULL,
                    region_country text NOT NULL, region_name text NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL,
                    PRIMARY KEY (layer, region_id));
                CREATE INDEX IF NOT EXISTS frontier_regions_geom_idx ON frontier_regions USING gist (geom);
                CREATE TABLE IF NOT EXISTS frontier_borders (border_id text PRIMARY KEY, country_a text NOT NULL,
                    country_b text NOT NULL, geom geometry(MultiLineString, 4326) NOT NULL);
                CREATE INDEX IF NOT EXISTS frontier_borders_geom_idx ON frontier_borders USING gist (geom);
                LOCK TABLE frontier_regions, frontier_borders IN SHARE ROW EXCLUSIVE MODE;
                """)
            for layer in layers {
                let present = try c.integer("SELECT count(*) FROM frontier_regions WHERE layer = $1", [layer.name])
                guard present == 0 else { report.regionsKept += present; continue }
                for r in layer.regions.regions {
                    try c.execute("""
                        INSERT INTO frontier_regions VALUES ($1, $2, $3, $4, ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode($5, 'hex')), 4326)))
                        """, [layer.name, r.id, r.country, r.name, PostGISTable.hex(try r.geometry.wkb())])
                    report.regionsLoaded += 1
                }
            }
            let present = try c.integer("SELECT count(*) FROM frontier_borders")
            if present == 0 {
                for b in borders.borders {
                    try c.execute("""
                        INSERT INTO frontier_borders VALUES ($1, $2, $3, ST_Multi(ST_SetSRID(ST_GeomFromWKB(decode($4, 'hex')), 4326)))
                        """, [b.id, b.countryA, b.countryB, PostGISTable.hex(try b.geometry.wkb())])
                    report.bordersLoaded += 1
                }
            } else {
                report.bordersKept = present
            }
        }
        return report
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0F)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
