import Foundation
import FrontierBase

/// The set of ids seen, for duplicate detection over millions of rows: open addressing with linear probing
/// in one flat array of 8-byte slots (load factor ≤ 0.85), the ids' bytes back to back in one arena.
///
/// A 64-bit hash is not an id: two ids may share it (`CsCNaPbaJ-I` and `9w9E17-sZZE` do under FNV-1a), so a
/// row is a duplicate only when its bytes equal a stored id's. A slot holds where its id sits in the arena
/// (40 bits: a terabyte of ids) and 24 bits of its hash as a tag: a probe compares bytes only when the
/// tags match, which for a new id is about one probe in 16 million. So memory is the 8-byte slot plus
/// the id's own bytes and a length byte or two, and nothing per entry besides.
/// `reserve` sizes the table up front when the row count can be estimated, so it never holds two tables at
/// once; the table is made that size only when an id first needs it, since ids of the ACLED form (a prefix
/// and a number) are kept as bits in a `NumberedIDSet` instead. The table is any size, not a power of two (a slot is chosen by multiplying the hash by the size
/// and keeping the high word): at 5M ids that is 49 MB of slots instead of the 64 MB the next power of two costs.
struct IDHashSet {
    private var numbered = NumberedIDSet()
    private var slots: [UInt64]
    /// The ids `reserve` expects: the table grows to hold them when the first id reaches it.
    private var expected = 0
    /// Each id as its length (LEB128) and its bytes.
    private var arena: [UInt8] = []
    /// The ids inserted.
    private(set) var count = 0
    /// Those in the table (the others are in `numbered`).
    private var hashed = 0

    private static let offsetBits: UInt64 = 40
    private static let offsetMask: UInt64 = (1 << offsetBits) - 1

    init(capacity: Int = 1 << 12) {
        slots = [UInt64](repeating: 0, count: IDHashSet.tableSize(for: capacity))
    }

    /// Slots for `n` entries at a load factor of at most 0.85 (n · 20/17).
    private static func tableSize(for n: Int) -> Int { max(16, n + n * 3 / 17 + 1) }

    /// Grows the table now (if needed) so `n` entries fit without a later resize.
    mutating func reserve(_ n: Int) {
        expected = n
        if hashed > 0 { growToExpected() }
    }

    private mutating func growToExpected() {
        if IDHashSet.tableSize(for: expected) > slots.count { rehash(to: IDHashSet.tableSize(for: expected)) }
        expected = 0
    }

    /// The hash the set places ids by: `FNV1a.hash(id)`, which the row validator has computed already.
    static func hash(_ id: UnsafeBufferPointer<UInt8>) -> UInt64 { FNV1a.hash(id) }

    /// Inserts `id`, whose `hash` is `IDHashSet.hash(id)`; false when the same bytes were inserted before.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
        if let new = numbered.insert(id) {
            if new { count += 1 }
            return new
        }
        if expected > 0 { growToExpected() }
        if (hashed + 1) * 20 > slots.count * 17 { rehash(to: slots.count * 2) }
        let tag = IDHashSet.tag(hash)
        var i = IDHashSet.home(hash, size: slots.count)
        let size = slots.count
        while true {
            let s = slots[i]
            if s == 0 {
                slots[i] = tag << IDHashSet.offsetBits | (UInt64(truncatingIfNeeded: arena.count) + 1) & IDHashSet.offsetMask
                append(id)
                count += 1
                hashed += 1
                return true
            }
            if s >> IDHashSet.offsetBits == tag, stored(at: Int(truncatingIfNeeded: (s & IDHashSet.offsetMask) - 1), equals: id) { return false }
            i += 1
            if i == size { i = 0 }
        }
    }

    mutating func insert(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { insert($0, hash: IDHashSet.hash($0)) }
    }

    /// The tag: the hash's low 24 bits, which the home slot (from a remix of the whole hash) does not decide.
    private static func tag(_ hash: UInt64) -> UInt64 { hash & 0xFF_FFFF }

    /// The home slot: the hash remixed by a multiply with the golden ratio, mapped onto [0, size) by the
    /// high word of its product with the size. FNV-1a's own high bits are not mixed enough for ids that count
    /// up (SYN000000001, SYN000000002, ...): they put them in long runs, 185 probes an insert over 1M such ids,
    /// against 2.8 remixed.
    private static func home(_ hash: UInt64, size: Int) -> Int {
        let mixed = (hash ^ (hash >> 32)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed.multipliedFullWidth(by: UInt64(size)).high)
    }

    private mutating func append(_ id: UnsafeBufferPointer<UInt8>) {
        var n = id.count
        repeat {
            arena.append(UInt8(n & 0x7F) | (n >= 0x80 ? 0x80 : 0))
            n >>= 7
        } while n > 0
        arena.append(contentsOf: id)
    }

    /// The id stored at `offset` of `arena`: where its bytes start and how many there are.
    private static func entry(at offset: Int, in arena: UnsafeBufferPointer<UInt8>) -> (start: Int, count: Int) {
        var i = offset, n = 0, shift = 0
        while true {
            let b = arena[i]
            n |= Int(b & 0x7F) << shift
            i += 1
            if b & 0x80 == 0 { return (i, n) }
            shift += 7
        }
    }

    private func stored(at offset: Int, equals id: UnsafeBufferPointer<UInt8>) -> Bool {
        arena.withUnsafeBufferPointer { a in
            let (start, n) = IDHashSet.entry(at: offset, in: a)
            guard n == id.count else { return false }
            guard n > 0, let stored = a.baseAddress, let given = id.baseAddress else { return true }
            return memcmp(stored + start, given, n) == 0
        }
    }

    private mutating func rehash(to size: Int) {
        var table = [UInt64](repeating: 0, count: size)
        arena.withUnsafeBufferPointer { a in
            for s in slots where s != 0 {
                let (start, n) = IDHashSet.entry(at: Int(truncatingIfNeeded: (s & IDHashSet.offsetMask) - 1), in: a)
                var i = IDHashSet.home(IDHashSet.hash(UnsafeBufferPointer(rebasing: a[start..<start + n])), size: size)
                while table[i] != 0 {
                    i += 1
                    if i == size { i = 0 }
                }
                table[i] = s
            }
        }
        slots = table
    }
}
