import FrontierBase

/// Whole counts per region × window kept in flat arrays indexed by the two small integers, for the cells
/// without a distance band or split value: what nearly every count adds to. A dictionary lookup per incident
/// (hashing a four-field key) was the aggregation's largest cost; an index is a multiply and an add.
///
/// Each region met gets a row, numbered as met, holding its windows side by side: the array covers only the
/// regions that occur (a hundred of Natural Earth's 4,600 admin-1 regions, say), not every index up to the
/// highest met, which made a 24 MB array whose every add missed the cache. The rows and windows grow to take
/// more, up to `maxCells`; a cell that would take them past it is refused (`add` returns false: the caller
/// keeps it elsewhere) and from then on the layout is frozen, so a cell is kept here or elsewhere for good,
/// never in both.
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

    /// Per region + 1 (the unmatched row, region -1, is 0): its row + 1; 0 for a region not met.
    private var rowOfRegion: [Int32] = []
    /// Per row: its region.
    private var regionOfRow: [Int32] = []
    /// The rows the layout holds (a power of two, at least the rows met).
    private var rowCapacity = 0
    /// The first window held and how many (each row's length).
    private var firstWindow = 0
    private var windowCount = 0
    private var cells: [Cell] = []
    private var frozen = false

    /// Adds whole counts to the cell; false when the cell is not held here (the caller keeps it).
    /// - Throws: `FrontierError.invalid` when the cell's total would pass a 64-bit count (`Counts.sum`).
    mutating func add(region: Int32, window: Int32, events e: Int, fatalities f: Int) throws -> Bool {
        let slot = Int(region) + 1, w = Int(window)
        // A region number past any set of regions (the row index is an array by region) is kept elsewhere.
        if slot < 0 || slot > DenseCounts.maxCells { return false }
        var row = slot < rowOfRegion.count ? Int(rowOfRegion[slot]) - 1 : -1
        if row < 0 || w < firstWindow || w >= firstWindow + windowCount {
            guard !frozen, let placed = place(slot, region: region, w, row: row) else { return false }
            row = placed
        }
        let i = row * windowCount + (w - firstWindow)
        // Both checked before either changes, as `Counts.add` does, by its one checked sum.
        let events = try Aggregation.Counts.sum(cells[i].events, e, of: "incidents")
        let fatalities = try Aggregation.Counts.sum(cells[i].fatalities, f, of: "fatalities")
        cells[i] = Cell(events: events, fatalities: fatalities, used: true)
        return true
    }

    /// The cells held, with their counts.
    /// - Throws: whatever `body` throws.
    func forEach(_ body: (_ region: Int32, _ window: Int32, _ events: Int, _ fatalities: Int) throws -> Void) rethrows {
        for (row, region) in regionOfRow.enumerated() {
            for j in 0..<windowCount where cells[row * windowCount + j].used {
                let cell = cells[row * windowCount + j]
                try body(region, Int32(firstWindow + j), cell.events, cell.fatalities)
            }
        }
    }

    /// Whether the cell of `region` and `window` holds counts here.
    func holds(region: Int32, window: Int32) -> Bool {
        let slot = Int(region) + 1, w = Int(window)
        guard slot >= 0, slot < rowOfRegion.count, rowOfRegion[slot] > 0, w >= firstWindow, w < firstWindow + windowCount else { return false }
        return cells[(Int(rowOfRegion[slot]) - 1) * windowCount + (w - firstWindow)].used
    }

    /// Gives the region a row if it has none (`row` -1) and widens the layout to hold the row and window
    /// (rows to a power of two, windows by doubling), moving the cells held; the region's row, or nil, and
    /// frozen from now on, when that would pass `maxCells`.
    private mutating func place(_ slot: Int, region: Int32, _ w: Int, row: Int) -> Int? {
        let rowsNeeded = row < 0 ? regionOfRow.count + 1 : regionOfRow.count
        var rows = max(rowCapacity, 64)
        while rows < rowsNeeded { rows *= 2 }
        var first = windowCount == 0 ? w : firstWindow
        var count = max(windowCount, 64)
        if w < first {
            let need = firstWindow + windowCount - w
            while count < need { count *= 2 }
            first = firstWindow + windowCount - count
        } else {
            while w >= first + count { count *= 2 }
        }
        let (needed, overflow) = rows.multipliedReportingOverflow(by: count)
        guard !overflow, needed <= DenseCounts.maxCells else {
            frozen = true
            return nil
        }
        if rows != rowCapacity || first != firstWindow || count != windowCount {
            var moved = [Cell](repeating: Cell(), count: needed)
            for r in regionOfRow.indices {
                for j in 0..<windowCount where cells[r * windowCount + j].used {
                    moved[r * count + (firstWindow + j - first)] = cells[r * windowCount + j]
                }
            }
            (cells, rowCapacity, firstWindow, windowCount) = (moved, rows, first, count)
        }
        guard row < 0 else { return row }
        if slot >= rowOfRegion.count { rowOfRegion += [Int32](repeating: 0, count: slot + 1 - rowOfRegion.count) }
        regionOfRow.append(region)
        rowOfRegion[slot] = Int32(regionOfRow.count)
        return regionOfRow.count - 1
    }
}
