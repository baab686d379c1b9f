/// The ids of the form ACLED and `synth` give, a short prefix of letters and a number (`AFG12345`,
/// `SYN000000042`), kept as bits: one bitmap per prefix and digit count, a bit per number. Checking such an
/// id touches one bit, in a bitmap small enough to stay in cache, where a hash set touches a random slot
/// of a table as large as the input's ids (the merge's largest cost, measured).
///
/// An id is exactly its prefix, its digit count and its number (leading zeros are the digit count), so two
/// ids are equal exactly when those three are: no bytes need comparing. Whether an id is kept here is decided
/// by its class (prefix and digit count) and its number alone, and never changes for a number once
/// decided: a class's bitmap grows to hold any number until the budget runs out, and from then on it is
/// frozen, its numbers past the end going to the hash set for good. So every id goes to the same one of
/// the two sets each time it comes, and a duplicate is always found where its first copy went.
struct NumberedIDSet {
    /// The longest prefix (bytes up to the first digit) kept here: it is packed into one word.
    static let maxPrefix = 7
    /// Up to 18 digits: the number fits an Int64.
    static let maxDigits = 18
    /// The classes kept as bitmaps; ids of further classes go to the hash set.
    static let maxClasses = 64
    /// The bits all bitmaps may hold together (32 MB): past it a class stops growing.
    static let budgetBits = 1 << 28
    /// The largest number kept: a class's bitmap covers at most 2^27 numbers (16 MB).
    static let maxNumber = 1 << 27

    private struct Class {
        var key: UInt64
        var words: [UInt64] = []
        var frozen = false
    }

    private var classes: [Class] = []
    /// The class of the last id seen: ids mostly come in long runs of one class.
    private var last = -1
    private var bitsUsed = 0

    /// Inserts `id` when it is kept here: true when it is new, false when it was inserted before, nil
    /// when it belongs to the hash set.
    mutating func insert(_ id: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let (key, number) = NumberedIDSet.split(id) else { return nil }
        let c: Int
        if last >= 0, classes[last].key == key {
            c = last
        } else if let found = classes.firstIndex(where: { $0.key == key }) {
            c = found
        } else {
            guard classes.count < NumberedIDSet.maxClasses else { return nil }
            classes.append(Class(key: key))
            c = classes.count - 1
        }
        last = c
        let word = number >> 6
        if word >= classes[c].words.count {
            guard !classes[c].frozen else { return nil }
            // Grow to the next power of two words that holds the number, within the budget; else freeze.
            var size = max(64, classes[c].words.count)
            while size <= word { size *= 2 }
            let added = (size - classes[c].words.count) * 64
            guard bitsUsed + added <= NumberedIDSet.budgetBits else {
                classes[c].frozen = true
                return nil
            }
            bitsUsed += added
            classes[c].words += [UInt64](repeating: 0, count: size - classes[c].words.count)
        }
        let bit: UInt64 = 1 << UInt64(number & 63)
        if classes[c].words[word] & bit != 0 { return false }
        classes[c].words[word] |= bit
        return true
    }

    /// The id's class (its prefix packed with its digit count) and number, when it is a prefix of at most
    /// `maxPrefix` non-digit bytes and then 1 to `maxDigits` digits with a number below `maxNumber`.
    static func split(_ id: UnsafeBufferPointer<UInt8>) -> (key: UInt64, number: Int)? {
        var i = 0
        var prefix: UInt64 = 0
        while i < id.count, !(48...57).contains(id[i]) {
            guard i < maxPrefix else { return nil }
            prefix = prefix << 8 | UInt64(id[i])
            i += 1
        }
        let digits = id.count - i
        guard digits >= 1, digits <= maxDigits else { return nil }
        var number = 0
        while i < id.count {
            let d = Int(id[i]) &- 48
            guard d >= 0, d <= 9 else { return nil }
            number = number &* 10 &+ d
            i += 1
        }
        guard number < maxNumber else { return nil }
        // The prefix's length is implied by its bytes only when none is zero: pack the length in too.
        return (prefix << 8 | UInt64(id.count - digits) << 5 | UInt64(digits), number)
    }
}
