/// The ISO dates (`yyyy-mm-dd`, ten bytes) a reader has parsed lately, by their bytes: an incident file
/// holds a few hundred distinct days over a million rows, so most rows' dates are found here by one
/// compare of their bytes instead of parsed and checked again. Only a date that parsed is kept, so an
/// answer from the memo is the one `CivilDate.parse(bytes:)` gives. A scan's worker keeps one for the parts
/// it reads (a CSV chunk holds a few hundred rows: a memo per chunk would mostly miss); one thread uses it.
package final class CivilDateMemo {
    private struct Entry {
        var head: UInt64 = 0
        var tail: UInt16 = 0
        var filled = false
        var date = CivilDate(calendarYear: 1970, month: 1, day: 1)
    }

    /// Direct-mapped: a slot per hash of the bytes, a newer date replacing an older one in its slot. 1,024
    /// slots hold three years of days with few collisions, in 40 KB.
    private static let slots = 1024
    /// Made at the first date: a reader whose worker lends it one never fills its own.
    @exclusivity(unchecked) private var entries: [Entry] = []

    package init() {}

    /// The date `bytes` spell, as `CivilDate.parse(bytes:)` reads them; dates of ten bytes that parse are
    /// kept for the next time.
    package func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<CivilDate, CivilDate.ParseError> {
        guard bytes.count == 10, let base = bytes.baseAddress else { return CivilDate.parse(bytes: bytes) }
        if entries.isEmpty { entries = Array(repeating: Entry(), count: Self.slots) }
        let raw = UnsafeRawPointer(base)
        let head = raw.loadUnaligned(as: UInt64.self), tail = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
        // The day digits vary fastest, in the tail and the head's last bytes: a multiply mixes them into the
        // slot's bits.
        let slot = Int(truncatingIfNeeded: ((head ^ UInt64(tail) &* 0x9E37_79B9) &* 0x9E37_79B9_7F4A_7C15) >> 54)
        let known = entries[slot]
        if known.filled, known.head == head, known.tail == tail { return .success(known.date) }
        let parsed = CivilDate.parse(bytes: bytes)
        if case .success(let date) = parsed {
            entries[slot] = Entry(head: head, tail: tail, filled: true, date: date)
        }
        return parsed
    }
}
