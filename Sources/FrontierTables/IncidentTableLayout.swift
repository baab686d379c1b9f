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
    /// The name of the source these rows came from (the input file's name, or the one the caller gave), so
    /// that a store holding several sources tells them apart. Nil in stores written before it was recorded.
    public var sourceName: String?
    /// The source's name as stores show it: the recorded one, else the layout's (`acled`, `ucdp`).
    public var shownSourceName: String { sourceName ?? profile.rawValue }

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
            + "\"profile\":\(JSONText.string(profile.rawValue))"
            + (sourceName.map { ",\"source_name\":" + JSONText.string($0) } ?? "") + "}"
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
        if let name = object["source_name"] as? String { sourceName = name }
    }

    /// The layout of an input's rows as an import reads them: `encoder`'s columns, the fields they were read
    /// under, and the source's name.
    package static func given(encoder: IncidentRowEncoder, fields: IncidentFields, sourceName: String) -> Self {
        let columns = encoder.columns, f = encoder.fieldColumns
        var given = Self(columns: columns, idField: columns[encoder.idIndex], dateField: columns[encoder.dateIndex],
                         latField: f.latitude.map { columns[$0] } ?? fields.latitude,
                         lonField: f.longitude.map { columns[$0] } ?? fields.longitude)
        given.fatalitiesField = f.fatalities.map { columns[$0] } ?? fields.fatalities
        given.profile = fields.profile
        given.sourceName = sourceName
        return given
    }

    /// The id, date, position and fatalities columns that `other` names differently, as (what, this layout's
    /// column, other's column): empty when rows of both read back alike. A layout from before the fatalities
    /// mapping was recorded agrees with any. (The profile is not compared: stores written before it was
    /// recorded read back as ACLED's, whatever they hold, and UCDP's columns differ from ACLED's anyway.)
    package func disagreements(with other: Self) -> [(what: String, mine: String, theirs: String)] {
        var pairs = [("id", idField, other.idField), ("date", dateField, other.dateField),
                     ("latitude", latField, other.latField), ("longitude", lonField, other.lonField)]
        if let mine = fatalitiesField, let theirs = other.fatalitiesField { pairs.append(("fatalities", mine, theirs)) }
        return pairs.filter { $0.1 != $0.2 }.map { (what: $0.0, mine: $0.1, theirs: $0.2) }
    }

    /// The layout after importing rows laid out as `given` into a source laid out as `stored` (nil: a new
    /// source). The stored rows are read back under the stored column names, so the input must name the id,
    /// date, position and fatalities alike; its new columns are appended. `store` and `source` name the two
    /// in the error.
    /// - Throws: `FrontierError.invalid` naming the first column the two name differently.
    package static func merging(_ stored: Self?, given: Self, store: String, source: String) throws -> Self {
        var merged = stored ?? given
        merged.columns = stored?.columns ?? []
        // A store from before the fatalities mapping was recorded takes this input's.
        if merged.fatalitiesField == nil { merged.fatalitiesField = given.fatalitiesField }
        if merged.sourceName == nil { merged.sourceName = given.sourceName }
        if let first = merged.disagreements(with: given).first {
            throw FrontierError.invalid(file: store, reason: "holds the \(first.what) in column '\(first.mine)', but \(source) calls it '\(first.theirs)': rename the column or use another store")
        }
        for c in given.columns where !merged.columns.contains(c) { merged.columns.append(c) }
        return merged
    }
}
