/// Natural Earth's `name` field mislabels some admin-1 polygons with a neighbour's name (as shipped in
/// QGIS's world_map.gpkg). Each correction is explicit, keyed by the source fid, with its evidence; GeoData's
/// README repeats the evidence.
public struct NameCorrection: Sendable {
    public let fid: Int64
    public let country: String
    public let sourceName: String
    public let correctedName: String
    public let evidence: String

    public static let all: [NameCorrection] = [
        NameCorrection(fid: 6699, country: "AFG", sourceName: "Parwan", correctedName: "Panjshir",
                       evidence: "gn_name is 'Panjshir' and the polygon lies north-east of Charikar, Parwan's capital; "
                           + "fid 6707 is the real Parwan (same name and fips AF40)"),
        NameCorrection(fid: 6714, country: "AFG", sourceName: "Uruzgan", correctedName: "Daykundi",
                       evidence: "woe_name 'Daykundi' and gn_name 'Wilayat-e Daykundi'; fid 8064 is Uruzgan"),
        NameCorrection(fid: 8127, country: "UZB", sourceName: "Tashkent", correctedName: "Tashkent City",
                       evidence: "gn_name 'Toshkent Shahri' (Tashkent city); fid 7802 is Tashkent region (gn_name 'Toshkent Viloyati')"),
    ]

    /// The corrected name for a source row, or nil when the row needs none. A correction whose source name no
    /// longer matches is not applied (the source changed: the table must be reviewed).
    static func correctedName(fid: Int64, sourceName: String) -> String? {
        guard let c = all.first(where: { $0.fid == fid }), c.sourceName == sourceName else { return nil }
        return c.correctedName
    }
}
