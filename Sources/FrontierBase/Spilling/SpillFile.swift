import Foundation

/// Plain values kept on disk instead of in memory: an unnamed temporary file in `folder` (made with a unique
/// name and unlinked at once, so nothing is left behind however the process ends), appended to in blocks and
/// read back by position. The file is made by the first block written; the values are written as their bytes.
///
/// What holds something per incident and must stay within a fixed memory whatever the input's size spills
/// through this: a sort's runs (`SpillingSort`), a map's incident positions (`MapPositions`). One thread uses a file.
public final class SpillFile<Element: BitwiseCopyable> {
    private let folder: String
    /// What spills, for the error message ("a sort", "a map's incident positions").
    private let purpose: String
    private var fd: Int32 = -1
    /// How many elements are written.
    public private(set) var count = 0

    /// - Parameters:
    ///   - folder: where the file is made.
    ///   - purpose: what spills, as a write error names it ("a sort").
    public init(folder: String, purpose: String) {
        self.folder = folder
        self.purpose = purpose
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Writes `elements` after those written before.
    /// - Returns: the position of the first of them (`read(from:count:)`'s `start`).
    /// - Throws: `FrontierError.cannotWrite` naming the folder when the file cannot be made or written (a full
    ///   disk, a folder that is missing or read-only).
    @discardableResult
    public func append(_ elements: [Element]) throws -> Int {
        if fd < 0 { fd = try unnamedFile() }
        let stride = MemoryLayout<Element>.stride
        let start = count
        try elements.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let n = pwrite(fd, base + offset, bytes.count - offset, off_t(start * stride + offset))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw failure(n < 0 ? errno : ENOSPC) }
                offset += n
            }
        }
        count += elements.count
        return start
    }

    /// Reads `count` elements from element `start` of the file.
    /// - Throws: `FrontierError.cannotWrite` naming the folder when the file cannot be read back.
    public func read(from start: Int, count: Int) throws -> [Element] {
        let stride = MemoryLayout<Element>.stride
        guard count > 0 else { return [] }
        return try [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
            let bytes = UnsafeMutableRawBufferPointer(buffer)
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < count * stride {
                let n = pread(fd, base + offset, count * stride - offset, off_t(start * stride + offset))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw failure(n < 0 ? errno : EIO) }
                offset += n
            }
            initialized = count
        }
    }

    private func failure(_ code: Int32) -> FrontierError {
        .cannotWrite(file: folder, reason: "\(purpose) spilled to the disk: \(String(cString: strerror(code)))")
    }

    /// A file that has no name from the start: made with a unique name and unlinked at once.
    private func unnamedFile() throws -> Int32 {
        var template = Array("\(folder)/.frontier-spill-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw failure(errno) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return fd
    }
}
