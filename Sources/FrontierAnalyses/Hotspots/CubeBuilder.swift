import Geo
import FrontierBase
import FrontierPlaces

/// The incidents of a scan as a space-time cube needs them (a location per incident, its day and amount),
/// collected in input order, then made into the cube over the locations that hold incidents: what
/// the emerging hot spot analysis reads, and what a map shaded by hot spot pattern draws.
public struct CubeBuilder: Sendable {
    private var located: [Int32] = []
    private var days: [Int32] = []
    private var amounts: [Double] = []

    public init() {}

    /// The largest total the cube's Double bins add up exactly: 2^53.
    public static let maxExactTotal = 9_007_199_254_740_992.0

    public var isEmpty: Bool { located.isEmpty }

    public mutating func add(location: Int, day: Int, amount: Double) {
        located.append(Int32(location))
        days.append(Int32(day))
        amounts.append(amount)
    }

    /// Adds incidents of one location counted elsewhere (another part of the input), whose days, from
    /// `days.lowerBound` to `days.upperBound`, lie in one window: their whole amount on the first day, and
    /// nothing on the last, which keeps the period the cube spans what the incidents' own days make it.
    public mutating func add(location: Int, days: ClosedRange<Int>, amount: Double) {
        add(location: location, day: days.lowerBound, amount: amount)
        if days.upperBound != days.lowerBound { add(location: location, day: days.upperBound, amount: 0) }
    }

    /// The incidents added, per location and window: how many, their amount, their first and last day.
    public func cells(window: TimeWindow) -> [(location: Int, window: Int, incidents: Int, amount: Double, days: ClosedRange<Int>)] {
        struct Key: Hashable { var location: Int32, window: Int }
        var sums: [Key: (incidents: Int, amount: Double, first: Int, last: Int)] = [:]
        for k in located.indices {
            let day = Int(days[k])
            let key = Key(location: located[k], window: window.ordinal(of: CivilDate(daysSinceEpoch: day)))
            let sum = sums[key] ?? (0, 0, day, day)
            sums[key] = (sum.incidents + 1, sum.amount + amounts[k], min(sum.first, day), max(sum.last, day))
        }
        return sums.map { (Int($0.key.location), $0.key.window, $0.value.incidents, $0.value.amount, $0.value.first...$0.value.last) }
    }

    /// Locations renumbered (cells numbered as met, made into regions in id order).
    public mutating func renumber(_ renumbering: PlaceRenumbering) {
        located = located.map(renumbering.renumbered)
    }

    /// The cube over the locations that hold incidents (in their numbering's order) and the windows from
    /// `from` (or the first day) to `to` (or the last); nil without incidents. `centre` gives a location's
    /// centre for the neighbourhoods.
    public func cube(window: TimeWindow, from: CivilDate?, to: CivilDate?, centre: (Int) throws -> Coordinate) throws
        -> (cube: SpaceTimeCube, locations: [Int], first: Int)? {
        guard let firstDay = from?.daysSinceEpoch ?? days.min().map(Int.init),
              let lastDay = to?.daysSinceEpoch ?? days.max().map(Int.init) else { return nil }
        let first = window.ordinal(of: CivilDate(daysSinceEpoch: firstDay)), last = window.ordinal(of: CivilDate(daysSinceEpoch: lastDay))
        let steps = max(1, last - first + 1)
        let locations = Array(Set(located)).sorted().map(Int.init)
        let (bins, overflow) = locations.count.multipliedReportingOverflow(by: steps)
        if overflow || bins > EmergingHotSpots.maxBins {
            throw FrontierError.tooLarge(what: "a cube of \(locations.count) locations × \(steps) windows", count: overflow ? Int.max : bins, limit: EmergingHotSpots.maxBins)
        }
        // A bin's Double sum is exact (and converts back to a whole number) while the whole is at most 2^53.
        let total = amounts.reduce(0, +)
        if !(total <= Self.maxExactTotal) {
            throw FrontierError.invalid(file: "", reason: "the amounts counted add up to \(NumberFormat.shortest(total)), more than \(Int(Self.maxExactTotal)), the most a space-time cube holds exactly")
        }
        let position = Dictionary(uniqueKeysWithValues: locations.enumerated().map { ($1, $0) })
        var cube = SpaceTimeCube(centres: try locations.map(centre), steps: steps)
        for k in days.indices {
            guard let i = position[Int(located[k])] else { continue }
            let t = window.ordinal(of: CivilDate(daysSinceEpoch: Int(days[k]))) - first
            if t >= 0 && t < steps { cube.add(amounts[k], location: i, step: t) }
        }
        return (cube, locations, first)
    }
}
