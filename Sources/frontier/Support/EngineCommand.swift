import ArgumentParser
import Frontier

/// A subcommand whose engine errors become messages with the command line's hints: the engine names no
/// flags, so this is where "map yours with --lat-field" is added. Each command writes `execute()`, and
/// names every file it reads or writes in `files`, checked before `execute` runs.
protocol EngineCommand: ParsableCommand {
    /// Every file named on the command line, with its role (see `CommandFiles`).
    var files: CommandFiles { get }
    func execute() throws
}

extension EngineCommand {
    func run() throws {
        do {
            // The files first: --out naming the input is said as such, not as a format the name does not have.
            try files.check()
            try (self as? ChecksOutputName)?.checkOutputName()
            OutputFile.neutralisesFormulas = (self as? WritesCSV)?.csvSafety.csvSafe ?? false
            try execute()
            if let reads = self as? ReadsGeoData, reads.readsGeoData { Diagnostics.note(reads.geodata.sourceLine(regions: reads.sourceRegions)) }
        } catch let error as FrontierError {
            if case .strictRejection = error {
                Diagnostics.note("Error: \(error)")
                throw ExitCode(65)  // EX_DATAERR
            }
            if case .request(.columnNamedTwice) = error {
                Diagnostics.note("Error: \(Self.message(error))")
                throw ExitCode.validationFailure  // a usage error, found once the header is read
            }
            if let reads = self as? ReadsGeoData, let hint = reads.geodata.damagedFolderHint(for: error) {
                throw CLIError("\(Self.message(error)); \(hint)")
            }
            throw CLIError(Self.message(error))
        } catch let error as UsageError {
            Diagnostics.note("Error: \(error)")
            throw ExitCode.validationFailure  // EX_USAGE, 64
        }
    }

    static func message(_ error: FrontierError) -> String {
        switch error {
        case .missingColumns(_, let roles, _, _):
            let flags = roles.map { role -> String in
                switch role {
                case .id: return "--id-field"
                case .latitude: return "--lat-field"
                case .longitude: return "--lon-field"
                case .date: return "--date-field"
                case .fatalities: return "--fatalities-field"
                }
            }
            let more = roles.contains(.latitude) || roles.contains(.longitude)
                ? " (and --id-field, --date-field, --fatalities-field)" : ""
            return "\(error). Map yours with \(flags.joined(separator: "/"))\(more)"
        case .unknownColumn:
            return "\(error) (--where, --split and --columns name input columns)"
        case .badValue(let kind, _, _):
            let flag: String
            switch kind {
            case .distance: flag = "--within"
            case .window: flag = "--window"
            case .weekStart: flag = "--week-start"
            case .rowCount: flag = "--count"
            }
            return "\(flag): \(error)"
        case .layerNotChosen:
            return "\(error) Name it with --region-layer"
        case .missingKeyField, .emptyKeyField:
            return "\(error); choose the key with --region-key"
        case .geoDataNotFound, .notGeoData:
            return GeoDataOptions.hint(for: error) ?? "\(error)"
        case .massDelete(_, _, let keeping):
            return keeping == 0 ? "\(error) (the input holds no incidents)"
                : "\(error). If the export really dropped them, run again with --allow-mass-delete"
        case .notLonLat(_, _, let role):
            return "\(error): name it with " + (role == .regions ? "--regions-crs (e.g. EPSG:3857)" : "--crs (e.g. EPSG:32642)")
        case .tooLarge:
            return "\(error): narrow the dates with --from/--to or use a longer --window"
        case .tooMuchWork(_, _, _, .neighbourPairs):
            return "\(error): use a shorter --distance, or fewer locations (a coarser --regions grid, narrower --from/--to)"
        case .tooMuchWork(_, _, _, .neighbourhoodSums):
            return "\(error): use a shorter --distance, a smaller --time-lag, a longer --window or narrower --from/--to"
        case .noTable:
            return "\(error): create it with `frontier db init --db URL` or fill it with `frontier import FILE --db URL`"
        case .unknownServerRegion:
            return "\(error): run `frontier db init --db URL` again"
        case .notIncidentStore:
            return "\(error) (no incidents layer written by frontier import)"
        case .emptyStore:
            return "\(error): import some with frontier import"
        case .compactGeoData(_, _, let folder, let boundaries):
            return "\(error) with: frontier geodata compact --geodata \(ShellWord.quoted(folder))"
                + (boundaries == .default ? "" : " --boundaries \(boundaries.rawValue)")
        case .request(let problem):
            return message(problem)
        case .rendererUnavailable, .renderFailed:
            return "\(error) (--out x.png and x.pdf are rendered by it; --out x.html and x.svg need nothing more)"
        default:
            return error.description
        }
    }

