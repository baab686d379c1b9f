import Frontier

/// The keyword a request's problem is about, as the C ABI's callers name options (snake_case): so an error
/// such as a significance level out of range names `alpha`, as the command line names `--alpha`.
enum ProblemKeyword {
    /// - Parameter question: the question asked (a country unknown to `regions` is its `country`, to the
    ///   others their `side`).
    static func keyword(_ problem: RequestProblem, question: String) -> String? {
        switch problem {
        case .gridNotRegions, .tooManyCells: return "regions"
        case .regionsChosenWithGrid, .noRegion, .regionsNamedWithGrid: return "region"
        case .sideNotOnBorder: return "side"
        case .anyCountryAroundRegion: return "any_country"
        case .unknownCountry: return question == "regions" ? "country" : "side"
        case .gridNeedsCountry: return "country"
        case .gridAlongBorder: return "border"
        case .changeOrderWithoutComparison: return "sort"
        case .comparisonWithoutWindows, .yearComparisonOfDays: return "compare"
        case .rowLimit: return "top"
        case .massDeleteWithoutSync: return "allow_mass_delete"
        case .importFromStore: return "input"
        case .columnNamedTwice: return "columns"
        case .seriesWithoutWindows, .windowSeriesNeeded: return "window"
        case .classCount: return "classes"
        case .timeLag: return "time_lag"
        case .severalZoneDistances, .zoneTooFarToDraw: return "within"
        case .tooManyPoints: return "style"
        case .distanceNotPositive: return "distance"
        case .significanceLevel: return "alpha"
        case .spreadNeedsFractions: return "date_precision"
        case .matchWindow: return "within"
        case .alertThreshold(let threshold, _):
            switch threshold {
            case .surgeRatio: return "surge_ratio"
            case .risingRatio: return "rising_ratio"
            case .volatilitySD: return "volatility_sd"
            case .minimumAverage: return "min_average"
            case .volatileMinimumEvents: return "volatile_min_events"
            }
        }
    }
}
