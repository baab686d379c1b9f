/// Which rows a hot-spot answer gives as records.
public enum HotspotsRows: Sendable, Equatable {
    /// One per bin (location × window): its value, Gi* z and p, and significance bin.
    case bins
    /// One per location: its Emerging Hot Spot pattern, trend, and hot and cold windows.
    case summary
}
