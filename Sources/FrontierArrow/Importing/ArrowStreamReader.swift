import CArrow
import Foundation
import FrontierBase

/// The consumer side of Arrow's C stream interface: takes a caller's `ArrowArrayStream` (moving it, so the
/// caller's struct is left released), reads its schema, and hands out its record batches one at a time, each
/// released when dropped. Reads the types a table of incidents has: text (`u`, `U`), integers (`c` `s` `i` `l`
/// and unsigned), floats (`e` `f` `g`), booleans, dates (`tdD`, `tdm`) and timestamps (`ts?:…`), and
/// dictionary-encoded text (pandas' categories). Any other type is an error naming the column, never a column
/// silently dropped.
public final class ArrowStreamReader {
    /// The columns' names, in order.
    public let names: [String]
    private let types: [ArrowImportedType]
    private let stream: UnsafeMutablePointer<ArrowArrayStream>

    /// - Parameter source: the caller's stream; its contents move here (the caller's struct is marked released).
    /// - Throws: `FrontierError.invalid` when the stream is released already, its schema cannot be read, it is
    ///   not a struct of columns, or a column's type is one Frontier does not read.
    public init(moving source: UnsafeMutablePointer<ArrowArrayStream>, name: String) throws {
        guard source.pointee.release != nil else { throw FrontierError.invalid(file: name, reason: "the Arrow stream was released already") }
        stream = .allocate(capacity: 1)
        stream.initialize(to: source.pointee)
        source.pointee.release = nil
        var schema = ArrowSchema()
        let code = stream.pointee.get_schema(stream, &schema)
        guard code == 0 else {
            let reason = Self.lastError(stream) ?? "error \(code)"
            stream.pointee.release?(stream)
            stream.deallocate()
            throw FrontierError.invalid(file: name, reason: "the Arrow stream's schema cannot be read: \(reason)")
        }
        defer { schema.release?(&schema) }
        do {
            // The specification makes every format string present; a producer that leaves one null is said, not followed.
            let format = Optional(schema.format).map { String(cString: $0) } ?? ""
            guard format == "+s" else {
                throw FrontierError.invalid(file: name, reason: "the Arrow stream is not a table (its type is '\(MessageText.escaped(format))', not a struct of columns)")
            }
            var names: [String] = [], types: [ArrowImportedType] = []
            for i in 0..<Int(schema.n_children) {
                guard let children = schema.children, let pointer = children[i] else {
                    throw FrontierError.invalid(file: name, reason: "the Arrow stream's schema lacks its column \(i + 1)")
                }
                let child = pointer.pointee
                let column = child.name.map { String(cString: $0) } ?? "column \(i + 1)"
                names.append(column)
                types.append(try ArrowImportedType(format: Optional(child.format).map { String(cString: $0) } ?? "",
                                                   dictionary: child.dictionary.map { d in Optional(d.pointee.format).map { String(cString: $0) } ?? "" },
                                                   column: column, file: name))
            }
            self.names = names
            self.types = types
        } catch {
            stream.pointee.release?(stream)
            stream.deallocate()
            throw error
        }
    }

    deinit {
        stream.pointee.release?(stream)
        stream.deallocate()
    }

    /// The next batch, nil at the end of the stream.
    /// - Throws: `FrontierError.invalid` with the producer's message when it fails, or when a batch's shape
    ///   does not match the schema.
    public func next(name: String) throws -> ArrowImportedBatch? {
        let array = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
        array.initialize(to: ArrowArray())
        let code = stream.pointee.get_next(stream, array)
        guard code == 0 else {
            array.deallocate()
            throw FrontierError.invalid(file: name, reason: "the Arrow stream failed: \(Self.lastError(stream) ?? "error \(code)")")
        }
        guard array.pointee.release != nil else {
            array.deallocate()
            return nil
        }
        let batch = try ArrowImportedBatch(array: array, types: types, names: names, file: name)
        return batch
    }

    private static func lastError(_ stream: UnsafeMutablePointer<ArrowArrayStream>) -> String? {
        stream.pointee.get_last_error(stream).map { String(cString: $0) }
    }
}

/// A column's type as Frontier reads it.
enum ArrowImportedType: Equatable {
    case utf8, largeUTF8
    case int(bytes: Int, signed: Bool)
    case float(bytes: Int)
    case bool
    case date32, date64
    /// Units per second (1, 1_000, 1_000_000, 1_000_000_000).
    case timestamp(perSecond: Int64)
    /// Text through a dictionary: the index's width and signedness, the dictionary's text type.
    indirect case dictionary(index: ArrowImportedType, values: ArrowImportedType)

