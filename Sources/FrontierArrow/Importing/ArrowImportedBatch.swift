import CArrow
import FrontierBase

/// One record batch received: values read in place from the producer's buffers until the batch is dropped
/// (then released, once). Its columns' buffers are checked when it arrives, so reading a value cannot reach
/// a buffer the producer did not give.
public final class ArrowImportedBatch {
    private let array: UnsafeMutablePointer<ArrowArray>
    /// The columns: values of pointers and numbers, copied out per value read without counting a reference.
    private let columns: [ImportedColumn]
    /// The dictionaries the columns read through (which hold them unretained).
    private let dictionaries: [ImportedColumn.DictionaryValues]
    /// Rows in the batch.
    public let length: Int
    private let offset: Int

    /// Takes ownership of `array` (released and freed when the batch goes, also when this throws).
    /// - Throws: `FrontierError.invalid` when the batch's shape does not match the schema: a missing column,
    ///   fewer buffers than its type has, a missing values buffer, a column shorter than the batch.
    init(array: UnsafeMutablePointer<ArrowArray>, types: [ArrowImportedType], names: [String], file: String) throws {
        let columns: [ImportedColumn]
        var dictionaries: [ImportedColumn.DictionaryValues] = []
        do {
            columns = try Self.columns(of: array.pointee, types: types, names: names, file: file, keeping: &dictionaries)
        } catch {
            // Thrown before the batch exists, so no deinit would release it.
            array.pointee.release?(array)
            array.deallocate()
            throw error
        }
        self.array = array
        length = Int(array.pointee.length)
        offset = Int(array.pointee.offset)
        self.dictionaries = dictionaries
        self.columns = columns
    }

    /// The batch's columns, each checked against its type.
    private static func columns(of array: ArrowArray, types: [ArrowImportedType], names: [String], file: String,
                                keeping: inout [ImportedColumn.DictionaryValues]) throws -> [ImportedColumn] {
        let length = Int(array.length), offset = Int(array.offset)
        var columns: [ImportedColumn] = []
        let count = Int(array.n_children)
        if count == types.count, length >= 0, offset >= 0, let children = array.children {
            for (i, type) in types.enumerated() {
                guard let child = children[i] else { break }
                columns.append(try ImportedColumn(child.pointee, type: type, rows: length + offset, column: names[i], file: file, keeping: &keeping))
            }
        }
        guard columns.count == types.count else {
            throw FrontierError.invalid(file: file, reason: "an Arrow batch has \(count) columns where its schema has \(types.count)")
        }
        return columns
    }

    deinit {
        array.pointee.release?(array)
        array.deallocate()
    }

    /// Column `column`'s value in row `row`: text, a whole number, a float, a boolean, or a date as
    /// `yyyy-mm-dd` text (a timestamp with a time of day as `yyyy-mm-ddTHH:MM:SS`), or null.
    /// - Precondition: `column` is one of the batch's columns and `row` one of its rows.
    public func value(column: Int, row: Int) -> PropertyValue {
        checked(column, row).value(at: row + offset)
    }

    /// Lends `body`, once, column `column`'s value in row `row` as the UTF-8 text `value` prints (empty for
    /// null; text that is not UTF-8 repaired as `value` repairs it): text in place, whole numbers and dates
    /// printed on the stack, without allocating.
    /// - Precondition: as for `value`.
    public func withText(column: Int, row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        checked(column, row).withText(at: row + offset, body)
    }

    /// Column `column`'s value in row `row` when it is a finite float; nil for any other value.
    /// - Precondition: as for `value`.
    public func finiteNumber(column: Int, row: Int) -> Double? {
        checked(column, row).finiteNumber(at: row + offset)
    }

    /// Column `column`'s value in row `row` when it is a whole number of an integer column (not a dictionary's
    /// index); nil for any other value.
    /// - Precondition: as for `value`.
    public func wholeNumber(column: Int, row: Int) -> Int64? {
        checked(column, row).wholeNumber(at: row + offset)
    }

    /// Column `column`, once `row` is known to be one of the batch's rows (the array checks the column).
    @inline(__always)
    private func checked(_ column: Int, _ row: Int) -> ImportedColumn {
        precondition((0..<length).contains(row), "no row \(row) in a batch of \(length)")
        return columns[column]
    }
}
