import Foundation
import Frontier

/// An engine error as the C ABI reports it: its message, and the file, line, field and value it names where
/// it names them, so a caller can point at the bad input without parsing the message.
enum ErrorFields {
    /// - Parameter question: the question asked, which decides the keyword some problems are about.
    static func fields(of error: Error, question: String) -> [String: Any] {
        var fields: [String: Any] = ["kind": "error", "message": "\(error)"]
        guard let error = error as? FrontierError else { return fields }
        switch error {
        case .malformed(let file, let line, _):
            fields["file"] = file
            fields["line"] = line
        case .cannotOpen(let file), .invalid(let file, _), .cannotWrite(let file, _):
            fields["file"] = file
        case .missingColumns(let file, _, let names, _):
            fields["file"] = file
            fields["field"] = names.joined(separator: ", ")
        case .unknownColumn(let file, let column, _):
            fields["file"] = file
            fields["field"] = column
        case .badValue(let kind, let value, _):
            fields["field"] = kind.rawValue
            fields["value"] = value
        case .everyRowRejected(let file, _):
            fields["file"] = file
            fields["kind"] = "rejected"
        case .strictRejection(let file, _), .rejectedWhenStrict(let file, _):
            // Not "rejected": a caller reading parts skips a part whose every row was rejected, never a strict failure.
            fields["file"] = file
            fields["kind"] = "strict"
        case .request(let problem):
            fields["kind"] = "request"
            // Named as an option given wrongly is: the keyword, then what is wrong with it.
            if let keyword = ProblemKeyword.keyword(problem, question: question) {
                fields["option"] = keyword
                fields["message"] = "\(keyword): \(error)"
            }
        default:
            break
        }
        return fields
    }
}

/// JSON text of a report (JSONSerialization's, keys sorted so a report reads the same each time).
enum JSONText {
    static func encode(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return #"{"error":{"kind":"error","message":"the report could not be written as JSON"}}"#
        }
        return String(decoding: data, as: UTF8.self)
    }
}
