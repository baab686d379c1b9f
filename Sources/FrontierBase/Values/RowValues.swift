/// One row's values by column, as a collection of `count` values. A CSV row holds every column (dense); a
/// GeoJSON feature holds only the properties it has (sparse: the others read as `.null`), so a file whose
/// features each bring their own property names costs memory per property, not rows × names. A CSV row read to
/// be stored holds its fields as text (`TextFields`): each reads as `.string`.
public struct RowValues: RandomAccessCollection, ExpressibleByArrayLiteral, Equatable {
    /// A column's value in a sparse row.
    public struct Entry: Equatable {
        public var column: Int32
        public var value: PropertyValue

        public init(column: Int32, value: PropertyValue) {
            self.column = column
            self.value = value
        }
    }

    @usableFromInline enum Storage {
        case dense([PropertyValue])
        /// Entries in increasing column order, one per column at most.
        case sparse(count: Int, entries: [Entry])
        /// Every column's text.
        case text(TextFields)
    }

    @usableFromInline var storage: Storage

    /// Every column's value, in column order.
    public init(_ values: [PropertyValue]) { storage = .dense(values) }

    public init(arrayLiteral elements: PropertyValue...) { storage = .dense(elements) }

    /// `count` columns of which only `entries` have values (increasing columns, each once).
    public init(count: Int, entries: [Entry]) { storage = .sparse(count: count, entries: entries) }

    /// Every column's value as text: column i reads as `.string(text.string(i))`.
    public init(_ text: TextFields) { storage = .text(text) }

    /// Equal when they hold the same values, however each is stored.
    public static func == (a: RowValues, b: RowValues) -> Bool {
        switch (a.storage, b.storage) {
        case (.dense(let x), .dense(let y)): return x == y
        case (.sparse(let m, let x), .sparse(let n, let y)): return m == n && x == y
        default: return a.count == b.count && a.elementsEqual(b)
        }
    }

    public var startIndex: Int { 0 }

    public var endIndex: Int {
        switch storage {
        case .dense(let values): return values.count
        case .sparse(let count, _): return count
        case .text(let text): return text.count
        }
    }

    public subscript(i: Int) -> PropertyValue {
        switch storage {
        case .dense(let values): return values[i]
        case .sparse(let count, let entries):
            precondition(i >= 0 && i < count, "column out of range")
            return entries.withUnsafeBufferPointer { entries in Self.position(of: i, in: entries).map { entries[$0].value } ?? .null }
        case .text(let text): return .string(text.string(i))
        }
    }

    /// Where column `i`'s entry is among `entries` (increasing columns, a binary search), or nil when the row
    /// has none.
    private static func position(of i: Int, in entries: UnsafeBufferPointer<Entry>) -> Int? {
        var (lo, hi) = (0, entries.count)
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(entries[mid].column) < i { lo = mid + 1 } else { hi = mid }
        }
        return lo < entries.count && Int(entries[lo].column) == i ? lo : nil
    }

    /// Lends `body` the text of column `i` as `PropertyValue.text` gives it (nil for a null), read in place:
    /// the value and its string are not copied out of the row, so no reference is counted for them.
    /// - Precondition: `i` is one of the row's columns.
    public func withText<R>(_ i: Int, _ body: (String?) throws -> R) rethrows -> R {
        switch storage {
        case .dense(let values):
            return try values.withUnsafeBufferPointer { values in
                if case .string(let s) = values[i] { return try body(s) }
                return try body(values[i].text)
            }
        case .sparse(let count, let entries):
            precondition(i >= 0 && i < count, "column out of range")
            return try entries.withUnsafeBufferPointer { entries in
                guard let k = Self.position(of: i, in: entries) else { return try body(nil) }
                if case .string(let s) = entries[k].value { return try body(s) }
                return try body(entries[k].value.text)
            }
        case .text(let text):
            return try body(text.string(i))
        }
    }

    /// Lends `body` the UTF-8 of column `i`'s text as `PropertyValue.text` gives it, empty for a null or a
    /// column past the row's last (a row shorter than its header reads as if padded with empty fields): a text
    /// row's bytes and a string's own bytes in place, other values printed.
    /// - Precondition: `i >= 0`.
    @inlinable public func withUTF8<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        precondition(i >= 0, "column out of range")
        guard i < count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        switch storage {
        case .text(let text):
            return try text.withUTF8(i, body)
        case .dense(let values):
            return try values.withUnsafeBufferPointer { try Self.withUTF8(of: $0[i], body) }
        case .sparse:
            return try Self.withUTF8(of: self[i], body)
        }
    }

    @usableFromInline static func withUTF8<R>(of value: PropertyValue, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        switch value {
        case .string(let s):
            if let r = try s.utf8.withContiguousStorageIfAvailable(body) { return r }
            var copy = s
            return try copy.withUTF8(body)
        case .null:
            return try body(UnsafeBufferPointer(start: nil, count: 0))
        default:
            var text = value.text ?? ""
            return try text.withUTF8(body)
        }
    }

    /// Each value as the text it prints as, a null as empty text: the row as a rejection or a store shows it.
    public var texts: [String] { map { $0.text ?? "" } }

    /// The values a sparse row holds (the columns it has), or nil for a dense row.
    public var sparseEntries: [Entry]? {
        if case .sparse(_, let entries) = storage { return entries }
        return nil
    }
}
