/// What an attribution reads of each row (`near --attribution`, `aggregate --split cross_border`): its
/// actors' countries (ACLED's actor1, assoc_actor_1, actor2, assoc_actor_2; UCDP's side_a and side_b, or
/// their Gleditsch–Ward codes gwnoa and gwnob when given), and whether one of them is from across the asked
/// border (`CrossBorderAttribution`).
struct ActorAttribution {
    /// The appended columns.
    static let columns = ["actor_country", "cross_border"]
    /// The split that counts incidents by whether an actor is from across the border.
    static let crossBorderSplit = "cross_border"
    /// Each actor's name column and, for UCDP's sides, its Gleditsch–Ward code column, in the order they
    /// count (first side first).
    private static let actorFields: [(name: String, gw: String?)] = [
        ("actor1", nil), ("side_a", "gwnoa"), ("assoc_actor_1", nil), ("actor2", nil), ("side_b", "gwnob"), ("assoc_actor_2", nil),
    ]
    /// The columns actors are read from: a question reading them keeps their values.
    static let actorColumns = actorFields.flatMap { [$0.name] + ($0.gw.map { [$0] } ?? []) }

    private let countries: ActorCountries
    /// Each actor's name column and, for UCDP's sides, its code column: first side first.
    private let actors: [(name: Int?, gw: Int?)]
    /// The border's two countries; nil around a region (then any other country is across).
    private let border: Set<String>?

    /// - Parameters:
    ///   - columns: the input's columns, where the actors are looked for.
    ///   - border: the asked border's two countries; nil for none (then any other country is across).
    ///   - geodata: the GeoData holding the country-name and Gleditsch–Ward tables.
    init(columns: [String], border: Set<String>?, geodata: GeoDataChoice) throws {
        countries = try ActorCountries.bundled(geodata.location())
        func at(_ name: String) -> Int? { IncidentFields.column(name, in: columns) }
        actors = Self.actorFields.map { (at($0.name), $0.gw.flatMap(at)) }.filter { $0.name != nil || $0.gw != nil }
        self.border = border
    }

    /// Whether the input names any actor column at all (else every row's attribution is empty).
    var readsActors: Bool { !actors.isEmpty }

    /// The attribution of an incident lying in `country` (empty outside every country).
    func attribute(_ incident: Incident, country: String) -> CrossBorderAttribution {
        var found: [String] = []
        for (name, gw) in actors {
            let codes = gw.map { countries.countries(gw: incident.text($0)) } ?? []
            if !codes.isEmpty { found += codes; continue }
            if let name, let iso = countries.country(ofActor: incident.text(name)) { found.append(iso) }
        }
        let across = (border ?? Set(found)).subtracting([country])
        return CrossBorderAttribution(actorCountries: found, incidentCountry: country, across: across)
    }
}
