import Foundation
import FrontierBase

extension FileHandle {
    /// Up to `count` bytes (empty at the end). A failed read (a closed standard input, a directory, an I/O
    /// error) becomes an error that names the input and the reason, not Foundation's raw NSError.
    func readBlock(upTo count: Int, file: String) throws -> Data {
        do { return try read(upToCount: count) ?? Data() } catch { throw FileHandle.failure(error, file: file) }
    }

    private static func failure(_ error: Error, file: String) -> FrontierError {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError ?? error as NSError
        let reason = underlying.domain == NSPOSIXErrorDomain
            ? String(cString: strerror(Int32(underlying.code))) : underlying.localizedDescription
        return .malformed(file: file == "-" ? "standard input" : file, line: 0, reason: "cannot be read: \(reason)")
    }
}
