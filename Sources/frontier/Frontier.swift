import ArgumentParser
import CProcessMemory
import Foundation
import Frontier

@main
struct FrontierCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frontier",
        abstract: "Border-region incident analysis over PROJ and GEOS.",
        discussion: """
        Frontier answers questions about incidents along Afghanistan's frontiers with the boundaries \
        bundled in GeoData: OpenStreetMap's country outlines with Natural Earth's admin-1 regions fitted to \
        them, and the border lines the neighbours share (--boundaries natural-earth: Frontier 0.1's set).

        Quick start: frontier regions --country AFG

        GeoData is looked for in --geodata DIR, else $FRONTIER_GEODATA, else ../share/frontier/GeoData beside \
        the program's real path (an installed frontier), else the source tree it was built from; \
        frontier --version names the folder in use. Shell completion: frontier --generate-completion-script \
        bash|zsh|fish (installed by make install and the Debian package); a manual page per command: \
        man frontier-near.
        """,
        version: VersionText.text,
        subcommands: [RegionsCommand.self, BordersCommand.self, JoinCommand.self, NearCommand.self, BufferCommand.self, AggregateCommand.self, HotspotsCommand.self, TrendsCommand.self, MatchCommand.self, MapCommand.self, ImportCommand.self, StoreCommand.self, DbCommand.self, SynthCommand.self, GeoDataCommand.self]
    )

    /// Text that swift-argument-parser prints (help, version, usage) goes through C's stdout buffer, flushed
    /// at exit: a flush that fails (a closed or full standard output) is said and is exit 1, never a silent 0.
    static func main() {
        // Before any thread allocates (see CProcessMemory.h): memory one thread frees is reused by the next.
        _ = frontier_use_one_malloc_arena()
        atexit {
            if fflush(nil) != 0 {
                let reason = String(cString: strerror(errno))
                let message = Array("Error: cannot write standard output: \(reason)\n".utf8)
                _ = message.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
                _exit(1)
            }
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(printing: error)
        }
    }

    /// swift-argument-parser's own exit (help and version on stdout, an error and its usage on stderr, its
    /// exit code), with the error text made printable: a message may echo a value from a file or a flag.
    private static func exit(printing error: Error) -> Never {
        let code = exitCode(for: error)
        let text = fullMessage(for: error)
        if code == .success {
            if !text.isEmpty { print(text) }
        } else if !text.isEmpty {
            Diagnostics.note(text)
        }
        Self.exit(withError: code == .success ? nil : ExitCode(code.rawValue))
    }
}
