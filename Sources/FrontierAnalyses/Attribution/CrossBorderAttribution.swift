/// Whether an incident was carried out from across a border: an actor of the country on the other side of
/// the asked border from where the incident lies ("launched from" AFG, "landed in" TJK).
public struct CrossBorderAttribution: Sendable, Equatable {
    /// The attributed actor's country: the country across the border when an actor is from there, else the
    /// first actor's country that the names give; empty when no actor names a country.
    public var actorCountry: String
    /// Whether an actor's country is across the border from the incident's.
    public var crossBorder: Bool

    /// - Parameters:
    ///   - actorCountries: the countries of the incident's actors, in the source's order (actor1 first).
    ///   - incidentCountry: the country the incident lies in (empty when unknown: then nothing is across
    ///     from it, and no actor is cross-border).
    ///   - across: the countries across the asked border from it (for a border A-B and an incident in A, B).
    public init(actorCountries: [String], incidentCountry: String, across: Set<String>) {
        if !incidentCountry.isEmpty, let foreign = actorCountries.first(where: { across.contains($0) && $0 != incidentCountry }) {
            actorCountry = foreign
            crossBorder = true
        } else {
            actorCountry = actorCountries.first ?? ""
            crossBorder = false
        }
    }
}
