/// A compact set of 64-bit id hashes for duplicate detection over millions of rows: open addressing with
/// linear probing in one flat array (8 bytes a slot, load factor ≤ 0.85), no per-entry overhead.
/// `reserve` sizes it up front when the row count can be estimated, so it never holds two tables at once.
/// The table is any size, not a power of two (a slot is chosen by multiplying the hash by the size and
/// keeping the high word): at 5M ids that is 49 MB instead of the 64 MB the next power of two costs.
struct IDHashSet {
    private var slots: [UInt64]
    private(set) var count = 0

    init(capacity: Int = 1 << 12) {
        slots = [UInt64](repeating: 0, count: IDHashSet.tableSize(for: capacity))
    }

    /// Slots for `n` entries at a load factor of at most 0.85 (n · 20/17).
    private static func tableSize(for n: Int) -> Int { max(16, n + n * 3 / 17 + 1) }

    /// Grows the table now (if needed) so `n` entries fit without a later resize.
    mutating func reserve(_ n: Int) {
        if IDHashSet.tableSize(for: n) > slots.count { rehash(to: IDHashSet.tableSize(for: n)) }
    }

    /// Inserts; false when the hash was already present. (0 is the empty marker, so it is stored as 1.)
    mutating func insert(_ hash: UInt64) -> Bool {
        if (count + 1) * 20 > slots.count * 17 { rehash(to: slots.count * 2) }
        let h = hash == 0 ? 1 : hash
        // The hash's high bits are well mixed by FNV-1a's last multiply; fold them in, then map the hash
        // onto [0, size) by the high word of hash × size.
        let mixed = h ^ (h >> 29)
        var i = Int(truncatingIfNeeded: mixed.multipliedFullWidth(by: UInt64(slots.count)).high)
        let size = slots.count
        while true {
            let s = slots[i]
            if s == 0 { slots[i] = h; count += 1; return true }
            if s == h { return false }
            i += 1
            if i == size { i = 0 }
        }
    }

    private mutating func rehash(to size: Int) {
        let old = slots
        slots = [UInt64](repeating: 0, count: size)
        count = 0
        for h in old where h != 0 { _ = insert(h) }
    }
}