    init(format: String, dictionary: String?, column: String, file: String) throws {
        if let dictionary {
            let values = try ArrowImportedType(format: dictionary, dictionary: nil, column: column, file: file)
            let index = try ArrowImportedType(format: format, dictionary: nil, column: column, file: file)
            guard case .int = index, values == .utf8 || values == .largeUTF8 else {
                throw FrontierError.invalid(file: file, reason: "column '\(MessageText.escaped(column))' is dictionary-encoded with '\(MessageText.escaped(dictionary))' values: only text categories are read")
            }
            self = .dictionary(index: index, values: values)
            return
        }
        switch format {
        case "u": self = .utf8
        case "U": self = .largeUTF8
        case "c": self = .int(bytes: 1, signed: true)
        case "C": self = .int(bytes: 1, signed: false)
        case "s": self = .int(bytes: 2, signed: true)
        case "S": self = .int(bytes: 2, signed: false)
        case "i": self = .int(bytes: 4, signed: true)
        case "I": self = .int(bytes: 4, signed: false)
        case "l": self = .int(bytes: 8, signed: true)
        case "L": self = .int(bytes: 8, signed: false)
        case "f": self = .float(bytes: 4)
        case "g": self = .float(bytes: 8)
        case "b": self = .bool
        case "tdD": self = .date32
        case "tdm": self = .date64
        case "n": self = .utf8  // null type: every value is null (no buffers are read)
        default:
            if format.hasPrefix("ts"), format.count >= 4 {
                let unit = format[format.index(format.startIndex, offsetBy: 2)]
                let perSecond: [Character: Int64] = ["s": 1, "m": 1_000, "u": 1_000_000, "n": 1_000_000_000]
                if let p = perSecond[unit] { self = .timestamp(perSecond: p); return }
            }
            throw FrontierError.invalid(file: file, reason: "column '\(MessageText.escaped(column))' has the Arrow type '\(MessageText.escaped(format))', "
                                        + "which Frontier does not read (text, numbers, booleans, dates and timestamps are read): convert or drop it")
        }
    }
}

/// One record batch received: values read in place from the producer's buffers until the batch is dropped
/// (then released, once). Its columns' buffers are checked when it arrives, so reading a value cannot reach
/// a buffer the producer did not give.
public final class ArrowImportedBatch {
    private let array: UnsafeMutablePointer<ArrowArray>
    private let columns: [ImportedColumn]
    /// Rows in the batch.
    public let length: Int
    private let offset: Int

    /// Takes ownership of `array` (released and freed when the batch goes, also when this throws).
    /// - Throws: `FrontierError.invalid` when the batch's shape does not match the schema: a missing column,
    ///   fewer buffers than its type has, a missing values buffer, a column shorter than the batch.
    init(array: UnsafeMutablePointer<ArrowArray>, types: [ArrowImportedType], names: [String], file: String) throws {
        self.array = array
        length = Int(array.pointee.length)
        offset = Int(array.pointee.offset)
        var columns: [ImportedColumn] = []
        let count = Int(array.pointee.n_children)
        if count == types.count, length >= 0, offset >= 0, let children = array.pointee.children {
            for (i, type) in types.enumerated() {
                guard let child = children[i] else { break }
                columns.append(try ImportedColumn(child.pointee, type: type, rows: length + offset, column: names[i], file: file))
            }
        }
        self.columns = columns
        guard columns.count == types.count else {
            throw FrontierError.invalid(file: file, reason: "an Arrow batch has \(count) columns where its schema has \(types.count)")
        }
    }

    deinit {
        array.pointee.release?(array)
        array.deallocate()
    }

    /// Column `column`'s value in row `row`: text, a whole number, a float, a boolean, or a date as
    /// `yyyy-mm-dd` text (a timestamp with a time of day as `yyyy-mm-ddTHH:MM:SS`), or null.
    public func value(column: Int, row: Int) -> PropertyValue {
        columns[column].value(at: row + offset)
    }
}

/// A column of a received batch with its buffers checked: the ones its type reads are present.
final class ImportedColumn {
    let type: ArrowImportedType
    private let offset: Int
    /// Nil when the column has no nulls.
    private let validity: UnsafeRawPointer?
    /// Fixed-width values, bits, or a text column's offsets; nil only for the null type (every value null).
    private let values: UnsafeRawPointer?
    /// A text column's bytes (may be absent when every text is empty).
    private let data: UnsafeRawPointer?
    /// A dictionary-encoded column's values, and how many there are.
    private let dictionary: (column: ImportedColumn, count: Int)?

