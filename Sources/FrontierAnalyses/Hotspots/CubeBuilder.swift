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
