/// The bins a `CubeBuilder` counts, by location and window, in one open-addressed table: an entry is its key
/// and its bin side by side (32 bytes), found by linear probing from a slot chosen by multiplying the key's
/// hash by the table's size (any size, not a power of two). The table grows by half when it is 13/16 full.
/// A Swift Dictionary of the same entries doubles and stays between 3/8 and 3/4 full: 33.5 MB for the 554,000
/// bins of a 5M-row `hotspots --regions grid:10km --window month`, and 50 MB while it doubled; this table
/// holds them in 23 MB and grows through 38 MB. Entries are read in slot order, the same in every run.
struct CubeBins {
    /// One location's incidents in one window: how many, their amount, their first and last day.
    struct Bin {
        var incidents = 0
        var amount = 0.0
        var firstDay = Int32.max
        var lastDay = Int32.min

        mutating func add(_ more: Double, incidents n: Int, days: ClosedRange<Int32>) {
            incidents += n
            amount += more
            firstDay = min(firstDay, days.lowerBound)
            lastDay = max(lastDay, days.upperBound)
        }
    }

    private struct Entry {
        /// The location (high 32 bits) and window (low 32 bits); `empty` for a free slot.
        var key: UInt64
        var bin: Bin
    }

    /// No location is negative, so no key has every bit set.
    private static let empty = UInt64.max
    private static let minimumSlots = 64
    private var entries: [Entry] = []
    /// How many slots hold a bin.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Lets `body` change the bin of `location` (not negative) in `window`, made empty if there was none.
    mutating func update(location: Int32, window: Int32, _ body: (inout Bin) -> Void) {
        precondition(location >= 0, "a cube's locations are numbered from 0")
        if (count + 1) * 16 > entries.count * 13 { grow() }
        let key = UInt64(UInt32(bitPattern: location)) << 32 | UInt64(UInt32(bitPattern: window))
        entries.withUnsafeMutableBufferPointer { slots in
            var i = Self.slot(of: key, among: slots.count)
            while true {
                if slots[i].key == key { return body(&slots[i].bin) }
                if slots[i].key == Self.empty {
                    slots[i] = Entry(key: key, bin: Bin())
                    count += 1
                    return body(&slots[i].bin)
                }
                i = i + 1 == slots.count ? 0 : i + 1
            }
        }
    }

    /// Every bin with its location and window, in slot order.
    func forEach(_ body: (_ location: Int32, _ window: Int32, _ bin: Bin) throws -> Void) rethrows {
        for entry in entries where entry.key != Self.empty {
            try body(Int32(bitPattern: UInt32(truncatingIfNeeded: entry.key >> 32)), Int32(bitPattern: UInt32(truncatingIfNeeded: entry.key)), entry.bin)
        }
    }

    /// The slot a key's probe starts at: its hash (a multiply by the golden ratio's 64 bits, which spreads
    /// keys that differ in a few low bits of either half) scaled to `slots` by the high word of a product.
    private static func slot(of key: UInt64, among slots: Int) -> Int {
        let hash = (key ^ (key >> 29)) &* 0x9E37_79B9_7F4A_7C15
        return Int(hash.multipliedFullWidth(by: UInt64(slots)).high)
    }

    /// Moves every bin into a table half as large again (the first one of `minimumSlots`).
    private mutating func grow() {
        let size = max(Self.minimumSlots, entries.count + entries.count / 2)
        var larger = [Entry](repeating: Entry(key: Self.empty, bin: Bin()), count: size)
        larger.withUnsafeMutableBufferPointer { slots in
            for entry in entries where entry.key != Self.empty {
                var i = Self.slot(of: entry.key, among: size)
                while slots[i].key != Self.empty { i = i + 1 == size ? 0 : i + 1 }
                slots[i] = entry
            }
        }
        entries = larger
    }
}