    /// A request's problem in the command line's words: the flags that asked for it.
    static func message(_ problem: RequestProblem) -> String {
        let e = MessageText.escaped(_:) as (String) -> String
        switch problem {
        case .gridNotRegions(let grid):
            return "--regions \(e(grid)) is a grid: this command works with regions (admin1, admin0 or a file); join, aggregate, map, hotspots, trends and regions --country take cells"
        case .regionsChosenWithGrid(let grid):
            return "--region and --where on region columns name regions; with --regions \(e(grid)) every cell that holds incidents is counted"
        case .sideNotOnBorder(let side, let border, let countries):
            return "--side \(e(side)) is not one of \(e(border))'s countries (\(countries.map(e).joined(separator: ", ")))"
        case .anyCountryAroundRegion:
            return "--any-country applies to --border: a region's zone keeps every country already"
        case .changeOrderWithoutComparison:
            return "--sort change needs --compare previous"
        case .comparisonWithoutWindows:
            return "--window all has no window before it to compare with"
        case .rowLimit(let n):
            return "--top takes a whole number ≥ 1: \(n)"
        case .massDeleteWithoutSync:
            return "--allow-mass-delete goes with --sync"
        case .importFromStore:
            return "import reads CSV or GeoJSON, not another store"
        case .columnNamedTwice(let column):
            return "--columns names the column \(e(column)) twice: name each column once"
        case .gridNeedsCountry:
            return "a grid has cells everywhere: name a country with --country (e.g. --country AFG)"
        case .gridAlongBorder:
            return "--border lists regions along a line; with a grid, use --country"
        case .regionsNamedWithGrid(let grid):
            return "--region names regions; with --regions \(e(grid)) every cell that holds incidents is drawn"
        case .seriesWithoutWindows:
            return "a time series needs windows to follow each other: --window all is for aggregate"
        case .classCount(let n):
            return "--classes must be between 2 and 7 (got \(n))"
        case .timeLag(let n):
            return "--time-lag must be between 0 and 100 (got \(n))"
        case .severalZoneDistances:
            return "the map draws one zone: give --within one distance (near and aggregate take a list)"
        case .zoneTooFarToDraw(let distance, let limit):
            return "--within \(distance): a zone is drawn up to \(limit) from its line (farther, a polygon in lon/lat "
                + "cannot follow the distance); near and aggregate --near count incidents at any distance"
        case .tooManyPoints(let count, let limit):
            return "--style points draws at most \(limit) incidents (\(count) here): use --style bins or choropleth"
        case .windowSeriesNeeded:
            return "hot spots need a series of windows: --window all has one"
        case .distanceNotPositive:
            return "--distance must be more than 0"
        case .significanceLevel(let alpha):
            return "--alpha takes 0.10, 0.05 or 0.01 (the levels the bins report), not \(alpha)"
        case .alertThreshold(let threshold, let value):
            let flag = switch threshold {
            case .surgeRatio: "--surge-ratio"
            case .risingRatio: "--rising-ratio"
            case .volatilitySD: "--volatility-sd"
            case .minimumAverage: "--min-average"
            case .volatileMinimumEvents: "--volatile-min-events"
            }
            if threshold == .volatileMinimumEvents { return "\(flag) must be a whole number from 0 to 1000000 (got \(Int(value)))" }
            return threshold == .minimumAverage ? "\(flag) must be 0 or more (got \(value))"
                : "\(flag) must be a number above 0 and at most 1000 (got \(value))"
        case .unknownCountry, .noRegion, .tooManyCells:
            return problem.description
        case .yearComparisonOfDays(let n):
            return "--compare previous-year with --window \(n)d: \(n)-day windows do not tile a year, so none starts a year before another; "
                + "use day, week, month, quarter, year or Nd with N dividing 365 (1d, 5d, 73d, 365d)"
        case .spreadNeedsFractions(let question):
            return "--date-precision spread: \(e(question)) count whole incidents (aggregate spreads them in fractions); "
                + "use --date-precision start or exclude"
        case .matchWindow:
            return "--within must be more than 0, --days 0 or more and --min-score from 0 to 1"
        }
    }
}
