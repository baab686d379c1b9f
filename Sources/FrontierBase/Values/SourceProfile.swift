import Foundation

/// The export layouts Frontier knows by name: which columns hold an incident's id, date, fatalities,
/// reported place, event type and precision, and how the precision codes read. Field names a caller gives
/// (`IncidentFields.Given`) still override a profile, one field at a time.
public enum SourceProfile: String, CaseIterable, Sendable {
    /// ACLED's export: event_id_cnty, event_date, fatalities, country, admin1, event_type, geo_precision
    /// (1 exact place, 2 near a place, 3 region-level).
    case acled
    /// UCDP GED: id, date_start, best, country, adm_1, type_of_violence (1 state-based, 2 non-state,
    /// 3 one-sided), where_prec (1 exact place … 6 country, 7 international waters).
    case ucdp

    /// The field names of this layout, with the names a user gave instead.
    public func fields(_ given: IncidentFields.Given = .init()) -> IncidentFields {
        var f: IncidentFields
        switch self {
        case .acled: f = IncidentFields()
        case .ucdp:
            f = IncidentFields(id: "id", date: "date_start", fatalities: "best", geoPrecision: "where_prec", country: "country", admin1: "adm_1")
            f.eventType = "type_of_violence"
            f.precision = .ucdp
        }
        f.profile = self
        if let v = given.id { f.id = v }
        if let v = given.latitude { f.latitude = v }
        if let v = given.longitude { f.longitude = v }
        if let v = given.date { f.date = v }
        if let v = given.fatalities { f.fatalities = v }
        return f
    }

    /// The layout a CSV header shows beyond doubt: UCDP GED's id, date_start, best and where_prec without
    /// ACLED's event_id_cnty. Nil when the header could be either (ACLED's is the default).
    public static func detect(header: [String]) -> SourceProfile? {
        let names = Set(header.map { $0.lowercased() })
        if names.isSuperset(of: ["id", "date_start", "best", "where_prec"]) && !names.contains("event_id_cnty") { return .ucdp }
        return nil
    }

    /// An event type as the layout writes it, in words (UCDP codes its types 1–3).
    public func eventTypeLabel(_ value: String) -> String {
        guard self == .ucdp else { return value }
        switch value.trimmingCharacters(in: .whitespaces) {
        case "1": return "State-based violence"
        case "2": return "Non-state violence"
        case "3": return "One-sided violence"
        default: return value
        }
    }
}

/// How a layout's precision codes map onto ACLED's geo_precision (1 exact place, 2 near a place, 3 a
/// region or wider).
public enum PrecisionScale: Sendable, Equatable {
    case acled
    /// UCDP's where_prec: 1–2 → 1, 3 → 2, 4–5 (admin-1/admin-2 level) → 3, 6–7 (country level,
    /// international waters) → 3 and flagged as country-level; anything else is unknown.
    case ucdp

    public func geoPrecision(_ code: Int) -> (precision: Int?, countryLevel: Bool) {
        switch self {
        case .acled: return (code, false)
        case .ucdp:
            switch code {
            case 1, 2: return (1, false)
            case 3: return (2, false)
            case 4, 5: return (3, false)
            case 6, 7: return (3, true)
            default: return (nil, false)
            }
        }
    }
}
