/// A failure to report to the user: printed as "Error: message", exit 1.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
