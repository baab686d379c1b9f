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
