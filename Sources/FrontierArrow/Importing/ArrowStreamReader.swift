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
            guard String(cString: schema.format) == "+s" else {
                throw FrontierError.invalid(file: name, reason: "the Arrow stream is not a table (its type is '\(MessageText.escaped(String(cString: schema.format)))', not a struct of columns)")
            }
            var names: [String] = [], types: [ArrowImportedType] = []
            for i in 0..<Int(schema.n_children) {
                let child = schema.children[i]!.pointee
                let column = child.name.map { String(cString: $0) } ?? "column \(i + 1)"
                names.append(column)
                types.append(try ArrowImportedType(format: String(cString: child.format), dictionary: child.dictionary.map { String(cString: $0.pointee.format) },
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
        let batch = ArrowImportedBatch(array: array, types: types)
        guard Int(array.pointee.n_children) == types.count else {
            throw FrontierError.invalid(file: name, reason: "an Arrow batch has \(array.pointee.n_children) columns where its schema has \(types.count)")
        }
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
/// (then released, once).
public final class ArrowImportedBatch {
    private let array: UnsafeMutablePointer<ArrowArray>
    private let types: [ArrowImportedType]
    /// Rows in the batch.
    public var length: Int { Int(array.pointee.length) }

    init(array: UnsafeMutablePointer<ArrowArray>, types: [ArrowImportedType]) {
        self.array = array
        self.types = types
    }

    deinit {
        array.pointee.release?(array)
        array.deallocate()
    }

    /// Column `column`'s value in row `row`: text, a whole number, a float, a boolean, or a date as
    /// `yyyy-mm-dd` text (a timestamp with a time of day as `yyyy-mm-ddTHH:MM:SS`), or null.
    public func value(column: Int, row: Int) -> PropertyValue {
        let child = array.pointee.children[column]!
        return Self.value(child.pointee, type: types[column], at: row + Int(array.pointee.offset))
    }

    private static func value(_ a: ArrowArray, type: ArrowImportedType, at row: Int) -> PropertyValue {
        let i = row + Int(a.offset)
        if a.null_count != 0, let validity = a.buffers[0] {
            let byte = validity.load(fromByteOffset: i / 8, as: UInt8.self)
            if byte & (1 << UInt8(i % 8)) == 0 { return .null }
        }
        if case .utf8 = type, a.n_buffers < 3 { return .null }  // the null type ("n") has no buffers
        switch type {
        case .utf8:
            let offsets = a.buffers[1]!.assumingMemoryBound(to: Int32.self)
            return .string(text(a.buffers[2], from: Int(offsets[i]), to: Int(offsets[i + 1])))
        case .largeUTF8:
            let offsets = a.buffers[1]!.assumingMemoryBound(to: Int64.self)
            return .string(text(a.buffers[2], from: Int(offsets[i]), to: Int(offsets[i + 1])))
        case .int(let bytes, let signed):
            let base = a.buffers[1]!
            switch (bytes, signed) {
            case (1, true): return .int(Int64(base.load(fromByteOffset: i, as: Int8.self)))
            case (1, false): return .int(Int64(base.load(fromByteOffset: i, as: UInt8.self)))
            case (2, true): return .int(Int64(base.load(fromByteOffset: i * 2, as: Int16.self)))
            case (2, false): return .int(Int64(base.load(fromByteOffset: i * 2, as: UInt16.self)))
            case (4, true): return .int(Int64(base.load(fromByteOffset: i * 4, as: Int32.self)))
            case (4, false): return .int(Int64(base.load(fromByteOffset: i * 4, as: UInt32.self)))
            case (_, true): return .int(base.load(fromByteOffset: i * 8, as: Int64.self))
            default:
                let v = base.load(fromByteOffset: i * 8, as: UInt64.self)
                return v <= UInt64(Int64.max) ? .int(Int64(v)) : .string(String(v))
            }
        case .float(let bytes):
            let base = a.buffers[1]!
            return .double(bytes == 4 ? Double(base.load(fromByteOffset: i * 4, as: Float.self)) : base.load(fromByteOffset: i * 8, as: Double.self))
        case .bool:
            let byte = a.buffers[1]!.load(fromByteOffset: i / 8, as: UInt8.self)
            return .bool(byte & (1 << UInt8(i % 8)) != 0)
        case .date32:
            return .string(CivilDate(daysSinceEpoch: Int(a.buffers[1]!.load(fromByteOffset: i * 4, as: Int32.self))).description)
        case .date64:
            let ms = a.buffers[1]!.load(fromByteOffset: i * 8, as: Int64.self)
            return .string(CivilDate(daysSinceEpoch: Int(floorDivide(ms, 86_400_000))).description)
        case .timestamp(let perSecond):
            let units = a.buffers[1]!.load(fromByteOffset: i * 8, as: Int64.self)
            let seconds = floorDivide(units, perSecond)
            let day = floorDivide(seconds, 86_400), second = seconds - day * 86_400
            let date = CivilDate(daysSinceEpoch: Int(day)).description
            if second == 0 { return .string(date) }
            let time = String(format: "%02lld:%02lld:%02lld", second / 3600, second / 60 % 60, second % 60)
            return .string(date + "T" + time)
        case .dictionary(let index, let values):
            guard case .int(let id) = value(ArrowArray(length: a.length, null_count: 0, offset: a.offset, n_buffers: a.n_buffers, n_children: 0,
                                                       buffers: a.buffers, children: nil, dictionary: nil, release: nil, private_data: nil),
                                            type: index, at: row), let dictionary = a.dictionary else { return .null }
            return value(dictionary.pointee, type: values, at: Int(id))
        }
    }

    private static func text(_ data: UnsafeRawPointer?, from start: Int, to end: Int) -> String {
        guard let data, end > start else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: data + start, count: end - start), as: UTF8.self)
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
