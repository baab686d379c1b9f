import CTempFiles
import Foundation
import Frontier

/// Where a command writes: standard output, or a path checked by `CommandFiles` and written as
/// `OutputTarget` says. A file is replaced whole or not at all: written to a temporary file in the target's
/// folder (removed if the process is interrupted by SIGINT, SIGTERM or SIGHUP), given the permissions of
/// the file it replaces, and renamed into place by `commit`. A FIFO, a device or one of the process's own
/// descriptors is written straight. A failed write (a full disk, a closed pipe) is an error, never a trap.
final class OutputFile {
    /// The file asked for; nil for standard output.
    let path: String?
    let handle: FileHandle
    /// The temporary file and the one it becomes, while not committed.
    private var pending: (temporary: String, final: String, slot: Int32)?
    private var done = false
    /// The row writers on this output: stopped before the file is closed, so no writing thread of theirs is
    /// still writing to its descriptor (or to whatever takes the descriptor's number next).
    private var writers: [RowStreamWriter] = []

    /// Whether CSV cells that a spreadsheet would run as formulas are written neutralised (--csv-safe).
    nonisolated(unsafe) static var neutralisesFormulas = false

    init(_ path: String?) throws {
        self.path = path
        guard let path else {
            handle = .standardOutput
            return
        }
        guard CommandFiles.checkedOutputs.contains(path) else {
            throw CLIError("internal error: the output \(path) was not checked against the command's other files")
        }
        // Resolved again now: the check ran at start, and the path may have changed since.
        let target = try OutputTarget(path, flag: "output")
        switch target.kind {
        case .descriptor(let n):
            let fd = dup(n)
            guard fd >= 0 else { throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))") }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        case .straight(let device):
            let fd = open(device, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))") }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        case .replace(let final, let existing):
            let parts = PathParts(final), folder = parts.folder
            let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(parts.name).\(getpid()).tmp"
            // A file left under this name by an earlier process with the same id is stale: replaced.
            unlink(temporary)
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            guard fd >= 0 else {
                throw CLIError("cannot write \(path): cannot create a file in \(folder.isEmpty ? "." : folder) (\(String(cString: strerror(errno))))")
            }
            let slot = frontier_temp_remember(temporary)
            if let existing {
                // The replacement keeps the replaced file's permissions (and, where allowed, its owner).
                _ = fchmod(fd, existing.st_mode & 0o777)
                if existing.st_uid != geteuid() || existing.st_gid != getegid() { _ = fchown(fd, existing.st_uid, existing.st_gid) }
            }
            handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            pending = (temporary, final, slot)
        }
    }

    /// A row writer on this output, CSV cells neutralised under --csv-safe.
    func rows(format: RowStreamWriter.Format, columns: [String], bom: Bool = false) -> RowStreamWriter {
        let writer = RowStreamWriter(handle: handle, format: format, columns: columns, bom: bom, neutralisesFormulas: Self.neutralisesFormulas)
        writers.append(writer)
        return writer
    }

    func write(_ text: String) throws {
        try write(Data(text.utf8))
    }

    func write(_ bytes: Data) throws {
        do { try handle.write(contentsOf: bytes) } catch { throw failure(error) }
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

    /// Puts the file in place (written straight: closes it; standard output: nothing to do).
    func commit() throws {
        guard let path, !done else { return }
        done = true
        do { try handle.close() } catch { throw failure(error) }
        guard let pending else { return }
        defer { frontier_temp_forget(pending.slot) }
        guard rename(pending.temporary, pending.final) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(pending.temporary)
            throw CLIError("cannot write \(path): \(reason)")
        }
    }

    /// Writes one whole text and commits it.
    static func write(_ text: String, to path: String?) throws {
        let file = try OutputFile(path)
        try file.write(text)
        try file.commit()
    }

    /// Writes whole bytes (a GeoPackage made aside) and commits them.
    static func write(_ bytes: Data, to path: String?) throws {
        let file = try OutputFile(path)
        try file.write(bytes)
        try file.commit()
    }

    /// Writes a table in a row format and commits it.
    static func write(_ table: RecordTable, format: RowStreamWriter.Format, to path: String?) throws {
        let file = try OutputFile(path)
        try file.writing { _ in
            let rows = file.rows(format: format, columns: table.columns)
            for record in table.records { try rows.write(record) }
            try rows.finish()
        }
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
        // A writer not finished (a failure on the way) stops here, before the descriptor closes.
        for writer in writers { writer.abandon() }
        // Not committed: leave nothing half-written under any name.
        if let pending, !done {
            try? handle.close()
            unlink(pending.temporary)
            frontier_temp_forget(pending.slot)
        }
    }
}
