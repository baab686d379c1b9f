import Geo
import FrontierFormats
import FrontierTables

extension EncodedIncidentRow {
    /// The GeoPackage insert's values, in `IncidentTableSchema.rowColumns` order.
    var geoPackageValues: [SQLValue] {
        [.blob(GeoPackageBinary.point(point)), .text(id), .text(date)] + typed
            + [.real(point.lat), .real(point.lon), extra.map(SQLValue.text) ?? .null, .text(hash)]
    }
}
