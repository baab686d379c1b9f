/// What `near --attribution` reads of each row: its actors' countries (ACLED's actor1, assoc_actor_1,
/// actor2, assoc_actor_2; UCDP's side_a and side_b, or their Gleditsch–Ward codes gwnoa and gwnob when
/// given), and whether one of them is from across the asked border (`CrossBorderAttribution`).
struct NearAttribution {
    /// The appended columns.
    static let columns = ["actor_country", "cross_border"]

    private let countries: ActorCountries
    /// Each actor's name column and, for UCDP's sides, its code column: first side first.
    private let actors: [(name: Int?, gw: Int?)]
    /// The border's two countries; nil around a region (then any other country is across).
    private let border: Set<String>?

    init(columns: [String], border: BorderLine?, geodata: GeoDataChoice) throws {
        countries = try ActorCountries.bundled(geodata.location())
        func at(_ name: String) -> Int? { IncidentFields.column(name, in: columns) }
        actors = [(at("actor1"), nil), (at("side_a"), at("gwnoa")), (at("assoc_actor_1"), nil),
                  (at("actor2"), nil), (at("side_b"), at("gwnob")), (at("assoc_actor_2"), nil)]
            .filter { $0.0 != nil || $0.1 != nil }
        self.border = border.map { [$0.countryA, $0.countryB] }
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
