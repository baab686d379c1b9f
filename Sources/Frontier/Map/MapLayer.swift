/// What shades a map's regions (or cells): how many incidents each holds, or its Emerging Hot Spot pattern.
public enum MapLayer: Sendable, Equatable {
    /// Regions shaded by their count of incidents.
    case incidents
    /// Regions or cells shaded by their Emerging Hot Spot pattern over the request's windows, as the hot spot
    /// analysis finds it: neighbours are the places whose centres lie within `distance` (geodesic), and the
    /// `timeLag` windows before each window count with it (0 to 100).
    case hotspots(distance: Distance, timeLag: Int)
}