    /// - Parameter rows: how many rows the batch reads of it (its values must reach that far).
    init(_ a: ArrowArray, type: ArrowImportedType, rows: Int, column: String, file: String) throws {
        func bad(_ reason: String) -> FrontierError {
            FrontierError.invalid(file: file, reason: "column '\(MessageText.escaped(column))' of an Arrow batch \(reason)")
        }
        self.type = type
        offset = Int(a.offset)
        // The batch reads this column's values `0..<rows` from its own offset: its length must reach that far
        // (the offset moves where they start, not how many there are).
        guard offset >= 0, Int(a.length) >= rows else { throw bad("holds fewer values than the batch has rows") }
        let buffers = Int(a.n_buffers)
        let needed: Int
        switch type {
        case .utf8, .largeUTF8: needed = 3
        default: needed = 2
        }
        if buffers == 0, case .utf8 = type {
            // The null type ("n"): no buffers, every value null.
            validity = nil; values = nil; data = nil; dictionary = nil
            return
        }
        guard buffers >= needed, let list = a.buffers else { throw bad("has \(buffers) buffers where its type has \(needed)") }
        validity = a.null_count == 0 ? nil : list[0]
        guard let values = list[1] else { throw bad("has no values buffer") }
        self.values = values
        data = needed == 3 ? list[2] : nil
        if case .dictionary(_, let valueType) = type {
            guard let d = a.dictionary else { throw bad("is dictionary-encoded but has no dictionary") }
            let count = Int(d.pointee.length)
            dictionary = (try ImportedColumn(d.pointee, type: valueType, rows: count, column: column, file: file), count)
        } else {
            dictionary = nil
        }
    }

    func value(at row: Int) -> PropertyValue {
        let i = row + offset
        if let validity, validity.load(fromByteOffset: i / 8, as: UInt8.self) & (1 << UInt8(i % 8)) == 0 { return .null }
        guard let values else { return .null }
        switch type {
        case .utf8:
            let offsets = values.assumingMemoryBound(to: Int32.self)
            return .string(Self.text(data, from: Int(offsets[i]), to: Int(offsets[i + 1])))
        case .largeUTF8:
            let offsets = values.assumingMemoryBound(to: Int64.self)
            return .string(Self.text(data, from: Int(offsets[i]), to: Int(offsets[i + 1])))
        case .int:
            return integer(at: i).map(PropertyValue.int) ?? .string(String(values.load(fromByteOffset: i * 8, as: UInt64.self)))
        case .float(let bytes):
            return .double(bytes == 4 ? Double(values.load(fromByteOffset: i * 4, as: Float.self)) : values.load(fromByteOffset: i * 8, as: Double.self))
        case .bool:
            return .bool(values.load(fromByteOffset: i / 8, as: UInt8.self) & (1 << UInt8(i % 8)) != 0)
        case .date32:
            return .string(CivilDate(daysSinceEpoch: Int(values.load(fromByteOffset: i * 4, as: Int32.self))).description)
        case .date64:
            let ms = values.load(fromByteOffset: i * 8, as: Int64.self)
            return .string(CivilDate(daysSinceEpoch: Int(Self.floorDivide(ms, 86_400_000))).description)
        case .timestamp(let perSecond):
            let seconds = Self.floorDivide(values.load(fromByteOffset: i * 8, as: Int64.self), perSecond)
            let day = Self.floorDivide(seconds, 86_400), second = seconds - day * 86_400
            let date = CivilDate(daysSinceEpoch: Int(day)).description
            if second == 0 { return .string(date) }
            return .string(date + "T" + String(format: "%02lld:%02lld:%02lld", second / 3600, second / 60 % 60, second % 60))
        case .dictionary:
            // An index outside the dictionary is the producer's error: read as null, never past the dictionary.
            guard let dictionary, let id = integer(at: i), id >= 0, id < dictionary.count else { return .null }
            return dictionary.column.value(at: Int(id))
        }
    }

    /// An integer column's (or a dictionary's index's) value at `i`, counting the array's offset already;
    /// nil for an unsigned 64-bit value past Int64's range.
    private func integer(at i: Int) -> Int64? {
        guard let values else { return nil }
        let width: ArrowImportedType
        if case .dictionary(let index, _) = type { width = index } else { width = type }
        guard case .int(let bytes, let signed) = width else { return nil }
        switch (bytes, signed) {
        case (1, true): return Int64(values.load(fromByteOffset: i, as: Int8.self))
        case (1, false): return Int64(values.load(fromByteOffset: i, as: UInt8.self))
        case (2, true): return Int64(values.load(fromByteOffset: i * 2, as: Int16.self))
        case (2, false): return Int64(values.load(fromByteOffset: i * 2, as: UInt16.self))
        case (4, true): return Int64(values.load(fromByteOffset: i * 4, as: Int32.self))
        case (4, false): return Int64(values.load(fromByteOffset: i * 4, as: UInt32.self))
        case (_, true): return values.load(fromByteOffset: i * 8, as: Int64.self)
        default:
            let v = values.load(fromByteOffset: i * 8, as: UInt64.self)
            return v <= UInt64(Int64.max) ? Int64(v) : nil
        }
    }

    private static func text(_ data: UnsafeRawPointer?, from start: Int, to end: Int) -> String {
        guard let data, end > start, start >= 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data + start, count: end - start), as: UTF8.self)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
