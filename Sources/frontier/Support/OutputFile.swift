import Foundation

/// Where a command writes: standard output, or a file that appears whole or not at all (written to a
/// temporary file beside it and renamed into place by `commit`). Every command's `--out`, `--rejects` and
/// `--mismatches` go through here. A failed write (a full disk, a closed pipe) is an error, never a trap.
final class OutputFile {
    /// The file asked for; nil for standard output.
    let path: String?
    let handle: FileHandle
    private let temporary: String?
    private var done = false

    /// Files this run reads: an output naming one of them would replace the data being read.
    nonisolated(unsafe) private static var inputs: [String] = []

    static func protect(_ input: String) { inputs.append(input) }

    /// True when both paths name one existing file (links and `./x` included): same device and inode.
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    init(_ path: String?) throws {
        self.path = path
        guard let path else {
            handle = .standardOutput
            temporary = nil
            return
        }
        if let input = Self.inputs.first(where: { Self.sameFile($0, path) }) {
            throw CLIError("cannot write \(path): it is \(input), which this command reads; name another output file")
        }
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp").path
        guard FileManager.default.createFile(atPath: temp, contents: nil), let h = FileHandle(forWritingAtPath: temp) else {
            throw CLIError("cannot write \(path): cannot create a file in \(url.deletingLastPathComponent().path)")
        }
        handle = h
        temporary = temp
    }

    func write(_ text: String) throws {
        do { try handle.write(contentsOf: Data(text.utf8)) } catch { throw failure(error) }
    }

    /// Runs a body that writes to `handle`, turning a failed write into a clear error (the body's own
    /// errors pass as they are).
    func writing<T>(_ body: (FileHandle) throws -> T) throws -> T {
        do { return try body(handle) } catch {
            let ns = error as NSError
            if error is CocoaError || ns.domain == NSPOSIXErrorDomain || ns.domain == NSCocoaErrorDomain { throw failure(error) }
            throw error
        }
    }

    /// Puts the file in place (standard output: nothing to do).
    func commit() throws {
        guard let temporary, let path, !done else { return }
        done = true
        do { try handle.close() } catch { throw failure(error) }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CLIError("cannot write \(path): \(reason)")
        }
    }

    /// Writes one whole text and commits it.
    static func write(_ text: String, to path: String?) throws {
        let file = try OutputFile(path)
        try file.write(text)
        try file.commit()
    }

    /// "cannot write PATH: No space left on device": the system's words for the cause, not Foundation's wrapper.
    func failure(_ error: Error) -> CLIError {
        let ns = error as NSError
        let cause = ns.userInfo[NSUnderlyingErrorKey] as? NSError ?? ns
        let reason = cause.domain == NSPOSIXErrorDomain ? String(cString: strerror(Int32(cause.code))) : cause.localizedDescription
        return CLIError("cannot write \(path ?? "standard output"): \(reason)")
    }

    deinit {
        // Not committed (a failure on the way): leave nothing half-written under any name.
        if let temporary, !done {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
