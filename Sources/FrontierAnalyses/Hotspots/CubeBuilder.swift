import Geo
import FrontierBase
import FrontierPlaces

/// The incidents of a scan as a space-time cube needs them: each incident's amount added to its location's
/// bin in its window, then made into the cube over the locations that hold incidents: what the emerging hot
/// spot analysis reads, and what a map shaded by hot spot pattern draws.
///
/// Held as one sum per location and window, not per incident: memory follows the bins that occur (places ×
/// windows), not the rows read (16 bytes a row made 5M rows 150 MB). Amounts are whole numbers (incidents,
/// fatalities), which Double sums exactly in any order up to 2^53, so the bins are the same as adding
/// incident by incident.
public struct CubeBuilder: Sendable {
    private typealias Bin = CubeBins.Bin

    /// A bin's place in the cube, for joining bins a renumbering puts in one place.
    private struct Key: Hashable {
        var location: Int32
        var window: Int32
    }

    /// The windows the bins are counted in.
    public let window: TimeWindow
    /// Keyed by the location as numbered when added: a renumbering is applied as the bins are read.
    private var bins = CubeBins()
    /// The locations' new numbers (`renumber`), nil while they keep the numbers they were added with.
    private var renumbering: PlaceRenumbering?
    /// The first and last day added.
    private var firstDay: Int?
    private var lastDay: Int?

    /// An empty builder whose bins are `window`s.
    public init(window: TimeWindow) {
        self.window = window
    }

    /// The largest total the cube's Double bins add up exactly: 2^53.
    public static let maxExactTotal = 9_007_199_254_740_992.0

    /// No incident added.
    public var isEmpty: Bool { bins.isEmpty }

    /// Adds one incident's amount to its location (a region's index, or a cell's number) in the window of `day`.
    public mutating func add(location: Int, day: Int, amount: Double) {
        add(location: location, days: day...day, amount: amount, incidents: 1)
    }

    /// Adds incidents of one location counted elsewhere (another part of the input), whose days, from
    /// `days.lowerBound` to `days.upperBound`, lie in one window, with their amount.
    /// - Precondition: not renumbered yet (a location is added under the numbering of the scan).
    public mutating func add(location: Int, days: ClosedRange<Int>, amount: Double, incidents: Int = 0) {
        precondition(renumbering == nil, "CubeBuilder.add after renumber")
        let ordinal = Int32(truncatingIfNeeded: window.ordinal(of: CivilDate(daysSinceEpoch: days.lowerBound)))
        bins.update(location: Int32(location), window: ordinal) {
            $0.add(amount, incidents: incidents, days: Int32(truncatingIfNeeded: days.lowerBound)...Int32(truncatingIfNeeded: days.upperBound))
        }
        if firstDay.map({ days.lowerBound < $0 }) ?? true { firstDay = days.lowerBound }
        if lastDay.map({ days.upperBound > $0 }) ?? true { lastDay = days.upperBound }
    }

    /// The incidents added, per location and window: how many, their amount, their first and last day.
    public var cells: [(location: Int, window: Int, incidents: Int, amount: Double, days: ClosedRange<Int>)] {
        guard let renumbering else {
            var all: [(location: Int, window: Int, incidents: Int, amount: Double, days: ClosedRange<Int>)] = []
            all.reserveCapacity(bins.count)
            bins.forEach { all.append((Int($0), Int($1), $2.incidents, $2.amount, Int($2.firstDay)...Int($2.lastDay))) }
            return all
        }
        // A caller's renumbering may join locations: their bins are added together.
        var joined: [Key: Bin] = [:]
        joined.reserveCapacity(bins.count)
        bins.forEach { location, window, bin in
            joined[Key(location: renumbering.renumbered(location), window: window), default: Bin()]
                .add(bin.amount, incidents: bin.incidents, days: bin.firstDay...bin.lastDay)
        }
        return joined.map { (Int($0.key.location), Int($0.key.window), $0.value.incidents, $0.value.amount, Int($0.value.firstDay)...Int($0.value.lastDay)) }
    }

    /// Locations renumbered (cells numbered as met, made into regions in id order). Noted, not applied: the
    /// bins are read through it. Moving them into a new table held two tables of every bin at once, a
    /// third of a 5M-row `hotspots`' memory.
    public mutating func renumber(_ renumbering: PlaceRenumbering) {
        self.renumbering = self.renumbering.map { earlier in PlaceRenumbering(earlier.newNumbers.map(renumbering.renumbered)) } ?? renumbering
    }

    /// The number location `location` (as added) goes by now.
    private func current(_ location: Int32) -> Int {
        Int(renumbering?.renumbered(location) ?? location)
    }

    /// The cube over the locations that hold incidents (in their numbering's order) and the windows from
    /// `from` (or the first day) to `to` (or the last); nil without incidents. `centre` gives a location's
    /// centre for the neighbourhoods.
    public func cube(from: CivilDate?, to: CivilDate?, centre: (Int) throws -> Coordinate) throws
        -> (cube: SpaceTimeCube, locations: [Int], first: Int)? {
        guard let firstDay = from?.daysSinceEpoch ?? firstDay, let lastDay = to?.daysSinceEpoch ?? lastDay else { return nil }
        let first = window.ordinal(of: CivilDate(daysSinceEpoch: firstDay)), last = window.ordinal(of: CivilDate(daysSinceEpoch: lastDay))
        let steps = max(1, last - first + 1)
        // Gathered bin by bin: a set made from every bin's location at once sized itself, and an array, for all
        // the bins (20 MB at 5M rows), though a few thousand places hold them.
        var held = Set<Int>()
        bins.forEach { location, _, _ in held.insert(current(location)) }
        let locations = held.sorted()
        let (count, overflow) = locations.count.multipliedReportingOverflow(by: steps)
        if overflow || count > EmergingHotSpots.maxBins {
            throw FrontierError.tooLarge(what: "a cube of \(locations.count) locations × \(steps) windows", count: overflow ? Int.max : count, limit: EmergingHotSpots.maxBins)
        }
        // A bin's Double sum is exact (and converts back to a whole number) while the whole is at most 2^53.
        var total = 0.0
        bins.forEach { total += $2.amount }
        if !(total <= Self.maxExactTotal) {
            throw FrontierError.invalid(file: "", reason: "the amounts counted add up to \(NumberFormat.shortest(total)), more than \(Int(Self.maxExactTotal)), the most a space-time cube holds exactly")
        }
        let position = Dictionary(uniqueKeysWithValues: locations.enumerated().map { ($1, $0) })
        var cube = SpaceTimeCube(centres: try locations.map(centre), steps: steps)
        bins.forEach { location, window, bin in
            guard let i = position[current(location)] else { return }
            let t = Int(window) - first
            if t >= 0 && t < steps { cube.add(bin.amount, location: i, step: t) }
        }
        return (cube, locations, first)
    }
}
