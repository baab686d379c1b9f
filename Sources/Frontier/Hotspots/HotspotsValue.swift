/// What a hot-spot cube holds per location and window.
public enum HotspotsValue: String, Sendable, Equatable {
    /// The number of incidents.
    case events
    /// Their fatalities, added up.
    case fatalities

    /// How much one incident adds to its bin.
    func amount(_ incident: Incident) -> Double {
        self == .fatalities ? Double(incident.fatalities) : 1
    }
}
