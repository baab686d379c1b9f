import Foundation
import FrontierBase

extension FileHandle {
    /// Up to `count` bytes (empty at the end). A failed read (a closed standard input, a directory, an I/O
    /// error) becomes an error that names the input and the reason, not Foundation's raw NSError.
    func readBlock(upTo count: Int, file: String) throws -> Data {
        do { return try read(upToCount: count) ?? Data() } catch { throw FileHandle.failure(error, file: file) }
    }

    /// Reads up to `count` bytes onto the end of `bytes`, as many as the input has (a pipe's short reads are
    /// read on, as `readBlock` does); returns how many (0 at the end). The bytes are read straight into a new
    /// array behind a copy of those held (a partial record, as a rule): a chunk's 4 MB were read into a block
    /// of their own and then copied, and that copy was a twentieth of a scan.
    /// - Throws: as `readBlock`, with `bytes` as they were.
    func read(upTo count: Int, appendingTo bytes: inout [UInt8], file: String) throws -> Int {
        let before = bytes.count
        var failure: Int32 = 0
        let grown = [UInt8](unsafeUninitializedCapacity: before + count) { buffer, initialized in
            _ = bytes.withUnsafeBufferPointer { buffer.initialize(fromContentsOf: $0) }
            var filled = before
            while filled < before + count {
                let n = Glibc.read(fileDescriptor, buffer.baseAddress! + filled, before + count - filled)
                if n > 0 { filled += n; continue }
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno }
                break
            }
            initialized = filled
        }
        if failure != 0 { throw FileHandle.failure(reason: String(cString: strerror(failure)), file: file) }
        let read = grown.count - before
        if read > 0 { bytes = grown }
        return read
    }

    private static func failure(_ error: Error, file: String) -> FrontierError {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError ?? error as NSError
        let reason = underlying.domain == NSPOSIXErrorDomain
            ? String(cString: strerror(Int32(underlying.code))) : underlying.localizedDescription
        return failure(reason: reason, file: file)
    }

    private static func failure(reason: String, file: String) -> FrontierError {
        .malformed(file: file == "-" ? "standard input" : file, line: 0, reason: "cannot be read: \(reason)")
    }
}
