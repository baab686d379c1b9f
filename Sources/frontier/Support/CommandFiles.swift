import Foundation
import Frontier

/// The files a command names on its command line, each with its role, checked together before the command
/// does any work (`EngineCommand.run`). Every output must be writable (`OutputTarget`), and an output that
/// replaces a file may be neither a file the run reads (the incidents, a --regions layer, the store it
/// imports into) nor another output, however the two are spelled (`./x`, links, hard links): the run would
/// destroy its own input or lose one of its outputs. A FIFO or a device such as /dev/null is written
/// straight, never replaced, so it may be named twice. `OutputFile` opens only outputs checked here, so a
/// command that forgot to name one fails at once rather than writing unchecked.
struct CommandFiles {
    /// A file the run reads (or, for a store, reads and updates in place).
    struct Input {
        let path: String
        /// How a refusal names it: "the incidents this command reads".
        let role: String
    }

    /// A file the run writes, named by `flag`.
    struct Output {
        let path: String
        let flag: String
    }

    var inputs: [Input] = []
    var outputs: [Output] = []

    init(inputs: [Input] = [], outputs: [Output] = []) {
        self.inputs = inputs
        self.outputs = outputs
    }

    /// The output named by `flag`, when given.
    static func output(_ path: String?, flag: String) -> CommandFiles {
        CommandFiles(outputs: path.map { [Output(path: $0, flag: flag)] } ?? [])
    }

    /// An input file, when given and a file (not standard input or a database URL).
    static func input(_ path: String?, role: String) -> CommandFiles {
        guard let path, path != "-", !DatabaseURL.isURL(path) else { return CommandFiles() }
        return CommandFiles(inputs: [Input(path: path, role: role)])
    }

    static func + (a: CommandFiles, b: CommandFiles) -> CommandFiles {
        CommandFiles(inputs: a.inputs + b.inputs, outputs: a.outputs + b.outputs)
    }

    /// Paths checked by `check`: the outputs `OutputFile` may open in this process.
    nonisolated(unsafe) private(set) static var checkedOutputs: Set<String> = []

    /// Refuses, as a usage error, an output that cannot be written or that is an input or another output.
    func check() throws {
        let inputIdentities = inputs.map { (FileIdentity($0.path), $0) }
        var written: [(FileIdentity, Output)] = []
        for output in outputs {
            let target = try OutputTarget(output.path, flag: output.flag)
            guard let identity = target.identity else { continue }
            if let (_, input) = inputIdentities.first(where: { $0.0 == identity }) {
                throw UsageError("\(output.flag) \(output.path) is \(input.role); name another file")
            }
            if let (_, other) = written.first(where: { $0.0 == identity }) {
                throw UsageError("\(output.flag) \(output.path) is the same file as \(other.flag) \(other.path); name another file for one of them")
            }
            written.append((identity, output))
        }
        Self.checkedOutputs.formUnion(outputs.map(\.path))
    }
}

/// A usage error found after parsing (the files named clash): "Error: …" and exit 64, as
/// swift-argument-parser's own usage errors.
/// Escaped whole, as `CLIError` is.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = MessageText.escaped(message) }
}
