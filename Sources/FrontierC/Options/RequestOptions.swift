import Foundation
import Frontier

/// A question's options as the C ABI receives them: one JSON object whose keys are the command line's flags
/// in snake_case (`any_country` for `--any-country`) and whose values are text, numbers, booleans or lists of
/// text. Each key is read once; a key no question reads is an error, so a misspelt option is never ignored.
final class RequestOptions {
    private let values: [String: Any]
    private var read: Set<String> = []

    /// - Throws: `OptionProblem` when the text is not a JSON object.
    init(json: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)), let dictionary = object as? [String: Any] else {
            throw OptionProblem(option: nil, message: "the request's options are not a JSON object")
        }
        values = dictionary
    }

    func text(_ key: String) throws -> String? {
        read.insert(key)
        switch values[key] {
        case nil, is NSNull: return nil
        case let s as String: return s
        default: throw OptionProblem(option: key, message: "takes text, not \(Self.describe(values[key]))")
        }
    }

    func flag(_ key: String) throws -> Bool {
        read.insert(key)
        switch values[key] {
        case nil, is NSNull: return false
        case let b as Bool where Self.isBoolean(values[key]): return b
        default: throw OptionProblem(option: key, message: "takes true or false, not \(Self.describe(values[key]))")
        }
    }

    func integer(_ key: String) throws -> Int? {
        read.insert(key)
        switch values[key] {
        case nil, is NSNull: return nil
        case let n as NSNumber where !Self.isBoolean(n) && n.doubleValue == n.doubleValue.rounded() && abs(n.doubleValue) < 1e15:
            return n.intValue
        default: throw OptionProblem(option: key, message: "takes a whole number, not \(Self.describe(values[key]))")
        }
    }

    func number(_ key: String) throws -> Double? {
        read.insert(key)
        switch values[key] {
        case nil, is NSNull: return nil
        case let n as NSNumber where !Self.isBoolean(n) && n.doubleValue.isFinite: return n.doubleValue
        default: throw OptionProblem(option: key, message: "takes a number, not \(Self.describe(values[key]))")
        }
    }

    /// Text or a list of text; a list is joined with commas, the command line's way of giving several
    /// (`within: ["10km", "25km"]` is the distances "10km,25km").
    func list(_ key: String) throws -> [String]? {
        read.insert(key)
        switch values[key] {
        case nil, is NSNull: return nil
        case let s as String: return [s]
        case let items as [Any]:
            return try items.map { item in
                guard let s = item as? String else { throw OptionProblem(option: key, message: "takes a list of text, not \(Self.describe(item))") }
                return s
            }
        default: throw OptionProblem(option: key, message: "takes text or a list of text, not \(Self.describe(values[key]))")
        }
    }

    /// A list of JSON objects (the parts' reports a finishing request adds up).
    func objects(_ key: String) throws -> [[String: Any]]? {
        read.insert(key)
        switch values[key] {
        case nil, is NSNull: return nil
        case let items as [Any]:
            return try items.map { item in
                guard let object = item as? [String: Any] else { throw OptionProblem(option: key, message: "takes a list of objects, not \(Self.describe(item))") }
                return object
            }
        default: throw OptionProblem(option: key, message: "takes a list of objects, not \(Self.describe(values[key]))")
        }
    }

    /// Fails on a key no reader asked for: a misspelling, or an option of another question.
    func checkAllRead(question: String) throws {
        let unknown = Set(values.keys).subtracting(read).sorted()
        if let first = unknown.first {
            let known = read.sorted().joined(separator: ", ")
            throw OptionProblem(option: first, message: "is not an option of \(question) (its options: \(known))")
        }
    }

    /// JSON's true and false, told apart from the numbers 1 and 0 (Foundation gives both as NSNumber, but
    /// only a JSON boolean is `Bool` by type).
    private static func isBoolean(_ value: Any?) -> Bool {
        guard let value else { return false }
        // A Bool that is not an NSNumber (none comes from JSONSerialization) is a boolean all the same.
        guard let number = value as? NSNumber else { return value is Bool }
        return value is Bool && String(cString: number.objCType) == "c"
    }

    private static func describe(_ value: Any?) -> String {
        switch value {
        case let s as String: return "the text '\(MessageText.escaped(s))'"
        case let b as Bool where isBoolean(b): return b ? "true" : "false"
        case let n as NSNumber: return "the number \(n)"
        case is [Any]: return "a list"
        case is [String: Any]: return "an object"
        default: return "null"
        }
    }
}

/// An option the caller gave wrongly: its name (snake_case) and what is wrong.
struct OptionProblem: Error, CustomStringConvertible {
    var option: String?
    var message: String
    var description: String { option.map { "\($0): \(message)" } ?? message }
}
