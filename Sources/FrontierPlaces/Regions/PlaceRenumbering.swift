/// The new number of each place a scan numbered: a grid's cells are numbered in the order the scan meets
/// them (`GridCells.number(of:)`) and become regions in id order once it is done, so everything counted per
/// cell (counts, cube locations, daily series) is moved to the cell's region index. Written once, so every
/// question moves its counts alike. A negative number (no place: outside every region) stays as it is.
public struct PlaceRenumbering: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// For each number given while scanning (the array index), the place's new number.
    public let newNumbers: [Int]

    /// - Parameter newNumbers: for each number given while scanning, the place's new number.
    public init(_ newNumbers: [Int]) {
        self.newNumbers = newNumbers
    }

    /// The new numbers listed in the order of the old ones (`[2, 0, 1]`: place 0 becomes 2).
    public init(arrayLiteral newNumbers: Int...) {
        self.init(newNumbers)
    }

    /// The new number of the place numbered `place` while scanning; a negative number (no place) unchanged.
    @inlinable
    public func renumbered<Place: BinaryInteger>(_ place: Place) -> Place {
        place < 0 ? place : Place(newNumbers[Int(place)])
    }

    /// `values` with the place in each key renumbered.
    /// - Parameters:
    ///   - place: where a key holds its place (`\.self` for values keyed by place alone).
    ///   - merge: combines the value of a key that another key was moved onto with the one already there
    ///     (a grid's cells never meet, their ids being distinct; a caller's renumbering may join places).
    /// - Throws: whatever `merge` throws.
    public func rekeyed<Key: Hashable, Place: BinaryInteger, Value>(_ values: [Key: Value], place: WritableKeyPath<Key, Place>,
                                                                   merge: (inout Value, Value) throws -> Void) rethrows -> [Key: Value] {
        var moved: [Key: Value] = [:]
        moved.reserveCapacity(values.count)
        for (key, value) in values {
            var newKey = key
            newKey[keyPath: place] = renumbered(key[keyPath: place])
            if let i = moved.index(forKey: newKey) {
                try merge(&moved.values[i], value)
            } else {
                moved[newKey] = value
            }
        }
        return moved
    }
}
