import Frontier

/// A failure to report to the user: printed as "Error: message", exit 1.
///
/// The message is one line that often quotes a path or a value from outside (a file name may hold a newline
/// or an escape sequence), so all of it is escaped as a value is (`MessageText`): no command writes a control
/// character into its own messages.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = MessageText.escaped(message) }
}
