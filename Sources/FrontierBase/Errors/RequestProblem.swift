/// What is wrong with a request itself, before or while its input is read: each case says it in the engine's
/// terms (regions, cells, sides, windows); a command line adds the flag that mends it.
public enum RequestProblem: Sendable, Equatable {
    /// A grid where the question needs regions (a zone around a region, a region's neighbours).
    case gridNotRegions(grid: String)
    /// Regions were chosen (by name, or by a condition on a region column) while counting the cells of a grid.
    case regionsChosenWithGrid(grid: String)
    /// The side asked for is not one of the border's two countries.
    case sideNotOnBorder(side: String, border: String, countries: [String])
    /// Any country was asked for around a region, whose zone keeps every country already.
    case anyCountryAroundRegion
    /// A country code no bundled country has.
    case unknownCountry(code: String, known: [String])
    /// A region the regions in use do not hold.
    case noRegion(id: String)
    /// Ordering by change without the comparison with the window before.
    case changeOrderWithoutComparison
    /// A comparison with the window before where windows have none (one window over all the data).
    case comparisonWithoutWindows
    /// A row limit below one.
    case rowLimit(Int)
    /// A question over a series of windows (hot spots) asked with one window over all the data.
    case windowSeriesNeeded
    /// A neighbourhood distance of zero (or less).
    case distanceNotPositive
    /// A time lag (windows before a bin in its neighbourhood) outside 0...100.
    case timeLag(Int)
    /// A significance level other than the three the bins report: 0.10, 0.05, 0.01.
    case significanceLevel(Double)
    /// An alert threshold out of range: a ratio or a number of standard deviations not in (0, 1000], or a
    /// minimum average not in [0, 10^6] (the value given).
    case alertThreshold(AlertThreshold, Double)

    public var description: String {
        let e = MessageText.escaped(_:) as (String) -> String
        switch self {
        case .gridNotRegions(let grid):
            return "\(e(grid)) is a grid: this question works with regions (admin1, admin0 or a file)"
        case .regionsChosenWithGrid(let grid):
            return "regions were chosen, but with \(e(grid)) every cell that holds incidents is counted"
        case .sideNotOnBorder(let side, let border, let countries):
            return "\(e(side)) is not one of \(e(border))'s countries (\(countries.map(e).joined(separator: ", ")))"
        case .anyCountryAroundRegion:
            return "any country applies to a border: a region's zone keeps every country already"
        case .unknownCountry(let code, let known):
            return "no country '\(e(code))' in the bundled data; countries: \(known.map(e).joined(separator: ", "))"
        case .noRegion(let id):
            return "no region \(e(id))"
        case .changeOrderWithoutComparison:
            return "ordering by change needs the comparison with the window before"
        case .comparisonWithoutWindows:
            return "one window over all the data has no window before it to compare with"
        case .rowLimit(let n):
            return "a row limit is a whole number ≥ 1: \(n)"
        case .windowSeriesNeeded:
            return "hot spots need a series of windows: one window over all the data has one"
        case .distanceNotPositive:
            return "the neighbourhood distance must be more than 0"
        case .timeLag(let lag):
            return "the time lag must be between 0 and 100 windows (got \(lag))"
        case .significanceLevel(let alpha):
            return "the significance level is 0.10, 0.05 or 0.01 (the levels the bins report), not \(alpha)"
        case .alertThreshold(.minimumAverage, let value):
            return "the minimum average must be 0 or more (got \(value))"
        case .alertThreshold(let threshold, let value):
            return "the \(threshold.rawValue) must be a number above 0 and at most 1000 (got \(value))"
        }
    }
}
