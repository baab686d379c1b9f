/// What a synthetic incident says: ACLED's six event types, their sub-event types, generic actor roles and
/// fatality laws. Weights are rough shares in the style of ACLED data for Afghanistan and its neighbours,
/// not figures taken from any dataset. Actors are generic ACLED-style names (no person, no named group).
enum SynthVocabulary {
    /// Generic actor roles; `name(in:)` spells them as ACLED does for a country.
    enum Role: Int, CaseIterable {
        case military, police, borderGuards, armedGroup, militia, civilians, protesters, rioters

        func name(in country: String) -> String {
            switch self {
            case .military: return "Military Forces of \(country)"
            case .police: return "Police Forces of \(country)"
            case .borderGuards: return "Border Guards of \(country)"
            case .armedGroup: return "Unidentified Armed Group (\(country))"
            case .militia: return "Unidentified Communal Militia (\(country))"
            case .civilians: return "Civilians (\(country))"
            case .protesters: return "Protesters (\(country))"
            case .rioters: return "Rioters (\(country))"
            }
        }
    }

    /// Where the actor comes from: the country the incident lies in, or the one across the border line
    /// the incident was drawn near (the same country for incidents drawn away from the border).
    enum Side { case here, across }

    /// One weighted possibility for an actor column; `role == nil` leaves the column empty.
    struct ActorChoice {
        let role: Role?
        let side: Side
        let weight: Double
    }

    struct SubEvent {
        let name: String
        let weight: Double
        let actor1: [ActorChoice]
        let actor2: [ActorChoice]
        /// Probability that the incident killed anyone.
        let fatalShare: Double
        /// Tail index of the fatalities of a fatal incident: ⌊U^(-1/α)⌋, a discrete Pareto law from 1 up
        /// (smaller α, heavier tail).
        let tail: Double
    }

    struct EventType {
        let name: String
        /// Weight near Afghanistan's borders and away from them.
        let borderWeight: Double
        let backgroundWeight: Double
        let subEvents: [SubEvent]
    }

    private static func a(_ role: Role?, _ side: Side = .here, _ weight: Double = 1) -> ActorChoice {
        ActorChoice(role: role, side: side, weight: weight)
    }

    private static let stateForces = [a(.military, .here, 0.6), a(.police, .here, 0.25), a(.borderGuards, .here, 0.15)]
    private static let armedGroups = [a(.armedGroup, .across, 0.5), a(.armedGroup, .here, 0.35), a(.militia, .here, 0.15)]
    private static let civilianTargets = [a(.civilians, .here, 0.6), a(.police, .here, 0.25), a(.military, .here, 0.15)]

