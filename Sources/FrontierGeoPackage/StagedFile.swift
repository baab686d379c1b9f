import Foundation
import FrontierBase

/// A new file written beside the name it will have and given that name only when complete, so that nothing
/// half-written is ever found under the name: a failed or interrupted import of a new store leaves no store.
/// The file is `.NAME.PID.tmp` in the same folder (a rename never crosses file systems); `discard` removes it,
/// and a caller that handles signals removes it on SIGINT/SIGTERM (`IncidentStore.temporaryPath`).
final class StagedFile {
    /// The name the file will have.
    let final: String
    /// Where it is written meanwhile.
    let temporary: String
    /// The folder of both ("." for a bare name).
    let folder: String
    private(set) var placed = false
    /// Signalled when the early flush (`startFlushing`) is done.
    private var flushing: DispatchSemaphore?

    /// Creates the empty temporary file, refusing to open one that exists (a stale one of an earlier process
    /// with this id is removed first).
    /// - Throws: `FrontierError.cannotWrite` when the folder takes no new file.
    init(beside final: String) throws {
        self.final = final
        let url = URL(fileURLWithPath: final)
        let parent = (final as NSString).deletingLastPathComponent
        folder = parent.isEmpty ? "." : parent
        temporary = (parent.isEmpty ? "" : parent + "/") + ".\(url.lastPathComponent).\(getpid()).tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw FrontierError.cannotWrite(file: final, reason: "cannot create a file in \(folder) (\(String(cString: strerror(errno))))")
        }
        close(fd)
    }

    /// Starts writing what the file holds so far to the disk on another thread, so that the disk works while
    /// the caller still computes (a new store's R-tree and date index): the flush in `putInPlace` then has only
    /// the rest to write. A failure here is left to that flush to find.
    func startFlushing() {
        guard flushing == nil else { return }
        let done = DispatchSemaphore(value: 0)
        flushing = done
        let path = temporary
        Thread.detachNewThread {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd >= 0 { _ = fdatasync(fd); close(fd) }
            done.signal()
        }
    }

    /// Flushes the complete file to the disk and gives it its name, never replacing a file that appeared under
    /// that name meanwhile; then flushes the folder, so that the name outlasts a crash.
    /// - Returns: nil, or a warning when the folder could not be flushed (the file is in place regardless).
    /// - Throws: `FrontierError.cannotWrite` (the temporary file is then removed).
    func putInPlace() throws -> String? {
        precondition(!placed, "a staged file is put in place once")
        waitForFlush()
        do {
            try sync(temporary)
            // link() fails when the name exists: no store that appeared during the import is replaced. A file
            // system without hard links gets rename() after the same check.
            if link(temporary, final) != 0 {
                let reason = errno
                guard reason != EEXIST else {
                    throw FrontierError.cannotWrite(file: final, reason: "a file of that name appeared while the import ran; the import is not stored")
                }
                guard reason == EPERM || reason == ENOTSUP || reason == EOPNOTSUPP || reason == EMLINK,
                      !FileManager.default.fileExists(atPath: final), rename(temporary, final) == 0 else {
                    throw FrontierError.cannotWrite(file: final, reason: String(cString: strerror(reason)))
                }
            } else {
                unlink(temporary)
            }
        } catch {
            discard()
            throw error
        }
        placed = true
        do { try sync(folder) } catch {
            return "the store is complete, but its folder could not be flushed to the disk (\(error)); a crash now might lose its name"
        }
        return nil
    }

    /// Removes the temporary file (nothing was ever under the final name). Harmless once placed.
    func discard() {
        guard !placed else { return }
        unlink(temporary)
        waitForFlush()
    }

    /// Waits for the early flush, once: no thread of this file outlives putting it in place or discarding it.
    private func waitForFlush() {
        flushing?.wait()
        flushing = nil
    }

    private func sync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FrontierError.cannotWrite(file: final, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw FrontierError.cannotWrite(file: final, reason: String(cString: strerror(errno))) }
    }
}
