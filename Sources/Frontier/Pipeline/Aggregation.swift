/// Counts incidents and fatalities per region × window (× split value): the aggregation hot path.
///
/// Memory is proportional to the cells that occur (regions × windows × split values), never to incidents.
public struct Aggregation {
    public struct Key: Hashable, Sendable {
        /// Region index in the RegionSet (regions are sorted by id); -1 for unmatched incidents.
        public var region: Int32
        public var window: Int32
        /// Index into `splitValues`; 0 when not splitting.
        public var split: Int32
    }

    public struct Counts: Sendable, Equatable {
        public var events = 0
        public var fatalities = 0
        public init(events: Int = 0, fatalities: Int = 0) {
            self.events = events
            self.fatalities = fatalities
        }
    }

    public let window: TimeWindow
    public private(set) var cells: [Key: Counts] = [:]
    /// Distinct values of the --split field, in first-seen order (index = Key.split).
    public private(set) var splitValues: [String] = []
    private var splitIndex: [String: Int32] = [:]

    public init(window: TimeWindow) {
        self.window = window
    }

    public mutating func add(region: Int?, date: CivilDate, fatalities: Int, split: String? = nil) {
        var s: Int32 = 0
        if let split {
            if let i = splitIndex[split] { s = i } else {
                s = Int32(splitValues.count)
                splitIndex[split] = s
                splitValues.append(split)
            }
        }
        let key = Key(region: Int32(region ?? -1), window: Int32(window.ordinal(of: date)), split: s)
        cells[key, default: Counts()].events += 1
        cells[key, default: Counts()].fatalities += fatalities
    }

    public struct Row: Equatable, Sendable {
        public var region: Int?
        public var window: Int
        public var split: String?
        public var counts: Counts
    }

    /// Rows sorted by region (id order, unmatched first), window, split value. With `fillRegions`, every
    /// listed region gets every window from the first to the last seen, zero rows included.
    /// The most rows a filled table may have: dates centuries apart would otherwise fill memory.
    public static let maxFilledRows = 5_000_000

    public func rows(fillRegions: [Int]? = nil, includeUnmatched: Bool = false) throws -> [Row] {
        var result: [Row] = []
        let splitting = !splitValues.isEmpty
        for (key, counts) in cells where key.region >= 0 || includeUnmatched {
            result.append(Row(region: key.region >= 0 ? Int(key.region) : nil, window: Int(key.window),
                              split: splitting ? splitValues[Int(key.split)] : nil, counts: counts))
        }
        if let fillRegions, let first = cells.keys.map(\.window).min(), let last = cells.keys.map(\.window).max() {
            struct Cell: Hashable { var region: Int?, window: Int, split: String? }
            let present = Set(result.map { Cell(region: $0.region, window: $0.window, split: $0.split) })
            let splits: [String?] = splitting ? splitValues.map { $0 } : [nil]
            let span = Int(last) - Int(first) + 1
            let (windows, overflow) = span.multipliedReportingOverflow(by: max(1, fillRegions.count * splits.count))
            if overflow || windows > Self.maxFilledRows {
                throw FrontierError.tooLarge(what: "a filled table of \(fillRegions.count) regions × \(span) windows"
                                             + (splitting ? " × \(splits.count) values" : ""),
                                             count: overflow ? Int.max : windows, limit: Self.maxFilledRows)
            }
            for r in fillRegions {
                for w in first...last {
                    for s in splits where !present.contains(Cell(region: r, window: Int(w), split: s)) {
                        result.append(Row(region: r, window: Int(w), split: s, counts: Counts()))
                    }
                }
            }
        }
        result.sort { a, b in
            let ra = a.region ?? -1, rb = b.region ?? -1
            if ra != rb { return ra < rb }
            if a.window != b.window { return a.window < b.window }
            return (a.split ?? "") < (b.split ?? "")
        }
        return result
    }
}
