/// A compact set of 64-bit id hashes for duplicate detection over millions of rows: open addressing with
/// linear probing in one flat array (8 bytes a slot, load factor ≤ 0.75), no per-entry overhead.
/// `reserve` sizes it up front when the row count can be estimated, so it never holds two tables at once.
struct IDHashSet {
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 12) {
        let size = IDHashSet.tableSize(for: capacity)
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    private static func tableSize(for n: Int) -> Int {
        var size = 16
        while size * 3 / 4 < n { size <<= 1 }
        return size
    }

    /// Grows the table now (if needed) so `n` entries fit without a later resize.
    mutating func reserve(_ n: Int) {
        if IDHashSet.tableSize(for: n) > slots.count { rehash(to: IDHashSet.tableSize(for: n)) }
    }

    /// Inserts; false when the hash was already present. (0 is the empty marker, so it is stored as 1.)
    mutating func insert(_ hash: UInt64) -> Bool {
        if (count + 1) * 4 > slots.count * 3 { rehash(to: slots.count * 2) }
        let h = hash == 0 ? 1 : hash
        // The hash's high bits are well mixed by FNV-1a's last multiply; fold them into the index.
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        while true {
            let s = slots[i]
            if s == 0 { slots[i] = h; count += 1; return true }
            if s == h { return false }
            i = (i + 1) & mask
        }
    }

    private mutating func rehash(to size: Int) {
        let old = slots
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
        count = 0
        for h in old where h != 0 { _ = insert(h) }
    }
}
