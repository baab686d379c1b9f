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
    /// Regions were named while mapping the cells of a grid, where every cell that holds incidents is drawn.
    case regionsNamedWithGrid(grid: String)
    /// A time series asked over windows that do not follow one another (one window over all the data).
    case seriesWithoutWindows
    /// A number of shading classes outside 2 to 7.
    case classCount(Int)
    /// A time lag outside 0 to 100 windows.
    case timeLag(Int)
    /// Several distances where one zone is drawn.
    case severalZoneDistances
    /// A zone drawn farther from its line than `limit`, past which a polygon in lon/lat cannot follow the distance.
    case zoneTooFarToDraw(Distance, limit: Distance)
    /// More incidents than the points style draws (`limit`).
    case tooManyPoints(count: Int, limit: Int)

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
        case .regionsNamedWithGrid(let grid):
            return "regions were named, but with \(e(grid)) every cell that holds incidents is drawn"
        case .seriesWithoutWindows:
            return "a time series needs windows that follow each other, not one window over all the data"
        case .classCount(let n):
            return "the number of classes is from 2 to 7: \(n)"
        case .timeLag(let n):
            return "a time lag is from 0 to 100 windows: \(n)"
        case .severalZoneDistances:
            return "a map draws one zone: it takes one distance"
        case .zoneTooFarToDraw(let distance, let limit):
            return "\(e(distance.text)): a zone is drawn up to \(limit) from its line (farther, a polygon in lon/lat cannot follow the distance)"
        case .tooManyPoints(let count, let limit):
            return "the points style draws at most \(limit) incidents (\(count) here): draw them in cells or shade the regions"
        }
    }
}
