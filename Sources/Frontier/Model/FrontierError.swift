/// Every failure the engine reports, as data: the file, line, field and value it concerns. The engine
/// never names command-line flags; the command line turns these into messages and adds its hints.
public enum FrontierError: Error, Equatable, CustomStringConvertible {
    /// The file cannot be opened for reading (no such file, no permission).
    case cannotOpen(file: String)
    /// The file's text breaks its format at `line` (0: the file as a whole).
    case malformed(file: String, line: Int, reason: String)
    /// The input lacks the columns that hold these fields.
    case missingColumns(file: String, fields: [IncidentFields.Role], names: [String], found: [String])
    /// A column named by the caller (a filter, a split) is not in the input.
    case unknownColumn(file: String, column: String, found: [String])
    /// Output could not be written.
    case cannotWrite(file: String, reason: String)
    /// Rows were rejected in strict mode: nothing was written.
    case strictRejection(file: String, rejected: Int)
    /// Data that cannot be used as asked (a store from another layout, ids that clash, …).
    case invalid(file: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let file): return "\(file): cannot open for reading (no such file or no permission)"
        case .malformed(let file, let line, let reason): return line > 0 ? "\(file):\(line): \(reason)" : "\(file): \(reason)"
        case .missingColumns(let file, _, let names, let found):
            return "\(file): no \(names.map { "'\($0)'" }.joined(separator: " or ")) column; columns found: "
                + found.joined(separator: ", ")
        case .unknownColumn(let file, let column, let found):
            return "\(file): no column '\(column)'; columns found: \(found.joined(separator: ", "))"
        case .cannotWrite(let file, let reason): return "cannot write \(file): \(reason)"
        case .strictRejection(let file, let rejected):
            return "\(file): \(rejected) rows rejected in strict mode: nothing imported, the store is unchanged"
        case .invalid(let file, let reason): return "\(file): \(reason)"
        }
    }
}
