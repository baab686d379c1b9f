import FrontierBase

/// Whole counts per region × window kept in flat arrays indexed by the two small integers, for the cells
/// without a distance band or split value: what nearly every count adds to. A dictionary lookup per incident
/// (hashing a four-field key) was the aggregation's largest cost; an index is two multiplies.
///
/// The arrays cover the regions and windows met so far and grow to take more, up to `maxCells`; a cell that
/// would take them past it is refused (`add` returns false: the caller keeps it elsewhere) and from then on
/// the layout is frozen, so a cell is kept here or elsewhere for good, never in both.
struct DenseCounts {
    /// The most cells held (24 bytes each: 24 MB). Daily windows over decades of a thousand regions go past
    /// it; their later cells go to the caller's dictionary.
    static let maxCells = 1 << 20

    /// One cell's counts side by side, so an add touches one cache line (three arrays cost three misses).
    private struct Cell {
        var events = 0
        var fatalities = 0
        var used = false
    }

    /// Region slots: region + 1 (the unmatched row, region -1, is slot 0).
    private var regionSlots = 0
    /// The first window held and how many.
    private var firstWindow = 0
    private var windowCount = 0
    private var cells: [Cell] = []
    private var frozen = false

    /// Adds whole counts to the cell; false when the cell is not held here (the caller keeps it).
    /// - Throws: `FrontierError.invalid` when the cell's total would pass a 64-bit count (`Counts.sum`).
    mutating func add(region: Int32, window: Int32, events e: Int, fatalities f: Int) throws -> Bool {
        let slot = Int(region) + 1, w = Int(window)
        if slot < 0 { return false }
        if slot >= regionSlots || w < firstWindow || w >= firstWindow + windowCount {
            guard !frozen, grow(toHold: slot, w) else { return false }
        }
        let i = (w - firstWindow) * regionSlots + slot
        // Both checked before either changes, as `Counts.add` does, by its one checked sum.
        let events = try Aggregation.Counts.sum(cells[i].events, e, of: "incidents")
        let fatalities = try Aggregation.Counts.sum(cells[i].fatalities, f, of: "fatalities")
        cells[i] = Cell(events: events, fatalities: fatalities, used: true)
        return true
    }

    /// The cells held, with their counts.
    func forEach(_ body: (_ region: Int32, _ window: Int32, _ events: Int, _ fatalities: Int) -> Void) {
        for i in cells.indices where cells[i].used {
            body(Int32(i % regionSlots) - 1, Int32(firstWindow + i / regionSlots), cells[i].events, cells[i].fatalities)
        }
    }

    /// Widens the layout to hold the slot and window (regions to a power of two, windows by doubling),
    /// moving the cells held; false, and frozen from now on, when that would pass `maxCells`.
    private mutating func grow(toHold slot: Int, _ w: Int) -> Bool {
        var slots = max(regionSlots, 64)
        while slots <= slot { slots *= 2 }
        var first = windowCount == 0 ? w : firstWindow
        var count = max(windowCount, 64)
        if w < first {
            let need = firstWindow + windowCount - w
            while count < need { count *= 2 }
            first = firstWindow + windowCount - count
        } else {
            while w >= first + count { count *= 2 }
        }
        let (needed, overflow) = slots.multipliedReportingOverflow(by: count)
        guard !overflow, needed <= DenseCounts.maxCells else {
            frozen = true
            return false
        }
        var moved = [Cell](repeating: Cell(), count: needed)
        for i in cells.indices where cells[i].used {
            moved[(firstWindow + i / regionSlots - first) * slots + i % regionSlots] = cells[i]
        }
        (cells, regionSlots, firstWindow, windowCount) = (moved, slots, first, count)
        return true
    }
}
