/// Which input fields hold an incident's id, position, date and fatalities. Defaults follow ACLED's export;
/// a profile (`SourceProfile`) or a caller's own names (`Given`) change them (UCDP GED: `id`, `date_start`,
/// `best`).
public struct IncidentFields: Sendable, Equatable {
    public var id: String
    public var latitude: String
    public var longitude: String
    public var date: String
    public var fatalities: String
    public var geoPrecision: String
    public var country: String
    public var admin1: String
    /// The event type's column (UCDP: type_of_violence), for the map's colours and legends.
    public var eventType = "event_type"
    /// How the precision column's codes read.
    public var precision = PrecisionScale.acled
    /// The layout these names come from (a store records it, to read its rows back alike).
    public var profile = SourceProfile.acled

    /// The field names a caller gave (id, latitude, longitude, date, fatalities), each overriding a profile's.
    public struct Given: Sendable, Equatable {
        public var id, latitude, longitude, date, fatalities: String?
        public init(id: String? = nil, latitude: String? = nil, longitude: String? = nil, date: String? = nil, fatalities: String? = nil) {
            self.id = id
            self.latitude = latitude
            self.longitude = longitude
            self.date = date
            self.fatalities = fatalities
        }
    }

    public init(id: String = "event_id_cnty", latitude: String = "latitude", longitude: String = "longitude",
                date: String = "event_date", fatalities: String = "fatalities", geoPrecision: String = "geo_precision",
                country: String = "country", admin1: String = "admin1") {
        self.id = id
        self.latitude = latitude
        self.longitude = longitude
        self.date = date
        self.fatalities = fatalities
        self.geoPrecision = geoPrecision
        self.country = country
        self.admin1 = admin1
    }

    /// Field positions in one header. Coordinates are required (unless geometry supplies them); id and
    /// date are optional here (the commands that need a date say so).
    public struct Columns: Sendable {
        public var id: Int?
        public var latitude: Int?
        public var longitude: Int?
        public var date: Int?
        public var fatalities: Int?
        public var geoPrecision: Int?
        public var country: Int?
        public var admin1: Int?
        public var eventType: Int?

        public init(id: Int? = nil, latitude: Int? = nil, longitude: Int? = nil, date: Int? = nil, fatalities: Int? = nil, geoPrecision: Int? = nil, country: Int? = nil, admin1: Int? = nil, eventType: Int? = nil) {
            self.id = id
            self.latitude = latitude
            self.longitude = longitude
            self.date = date
            self.fatalities = fatalities
            self.geoPrecision = geoPrecision
            self.country = country
            self.admin1 = admin1
            self.eventType = eventType
        }
    }

    /// What a field is for, so a message about it can say how to map it.
    public enum Role: String, Sendable {
        case id, latitude, longitude, date, fatalities
    }

    /// The column a name means in a header: the exact name first, then case-insensitively. Every lookup
    /// of a column by name (fields, filter conditions, the split field, kept values) goes through here.
    public static func column(_ name: String, in header: [String]) -> Int? {
        header.firstIndex(of: name) ?? header.firstIndex { $0.lowercased() == name.lowercased() }
    }

    /// Outputs that key values by column name (JSON, GeoJSON, a store) cannot hold a header that names a
    /// column twice: the first repeated name, with both 1-based positions, as an error for `file`.
    public static func checkUniqueNames(_ header: [String], file: String) throws {
        var seen: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            if let first = seen[name] {
                throw FrontierError.invalid(file: file, reason: "names the column '\(name)' twice (columns \(first + 1) and \(i + 1)); "
                    + "values keyed by name would be lost: rename one")
            }
            seen[name] = i
        }
    }

    /// Finds the fields in a header.
    public func columns(in header: [String], file: String, requireCoordinates: Bool = true) throws -> Columns {
        func find(_ name: String) -> Int? { Self.column(name, in: header) }
        let c = Columns(id: find(id), latitude: find(latitude), longitude: find(longitude), date: find(date),
                        fatalities: find(fatalities), geoPrecision: find(geoPrecision), country: find(country), admin1: find(admin1),
                        eventType: find(eventType))
        if requireCoordinates {
            let missing = [(Role.latitude, latitude, c.latitude), (.longitude, longitude, c.longitude)].filter { $0.2 == nil }
            if !missing.isEmpty {
                throw FrontierError.missingColumns(file: file, fields: missing.map(\.0), names: missing.map(\.1), found: header)
            }
        }
        return c
    }
}
