import Foundation
import FrontierBase

/// Which input columns a table's rows came from (so they print back under their input names); both stores
/// record it.
public struct IncidentTableLayout: Equatable, Sendable {
    public var columns: [String]
    public var idField: String
    public var dateField: String
    public var latField: String
    public var lonField: String
    /// The column the fatalities came from (UCDP: best); its value is also the typed `fatalities`.
    /// Nil in stores written before the mapping was recorded.
    public var fatalitiesField: String?
    /// The source layout the rows were read with (UCDP's precision codes and names); ACLED's when not
    /// recorded.
    public var profile = SourceProfile.acled

    /// The field mapping the rows were imported with: the store reads its rows back under it. A store
    /// that did not record its fatalities column reads it under the caller's `fatalities` name.
    public func fields(fatalitiesOtherwise fallback: String) -> IncidentFields {
        profile.fields(IncidentFields.Given(id: idField, latitude: latField, longitude: lonField, date: dateField,
                                            fatalities: fatalitiesField ?? fallback))
    }
}

/// The layout record both stores keep (the GeoPackage's `frontier_store` row, the PostGIS table's
/// `frontier_store` row): written and read here, and merged with a new input's here, once.
extension IncidentTableLayout {
    /// The layout as the JSON object stores record.
    package var json: String {
        "{\"columns\":[" + columns.map(JSONText.string).joined(separator: ",") + "],"
            + "\"id_field\":\(JSONText.string(idField)),\"date_field\":\(JSONText.string(dateField)),"
            + "\"lat_field\":\(JSONText.string(latField)),\"lon_field\":\(JSONText.string(lonField)),"
            + "\"fatalities_field\":\(JSONText.string(fatalitiesField ?? "")),"
            + "\"profile\":\(JSONText.string(profile.rawValue))}"
    }

    /// The layout a store recorded; nil when the JSON is not one.
    package init?(json: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let columns = object["columns"] as? [String], let id = object["id_field"] as? String,
              let date = object["date_field"] as? String, let lat = object["lat_field"] as? String,
              let lon = object["lon_field"] as? String else { return nil }
        self.init(columns: columns, idField: id, dateField: date, latField: lat, lonField: lon)
        if let fatalities = object["fatalities_field"] as? String { fatalitiesField = fatalities }
        if let name = object["profile"] as? String, let profile = SourceProfile(rawValue: name) { self.profile = profile }
    }

    /// The layout after importing an input with `encoder`'s columns into a store that has `stored` (nil: a
    /// new store). The stored rows are read back under the store's column names, so a later input must name
    /// the id, date, position and fatalities alike; its new columns are appended. `store` and `source` name
    /// the two in the error.
    package static func merging(_ stored: Self?, encoder: IncidentRowEncoder, fields: IncidentFields,
                        store: String, source: String) throws -> Self {
        let columns = encoder.columns, f = encoder.fieldColumns
        var given = Self(columns: [], idField: columns[encoder.idIndex], dateField: columns[encoder.dateIndex],
                         latField: f.latitude.map { columns[$0] } ?? fields.latitude,
                         lonField: f.longitude.map { columns[$0] } ?? fields.longitude)
        given.fatalitiesField = f.fatalities.map { columns[$0] } ?? fields.fatalities
        given.profile = fields.profile
        var merged = stored ?? given
        // A store from before the fatalities mapping was recorded takes this input's.
        if merged.fatalitiesField == nil { merged.fatalitiesField = given.fatalitiesField }
        let mine = [("id", merged.idField, given.idField), ("date", merged.dateField, given.dateField),
                    ("latitude", merged.latField, given.latField), ("longitude", merged.lonField, given.lonField),
                    ("fatalities", merged.fatalitiesField ?? "", given.fatalitiesField ?? "")]
        for (what, stored, given) in mine where stored != given {
            throw FrontierError.invalid(file: store, reason: "holds the \(what) in column '\(stored)', but \(source) calls it '\(given)': rename the column or use another store")
        }
        for c in columns where !merged.columns.contains(c) { merged.columns.append(c) }
        return merged
    }
}
