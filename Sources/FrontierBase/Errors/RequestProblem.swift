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
    /// No country with the ISO3 code `code`: in the regions named `regions` (their countries, `known`), or,
    /// when `regions` is nil, among the bundled countries.
    case unknownCountry(code: String, regions: String?, known: [String])
    /// A listing of a grid's cells without a country: the grid covers the world, so a country bounds it.
    case gridNeedsCountry(grid: String)
    /// A listing of a grid's cells along a border line: cells are listed by the country holding their centre.
    case gridAlongBorder(grid: String)
    /// A listing of `area`'s cells of grid `grid` would hold `count` of them (`Int.max`: more than an `Int`
    /// counts), more than `limit`.
    case tooManyCells(area: String, grid: String, count: Int, limit: Int)
    /// A region the regions in use do not hold.
    case noRegion(id: String)
    /// Ordering by change without the comparison with the window before.
    case changeOrderWithoutComparison
    /// A comparison with the window before where windows have none (one window over all the data).
    case comparisonWithoutWindows
    /// A row limit below one.
    case rowLimit(Int)
    /// Allowing a mass delete without a sync, which alone deletes.
    case massDeleteWithoutSync
    /// An import whose input is a store or a database table, not an export.
    case importFromStore
    /// An input column chosen twice (under two spellings).
    case columnNamedTwice(String)
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
    /// A question over a series of windows (hot spots) asked with one window over all the data.
    case windowSeriesNeeded
    /// A neighbourhood distance of zero (or less).
    case distanceNotPositive
    /// A significance level other than the three the bins report: 0.10, 0.05, 0.01.
    case significanceLevel(Double)
    /// An alert threshold out of range: a ratio or a number of standard deviations not in (0, 1000], a
    /// minimum average not in [0, 10^6], or a volatile week's minimum events not in 0…10^6 (the value given).
    case alertThreshold(AlertThreshold, Double)
    // Comparing windows and reading date ranges (issue 27, items 6, 7 and 9).
    /// A comparison with the year before over N-day windows, N not dividing 365: no window starts a year before.
    case yearComparisonOfDays(Int)
    /// Incidents spread over the days of their range where the answer counts whole incidents (hot spots' bins,
    /// a map's classes): the question named.
    case spreadNeedsFractions(question: String)
    /// Matching two sources with a distance not above 0 (metres), fewer than 0 days or a least score outside 0…1.
    case matchWindow(metres: Double, days: Int, minScore: Double)

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
        case .unknownCountry(let code, let regions?, let known):
            return "no regions of country '\(e(code))' in \(e(regions)); countries present: \(known.map(e).joined(separator: ", "))"
        case .unknownCountry(let code, nil, let known):
            return "no country '\(e(code))' in the bundled data; countries: \(known.map(e).joined(separator: ", "))"
        case .gridNeedsCountry:
            return "a grid has cells everywhere: name a country (an ISO3 code, e.g. AFG)"
        case .gridAlongBorder:
            return "a grid's cells are listed by country, not along a border line"
        case .tooManyCells(let area, let grid, let count, let limit):
            return "\(e(area)) spans \(count == .max ? "too many" : "\(count)") \(e(grid)) cells; at most \(limit) are listed: use larger cells"
        case .noRegion(let id):
            return "no region \(e(id))"
        case .changeOrderWithoutComparison:
            return "ordering by change needs the comparison with the window before"
        case .comparisonWithoutWindows:
            return "one window over all the data has no window before it to compare with"
        case .rowLimit(let n):
            return "a row limit is a whole number ≥ 1: \(n)"
        case .massDeleteWithoutSync:
            return "allowing a mass delete goes with a sync"
        case .importFromStore:
            return "an import reads CSV or GeoJSON, not another store"
        case .columnNamedTwice(let column):
            return "the column \(e(column)) is chosen twice: name each column once"
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
        case .windowSeriesNeeded:
            return "hot spots need a series of windows: one window over all the data has one"
        case .distanceNotPositive:
            return "the neighbourhood distance must be more than 0"
        case .significanceLevel(let alpha):
            return "the significance level is 0.10, 0.05 or 0.01 (the levels the bins report), not \(alpha)"
        case .alertThreshold(.minimumAverage, let value):
            return "the minimum average must be 0 or more (got \(value))"
        case .alertThreshold(.volatileMinimumEvents, let value):
            return "the minimum events of a volatile week must be a whole number from 0 to 1000000 (got \(Int(value)))"
        case .alertThreshold(let threshold, let value):
            return "the \(threshold.rawValue) must be a number above 0 and at most 1000 (got \(value))"
        case .yearComparisonOfDays(let n):
            return "\(n)-day windows do not tile a year, so none starts a year before another: compare with the year before "
                + "over days, weeks, months, quarters, years or N-day windows with N dividing 365 (1, 5, 73, 365)"
        case .spreadNeedsFractions(let question):
            return "\(e(question)) count whole incidents: an incident spread over the days of its range needs fractional counts; "
                + "count it by its first day or leave out those whose range spans windows"
        case .matchWindow(let metres, let days, let minScore):
            return "matching needs a distance above 0, 0 or more days apart and a least score from 0 to 1 "
                + "(got \(metres) m, \(days) days, a least score of \(minScore))"
        }
    }
}