    static let eventTypes: [EventType] = [
        EventType(name: "Battles", borderWeight: 30, backgroundWeight: 12, subEvents: [
            SubEvent(name: "Armed clash", weight: 90, actor1: stateForces, actor2: armedGroups, fatalShare: 0.55, tail: 1.0),
            SubEvent(name: "Government regains territory", weight: 6, actor1: stateForces, actor2: armedGroups, fatalShare: 0.5, tail: 1.0),
            SubEvent(name: "Non-state actor overtakes territory", weight: 4,
                     actor1: [a(.armedGroup, .here, 0.7), a(.armedGroup, .across, 0.3)], actor2: stateForces, fatalShare: 0.5, tail: 1.0),
        ]),
        EventType(name: "Explosions/Remote violence", borderWeight: 22, backgroundWeight: 10, subEvents: [
            SubEvent(name: "Air/drone strike", weight: 28,
                     actor1: [a(.military, .here, 0.6), a(.military, .across, 0.25), a(.armedGroup, .across, 0.15)],
                     actor2: [a(.armedGroup, .here, 0.5), a(.civilians, .here, 0.5)], fatalShare: 0.55, tail: 0.9),
            SubEvent(name: "Shelling/artillery/missile attack", weight: 30,
                     actor1: [a(.military, .here, 0.5), a(.military, .across, 0.3), a(.armedGroup, .here, 0.2)],
                     actor2: [a(.civilians, .here, 0.5), a(.military, .here, 0.3), a(nil, .here, 0.2)], fatalShare: 0.35, tail: 1.1),
            SubEvent(name: "Remote explosive/landmine/IED", weight: 32,
                     actor1: [a(.armedGroup, .here, 0.85), a(.armedGroup, .across, 0.15)], actor2: civilianTargets, fatalShare: 0.45, tail: 1.1),
            SubEvent(name: "Suicide bomb", weight: 3, actor1: [a(.armedGroup)], actor2: civilianTargets, fatalShare: 0.85, tail: 0.7),
            SubEvent(name: "Grenade", weight: 7, actor1: [a(.armedGroup)], actor2: civilianTargets, fatalShare: 0.3, tail: 1.5),
        ]),
        EventType(name: "Violence against civilians", borderWeight: 16, backgroundWeight: 12, subEvents: [
            SubEvent(name: "Attack", weight: 80,
                     actor1: [a(.armedGroup, .here, 0.55), a(.armedGroup, .across, 0.1), a(.militia, .here, 0.15), a(.police, .here, 0.2)],
                     actor2: [a(.civilians)], fatalShare: 0.6, tail: 1.3),
            SubEvent(name: "Abduction/forced disappearance", weight: 17,
                     actor1: [a(.armedGroup, .here, 0.6), a(.police, .here, 0.4)], actor2: [a(.civilians)], fatalShare: 0.03, tail: 2),
            SubEvent(name: "Sexual violence", weight: 3, actor1: [a(.armedGroup, .here, 0.5), a(.militia, .here, 0.5)],
                     actor2: [a(.civilians)], fatalShare: 0.05, tail: 2),
        ]),
        EventType(name: "Protests", borderWeight: 14, backgroundWeight: 45, subEvents: [
            SubEvent(name: "Peaceful protest", weight: 90, actor1: [a(.protesters)], actor2: [a(nil)], fatalShare: 0.0005, tail: 3),
            SubEvent(name: "Protest with intervention", weight: 8, actor1: [a(.protesters)], actor2: [a(.police)], fatalShare: 0.01, tail: 3),
            SubEvent(name: "Excessive force against protesters", weight: 2, actor1: [a(.police, .here, 0.8), a(.military, .here, 0.2)],
                     actor2: [a(.protesters)], fatalShare: 0.3, tail: 1.5),
        ]),
        EventType(name: "Riots", borderWeight: 5, backgroundWeight: 9, subEvents: [
            SubEvent(name: "Violent demonstration", weight: 60, actor1: [a(.rioters)], actor2: [a(nil, .here, 0.6), a(.police, .here, 0.4)],
                     fatalShare: 0.05, tail: 2),
            SubEvent(name: "Mob violence", weight: 40, actor1: [a(.rioters)], actor2: [a(.civilians)], fatalShare: 0.15, tail: 2),
        ]),
        EventType(name: "Strategic developments", borderWeight: 13, backgroundWeight: 12, subEvents: [
            SubEvent(name: "Arrests", weight: 25, actor1: [a(.police, .here, 0.8), a(.borderGuards, .here, 0.2)],
                     actor2: [a(.civilians, .here, 0.6), a(.armedGroup, .here, 0.4)], fatalShare: 0, tail: 3),
            SubEvent(name: "Looting/property destruction", weight: 10, actor1: [a(.armedGroup, .here, 0.7), a(.militia, .here, 0.3)],
                     actor2: [a(.civilians)], fatalShare: 0, tail: 3),
            SubEvent(name: "Change to group/activity", weight: 20, actor1: [a(.armedGroup, .here, 0.6), a(.military, .here, 0.4)],
                     actor2: [a(nil)], fatalShare: 0, tail: 3),
            SubEvent(name: "Disrupted weapons use", weight: 25, actor1: [a(.military, .here, 0.5), a(.police, .here, 0.3), a(.borderGuards, .here, 0.2)],
                     actor2: [a(.armedGroup, .here, 0.7), a(.armedGroup, .across, 0.3)], fatalShare: 0.02, tail: 2),
            SubEvent(name: "Headquarters or base established", weight: 3, actor1: [a(.armedGroup)], actor2: [a(nil)], fatalShare: 0, tail: 3),
            SubEvent(name: "Agreement", weight: 7, actor1: [a(.military)], actor2: [a(.military, .across, 0.6), a(.armedGroup, .here, 0.4)],
                     fatalShare: 0, tail: 3),
            SubEvent(name: "Non-violent transfer of territory", weight: 2, actor1: [a(.armedGroup)], actor2: [a(.military)], fatalShare: 0, tail: 3),
            SubEvent(name: "Other", weight: 8, actor1: [a(.military, .here, 0.5), a(.police, .here, 0.5)], actor2: [a(nil)], fatalShare: 0.01, tail: 2),
        ]),
    ]
}
